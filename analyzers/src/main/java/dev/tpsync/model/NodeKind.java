package dev.tpsync.model;

/** What a call-graph node stands for. */
public enum NodeKind {
    /** A C function (ordinary or macro-headed). */
    FUNCTION,
    /** The body of a function-like #define. */
    MACRO,
    /** A tracepoint: {@code trace_<name>()} leads here, and it leads to __DO_TRACE and its probes. */
    TRACEPOINT,
    /** A probe generated from a template for one event class, e.g. {@code perf_trace_nmi_handler}. */
    PROBE,
    /**
     * A node whose definition a patch removed or changed (the changed definition is a new node):
     * a rebuilt model keeps node ids, so the old id stays, without name lookup or edges.
     */
    REMOVED
}
