package dev.tpsync.c.structure;

/** How a body came to be a function in the model. */
public enum FunctionKind {
    /** An ordinary C function definition. */
    FUNCTION,
    /** A function whose header is a macro, e.g. {@code DEFINE_IDTENTRY_RAW(exc_nmi)} or {@code SYSCALL_DEFINE3(ioctl, ...)}. */
    MACRO_DEFINED,
    /** The body of a function-like {@code #define}, analysed as a pseudo-function (e.g. {@code __DO_TRACE}). */
    MACRO_BODY
}
