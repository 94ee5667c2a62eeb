package dev.tpsync.rules.builtin;

/**
 * Where perf and tracing glue lives in a kernel tree. nmi-perf-rcu judges RCU use only there:
 * elsewhere an RCU reader reached from NMI is the NMI handler's own business (and usually
 * fine: RCU watches after nmi_enter()), while the seed thread's problem is perf's glue.
 */
final class KernelAreas {

    private KernelAreas() {
    }

    static boolean isPerfOrTracingGlue(String file) {
        return file.startsWith("kernel/events/")
            || file.startsWith("kernel/trace/")
            || file.startsWith("include/trace/")
            || file.equals("include/linux/perf_event.h")
            || file.equals("include/linux/tracepoint.h")
            || file.equals("include/linux/trace_events.h")
            || (file.startsWith("arch/") && file.contains("/events/"));
    }
}
