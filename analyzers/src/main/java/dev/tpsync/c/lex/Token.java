package dev.tpsync.c.lex;

/** One token, for tests and diagnostics; the analysis itself walks {@link TokenStream}. */
public record Token(TokenKind kind, String text, int line, int column, int offset) {
}
