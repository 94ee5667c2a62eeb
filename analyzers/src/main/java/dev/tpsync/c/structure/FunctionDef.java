package dev.tpsync.c.structure;

import java.util.List;

/**
 * A function (or pseudo-function) found by the structure pass.
 *
 * @param name       the function's name; for {@code SYSCALL_DEFINEn(foo, ...)} it is {@code sys_foo}
 * @param kind       ordinary, macro-defined header, or #define body
 * @param file       the file, relative to the tree root
 * @param line       the line of the name
 * @param endLine    the line of the closing brace (or the end of the #define)
 * @param attributes qualifiers and attributes seen in the header: static, noinstr, __always_inline, ...
 * @param macro      for {@link FunctionKind#MACRO_DEFINED}, the header macro; otherwise empty
 * @param params     parameter names for #define bodies; empty for C functions
 * @param generates  for a #define body that defines a function, its name pattern, e.g.
 *                   {@code perf_trace_##call}; otherwise empty
 * @param condition  the {@code #if} conditions around the definition, or empty
 * @param calls      call sites in source order
 * @param events     sync events in source order
 */
public record FunctionDef(String name, FunctionKind kind, String file, int line, int endLine,
                          List<String> attributes, String macro, List<String> params, String generates, String condition,
                          List<CallSite> calls, List<SyncEvent> events) {

    public FunctionDef {
        attributes = List.copyOf(attributes);
        params = List.copyOf(params);
        // Facts read from the cache for a review decode their calls when first read (DeferredCalls).
        calls = calls instanceof DeferredCalls ? calls : List.copyOf(calls);
        events = List.copyOf(events);
    }

    /** For {@code perf_trace_##call}: the fixed part before the paste, {@code perf_trace_}. */
    public String generatedPrefix() {
        int paste = generates.indexOf("##");
        return paste < 0 ? generates : generates.substring(0, paste);
    }

    public boolean isStatic() {
        return attributes.contains("static");
    }

    public boolean hasAttribute(String attribute) {
        return attributes.contains(attribute);
    }

    /** True when {@code line} lies inside this function's span. */
    public boolean spans(int someLine) {
        return someLine >= line && someLine <= endLine;
    }
}
