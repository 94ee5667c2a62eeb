package dev.tpsync.c;

/**
 * Something the front end noticed and recovered from: an unterminated comment, an
 * unbalanced brace, a binary file. Diagnostics never stop analysis; they are reported by
 * {@code tpsync index} so a developer can see where the model may be incomplete.
 */
public record Diagnostic(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
