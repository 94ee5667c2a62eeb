package dev.tpsync.model;

/** Why one node leads to another; each kind has its own confidence. */
public enum EdgeKind {
    /** A direct call by name. */
    CALL,
    /** An invocation of a function-like macro. */
    MACRO,
    /** A function registered as a callback (register_nmi_handler, overflow_handler). */
    CALLBACK,
    /** A {@code trace_<tp>()} call reaching the tracepoint. */
    TRACEPOINT,
    /** A {@code trace_<tp>_rcuidle()} call: the caller runs where RCU may not be watching. */
    TRACEPOINT_RCUIDLE,
    /** A tracepoint running one of its probes (generated or registered). */
    PROBE,
    /** A tracepoint running __DO_TRACE. */
    DO_TRACE;

    private static final java.util.List<EdgeKind> BY_ORDINAL = java.util.List.of(values());

    /** The kind with this ordinal; unlike {@code values()[i]} it does not copy the array each time. */
    static EdgeKind ofOrdinal(int ordinal) {
        return BY_ORDINAL.get(ordinal);
    }

    /** True when the target is only known through registration, not a name at the call. */
    public boolean isIndirect() {
        return this == CALLBACK || this == PROBE;
    }
}
