package dev.tpsync.c.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A call (or function-like macro invocation) inside a body: the callee, where it is, its
 * argument text with whitespace folded (possibly shortened), whether it is indirect
 * ({@code ops->fn(...)}, {@code (*fp)(...)}: the target is not known by name) and whether it
 * sits inside an {@code #if} block.
 *
 * <p>The argument texts of one function's calls share one string, of which each call keeps
 * its range: the kernel has four million call sites, and a string per argument text was a
 * fifth of a whole-tree model's objects, all of them copied by the collector on their way to
 * the old generation. {@link #argsText()} cuts the text out on demand. Equality is by value,
 * as for a record.
 */
public final class CallSite {

    private final String callee;
    private final int line;
    private final int column;
    /** The argument texts of the enclosing function's calls, one after the other. */
    private final String argsOfFunction;
    private final int argsStart;
    private final int argsEnd;
    private final boolean indirect;
    private final boolean conditional;

    public CallSite(String callee, int line, int column, String argsText, boolean indirect, boolean conditional) {
        this(callee, line, column, argsText, 0, argsText.length(), indirect, conditional);
    }

    private CallSite(String callee, int line, int column, String argsOfFunction, int argsStart, int argsEnd,
                     boolean indirect, boolean conditional) {
        this.callee = callee;
        this.line = line;
        this.column = column;
        this.argsOfFunction = argsOfFunction;
        this.argsStart = argsStart;
        this.argsEnd = argsEnd;
        this.indirect = indirect;
        this.conditional = conditional;
    }

    /**
     * A call whose argument text is {@code [start, end)} of {@code argsOfFunction}, the texts
     * of its function's calls one after the other.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the string
     */
    public static CallSite inShared(String callee, int line, int column, String argsOfFunction, int start, int end,
                                    boolean indirect, boolean conditional) {
        Objects.checkFromToIndex(start, end, argsOfFunction.length());
        return new CallSite(callee, line, column, argsOfFunction, start, end, indirect, conditional);
    }

    /** The called name; for an indirect call through a member, the member name. */
    public String callee() {
        return callee;
    }

    /** 1-based line of the callee token. */
    public int line() {
        return line;
    }

    /** 1-based column of the callee token. */
    public int column() {
        return column;
    }

    /** The argument text with whitespace folded, possibly shortened. */
    public String argsText() {
        return argsStart == 0 && argsEnd == argsOfFunction.length() ? argsOfFunction
            : argsOfFunction.substring(argsStart, argsEnd);
    }

    /** Length of {@link #argsText()}, without making it. */
    public int argsLength() {
        return argsEnd - argsStart;
    }

    /** Appends {@link #argsText()} to {@code sb} without making it. */
    public void appendArgsTo(StringBuilder sb) {
        sb.append(argsOfFunction, argsStart, argsEnd);
    }

    public boolean indirect() {
        return indirect;
    }

    public boolean conditional() {
        return conditional;
    }

    /** The arguments split at top-level commas; computed on demand to keep the model small. */
    public List<String> args() {
        return splitArguments(argsText());
    }

    /** The i-th argument, or empty text when there are fewer. */
    public String arg(int i) {
        List<String> args = args();
        return i < args.size() ? args.get(i) : "";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallSite c && line == c.line && column == c.column && indirect == c.indirect
            && conditional == c.conditional && callee.equals(c.callee) && argsLength() == c.argsLength()
            && argsOfFunction.regionMatches(argsStart, c.argsOfFunction, c.argsStart, argsLength());
    }

    @Override
    public int hashCode() {
        return Objects.hash(callee, line, column, argsText(), indirect, conditional);
    }

    @Override
    public String toString() {
        return "CallSite[callee=" + callee + ", line=" + line + ", column=" + column + ", argsText=" + argsText()
            + ", indirect=" + indirect + ", conditional=" + conditional + "]";
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
