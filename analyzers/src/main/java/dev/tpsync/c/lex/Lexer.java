package dev.tpsync.c.lex;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.Latin1;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lexer for kernel C. It knows comments, string and character literals (with their
 * {@code L u U u8} prefixes), line continuations, preprocessor lines (emitted as a
 * {@link TokenKind#PP_DIRECTIVE} token, the line's tokens and a {@link TokenKind#PP_END}),
 * pp-numbers and punctuators. It never throws: odd input (binary, truncated, unbalanced)
 * yields the tokens it could read plus diagnostics.
 *
 * <p>One instance lexes one file; it is cheap to create and not thread-safe.
 */
public final class Lexer {

    /** Which tokens of preprocessor lines a lexer keeps. */
    public enum Directives {
        /** Every token of every preprocessor line. */
        ALL,
        /**
         * Only the tokens the structure pass reads: the conditions of {@code #if #ifdef #ifndef
         * #elif} and the parameters and bodies of function-like {@code #define}s. Other lines
         * (includes, object-like defines, pragmas) keep their {@link TokenKind#PP_DIRECTIVE} and
         * {@link TokenKind#PP_END} only. They are lexed all the same (comments and literals
         * still decide where the line ends); their tokens are just not stored. In the 6.1
         * tree drivers/gpu/drm/amd's register headers alone, a third of all .c/.h bytes, are
         * {@code #define mmREG 0x1234} lines.
         */
        STRUCTURAL
    }

    private static final int MAX_DIAGNOSTICS = 20;

    private final String file;
    /** The file's bytes, one char per byte (ISO-8859-1); only the first {@link #length} count. */
    private final byte[] src;
    private final int length;
    private final TokenStream.Builder out;
    private final Directives directives;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private int pos;
    private int line = 1;
    private int lineStart;
    /** True until a token has been seen on the current logical line. */
    private boolean atLineStart = true;
    private boolean inDirective;
    /** True on a preprocessor line whose tokens {@link Directives#STRUCTURAL} drops. */
    private boolean muted;
    private int strayBytes;

    private Lexer(String file, byte[] src, int length, TokenStream.Builder out, Directives directives) {
        this.file = file;
        this.src = src;
        this.length = length;
        this.out = out;
        this.directives = directives;
    }

    /** Lexes {@code src} keeping every token; {@code file} is only used to name diagnostics. */
    public static LexResult lex(String file, String src) {
        return lex(file, src, Directives.ALL);
    }

    public static LexResult lex(String file, String src, Directives directives) {
        byte[] bytes = src.getBytes(StandardCharsets.ISO_8859_1);
        return new Lexer(file, bytes, bytes.length, TokenStream.Builder.forOneFile(bytes, bytes.length), directives)
            .run();
    }

    /**
     * Lexes the first {@code length} bytes of {@code src} into {@code reuse}'s arrays; the
     * result is valid until {@code reuse} lexes another file.
     */
    public static LexResult lex(String file, byte[] src, int length, TokenStream.Builder reuse,
                                Directives directives) {
        reuse.reset(src, length);
        return new Lexer(file, src, length, reuse, directives).run();
    }

    private char at(int i) {
        return (char) (src[i] & 0xff);
    }

    private LexResult run() {
        if (length >= 3 && at(0) == 0xef && at(1) == 0xbb && at(2) == 0xbf) {
            // A UTF-8 byte-order mark, as some editors save: gcc skips it, and read as stray
            // bytes it would hide the file's first definition.
            pos = 3;
            lineStart = 3;
        }
        while (pos < length) {
            char c = at(pos);
            switch (c) {
                case '\n' -> newline();
                case ' ', '\t', '\r', '\f', 0x0b -> pos++;
                case '\\' -> backslash();
                case '/' -> slash();
                case '"' -> quoted('"', TokenKind.STRING, pos);
                case '\'' -> quoted('\'', TokenKind.CHAR, pos);
                case '#' -> hash();
                default -> other(c);
            }
        }
        if (inDirective) {
            endDirective();
        }
        if (strayBytes > 64) {
            diagnostic(1, "looks binary: " + strayBytes + " bytes that start no C token");
        }
        return new LexResult(out.build(), List.copyOf(diagnostics));
    }

    private void newline() {
        if (inDirective) {
            endDirective();
        }
        pos++;
        line++;
        lineStart = pos;
        atLineStart = true;
    }

    private void endDirective() {
        out.add(TokenKind.PP_END, pos, pos, line, pos - lineStart + 1);
        inDirective = false;
        muted = false;
    }

    /** A backslash before a newline joins lines: the logical line (and a directive) goes on. */
    private void backslash() {
        int next = pos + 1;
        if (next < length && at(next) == '\r') {
            next++;
        }
        if (next < length && at(next) == '\n') {
            pos = next + 1;
            line++;
            lineStart = pos;
            return;
        }
        emit(TokenKind.OTHER, pos, pos + 1);
        pos++;
    }

    private void slash() {
        char n = peek(1);
        if (n == '/') {
            lineComment();
        } else if (n == '*') {
            blockComment();
        } else {
            punctuator();
        }
    }

    private void lineComment() {
        while (pos < length) {
            char c = at(pos);
            if (c == '\n') {
                if (continuesLine(pos)) {
                    // A continued // comment swallows the next line too.
                    pos++;
                    line++;
                    lineStart = pos;
                    continue;
                }
                return;
            }
            pos++;
        }
    }

    /** True when the newline at {@code newline} is escaped by a backslash (LF or CRLF). */
    private boolean continuesLine(int newline) {
        int before = newline - 1;
        if (before >= 0 && at(before) == '\r') {
            before--;
        }
        return before >= 0 && at(before) == '\\';
    }

    private void blockComment() {
        int startLine = line;
        pos += 2;
        while (pos < length) {
            char c = at(pos);
            if (c == '*' && peek(1) == '/') {
                pos += 2;
                return;
            }
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        diagnostic(startLine, "unterminated comment");
    }

    private void quoted(char quote, TokenKind kind, int tokenStart) {
        int startLine = line;
        int startColumn = tokenStart - lineStart + 1;
        pos++;
        while (pos < length) {
            char c = at(pos);
            if (c == '\\') {
                int next = peek(1) == '\r' && peek(2) == '\n' ? pos + 2 : pos + 1;
                if (next < length && at(next) == '\n') {
                    line++;
                    lineStart = next + 1;
                }
                pos = next + 1;
                continue;
            }
            if (c == quote) {
                pos++;
                add(kind, tokenStart, pos, startLine, startColumn);
                return;
            }
            if (c == '\n') {
                break;
            }
            pos++;
        }
        pos = Math.min(pos, length);
        // In directives (#error don't ...) and in asm a lone quote is common: keep going.
        if (!inDirective) {
            diagnostic(startLine, "unterminated " + (kind == TokenKind.STRING ? "string" : "character") + " literal");
        }
        add(kind, tokenStart, pos, startLine, startColumn);
    }

    private void hash() {
        if (atLineStart && !inDirective) {
            int start = pos;
            int column = pos - lineStart + 1;
            pos++;
            while (pos < length && (at(pos) == ' ' || at(pos) == '\t')) {
                pos++;
            }
            int name = pos;
            while (pos < length && isIdentPart(at(pos))) {
                pos++;
            }
            add(TokenKind.PP_DIRECTIVE, start, pos, line, column);
            inDirective = true;
            muted = directives == Directives.STRUCTURAL && !structural(name, pos);
            return;
        }
        punctuator();
    }

    /**
     * True when the directive named by {@code [name, nameEnd)} is one whose tokens the structure
     * pass reads: a conditional, or a #define whose name is followed directly by '(' (anything
     * unusual after #define counts as structural too).
     */
    private boolean structural(int name, int nameEnd) {
        if (nameIs(name, nameEnd, "if") || nameIs(name, nameEnd, "ifdef") || nameIs(name, nameEnd, "ifndef")
            || nameIs(name, nameEnd, "elif")) {
            return true;
        }
        if (!nameIs(name, nameEnd, "define")) {
            return false;
        }
        int macro = nameEnd;
        while (macro < length && (at(macro) == ' ' || at(macro) == '\t')) {
            macro++;
        }
        if (macro >= length || !isIdentStart(at(macro))) {
            return true;
        }
        int after = macro + 1;
        while (after < length && isIdentPart(at(after))) {
            after++;
        }
        return after < length && at(after) == '(';
    }

    private boolean nameIs(int from, int to, String name) {
        return to - from == name.length() && Latin1.matches(src, from, name);
    }

    private void other(char c) {
        if (isIdentStart(c)) {
            identifier();
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            number();
        } else if (isPunctuatorStart(c)) {
            punctuator();
        } else {
            strayBytes++;
            emit(TokenKind.OTHER, pos, pos + 1);
            pos++;
        }
    }

    private void identifier() {
        int start = pos;
        pos++;
        while (pos < length && isIdentPart(at(pos))) {
            pos++;
        }
        if (pos < length) {
            char next = at(pos);
            if ((next == '"' || next == '\'') && isLiteralPrefix(start, pos)) {
                quoted(next, next == '"' ? TokenKind.STRING : TokenKind.CHAR, start);
                return;
            }
        }
        emit(TokenKind.IDENTIFIER, start, pos);
    }

    private boolean isLiteralPrefix(int start, int end) {
        int len = end - start;
        if (len == 1) {
            char p = at(start);
            return p == 'L' || p == 'u' || p == 'U';
        }
        return len == 2 && at(start) == 'u' && at(start + 1) == '8';
    }

    private void number() {
        int start = pos;
        pos++;
        while (pos < length) {
            char c = at(pos);
            if ((c == '+' || c == '-') && isExponent(at(pos - 1))) {
                pos++;
            } else if (isIdentPart(c) || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        emit(TokenKind.NUMBER, start, pos);
    }

    private static boolean isExponent(char c) {
        return c == 'e' || c == 'E' || c == 'p' || c == 'P';
    }

    private void punctuator() {
        int start = pos;
        pos += punctuatorLength(src, length, pos);
        emit(TokenKind.PUNCTUATOR, start, pos);
    }

    /**
     * The length of the punctuator at {@code at}: 3 for {@code ... <<= >>=}; 2 for
     * {@code -> ++ -- << >> <= >= == != && || ## *= /= %= += -= &= ^= |=}; 1 otherwise.
     * A switch on the characters: a quarter of all lexing time went to trying each of those
     * 23 strings with startsWith() at every punctuator.
     */
    static int punctuatorLength(byte[] src, int length, int at) {
        char c = (char) (src[at] & 0xff);
        char d = at + 1 < length ? (char) (src[at + 1] & 0xff) : 0;
        char e = at + 2 < length ? (char) (src[at + 2] & 0xff) : 0;
        switch (c) {
            case '.':
                return d == '.' && e == '.' ? 3 : 1;
            case '<':
            case '>':
                if (d == c) {
                    return e == '=' ? 3 : 2;
                }
                return d == '=' ? 2 : 1;
            case '-':
                return d == '>' || d == '-' || d == '=' ? 2 : 1;
            case '+':
            case '&':
            case '|':
                return d == c || d == '=' ? 2 : 1;
            case '=':
            case '!':
            case '*':
            case '/':
            case '%':
            case '^':
                return d == '=' ? 2 : 1;
            case '#':
                return d == '#' ? 2 : 1;
            default:
                return 1;
        }
    }

    private void emit(TokenKind kind, int start, int end) {
        add(kind, start, end, line, start - lineStart + 1);
    }

    private void add(TokenKind kind, int start, int end, int tokenLine, int column) {
        if (!muted) {
            out.add(kind, start, end, tokenLine, column);
        }
        atLineStart = false;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < length ? at(i) : '\0';
    }

    private void diagnostic(int atLine, String message) {
        if (diagnostics.size() < MAX_DIAGNOSTICS) {
            diagnostics.add(new Diagnostic(file, atLine, message));
        }
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isPunctuatorStart(char c) {
        return "{}[]()<>;:,.?!~+-*/%^&|=#".indexOf(c) >= 0;
    }
}
