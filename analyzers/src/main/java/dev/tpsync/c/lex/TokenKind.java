package dev.tpsync.c.lex;

/** The kinds of token the kernel-C lexer produces. */
public enum TokenKind {
    IDENTIFIER,
    NUMBER,
    STRING,
    CHAR,
    PUNCTUATOR,
    /** A {@code #directive} starting a preprocessor line; the line's tokens follow it. */
    PP_DIRECTIVE,
    /** Ends the tokens of a preprocessor line. */
    PP_END,
    /** A byte that starts no C token (stray {@code @}, {@code `}, binary noise). */
    OTHER
}
