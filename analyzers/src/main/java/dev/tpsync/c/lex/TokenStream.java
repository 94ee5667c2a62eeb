package dev.tpsync.c.lex;

import dev.tpsync.c.Latin1;
import dev.tpsync.c.StringCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one file, stored as parallel arrays rather than one object per token:
 * the kernel has hundreds of millions of tokens and the structure pass walks them once,
 * so a compact layout keeps a whole-tree index fast and small. The text is the file's
 * bytes, one char per byte (ISO-8859-1, as {@code FileContent} reads files).
 *
 * <p>Immutable while it is in use; a stream built by a {@linkplain Builder#reusable() reusable
 * builder} shares that builder's arrays and is only valid until the builder lexes the next file.
 */
public final class TokenStream {

    private final byte[] text;
    private final TokenKind[] kinds;
    private final int[] starts;
    private final int[] ends;
    private final int[] lines;
    private final int[] columns;
    private final int size;

    private TokenStream(byte[] text, TokenKind[] kinds, int[] starts, int[] ends, int[] lines, int[] columns,
                        int size) {
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
        return new String(text, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
    }

    /** The text of token {@code i}, shared with equal strings {@code cache} made before. */
    public String text(int i, StringCache cache) {
        return cache.of(text, starts[i], ends[i] - starts[i]);
    }

    /** Appends the text of token {@code i} to {@code sb} without an intermediate string. */
    public void appendTo(StringBuilder sb, int i) {
        for (int p = starts[i], end = ends[i]; p < end; p++) {
            sb.append((char) (text[p] & 0xff));
        }
    }

    /** True when token {@code i} is exactly {@code s}; avoids allocating a substring. */
    public boolean is(int i, String s) {
        return ends[i] - starts[i] == s.length() && startsWith(i, s);
    }

    /** True when token {@code i} begins with {@code prefix}. */
    public boolean startsWith(int i, String prefix) {
        return ends[i] - starts[i] >= prefix.length() && Latin1.matches(text, starts[i], prefix);
    }

    public boolean isPunct(int i, char c) {
        return kinds[i] == TokenKind.PUNCTUATOR && ends[i] - starts[i] == 1 && (text[starts[i]] & 0xff) == c;
    }

    /** True when token {@code j} starts right where token {@code i} ends (no space between). */
    public boolean adjacent(int i, int j) {
        return ends[i] == starts[j];
    }

    public Token token(int i) {
        return new Token(kinds[i], text(i), lines[i], columns[i], starts[i]);
    }

    /**
     * Builder used by the lexer; grows its arrays geometrically. A {@linkplain #reusable()
     * reusable} builder keeps its arrays from file to file: a tree scan lexes tens of thousands
     * of files per thread, and fresh arrays for each were gigabytes of short-lived garbage
     * (most of the young collections of a cold kernel scan).
     */
    public static final class Builder {
        private byte[] text;
        private TokenKind[] kinds;
        private int[] starts;
        private int[] ends;
        private int[] lines;
        private int[] columns;
        private int size;

        private Builder(int capacity) {
            allocate(Math.max(16, capacity));
        }

        /** A builder to lex many files in turn on one thread; not thread-safe. */
        public static Builder reusable() {
            return new Builder(1 << 14);
        }

        static Builder forOneFile(byte[] text, int textLength) {
            Builder b = new Builder(textLength / 5);
            b.text = text;
            return b;
        }

        /** Starts a new file; the stream built before is no longer valid. */
        void reset(byte[] newText, int textLength) {
            text = newText;
            size = 0;
            if (kinds.length < textLength / 8) {
                allocate(textLength / 6);
            }
        }

        private void allocate(int capacity) {
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
