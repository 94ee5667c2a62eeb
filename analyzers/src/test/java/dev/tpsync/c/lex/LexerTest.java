package dev.tpsync.c.lex;

import static dev.tpsync.c.lex.TokenKind.CHAR;
import static dev.tpsync.c.lex.TokenKind.IDENTIFIER;
import static dev.tpsync.c.lex.TokenKind.NUMBER;
import static dev.tpsync.c.lex.TokenKind.OTHER;
import static dev.tpsync.c.lex.TokenKind.PP_DIRECTIVE;
import static dev.tpsync.c.lex.TokenKind.PP_END;
import static dev.tpsync.c.lex.TokenKind.PUNCTUATOR;
import static dev.tpsync.c.lex.TokenKind.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.FrontendFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LexerTest {

    static LexResult lex(String src) {
        return Lexer.lex("t.c", src);
    }

    static List<Token> tokens(String src) {
        TokenStream ts = lex(src).tokens();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            out.add(ts.token(i));
        }
        return out;
    }

    static List<String> texts(String src) {
        return tokens(src).stream().map(Token::text).toList();
    }

    static List<TokenKind> kinds(String src) {
        return tokens(src).stream().map(Token::kind).toList();
    }

    static Token only(String src) {
        List<Token> all = tokens(src);
        assertThat(all).as("tokens of %s", src).hasSize(1);
        return all.get(0);
    }

    static Token first(String src, String text) {
        return tokens(src).stream().filter(t -> t.text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAsGccSkipsIt() {
        LexResult r = lex("\u00ef\u00bb\u00bfvoid f(void)\n{\n}\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(texts("\u00ef\u00bb\u00bfvoid f(void)")).containsExactly("void", "f", "(", "void", ")");
        assertThat(first("\u00ef\u00bb\u00bfvoid f(void)", "void").column()).isEqualTo(1);
    }

    @Nested
    class Comments {

        @Test
        void lineCommentIsSkippedToTheEndOfTheLine() {
            String src = "a // rcu_read_lock(); \"not a string\nb";
            assertThat(texts(src)).containsExactly("a", "b");
            assertThat(first(src, "b").line()).isEqualTo(2);
            assertThat(lex(src).diagnostics()).isEmpty();
        }

        @Test
        void blockCommentMaySpanLinesAndHideCode() {
            String src = "a /* trace_foo();\n   } { */ b";
            assertThat(texts(src)).containsExactly("a", "b");
            Token b = first(src, "b");
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.column()).isEqualTo(11);
        }

        @Test
        void blockCommentsDoNotNest() {
            assertThat(texts("/* a /* b */ c */")).containsExactly("c", "*", "/");
        }

        @Test
        void unterminatedBlockCommentKeepsEarlierTokensAndSaysWhere() {
            LexResult r = lex("int x;\n/* never closed\nint y;\n");
            assertThat(texts("int x;\n/* never closed\nint y;\n")).containsExactly("int", "x", ";");
            assertThat(r.diagnostics()).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(tuple(2, "unterminated comment"));
        }

        @Test
        void continuedLineCommentSwallowsTheNextLine() {
            String src = "a // comment \\\n still comment rcu_read_lock();\nb";
            assertThat(texts(src)).containsExactly("a", "b");
            assertThat(first(src, "b").line()).isEqualTo(3);
        }

        @Test
        void slashAloneAndSlashAssignAreOperators() {
            assertThat(texts("a / b /= c")).containsExactly("a", "/", "b", "/=", "c");
        }
    }

    @Nested
    class Literals {

        @Test
        void stringWithEscapedQuoteAndBackslashIsOneToken() {
            Token t = only("\"say \\\"hi\\\" \\\\\"");
            assertThat(t.kind()).isEqualTo(STRING);
            assertThat(t.text()).isEqualTo("\"say \\\"hi\\\" \\\\\"");
        }

        @Test
        void charLiteralsWithEscapes() {
            assertThat(tokens("'\\'' '\\\\' '\"' '\\n' '\\x1f'"))
                .extracting(Token::kind, Token::text)
                .containsExactly(
                    tuple(CHAR, "'\\''"),
                    tuple(CHAR, "'\\\\'"),
                    tuple(CHAR, "'\"'"),
                    tuple(CHAR, "'\\n'"),
                    tuple(CHAR, "'\\x1f'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"L\"wide\"", "u\"utf16\"", "U\"utf32\"", "u8\"utf8\""})
        void stringPrefixesBelongToTheLiteral(String literal) {
            Token t = only(literal);
            assertThat(t.kind()).isEqualTo(STRING);
            assertThat(t.text()).isEqualTo(literal);
            assertThat(t.column()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"L'x'", "u'x'", "U'x'", "u8'x'"})
        void charPrefixesBelongToTheLiteral(String literal) {
            Token t = only(literal);
            assertThat(t.kind()).isEqualTo(CHAR);
            assertThat(t.text()).isEqualTo(literal);
        }

        @Test
        void anIdentifierThatIsNotAPrefixStaysAnIdentifier() {
            assertThat(tokens("LL\"x\" u16\"y\" foo'c'")).extracting(Token::kind, Token::text).containsExactly(
                tuple(IDENTIFIER, "LL"),
                tuple(STRING, "\"x\""),
                tuple(IDENTIFIER, "u16"),
                tuple(STRING, "\"y\""),
                tuple(IDENTIFIER, "foo"),
                tuple(CHAR, "'c'"));
        }

        @Test
        void commentMarkersInsideStringsAreText() {
            assertThat(texts("\"/* not */\" \"// nor\" x")).containsExactly("\"/* not */\"", "\"// nor\"", "x");
        }

        @Test
        void lineContinuationInsideAStringKeepsOneToken() {
            String src = "s = \"ab\\\ncd\"; x";
            List<Token> all = tokens(src);
            assertThat(all).extracting(Token::text).containsExactly("s", "=", "\"ab\\\ncd\"", ";", "x");
            assertThat(all.get(2).line()).isEqualTo(1);
            assertThat(all.get(4).line()).isEqualTo(2);
            assertThat(all.get(4).column()).isEqualTo(6);
        }

        @Test
        void unterminatedStringEndsAtTheLineAndIsReported() {
            String src = "pr_info(\"oops);\nint x;";
            LexResult r = lex(src);
            assertThat(texts(src)).containsExactly("pr_info", "(", "\"oops);", "int", "x", ";");
            assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly("unterminated string literal");
            assertThat(r.diagnostics().get(0).line()).isEqualTo(1);
        }

        @Test
        void unterminatedCharIsReported() {
            assertThat(lex("c = 'x;\n").diagnostics()).extracting(Diagnostic::message)
                .containsExactly("unterminated character literal");
        }
    }

    @Nested
    class Continuations {

        @Test
        void continuationBetweenTokensMovesToTheNextPhysicalLine() {
            String src = "int a = \\\n    1;";
            Token one = first(src, "1");
            assertThat(one.line()).isEqualTo(2);
            assertThat(one.column()).isEqualTo(5);
            assertThat(one.offset()).isEqualTo(src.indexOf('1'));
            assertThat(kinds(src)).doesNotContain(OTHER);
        }

        @Test
        void backslashNotBeforeANewlineIsAStrayByte() {
            assertThat(tokens("a \\ b")).extracting(Token::kind).containsExactly(IDENTIFIER, OTHER, IDENTIFIER);
        }

        @Test
        void continuationJoinsAnIdentifierSplitOverLinesIntoTwoTokens() {
            // The lexer does not splice physical lines inside an identifier; kernel code
            // never splits a name, and positions stay exact this way.
            assertThat(texts("rcu_read\\\n_lock")).containsExactly("rcu_read", "_lock");
        }
    }

    @Nested
    class Directives {

        @Test
        void defineIsOneUnitFollowedByCode() {
            String src = "#define NR 4\nint y;";
            assertThat(tokens(src)).extracting(Token::kind, Token::text).containsExactly(
                tuple(PP_DIRECTIVE, "#define"),
                tuple(IDENTIFIER, "NR"),
                tuple(NUMBER, "4"),
                tuple(PP_END, ""),
                tuple(IDENTIFIER, "int"),
                tuple(IDENTIFIER, "y"),
                tuple(PUNCTUATOR, ";"));
        }

        @Test
        void directiveNameMayBeSpacedFromTheHashAndIndented() {
            assertThat(first("# if defined(CONFIG_X)\n#endif", "# if").kind()).isEqualTo(PP_DIRECTIVE);
            Token indented = tokens("  #  ifdef CONFIG_SMP\n").get(0);
            assertThat(indented.kind()).isEqualTo(PP_DIRECTIVE);
            assertThat(indented.text()).isEqualTo("#  ifdef");
            assertThat(indented.column()).isEqualTo(3);
        }

        @Test
        void continuedDirectiveEndsAtTheLastPhysicalLine() {
            String src = "#define F(a) \\\n\tdo { g(a); } \\\n\twhile (0)\nint z;";
            List<Token> all = tokens(src);
            int end = all.stream().map(Token::kind).toList().indexOf(PP_END);
            assertThat(all.get(end - 1).text()).isEqualTo(")");
            assertThat(all.get(end).line()).isEqualTo(3);
            assertThat(all.get(end + 1).text()).isEqualTo("int");
            assertThat(all.get(end + 1).line()).isEqualTo(4);
            assertThat(all.subList(0, end)).extracting(Token::kind).containsOnlyOnce(PP_DIRECTIVE);
        }

        @Test
        void hashAndPasteInsideADefineArePunctuators() {
            String src = "#define STR(x) #x\n#define CAT(a, b) a##b\n";
            List<Token> all = tokens(src);
            assertThat(all).filteredOn(t -> t.text().equals("#")).singleElement()
                .extracting(Token::kind).isEqualTo(PUNCTUATOR);
            assertThat(all).filteredOn(t -> t.text().equals("##")).singleElement()
                .extracting(Token::kind).isEqualTo(PUNCTUATOR);
            assertThat(all).filteredOn(t -> t.kind() == PP_DIRECTIVE).hasSize(2);
            assertThat(all).filteredOn(t -> t.kind() == PP_END).hasSize(2);
        }

        @Test
        void hashNotAtLineStartIsAPunctuator() {
            assertThat(tokens("x = 1; # define y")).extracting(Token::kind)
                .containsExactly(IDENTIFIER, PUNCTUATOR, NUMBER, PUNCTUATOR, PUNCTUATOR, IDENTIFIER, IDENTIFIER);
        }

        @Test
        void directiveAfterACommentAtLineStartIsStillADirective() {
            assertThat(tokens("/* lead */ #include <linux/rcupdate.h>\n").get(0).kind()).isEqualTo(PP_DIRECTIVE);
        }

        @Test
        void directiveAtEndOfFileWithoutNewlineIsClosed() {
            assertThat(kinds("#endif")).containsExactly(PP_DIRECTIVE, PP_END);
            assertThat(kinds("#")).containsExactly(PP_DIRECTIVE, PP_END);
        }

        @Test
        void commentsEndingADirectiveLineDoNotExtendIt() {
            assertThat(kinds("#define A 1 /* one */\nb")).containsExactly(PP_DIRECTIVE, IDENTIFIER, NUMBER, PP_END,
                IDENTIFIER);
            assertThat(kinds("#define A 1 // one\nb")).containsExactly(PP_DIRECTIVE, IDENTIFIER, NUMBER, PP_END,
                IDENTIFIER);
        }

        @Test
        void multiLineBlockCommentInsideADirectiveDoesNotEndIt() {
            String src = "#define A /* a\n  long note */ 1\nb";
            assertThat(kinds(src)).containsExactly(PP_DIRECTIVE, IDENTIFIER, NUMBER, PP_END, IDENTIFIER);
            assertThat(first(src, "1").line()).isEqualTo(2);
        }

        @Test
        void unbalancedQuoteInErrorDirectiveIsNotADiagnostic() {
            String src = "#error don't build this\nint after;";
            LexResult r = lex(src);
            assertThat(r.diagnostics()).isEmpty();
            List<Token> all = tokens(src);
            assertThat(all.get(0).kind()).isEqualTo(PP_DIRECTIVE);
            int end = all.stream().map(Token::kind).toList().indexOf(PP_END);
            assertThat(all.subList(end + 1, all.size())).extracting(Token::text).containsExactly("int", "after", ";");
            assertThat(all.get(end + 1).line()).isEqualTo(2);
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @ValueSource(strings = {"0x1fUL", "1e-5", ".5f", "1.0e+10L", "0x1p-3", "42", "0777", "1ULL", "3.14"})
        void ppNumberIsOneToken(String number) {
            Token t = only(number);
            assertThat(t.kind()).isEqualTo(NUMBER);
            assertThat(t.text()).isEqualTo(number);
        }

        @Test
        void signAfterANonExponentEndsTheNumber() {
            assertThat(texts("1-2 0x10+x a.b")).containsExactly("1", "-", "2", "0x10", "+", "x", "a", ".", "b");
        }
    }

    @Nested
    class Punctuators {

        @Test
        void everyMultiCharPunctuatorLexesAsOneTokenBetweenIdentifiers() {
            String[] all = {"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
                "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##"};
            for (String p : all) {
                assertThat(tokens("a " + p + " b")).as(p).extracting(Token::kind, Token::text).containsExactly(
                    tuple(IDENTIFIER, "a"),
                    tuple(PUNCTUATOR, p),
                    tuple(IDENTIFIER, "b"));
            }
        }

        @Test
        void singleCharPunctuators() {
            assertThat(texts("{ } [ ] ( ) < > ; : , . ? ! ~ + - * / % ^ & | =")).containsExactly("{", "}", "[", "]", "(", ")", "<", ">", ";",
                ":", ",", ".", "?", "!", "~", "+", "-", "*", "/", "%", "^", "&", "|", "=");
        }

        @Test
        void longestMatchWins() {
            assertThat(texts("a+++b x<<=2 p->q c--->d")).containsExactly("a", "++", "+", "b", "x", "<<=", "2", "p",
                "->", "q", "c", "--", "->", "d");
        }
    }

    @Nested
    class Positions {

        @Test
        void tabsCountAsOneColumnAndOffsetsAreExact() {
            String src = "\tfoo(\tbar);";
            Token foo = first(src, "foo");
            assertThat(foo.column()).isEqualTo(2);
            assertThat(foo.offset()).isEqualTo(1);
            Token bar = first(src, "bar");
            assertThat(bar.column()).isEqualTo(7);
        }

        @Test
        void positionsAfterCommentsAndContinuations() {
            String src = "/* head\n * more */ int\t/* x */ a; // tail\n\tb = \\\n  c;";
            Token intTok = first(src, "int");
            assertThat(intTok.line()).isEqualTo(2);
            assertThat(intTok.column()).isEqualTo(12);
            Token a = first(src, "a");
            assertThat(a.line()).isEqualTo(2);
            assertThat(a.column()).isEqualTo(24);
            Token b = first(src, "b");
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.column()).isEqualTo(2);
            Token c = first(src, "c");
            assertThat(c.line()).isEqualTo(4);
            assertThat(c.column()).isEqualTo(3);
        }

        @Test
        void everyTokenTextIsItsSourceSlice() {
            String src = FrontendFixtures.read("lexer_mix.c");
            TokenStream ts = lex(src).tokens();
            String[] lines = src.split("\n", -1);
            for (int i = 0; i < ts.size(); i++) {
                Token t = ts.token(i);
                assertThat(src.substring(t.offset(), t.offset() + t.text().length())).isEqualTo(t.text());
                if (t.kind() != PP_END) {
                    // Line and column point at the token's first character.
                    assertThat(lines[t.line() - 1].length()).as("line of %s", t).isGreaterThanOrEqualTo(t.column() - 1);
                    int lineStart = src.lastIndexOf('\n', t.offset() - 1) + 1;
                    assertThat(t.column()).as("column of %s", t).isEqualTo(t.offset() - lineStart + 1);
                    assertThat(src.substring(0, lineStart).chars().filter(ch -> ch == '\n').count() + 1)
                        .as("line of %s", t).isEqualTo(t.line());
                }
            }
            assertThat(lex(src).diagnostics()).isEmpty();
        }

        @Test
        void crlfFileKeepsLinesColumnsAndDirectives() {
            String src = "int a;\r\n#define B 2 \\\r\n\t+ 3\r\n// note \\\r\n still note\r\n\tc = \"x\\\r\ny\";\r\n";
            LexResult r = lex(src);
            assertThat(r.diagnostics()).isEmpty();
            List<Token> all = tokens(src);
            assertThat(all).extracting(Token::text).containsExactly("int", "a", ";", "#define", "B", "2", "+", "3", "",
                "c", "=", "\"x\\\r\ny\"", ";");
            assertThat(all.get(8).kind()).isEqualTo(PP_END);
            assertThat(all.get(6).line()).isEqualTo(3);
            Token c = all.get(9);
            assertThat(c.line()).isEqualTo(6);
            assertThat(c.column()).isEqualTo(2);
            assertThat(all.get(12).line()).isEqualTo(7);
        }
    }

    @Nested
    class OddInput {

        @Test
        void emptyFile() {
            LexResult r = lex("");
            assertThat(r.tokens().size()).isZero();
            assertThat(r.diagnostics()).isEmpty();
        }

        @Test
        void onlyWhitespaceAndComments() {
            LexResult r = lex("  \n\t/* c */ // d\n\f\u000b\r\n");
            assertThat(r.tokens().size()).isZero();
            assertThat(r.diagnostics()).isEmpty();
        }

        @Test
        void binaryGarbageWithNulsYieldsOtherTokensAndADiagnostic() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                sb.append((char) (i % 7 == 0 ? 0 : 0x80 + (i * 31) % 120));
            }
            LexResult r = lex(sb.toString());
            assertThat(r.tokens().size()).isEqualTo(400);
            assertThat(kinds(sb.toString())).containsOnly(OTHER);
            assertThat(r.diagnostics()).extracting(Diagnostic::message).singleElement().asString()
                .startsWith("looks binary");
        }

        @Test
        void fewStrayBytesAreNotCalledBinary() {
            LexResult r = lex("a @ b ` c");
            assertThat(kinds("a @ b ` c")).containsExactly(IDENTIFIER, OTHER, IDENTIFIER, OTHER, IDENTIFIER);
            assertThat(r.diagnostics()).isEmpty();
        }

        @Test
        void truncatedMidString() {
            String src = "static const char *s = \"abc\\";
            LexResult r = lex(src);
            List<Token> all = tokens(src);
            assertThat(all.get(all.size() - 1).kind()).isEqualTo(STRING);
            assertThat(all.get(all.size() - 1).text()).isEqualTo("\"abc\\");
            assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly("unterminated string literal");
        }

        @Test
        void truncatedMidCommentAndMidDirective() {
            assertThat(lex("int a; /* half").diagnostics()).extracting(Diagnostic::message)
                .containsExactly("unterminated comment");
            assertThat(lex("int a; /").tokens().size()).isEqualTo(4);
            // A backslash with no newline after it joins nothing: it is a stray byte.
            assertThat(kinds("#define F(x) \\")).containsExactly(PP_DIRECTIVE, IDENTIFIER, PUNCTUATOR, IDENTIFIER,
                PUNCTUATOR, OTHER, PP_END);
        }

        @Test
        void diagnosticsAreCapped() {
            String src = "\"x\n".repeat(100);
            assertThat(lex(src).diagnostics()).hasSize(20);
        }
    }

    /** The punctuator switch against the list it replaced, for every string of up to three punctuation characters. */
    @org.junit.jupiter.api.Test
    void punctuatorLengthsAreTheLongestMatchOfTheCPunctuators() {
        String[] three = {"...", "<<=", ">>="};
        String[] two = {"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=",
            "&=", "^=", "|=", "##"};
        String chars = ".<>-+=!&|*/%^#~?:;,()[]{}a";
        for (char a : chars.toCharArray()) {
            for (char b : chars.toCharArray()) {
                for (char c : chars.toCharArray()) {
                    for (String text : new String[] {"" + a, "" + a + b, "" + a + b + c}) {
                        int expected = 1;
                        for (String p : three) {
                            expected = text.startsWith(p) ? 3 : expected;
                        }
                        for (String p : two) {
                            expected = expected == 1 && text.startsWith(p) ? 2 : expected;
                        }
                        assertThat(Lexer.punctuatorLength(text.getBytes(StandardCharsets.ISO_8859_1), text.length(), 0)).as(text).isEqualTo(expected);
                    }
                }
            }
        }
    }
}
