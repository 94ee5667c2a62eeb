package dev.tpsync.c.lex;

import dev.tpsync.c.Diagnostic;
import java.util.List;

/** Tokens of one file and what the lexer had to recover from. */
public record LexResult(TokenStream tokens, List<Diagnostic> diagnostics) {
}
