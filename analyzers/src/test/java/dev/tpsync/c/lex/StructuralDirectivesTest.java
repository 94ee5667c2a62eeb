package dev.tpsync.c.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Lexer.Directives#STRUCTURAL}: the preprocessor lines the structure pass never reads are not stored. */
class StructuralDirectivesTest {

    private static List<String> texts(String src) {
        TokenStream ts = Lexer.lex("t.c", src, Lexer.Directives.STRUCTURAL).tokens();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            out.add(ts.kind(i) == TokenKind.PP_END ? "<end>" : ts.text(i));
        }
        return out;
    }

    @Test
    void includesAndObjectLikeDefinesKeepOnlyTheirDirectiveAndEnd() {
        assertThat(texts("#include <linux/tracepoint.h>\n#define mmGRBM_STATUS 0x2004\nint x;\n"))
            .containsExactly("#include", "<end>", "#define", "<end>", "int", "x", ";");
    }

    @Test
    void conditionsAndFunctionLikeDefinesKeepEveryToken() {
        assertThat(texts("#ifdef CONFIG_X\n#define F(a) g(a)\n#elif defined(Y)\n#endif\n"))
            .containsExactly("#ifdef", "CONFIG_X", "<end>", "#define", "F", "(", "a", ")", "g", "(", "a", ")",
                "<end>", "#elif", "defined", "(", "Y", ")", "<end>", "#endif", "<end>");
    }

    @Test
    void aDefineWhoseNameIsNotFollowedDirectlyByAParenthesisIsObjectLike() {
        assertThat(texts("#define EMPTY (1)\n")).containsExactly("#define", "<end>");
        assertThat(texts("# define CALL(x) x\n")).contains("CALL", "(", "x", ")");
    }

    @Test
    void aDroppedLineStillEndsWhereTheLexerSaysAndLaterLinesKeepTheirNumbers() {
        String src = "#define LONG 1 + \\\n  2 /* spans\n lines */ + 3\nint after;\n";
        TokenStream ts = Lexer.lex("t.c", src, Lexer.Directives.STRUCTURAL).tokens();
        TokenStream all = Lexer.lex("t.c", src).tokens();
        assertThat(ts.text(ts.size() - 2)).isEqualTo("after");
        assertThat(ts.line(ts.size() - 2)).isEqualTo(all.line(all.size() - 2)).isEqualTo(4);
        assertThat(ts.column(ts.size() - 2)).isEqualTo(5);
    }

    @Test
    void codeOutsideDirectivesIsTheSameInBothModes() {
        String src = "#include \"x.h\"\nstatic void f(void)\n{\n\tg(\"#define\", 'a');\n}\n";
        List<String> structural = texts(src);
        TokenStream all = Lexer.lex("t.c", src).tokens();
        List<String> code = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            code.add(all.kind(i) == TokenKind.PP_END ? "<end>" : all.text(i));
        }
        code.remove(1);
        assertThat(structural).isEqualTo(code);
    }
}
