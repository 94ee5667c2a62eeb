package dev.tpsync.c.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * A call (or function-like macro invocation) inside a body.
 *
 * @param callee      the called name; for an indirect call through a member, the member name
 * @param line        1-based line of the callee token
 * @param column      1-based column of the callee token
 * @param argsText    the argument text with whitespace folded, possibly shortened
 * @param indirect    true for {@code ops->fn(...)} and {@code (*fp)(...)}: the target is not known by name
 * @param conditional true when the call sits inside an {@code #if} block
 */
public record CallSite(String callee, int line, int column, String argsText, boolean indirect, boolean conditional) {

    /** The arguments split at top-level commas; computed on demand to keep the model small. */
    public List<String> args() {
        return splitArguments(argsText);
    }

    /** The i-th argument, or empty text when there are fewer. */
    public String arg(int i) {
        List<String> args = args();
        return i < args.size() ? args.get(i) : "";
    }

    static List<String> splitArguments(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(text, i, c);
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(text.substring(start).trim());
        return List.copyOf(out);
    }

    private static int skipQuoted(String text, int i, char quote) {
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        return text.length();
    }
}
