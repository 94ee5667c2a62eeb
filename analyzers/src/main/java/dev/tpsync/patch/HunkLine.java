package dev.tpsync.patch;

/**
 * One line of a hunk: {@code ' '} context, {@code '+'} added, {@code '-'} removed. The text
 * has no kind character and no line terminator; {@code noNewlineAtEnd} is set when the diff
 * marks it with {@code \ No newline at end of file}.
 */
public record HunkLine(char kind, String text, boolean noNewlineAtEnd) {

    public HunkLine {
        if (kind != ' ' && kind != '+' && kind != '-') {
            throw new IllegalArgumentException("hunk line kind must be ' ', '+' or '-': " + kind);
        }
        if (text == null) {
            throw new IllegalArgumentException("text");
        }
    }

    public boolean inOld() {
        return kind != '+';
    }

    public boolean inNew() {
        return kind != '-';
    }
}
