package dev.tpsync.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry points, registration idioms and region markers the contexts start from. Kept as
 * data so configuration can add an architecture's NMI handler or a driver's idle region
 * without code.
 *
 * @param nmiEntryFunctions    functions that run in NMI by definition (exc_nmi, PMU handlers)
 * @param callbackRegistrations calls that make a function a callback of a known caller
 * @param callbackFields       struct members whose stored function is called by a known caller
 * @param probeTemplates       #define bodies that generate a probe per event class
 * @param notWatchingRegions   extra (enter, exit) call pairs that bracket RCU-not-watching code
 * @param contextBoundaries    functions a context does not flow through: they never run the
 *                             rest of their callees in that context (NMI never schedules; a
 *                             printk from NMI defers the console to irq_work; panic ends it all)
 */
public record ContextSpec(List<String> nmiEntryFunctions, List<CallbackRegistration> callbackRegistrations,
                          List<CallbackField> callbackFields, List<ProbeTemplate> probeTemplates,
                          List<RegionMarkers> notWatchingRegions, List<String> contextBoundaries) {

    public ContextSpec {
        nmiEntryFunctions = List.copyOf(nmiEntryFunctions);
        callbackRegistrations = List.copyOf(callbackRegistrations);
        callbackFields = List.copyOf(callbackFields);
        probeTemplates = List.copyOf(probeTemplates);
        notWatchingRegions = List.copyOf(notWatchingRegions);
        contextBoundaries = List.copyOf(contextBoundaries);
    }

    /**
     * {@code registrar(..., fn, ...)} makes {@code fn} a callback invoked from {@code invokedFrom}.
     * An empty {@code invokedFrom} means "a probe of the tracepoint named by the registrar".
     */
    public record CallbackRegistration(String registrar, int functionArgument, String invokedFrom) {
    }

    /** {@code x->field = fn} / {@code .field = fn} makes {@code fn} a callback of {@code invokedFrom}. */
    public record CallbackField(String field, String invokedFrom) {
    }

    /** A #define body generating {@code prefix<class>} probes (include/trace/perf.h and friends). */
    public record ProbeTemplate(String macro, String generatedPrefix, String fileSuffix) {
    }

    /** Calls that open and close a region where RCU is not watching. */
    public record RegionMarkers(String enter, String exit) {
    }

    /** The kernel's own entry points and idioms as of 4.19 .. 7.0. */
    public static ContextSpec kernelDefaults() {
        return new ContextSpec(
            // Named entries; PMU handlers are reached through register_nmi_handler(), and other
            // architectures' NMI paths through their nmi_enter() calls.
            List.of("exc_nmi", "exc_nmi_noist", "do_nmi"),
            List.of(
                new CallbackRegistration("register_nmi_handler", 1, "nmi_handle"),
                new CallbackRegistration("__register_nmi_handler", 1, "nmi_handle"),
                new CallbackRegistration("tracepoint_probe_register", 1, ""),
                new CallbackRegistration("tracepoint_probe_register_prio", 1, ""),
                new CallbackRegistration("tracepoint_probe_register_prio_may_exist", 1, ""),
                new CallbackRegistration("register_trace_", 0, "")),
            List.of(new CallbackField("overflow_handler", "__perf_event_overflow")),
            List.of(new ProbeTemplate("DECLARE_EVENT_CLASS", "perf_trace_", "include/trace/perf.h"),
                new ProbeTemplate("DECLARE_EVENT_CLASS", "trace_event_raw_event_", "include/trace/trace_events.h"),
                new ProbeTemplate("__BPF_DECLARE_TRACE", "__bpf_trace_", "include/trace/bpf_probe.h")),
            List.of(),
            List.of(
                // The scheduler: reached through preempt_enable(), never taken in NMI or idle.
                "schedule", "__schedule", "preempt_schedule", "preempt_schedule_notrace", "preempt_schedule_irq",
                "__preempt_schedule", "__preempt_schedule_notrace", "preempt_schedule_common", "context_switch",
                "switch_to", "__switch_to", "__switch_to_asm", "schedule_timeout", "schedule_preempt_disabled",
                "_cond_resched", "__cond_resched", "__might_sleep", "__might_resched", "io_schedule",
                // Fatal paths: whatever they call runs once, on the way down.
                "panic", "nmi_panic", "die", "oops_end", "__die", "__warn", "warn_slowpath_fmt", "__warn_printk",
                "report_bug", "dump_stack", "dump_stack_lvl", "show_regs", "__show_regs", "show_stack",
                "emergency_restart", "machine_restart", "kernel_restart", "crash_kexec", "__crash_kexec",
                // printk from NMI/idle stores the record and defers console output to irq_work.
                "vprintk_emit", "console_unlock", "console_flush_all", "console_trylock_spinning",
                "wake_up_klogd", "defer_console_output"));
    }

    /** This spec plus configured additions. */
    public ContextSpec plus(List<String> moreNmiEntries, List<RegionMarkers> moreRegions) {
        List<String> entries = new ArrayList<>(nmiEntryFunctions);
        entries.addAll(moreNmiEntries);
        List<RegionMarkers> regions = new ArrayList<>(notWatchingRegions);
        regions.addAll(moreRegions);
        return new ContextSpec(entries, callbackRegistrations, callbackFields, probeTemplates, regions,
            contextBoundaries);
    }
}
