package dev.tpsync.c.structure;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.StringCache;
import dev.tpsync.c.lex.LexResult;
import dev.tpsync.c.lex.Lexer;
import dev.tpsync.c.lex.TokenKind;
import dev.tpsync.c.lex.TokenStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * The structure pass: from one file's tokens to its {@link FileFacts}. It finds function
 * definitions (ordinary, macro-headed, and function-like #define bodies), tracepoint
 * declarations, callback stores, and inside each body the call sites and sync events.
 *
 * <p>Like the kernel's own tools it is a recogniser, not a compiler: it keeps both branches
 * of an {@code #if}, resynchronises brace depth at {@code #else} the way ctags does, and
 * records a diagnostic rather than failing on code it cannot follow.
 */
public final class StructureParser {

    /** Longest argument text kept per call site; enough for every registration idiom. */
    private static final int MAX_ARGS_TEXT = 160;

    private static final Set<String> NOT_CALLS = Set.of(
        "if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__", "__typeof", "_Generic",
        "alignof", "_Alignof", "__alignof__", "defined", "asm", "__asm__", "__asm", "volatile", "__volatile__",
        "__attribute__", "__attribute", "case", "do", "else", "goto", "__builtin_expect", "likely", "unlikely",
        "_Static_assert", "static_assert", "BUILD_BUG_ON", "offsetof", "__stringify", "__section");

    private static final Set<String> NOT_FUNCTION_NAMES = Set.of(
        "if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__", "do", "else",
        "__attribute__", "__attribute", "asm", "__asm__", "defined");

    /** Qualifiers kept as attributes; anything starting with two underscores is kept too. */
    private static final Set<String> QUALIFIERS = Set.of(
        "static", "inline", "extern", "noinstr", "notrace", "noinline", "asmlinkage", "nokprobe_inline",
        "fastcall", "const", "volatile");

    private static final Set<String> TRACEPOINT_MACROS = Set.of(
        "DECLARE_TRACE", "DECLARE_TRACE_CONDITION", "DECLARE_TRACE_WRITABLE", "DECLARE_TRACE_SYSCALL",
        "DECLARE_TRACE_EVENT", "DECLARE_TRACE_EVENT_CONDITION",
        "TRACE_EVENT", "TRACE_EVENT_CONDITION", "TRACE_EVENT_FN", "TRACE_EVENT_FN_COND",
        "TRACE_EVENT_SYSCALL", "DECLARE_EVENT_CLASS", "DEFINE_EVENT", "DEFINE_EVENT_FN",
        "DEFINE_EVENT_CONDITION", "DEFINE_EVENT_PRINT", "DEFINE_EVENT_NOP", "TRACE_EVENT_NOP");

    private final String path;
    private final TokenStream ts;
    private final List<Diagnostic> diagnostics;
    private final StringCache strings;

    /** Indices of the tokens outside preprocessor lines (arrays may be longer than the file needs). */
    private final int[] code;
    private int codeCount;
    /** Brace depth before each code token, after #if/#else resynchronisation. */
    private final int[] depthBefore;
    /** For each code token, the index into {@link #conditions} of its #if context (0: none). */
    private final int[] conditionOf;
    private final List<String> conditions = new ArrayList<>();

    private final List<FunctionDef> functions = new ArrayList<>();
    private final List<TracepointDecl> tracepoints = new ArrayList<>();
    private final List<FieldStore> fieldStores = new ArrayList<>();

    private StructureParser(String path, LexResult lexed, ParseWorkspace workspace) {
        this.path = path;
        this.ts = lexed.tokens();
        this.diagnostics = new ArrayList<>(lexed.diagnostics());
        int n = ts.size();
        strings = workspace == null ? new StringCache(10) : workspace.strings();
        if (workspace == null) {
            code = new int[n];
            depthBefore = new int[n];
            conditionOf = new int[n];
        } else {
            code = workspace.code(n);
            depthBefore = workspace.depthBefore();
            conditionOf = workspace.conditionOf();
        }
        conditions.add("");
    }

    /** Lexes and parses {@code source}; never throws on odd input. */
    public static FileFacts parse(String path, String source) {
        return parse(path, Lexer.lex(path, source, Lexer.Directives.STRUCTURAL));
    }

    /** Lexes and parses the file held by {@code workspace}, in its reusable arrays. */
    public static FileFacts parse(String path, ParseWorkspace workspace) {
        return parse(path, Lexer.lex(path, workspace.bytes(), workspace.length(), workspace.tokens,
            Lexer.Directives.STRUCTURAL), workspace);
    }

    public static FileFacts parse(String path, LexResult lexed) {
        return parse(path, lexed, null);
    }

    private static FileFacts parse(String path, LexResult lexed, ParseWorkspace workspace) {
        StructureParser parser = new StructureParser(path, lexed, workspace);
        try {
            parser.run();
        } catch (RuntimeException e) {
            // A recogniser bug must not lose the file: keep what was found and say so.
            parser.diagnostics.add(new Diagnostic(path, 1, "structure pass stopped early: " + e));
        }
        int lines = lexed.tokens().size() == 0 ? 0 : lexed.tokens().line(lexed.tokens().size() - 1);
        return new FileFacts(path, lines, parser.functions, parser.tracepoints, parser.fieldStores,
            parser.diagnostics);
    }

    private void run() {
        preprocessorPass();
        topLevelPass();
    }

    // ---------------------------------------------------------------- pass 1: #if and #define

    /**
     * Collects the code tokens with their brace depth and #if condition. Both branches of a
     * condition on configuration are read (a hazard under CONFIG_X is one for those who set
     * it), but a branch no configuration compiles ({@code #if 0}, the {@code #else} of
     * {@code #if 1}) is dead: kernel code keeps disabled code and notes that way, and a finding
     * there would block a commit over code that never runs.
     */
    private void preprocessorPass() {
        int n = ts.size();
        List<IfFrame> ifStack = new ArrayList<>();
        BitSet deadLines = new BitSet();
        int depth = 0;
        int currentCondition = 0;
        boolean dead = false;
        for (int i = 0; i < n; i++) {
            TokenKind kind = ts.kind(i);
            if (kind == TokenKind.PP_DIRECTIVE) {
                int end = endOfDirective(i);
                String directive = directiveName(i);
                switch (directive) {
                    case "if", "ifdef", "ifndef" -> {
                        String cond = conditionText(directive, i + 1, end);
                        IfFrame frame = new IfFrame(ts.line(i), directive, depth, currentCondition, dead);
                        ifStack.add(frame);
                        currentCondition = condition(joinCondition(currentCondition, cond));
                        dead = frame.enterBranch(directive.equals("if") ? constant(i + 1, end) : Constant.UNKNOWN);
                    }
                    case "elif", "else" -> {
                        if (ifStack.isEmpty()) {
                            diagnostics.add(new Diagnostic(path, ts.line(i), "#" + directive + " without #if"));
                        } else if (ifStack.get(ifStack.size() - 1).sawElse) {
                            diagnostics.add(new Diagnostic(path, ts.line(i), "#" + directive + " after #else"));
                        } else {
                            IfFrame frame = ifStack.get(ifStack.size() - 1);
                            frame.sawElse = directive.equals("else");
                            // The depth the first compiled branch leaves is the one code after #endif sees.
                            if (frame.depthAfterFirstBranch < 0 && !dead) {
                                frame.depthAfterFirstBranch = depth;
                            }
                            depth = frame.depthAtIf;
                            String cond = directive.equals("else") ? "else" : conditionText("if", i + 1, end);
                            currentCondition = condition(joinCondition(frame.outerCondition, cond));
                            dead = frame.enterBranch(directive.equals("else") ? Constant.TRUE : constant(i + 1, end));
                        }
                    }
                    case "endif" -> {
                        if (ifStack.isEmpty()) {
                            diagnostics.add(new Diagnostic(path, ts.line(i), "#endif without #if"));
                        } else {
                            IfFrame frame = ifStack.remove(ifStack.size() - 1);
                            if (frame.depthAfterFirstBranch >= 0) {
                                depth = frame.depthAfterFirstBranch;
                            }
                            currentCondition = frame.outerCondition;
                            dead = frame.outerDead;
                        }
                    }
                    case "define" -> {
                        if (!dead) {
                            defineBody(i + 1, end, currentCondition);
                        }
                    }
                    default -> {
                    }
                }
                i = end;
                continue;
            }
            // A stray byte (an '@', a no-break space pasted from a mail) starts no C token: gcc
            // refuses the file, but the definition after it is still one, and read as a token it
            // hid that definition's findings without a word.
            if (kind == TokenKind.PP_END || kind == TokenKind.OTHER) {
                continue;
            }
            if (dead) {
                deadLines.set(ts.line(i));
                continue;
            }
            code[codeCount] = i;
            depthBefore[codeCount] = depth;
            conditionOf[codeCount] = currentCondition;
            codeCount++;
            if (kind == TokenKind.PUNCTUATOR) {
                if (ts.isPunct(i, '{')) {
                    depth++;
                } else if (ts.isPunct(i, '}')) {
                    if (depth == 0) {
                        diagnostics.add(new Diagnostic(path, ts.line(i), "unbalanced '}'"));
                    } else {
                        depth--;
                    }
                }
            }
        }
        // gcc only warns of a lone quote in a group it skips (prose kept under #if 0: "doesn't").
        diagnostics.removeIf(d -> deadLines.get(d.line()) && d.message().startsWith("unterminated")
            && d.message().endsWith("literal"));
        // An #if left open comes first, at its own line, as gcc names it: the braces it leaves
        // open (an #if 0 that swallows a closing brace) are its consequence, not the mistake.
        for (IfFrame open : ifStack) {
            diagnostics.add(new Diagnostic(path, open.line, "#" + open.directive + " without #endif"));
        }
        if (depth != 0) {
            diagnostics.add(new Diagnostic(path, ts.size() > 0 ? ts.line(ts.size() - 1) : 1,
                "end of file inside a brace block (depth " + depth + ")"));
        }
    }

    /** What an #if or #elif condition is when no configuration can change it: false, true, or anything else. */
    private enum Constant {
        FALSE, TRUE, UNKNOWN;

        Constant not() {
            return this == UNKNOWN ? UNKNOWN : this == TRUE ? FALSE : TRUE;
        }

        /** {@code this || other}: true when either is, whatever the other. */
        Constant or(Constant other) {
            return this == TRUE || other == TRUE ? TRUE : this == FALSE && other == FALSE ? FALSE : UNKNOWN;
        }

        /** {@code this && other}, by De Morgan. */
        Constant and(Constant other) {
            return not().or(other.not()).not();
        }
    }

    /**
     * The value of the condition in tokens {@code [from, to)} when it is made of integer literals,
     * parentheses, {@code !}, {@code &&} and {@code ||} alone, with what no configuration changes
     * ({@code 0 && X}, {@code 1 || X}); {@link Constant#UNKNOWN} for anything else. The kernel
     * writes {@code #if 0}, and now and then {@code #if (0)} or {@code #if 0 && defined(X)}.
     */
    private Constant constant(int from, int to) {
        ConstantCondition c = new ConstantCondition(from, to);
        Constant value = c.or();
        return c.at == to ? value : Constant.UNKNOWN;
    }

    /** A recursive descent over one condition's tokens: {@code or := and ('||' and)*}, and so on. */
    private final class ConstantCondition {
        private int at;
        private final int to;

        ConstantCondition(int from, int to) {
            this.at = from;
            this.to = to;
        }

        Constant or() {
            Constant value = and();
            while (at < to && ts.is(at, "||")) {
                at++;
                value = value.or(and());
            }
            return value;
        }

        Constant and() {
            Constant value = unary();
            while (at < to && ts.is(at, "&&")) {
                at++;
                value = value.and(unary());
            }
            return value;
        }

        /** A literal, a negation or a parenthesised condition; anything else is one unknown operand. */
        Constant unary() {
            if (at >= to) {
                return Constant.UNKNOWN;
            }
            if (ts.isPunct(at, '!')) {
                at++;
                return unary().not();
            }
            if (ts.isPunct(at, '(')) {
                int close = closing(at);
                ConstantCondition inner = new ConstantCondition(at + 1, close);
                Constant value = inner.or();
                at = Math.min(close + 1, to);
                return inner.at == close ? value : Constant.UNKNOWN;
            }
            if (ts.kind(at) == TokenKind.NUMBER) {
                Constant value = integer(ts.text(at));
                at++;
                return endsOperand() ? value : skipOperand();
            }
            return skipOperand();
        }

        private boolean endsOperand() {
            return at == to || ts.is(at, "&&") || ts.is(at, "||") || ts.isPunct(at, ')');
        }

        /** Skips an operand this reader does not evaluate (defined(X), X > 2) up to the next && or ||. */
        private Constant skipOperand() {
            while (at < to && !ts.is(at, "&&") && !ts.is(at, "||")) {
                at = ts.isPunct(at, '(') ? closing(at) + 1 : at + 1;
            }
            at = Math.min(at, to);
            return Constant.UNKNOWN;
        }

        /** The index of the ')' that closes the '(' at {@code open}, or {@code to} when none does. */
        private int closing(int open) {
            int depth = 0;
            for (int i = open; i < to; i++) {
                if (ts.isPunct(i, '(')) {
                    depth++;
                } else if (ts.isPunct(i, ')') && --depth == 0) {
                    return i;
                }
            }
            return to;
        }
    }

    /**
     * An integer literal's truth ({@code 0}, {@code 0x0}, {@code 0UL}: false; {@code 1},
     * {@code 2}: true); UNKNOWN when it is not one this reader knows (a binary {@code 0b0}).
     */
    private static Constant integer(String text) {
        String digits = text.replaceFirst("(?i)[ul]+$", "");
        try {
            long value = digits.startsWith("0x") || digits.startsWith("0X")
                ? Long.parseUnsignedLong(digits.substring(2), 16)
                : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                : Long.parseLong(digits);
            return value == 0 ? Constant.FALSE : Constant.TRUE;
        } catch (NumberFormatException e) {
            return Constant.UNKNOWN;
        }
    }

    private static final class IfFrame {
        /** The line of the #if, #ifdef or #ifndef, and which of them: what a diagnostic names. */
        final int line;
        final String directive;
        final int depthAtIf;
        final int outerCondition;
        /** Whether the #if itself lies in a dead branch: then all its branches are dead. */
        final boolean outerDead;
        int depthAfterFirstBranch = -1;
        /** Whether an earlier branch is compiled whatever the configuration ({@code #if 1}): the rest are dead. */
        boolean certainlyTaken;
        /** Whether the #else was seen: a later #elif or #else is a mistake. */
        boolean sawElse;

        IfFrame(int line, String directive, int depthAtIf, int outerCondition, boolean outerDead) {
            this.line = line;
            this.directive = directive;
            this.depthAtIf = depthAtIf;
            this.outerCondition = outerCondition;
            this.outerDead = outerDead;
        }

        /** Enters a branch whose condition is {@code condition} (an #else is TRUE); true when it is dead. */
        boolean enterBranch(Constant condition) {
            boolean dead = outerDead || certainlyTaken || condition == Constant.FALSE;
            certainlyTaken |= condition == Constant.TRUE;
            return dead;
        }
    }

    private int endOfDirective(int directive) {
        int i = directive + 1;
        while (i < ts.size() && ts.kind(i) != TokenKind.PP_END) {
            i++;
        }
        return Math.min(i, ts.size() - 1);
    }

    private String directiveName(int i) {
        String text = ts.text(i);
        int k = 1;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        return text.substring(k);
    }

    private String conditionText(String directive, int from, int to) {
        String text = joinTokens(from, to, 120);
        return switch (directive) {
            case "ifdef" -> "defined(" + text + ")";
            case "ifndef" -> "!defined(" + text + ")";
            default -> text;
        };
    }

    private String joinCondition(int outer, String cond) {
        String outerText = conditions.get(outer);
        return outerText.isEmpty() ? cond : outerText + " && " + cond;
    }

    private int condition(String text) {
        conditions.add(text);
        return conditions.size() - 1;
    }

    /** A function-like #define: its body becomes a pseudo-function (e.g. __DO_TRACE). */
    private void defineBody(int from, int end, int conditionIndex) {
        if (from >= end || ts.kind(from) != TokenKind.IDENTIFIER) {
            return;
        }
        int open = from + 1;
        if (open >= end || !ts.isPunct(open, '(') || !ts.adjacent(from, open)) {
            return;
        }
        int close = matchForward(open, end, '(', ')');
        if (close < 0) {
            return;
        }
        List<String> params = new ArrayList<>();
        for (int i = open + 1; i < close; i++) {
            if (ts.kind(i) == TokenKind.IDENTIFIER) {
                params.add(ts.text(i));
            } else if (ts.is(i, "...")) {
                params.add("__VA_ARGS__");
            }
        }
        int[] body = new int[end - close - 1];
        for (int i = close + 1; i < end; i++) {
            body[i - close - 1] = i;
        }
        if (body.length == 0) {
            return;
        }
        String name = ts.text(from);
        BodyScan scan = new BodyScan(name, body, 0, body.length, null, conditions.get(conditionIndex));
        scan.run();
        int endLine = ts.line(end);
        functions.add(new FunctionDef(name, FunctionKind.MACRO_BODY, path, ts.line(from), endLine, List.of(), "",
            params, generatedFunction(close + 1, end), conditions.get(conditionIndex), scan.calls, scan.events));
    }

    /** {@code static void perf_trace_##call(...)} before the first '{' of a #define body. */
    private String generatedFunction(int from, int end) {
        for (int i = from; i + 3 < end && !ts.isPunct(i, '{'); i++) {
            if (ts.kind(i) == TokenKind.IDENTIFIER && ts.is(i + 1, "##") && ts.kind(i + 2) == TokenKind.IDENTIFIER
                && ts.isPunct(i + 3, '(')) {
                return ts.text(i) + "##" + ts.text(i + 2);
            }
        }
        return "";
    }

    private int matchForward(int open, int limit, char o, char c) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            if (ts.isPunct(i, o)) {
                depth++;
            } else if (ts.isPunct(i, c)) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- pass 2: top level

    private void topLevelPass() {
        int k = 0;
        while (k < codeCount) {
            int tok = code[k];
            int depth = depthBefore[k];
            if (ts.kind(tok) == TokenKind.PUNCTUATOR && ts.isPunct(tok, '{') && depth == 0) {
                int bodyEnd = endOfBlock(k);
                if (functionHeader(k, bodyEnd)) {
                    k = bodyEnd + 1;
                    continue;
                }
            } else if (ts.kind(tok) == TokenKind.IDENTIFIER) {
                // Every tracepoint macro starts DE(CLARE|FINE) or TR(ACE): no substring for the rest.
                if (depth == 0 && (ts.startsWith(tok, "DE") || ts.startsWith(tok, "TR"))
                    && TRACEPOINT_MACROS.contains(ts.text(tok))) {
                    tracepointDeclaration(k);
                } else if (depth > 0) {
                    initializerStore(k);
                }
            }
            k++;
        }
    }

    /** The code index of the '}' closing the '{' at code index {@code open}, or the last token. */
    private int endOfBlock(int open) {
        int depth = depthBefore[open];
        for (int k = open + 1; k < codeCount; k++) {
            if (ts.isPunct(code[k], '}') && depthBefore[k] == depth + 1) {
                return k;
            }
        }
        return codeCount - 1;
    }

    /** Recognises a function header before the '{' at {@code open}; records the function if so. */
    private boolean functionHeader(int open, int bodyEnd) {
        int k = open - 1;
        List<String> trailingAttributes = new ArrayList<>();
        // Attributes between ')' and '{': __acquires(x), __attribute__((...)), __cold.
        while (k >= 0 && ts.kind(code[k]) == TokenKind.IDENTIFIER && ts.text(code[k]).startsWith("__")) {
            trailingAttributes.add(ts.text(code[k]));
            k--;
        }
        if (k < 0 || !ts.isPunct(code[k], ')')) {
            return false;
        }
        int nameIndex;
        while (true) {
            int openParen = matchBackward(k);
            if (openParen <= 0) {
                return false;
            }
            nameIndex = openParen - 1;
            if (ts.kind(code[nameIndex]) != TokenKind.IDENTIFIER) {
                return false;
            }
            String candidate = ts.text(code[nameIndex]);
            boolean attributeGroup = nameIndex > 0 && ts.isPunct(code[nameIndex - 1], ')')
                && (candidate.startsWith("__") || isMacroName(candidate));
            if (!attributeGroup) {
                break;
            }
            trailingAttributes.add(candidate);
            k = nameIndex - 1;
        }
        String name = ts.text(code[nameIndex]);
        if (NOT_FUNCTION_NAMES.contains(name)) {
            return false;
        }
        List<String> prefix = declarationPrefix(nameIndex);
        if (prefix == null) {
            return false;
        }
        int nameTok = code[nameIndex];
        FunctionKind kind = FunctionKind.FUNCTION;
        String macro = "";
        String functionName = name;
        if (isMacroHeader(name, prefix)) {
            kind = FunctionKind.MACRO_DEFINED;
            macro = name;
            functionName = macroDefinedName(name, nameIndex);
            if (functionName.isEmpty()) {
                return false;
            }
        }
        List<String> attributes = new ArrayList<>();
        for (String word : prefix) {
            if (QUALIFIERS.contains(word) || word.startsWith("__")) {
                attributes.add(word);
            }
        }
        attributes.addAll(trailingAttributes);
        BodyScan scan = new BodyScan(functionName, code, open, bodyEnd + 1, conditionOf, "");
        scan.run();
        functions.add(new FunctionDef(functionName, kind, path, ts.line(nameTok), ts.line(code[bodyEnd]),
            attributes, macro, List.of(), "", conditions.get(conditionOf[nameIndex]), scan.calls, scan.events));
        return true;
    }

    /** The code index of the '(' matching the ')' at code index {@code close}, or -1. */
    private int matchBackward(int close) {
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            int tok = code[k];
            if (ts.isPunct(tok, ')')) {
                depth++;
            } else if (ts.isPunct(tok, '(')) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            } else if (ts.isPunct(tok, ';') || ts.isPunct(tok, '{') || ts.isPunct(tok, '}')) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The words before a function name back to the previous declaration, or null when what
     * precedes cannot start a function definition (an '=', a ',' or an operator).
     */
    private List<String> declarationPrefix(int nameIndex) {
        List<String> words = new ArrayList<>();
        for (int k = nameIndex - 1; k >= 0; k--) {
            int tok = code[k];
            if (depthBefore[k] != 0 || ts.isPunct(tok, ';') || ts.isPunct(tok, '}')) {
                break;
            }
            if (ts.isPunct(tok, ')')) {
                // The end of an attribute group (__attribute__((x)) or __section(".x")), or of a
                // preceding macro invocation without ';' such as EXPORT_SYMBOL_GPL(x) in odd code.
                int open = matchBackward(k);
                if (open <= 0 || ts.kind(code[open - 1]) != TokenKind.IDENTIFIER) {
                    return null;
                }
                String word = ts.text(code[open - 1]);
                if (!word.startsWith("__") && !isMacroName(word)) {
                    return null;
                }
                if (isMacroName(word) && !word.startsWith("__")) {
                    break;
                }
                words.add(word);
                k = open - 1;
                continue;
            }
            if (ts.kind(tok) == TokenKind.IDENTIFIER) {
                words.add(ts.text(tok));
            } else if (!ts.isPunct(tok, '*')) {
                return null;
            }
        }
        return words;
    }

    private boolean isMacroHeader(String name, List<String> prefix) {
        if (!isMacroName(name)) {
            return false;
        }
        for (String word : prefix) {
            if (!QUALIFIERS.contains(word) && !word.startsWith("__")) {
                return false;
            }
        }
        return true;
    }

    /** DEFINE_IDTENTRY_RAW(exc_nmi) -> exc_nmi; SYSCALL_DEFINE3(ioctl, ...) -> sys_ioctl. */
    private String macroDefinedName(String macro, int nameIndex) {
        int first = nameIndex + 2;
        if (first >= codeCount || ts.kind(code[first]) != TokenKind.IDENTIFIER) {
            return "";
        }
        int after = first + 1;
        if (after < codeCount && !ts.isPunct(code[after], ',') && !ts.isPunct(code[after], ')')) {
            return "";
        }
        String arg = ts.text(code[first]);
        if (macro.startsWith("SYSCALL_DEFINE")) {
            return "sys_" + arg;
        }
        if (macro.startsWith("COMPAT_SYSCALL_DEFINE")) {
            return "compat_sys_" + arg;
        }
        return arg;
    }

    static boolean isMacroName(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            }
        }
        return upper;
    }

    private void tracepointDeclaration(int k) {
        String macro = ts.text(code[k]);
        if (k + 1 >= codeCount || !ts.isPunct(code[k + 1], '(')) {
            return;
        }
        String first = k + 2 < codeCount && ts.kind(code[k + 2]) == TokenKind.IDENTIFIER ? ts.text(code[k + 2]) : "";
        if (first.isEmpty()) {
            return;
        }
        int line = ts.line(code[k]);
        if (macro.startsWith("DEFINE_EVENT")) {
            int second = k + 4;
            if (second < codeCount && ts.isPunct(code[k + 3], ',') && ts.kind(code[second]) == TokenKind.IDENTIFIER) {
                tracepoints.add(new TracepointDecl(ts.text(code[second]), first, macro, path, line));
            }
        } else if (macro.startsWith("DECLARE_TRACE")) {
            tracepoints.add(new TracepointDecl(first, "", macro, path, line));
        } else if (macro.equals("DECLARE_EVENT_CLASS")) {
            return;
        } else {
            tracepoints.add(new TracepointDecl(first, first, macro, path, line));
        }
    }

    /** {@code .handler = foo,} inside a file-scope initializer. */
    private void initializerStore(int k) {
        if (k < 1 || k + 3 > codeCount || !ts.isPunct(code[k - 1], '.')) {
            return;
        }
        if (!ts.isPunct(code[k + 1], '=') || ts.kind(code[k + 2]) != TokenKind.IDENTIFIER) {
            return;
        }
        int after = k + 3;
        if (after < codeCount && (ts.isPunct(code[after], ',') || ts.isPunct(code[after], '}'))) {
            fieldStores.add(new FieldStore(textOf(code[k]), textOf(code[k + 2]), "",
                ts.line(code[k])));
        }
    }

    // ---------------------------------------------------------------- bodies

    private String intern(String s) {
        return strings.intern(s);
    }

    /** The text of token {@code tok}, shared with equal names made before. */
    private String textOf(int tok) {
        return ts.text(tok, strings);
    }

    private String joinTokens(int from, int to, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to && sb.length() < max; i++) {
            if (ts.kind(i) == TokenKind.PP_END) {
                break;
            }
            if (sb.length() > 0 && i > from && !ts.adjacent(i - 1, i)) {
                sb.append(' ');
            }
            ts.appendTo(sb, i);
        }
        return sb.length() > max ? sb.substring(0, max) : sb.toString();
    }

    /**
     * Walks one body (a range of token indices) and collects call sites and sync events,
     * keeping the innermost {@code if} condition around each event and the scope of guards.
     */
    private final class BodyScan {
        private final String function;
        private final int[] toks;
        private final int from;
        private final int to;
        private final int[] conditionIndex;
        private final String fixedCondition;
        /** Filled at the end of {@link #run}, when the shared argument text is complete. */
        final List<CallSite> calls = new ArrayList<>();
        final List<SyncEvent> events = new ArrayList<>();
        /** The argument texts of this body's calls, one after the other (see {@link CallSite}). */
        private final StringBuilder argsOfFunction = new StringBuilder();
        private final List<PendingCall> pending = new ArrayList<>();

        /** One frame per open brace: the if-condition that guards it and guards to release at its end. */
        private final List<Block> blocks = new ArrayList<>();
        private String pendingIf;
        private String singleStatementGuard;
        private int singleStatementDepth = -1;
        /** Open parentheses at the current token, so the ';' of a for header ends no statement. */
        private int parenDepth;
        private GuardRelease pendingScopedGuard;

        BodyScan(String function, int[] toks, int from, int to, int[] conditionIndex, String fixedCondition) {
            this.function = function;
            this.toks = toks;
            this.from = from;
            this.to = to;
            this.conditionIndex = conditionIndex;
            this.fixedCondition = fixedCondition;
        }

        void run() {
            for (int k = from; k < to; k++) {
                int tok = toks[k];
                TokenKind kind = ts.kind(tok);
                if (kind == TokenKind.PUNCTUATOR) {
                    punctuator(k, tok);
                } else if (kind == TokenKind.IDENTIFIER) {
                    if (k + 1 < to && ts.isPunct(toks[k + 1], '(')) {
                        k = identifierCall(k, tok);
                    } else if (!pointerCall(k, tok)) {
                        assignmentStore(k, tok);
                    }
                }
            }
            String shared = argsOfFunction.toString();
            for (PendingCall p : pending) {
                calls.add(CallSite.inShared(p.callee(), p.line(), p.column(), shared, p.argsStart(), p.argsEnd(),
                    p.indirect(), p.conditional()));
            }
        }

        private void call(String callee, int tok, int argsStart, boolean indirect, boolean conditional) {
            pending.add(new PendingCall(callee, ts.line(tok), ts.column(tok), argsStart, argsOfFunction.length(),
                indirect, conditional));
        }

        private void punctuator(int k, int tok) {
            if (ts.isPunct(tok, '{')) {
                dropAlternativeBlocks(k);
                Block block = new Block(pendingIf != null ? pendingIf : singleStatementGuardHere());
                pendingIf = null;
                if (pendingScopedGuard != null) {
                    block.releases.add(pendingScopedGuard);
                    pendingScopedGuard = null;
                }
                blocks.add(block);
            } else if (ts.isPunct(tok, '}')) {
                dropAlternativeBlocks(k);
                if (!blocks.isEmpty()) {
                    Block block = blocks.remove(blocks.size() - 1);
                    for (GuardRelease release : block.releases) {
                        event(SyncEventClassifier.releaseOf(release.acquired()), release.primitive() + " (scope end)",
                            k, "");
                    }
                }
                // 'if (c) for (...) { ... }': the block was the guarded statement.
                endSingleStatement();
            } else if (ts.isPunct(tok, ';')) {
                endSingleStatement();
                if (pendingScopedGuard != null && parenDepth == 0) {
                    // 'scoped_guard(rcu) stmt;' without braces: the scope is that one statement.
                    event(SyncEventClassifier.releaseOf(pendingScopedGuard.acquired()),
                        pendingScopedGuard.primitive() + " (scope end)", k, "");
                    pendingScopedGuard = null;
                }
            } else if (ts.isPunct(tok, '(')) {
                parenDepth++;
            } else if (ts.isPunct(tok, ')') && parenDepth > 0) {
                parenDepth--;
            }
        }

        /** Ends an unbraced if's statement, unless inside parentheses ({@code for (;;)}) or a nested block. */
        private void endSingleStatement() {
            if (singleStatementGuard != null && parenDepth == 0 && blocks.size() <= singleStatementDepth) {
                singleStatementGuard = null;
                singleStatementDepth = -1;
            }
        }

        /**
         * Both branches of an {@code #if} may open a block ({@code if (a) {} / {@code #else} /
         * {@code if (b) {}) while only one closes; the preprocessor pass already resynchronised
         * {@link #depthBefore} at the {@code #else}, so drop the blocks it discarded, or their
         * guards would leak onto the code after the closing brace. Function bodies only: the
         * tokens of a #define body have no recorded depth.
         */
        private void dropAlternativeBlocks(int k) {
            if (conditionIndex == null) {
                return;
            }
            int open = depthBefore[k] - depthBefore[from];
            while (blocks.size() > open) {
                blocks.remove(blocks.size() - 1);
            }
        }

        private String singleStatementGuardHere() {
            return singleStatementGuard != null && blocks.size() == singleStatementDepth ? singleStatementGuard : null;
        }

        /** Handles IDENT '(' ... ')' at code position k; returns the position to continue from. */
        private int identifierCall(int k, int tok) {
            int open = k + 1;
            int close = matchInBody(open);
            if (close < 0) {
                return k;
            }
            String name = textOf(tok);
            if (name.equals("if")) {
                String cond = parenthesised(open, close);
                if (close + 1 < to && ts.isPunct(toks[close + 1], '{')) {
                    pendingIf = cond;
                } else {
                    singleStatementGuard = cond;
                    singleStatementDepth = blocks.size();
                }
                return k;
            }
            if (NOT_CALLS.contains(name)) {
                return k;
            }
            boolean indirect = k > from && (ts.is(toks[k - 1], "->") || ts.isPunct(toks[k - 1], '.'));
            int argsStart = appendArgs(open, close);
            call(name, tok, argsStart, indirect, isConditional(k));
            if (indirect) {
                return k;
            }
            if (name.equals("guard") || name.equals("scoped_guard")) {
                guard(k, name, argsOfFunction.substring(argsStart));
                // Go on into the groups: guard(srcu)(srcu_of(x)) calls srcu_of. A ")(" is not a call.
                return k;
            }
            SyncEventClassifier.classify(name).ifPresent(kind -> {
                String argument = kind == SyncKind.TRACEPOINT_CALL
                    ? SyncEventClassifier.tracepointName(name)
                    : CallSite.splitArguments(argsOfFunction.substring(argsStart)).stream().findFirst().orElse("");
                event(kind, name, k, argument);
            });
            return k;
        }

        /**
         * {@code (*fp)(...)} or {@code (*ops->fn)(...)}: an indirect call named after the pointer
         * (the member for {@code ops->fn}). Its arguments are scanned as usual afterwards.
         */
        private boolean pointerCall(int k, int tok) {
            if (k + 2 >= to || !ts.isPunct(toks[k + 1], ')') || !ts.isPunct(toks[k + 2], '(')) {
                return false;
            }
            int j = k - 1;
            while (j - 1 > from && (ts.is(toks[j], "->") || ts.isPunct(toks[j], '.'))
                && ts.kind(toks[j - 1]) == TokenKind.IDENTIFIER) {
                j -= 2;
            }
            if (j - 1 < from || !ts.isPunct(toks[j], '*') || !ts.isPunct(toks[j - 1], '(')) {
                return false;
            }
            int close = matchInBody(k + 2);
            if (close < 0) {
                return false;
            }
            call(textOf(tok), tok, appendArgs(k + 2, close), true, isConditional(k));
            return true;
        }

        private void guard(int k, String name, String args) {
            String cls = CallSite.splitArguments(args).stream().findFirst().orElse("");
            SyncEventClassifier.guardClass(cls).ifPresent(kind -> {
                String primitive = name + "(" + cls + ")";
                event(kind, primitive, k, cls);
                GuardRelease release = new GuardRelease(kind, primitive);
                if (name.equals("guard")) {
                    if (!blocks.isEmpty()) {
                        blocks.get(blocks.size() - 1).releases.add(release);
                    }
                } else {
                    pendingScopedGuard = release;
                }
            });
        }

        /** {@code x->field = fn;} or {@code x.field = fn;} in a body. */
        private void assignmentStore(int k, int tok) {
            if (k <= from || k + 3 >= to) {
                return;
            }
            int before = toks[k - 1];
            if (!ts.is(before, "->") && !ts.isPunct(before, '.')) {
                return;
            }
            if (!ts.isPunct(toks[k + 1], '=') || ts.kind(toks[k + 2]) != TokenKind.IDENTIFIER
                || !ts.isPunct(toks[k + 3], ';')) {
                return;
            }
            fieldStores.add(new FieldStore(textOf(tok), textOf(toks[k + 2]), function, ts.line(tok)));
        }

        private boolean isConditional(int k) {
            if (conditionIndex == null) {
                return !fixedCondition.isEmpty();
            }
            return conditionIndex[k] != 0;
        }

        private String conditionAt(int k) {
            return conditionIndex == null ? fixedCondition : conditions.get(conditionIndex[k]);
        }

        private void event(SyncKind kind, String primitive, int k, String argument) {
            int tok = toks[k];
            events.add(new SyncEvent(kind, intern(primitive), ts.line(tok), ts.column(tok), argument, currentGuard(),
                conditionAt(k)));
        }

        private String currentGuard() {
            String single = singleStatementGuardHere();
            if (single != null) {
                return single;
            }
            for (int b = blocks.size() - 1; b >= 0; b--) {
                if (blocks.get(b).guard != null) {
                    return blocks.get(b).guard;
                }
            }
            return "";
        }

        private int matchInBody(int open) {
            int depth = 0;
            for (int k = open; k < to; k++) {
                int tok = toks[k];
                if (ts.isPunct(tok, '(')) {
                    depth++;
                } else if (ts.isPunct(tok, ')')) {
                    depth--;
                    if (depth == 0) {
                        return k;
                    }
                }
            }
            return -1;
        }

        /** The text between the parentheses at {@code open} and {@code close}, as a call's arguments are kept. */
        private String parenthesised(int open, int close) {
            StringBuilder sb = new StringBuilder();
            appendBetween(open, close, sb);
            return intern(sb.toString());
        }

        /** Appends a call's argument text to {@link #argsOfFunction}; returns where it starts there. */
        private int appendArgs(int open, int close) {
            int start = argsOfFunction.length();
            appendBetween(open, close, argsOfFunction);
            return start;
        }

        /** The tokens between two parentheses, blanks folded to one space, at most MAX_ARGS_TEXT chars. */
        private void appendBetween(int open, int close, StringBuilder sb) {
            int start = sb.length();
            for (int k = open + 1; k < close && sb.length() - start < MAX_ARGS_TEXT; k++) {
                int tok = toks[k];
                if (sb.length() > start && !ts.adjacent(toks[k - 1], tok)) {
                    sb.append(' ');
                }
                ts.appendTo(sb, tok);
            }
            if (sb.length() - start > MAX_ARGS_TEXT) {
                sb.setLength(start + MAX_ARGS_TEXT);
            }
        }
    }

    /** A call seen in a body, made a {@link CallSite} once the body's argument text is complete. */
    private record PendingCall(String callee, int line, int column, int argsStart, int argsEnd, boolean indirect,
                               boolean conditional) {
    }

    /** A guard()'s implicit release at the end of its scope. */
    private record GuardRelease(SyncKind acquired, String primitive) {
    }

    private static final class Block {
        final String guard;
        final List<GuardRelease> releases = new ArrayList<>(0);

        Block(String guard) {
            this.guard = guard;
        }
    }
}
