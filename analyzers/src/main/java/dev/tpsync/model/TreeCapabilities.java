package dev.tpsync.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which read-side primitives the analysed tree offers, found by what it defines (srcu.h,
 * rcupdate_trace.h), not by a version table: a suggestion must never name an API the tree
 * does not have (6.1 lacks srcu_read_lock_nmisafe, 6.12 has it).
 */
public record TreeCapabilities(boolean srcuFast, boolean srcuLite, boolean srcuNmiSafe, boolean rcuTasksTrace,
                               boolean tracepointSynchronizeUnregister) {

    /** The definitions the capabilities are read from (a set: every function of a tree is asked about). */
    public static final Set<String> DEFINITIONS = Set.of("srcu_read_lock_fast", "srcu_read_lock_lite",
        "srcu_read_lock_nmisafe", "rcu_read_lock_trace", "tracepoint_synchronize_unregister");

    public static TreeCapabilities of(CodeModel model) {
        return new TreeCapabilities(model.defines("srcu_read_lock_fast"), model.defines("srcu_read_lock_lite"),
            model.defines("srcu_read_lock_nmisafe"), model.defines("rcu_read_lock_trace"),
            model.defines("tracepoint_synchronize_unregister"));
    }

    /** Cheaper read sides for a hot tracepoint path, best first. */
    public List<String> hotPathAlternatives() {
        List<String> out = new ArrayList<>();
        if (srcuFast) {
            out.add("srcu_read_lock_fast() (no smp_mb(), NMI-safe; RCU must be watching)");
        }
        if (srcuLite) {
            out.add("srcu_read_lock_lite() (no read-side smp_mb(); RCU must be watching)");
        }
        if (rcuTasksTrace) {
            out.add("rcu_read_lock_trace()");
        }
        out.add("a preemption-disabled section with synchronize_rcu() on the update side");
        return out;
    }

    /** Read sides that are safe in NMI. */
    public List<String> nmiSafeAlternatives() {
        List<String> out = new ArrayList<>();
        if (srcuFast) {
            out.add("srcu_read_lock_fast()");
        }
        if (srcuNmiSafe) {
            out.add("srcu_read_lock_nmisafe() (never mixed with plain readers of the same srcu_struct)");
        }
        out.add("a preemption-disabled (RCU-sched) section with synchronize_rcu() on the update side");
        return out;
    }
}
