package dev.tpsync.model;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import java.util.List;
import java.util.Optional;

/**
 * What a tree's {@code __DO_TRACE} does around its probe calls: whether it knows the
 * rcuidle state, protects rcuidle callers with SRCU, makes RCU watch, and whether the probe
 * call passes the state on (the seed thread's point: it does not).
 *
 * @param definition        the __DO_TRACE macro body
 * @param rcuidleParameter  the macro has an {@code rcuidle} parameter
 * @param srcuReadLock      the SRCU read side it takes, if any
 * @param watchStep         the "make RCU watch" call (ct_irq_enter_irqson), if any
 * @param probeCall         the call that runs the probes (__DO_TRACE_CALL, static_call, it_func)
 */
public record TracepointMachinery(FunctionDef definition, boolean rcuidleParameter, Optional<SyncEvent> srcuReadLock,
                                  Optional<SyncEvent> watchStep, Optional<CallSite> probeCall) {

    /** True when rcuidle is known here but the probe call does not pass it down. */
    public boolean losesRcuidle() {
        return rcuidleParameter && probeCall.isPresent() && !probeCall.get().argsText().contains("rcuidle");
    }

    /** True when the watch step is taken only for rcuidle callers, before the probes run. */
    public boolean watchesForRcuidleProbes() {
        return watchStep.isPresent() && probeCall.isPresent() && watchStep.get().line() <= probeCall.get().line();
    }

    static Optional<TracepointMachinery> of(FunctionDef doTrace) {
        boolean rcuidle = doTrace.params().contains("rcuidle");
        Optional<SyncEvent> srcu = first(doTrace.events(), SyncKind.SRCU_READ_LOCK);
        Optional<SyncEvent> watch = first(doTrace.events(), SyncKind.RCU_WATCH_ENTER);
        Optional<CallSite> probe = doTrace.calls().stream().filter(TracepointMachinery::runsProbes).findFirst();
        if (probe.isEmpty()) {
            probe = doTrace.calls().stream().filter(CallSite::indirect).findFirst();
        }
        return Optional.of(new TracepointMachinery(doTrace, rcuidle, srcu, watch, probe));
    }

    private static boolean runsProbes(CallSite call) {
        String c = call.callee();
        return c.startsWith("__DO_TRACE_CALL") || c.startsWith("__traceiter") || c.equals("static_call")
            || c.equals("it_func");
    }

    private static Optional<SyncEvent> first(List<SyncEvent> events, SyncKind kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst();
    }
}
