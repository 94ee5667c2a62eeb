package dev.tpsync.c.structure;

/**
 * A tracepoint declaration: {@code DECLARE_TRACE(name, ...)}, {@code TRACE_EVENT(name, ...)},
 * {@code DEFINE_EVENT(class, name, ...)} and their variants.
 *
 * @param name       the tracepoint (generates {@code trace_<name>()})
 * @param eventClass the event class whose probe templates serve it; equal to {@code name} for
 *                   {@code TRACE_EVENT}, empty for a bare {@code DECLARE_TRACE}
 * @param macro      the declaring macro
 */
public record TracepointDecl(String name, String eventClass, String macro, String file, int line) {

    public boolean hasEventClass() {
        return !eventClass.isEmpty();
    }
}
