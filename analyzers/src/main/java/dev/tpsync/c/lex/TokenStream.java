package dev.tpsync.c.lex;

import java.util.Arrays;

/**
 * The tokens of one file, stored as parallel arrays rather than one object per token:
 * the kernel has hundreds of millions of tokens and the structure pass walks them once,
 * so a compact layout keeps a whole-tree index fast and small. Immutable once built.
 */
public final class TokenStream {

    private final String text;
    private final TokenKind[] kinds;
    private final int[] starts;
    private final int[] ends;
    private final int[] lines;
    private final int[] columns;
    private final int size;

    TokenStream(String text, TokenKind[] kinds, int[] starts, int[] ends, int[] lines, int[] columns, int size) {
        this.text = text;
        this.kinds = kinds;
        this.starts = starts;
        this.ends = ends;
        this.lines = lines;
        this.columns = columns;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public String source() {
        return text;
    }

    public TokenKind kind(int i) {
        return kinds[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public int line(int i) {
        return lines[i];
    }

    public int column(int i) {
        return columns[i];
    }

    public String text(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** True when token {@code i} is exactly {@code s}; avoids allocating a substring. */
    public boolean is(int i, String s) {
        int len = ends[i] - starts[i];
        return len == s.length() && text.regionMatches(starts[i], s, 0, len);
    }

    public boolean isPunct(int i, char c) {
        return kinds[i] == TokenKind.PUNCTUATOR && ends[i] - starts[i] == 1 && text.charAt(starts[i]) == c;
    }

    /** True when token {@code j} starts right where token {@code i} ends (no space between). */
    public boolean adjacent(int i, int j) {
        return ends[i] == starts[j];
    }

    public Token token(int i) {
        return new Token(kinds[i], text(i), lines[i], columns[i], starts[i]);
    }

    /** Builder used by the lexer; grows its arrays geometrically. */
    static final class Builder {
        private final String text;
        private TokenKind[] kinds;
        private int[] starts;
        private int[] ends;
        private int[] lines;
        private int[] columns;
        private int size;

        Builder(String text) {
            this.text = text;
            int capacity = Math.max(16, text.length() / 5);
            kinds = new TokenKind[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
            lines = new int[capacity];
            columns = new int[capacity];
        }

        void add(TokenKind kind, int start, int end, int line, int column) {
            if (size == kinds.length) {
                int capacity = size * 2;
                kinds = Arrays.copyOf(kinds, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
                lines = Arrays.copyOf(lines, capacity);
                columns = Arrays.copyOf(columns, capacity);
            }
            kinds[size] = kind;
            starts[size] = start;
            ends[size] = end;
            lines[size] = line;
            columns[size] = column;
            size++;
        }

        TokenStream build() {
            return new TokenStream(text, kinds, starts, ends, lines, columns, size);
        }
    }
}
