package dev.tpsync.c.structure;

/**
 * One synchronization event inside a body, in source order.
 *
 * @param kind      what it does
 * @param primitive the exact primitive, e.g. {@code srcu_read_lock_notrace} or {@code guard(rcu)}
 * @param line      1-based line
 * @param column    1-based column
 * @param argument  the first argument's text (the srcu_struct, the tracepoint name for
 *                  {@link SyncKind#TRACEPOINT_CALL}), or empty
 * @param guard     the condition of the innermost enclosing {@code if}, or empty
 * @param condition the enclosing {@code #if} conditions joined with {@code &&}, or empty
 */
public record SyncEvent(SyncKind kind, String primitive, int line, int column, String argument, String guard,
                        String condition) {

    /** True for {@code trace_foo_rcuidle()}. */
    public boolean isRcuidleTracepoint() {
        return kind == SyncKind.TRACEPOINT_CALL && primitive.endsWith("_rcuidle");
    }

    /** For a tracepoint call, the tracepoint's name without {@code trace_} and {@code _rcuidle}. */
    public String tracepointName() {
        return argument;
    }
}
