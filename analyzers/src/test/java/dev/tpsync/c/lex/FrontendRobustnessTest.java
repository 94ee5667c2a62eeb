package dev.tpsync.c.lex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tpsync.c.FrontendFixtures;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Property-style checks that the lexer and the structure pass never throw and never hang:
 * random soups of bytes and of C-ish fragments, and a realistic fixture cut at every 7th
 * offset. A structure pass that catches its own bug leaves a "stopped early" diagnostic,
 * which counts as a failure here too.
 */
class FrontendRobustnessTest {

    /** Generous: a few kB must lex and parse in milliseconds; this only catches hangs. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final long SEED = 0x7e5c_0ffeeL;

    private static final String[] FRAGMENTS = {
        "{", "}", "(", ")", ";", ",", "\n", "\r\n", " ", "\t", "\\\n", "\\", "#", "##", "#define ", "#if X\n",
        "#ifdef Y\n", "#else\n", "#elif Z\n", "#endif\n", "# error don't\n", "/*", "*/", "//", "\"", "'", "L\"",
        "u8'", "if", "for", "while", "static ", "noinstr ", "void ", "f", "g", "x", "->", ".", "=", "*", "&",
        "rcu_read_lock()", "rcu_read_unlock()", "trace_foo(", "trace_bar_rcuidle(", "guard(rcu)()",
        "scoped_guard(srcu, &s)", "srcu_read_lock(&s)", "SYSCALL_DEFINE1(", "DEFINE_IDTENTRY_RAW(",
        "TRACE_EVENT(", "DEFINE_EVENT(", "__acquires(x)", "__attribute__((unused))", ".h = fn,", "0x1fUL",
        ".5f", "1e-5", "...", "<<=", "\0", "\u00ff", "@", "`", "(*", ")(", "int ",
    };

    private static void lexAndParse(String input) {
        LexResult lexed = Lexer.lex("soup.c", input);
        TokenStream ts = lexed.tokens();
        for (int i = 0; i < ts.size(); i++) {
            assertThat(ts.start(i)).isBetween(0, input.length());
            assertThat(ts.end(i)).isBetween(ts.start(i), input.length());
            assertThat(ts.line(i)).isPositive();
            assertThat(ts.column(i)).isPositive();
        }
        FileFacts facts = StructureParser.parse("soup.c", lexed);
        assertThat(facts.diagnostics()).noneMatch(d -> d.message().startsWith("structure pass stopped early"));
        facts.functions().forEach(f -> {
            assertThat(f.endLine()).isGreaterThanOrEqualTo(f.line());
            f.calls().forEach(c -> c.args());
        });
    }

    private static String byteSoup(Random random) {
        int length = random.nextInt(600);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mostly bytes as ISO-8859-1 chars (incl. NUL), some printable ASCII.
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(256) : (char) (32 + random.nextInt(95)));
        }
        return sb.toString();
    }

    private static String fragmentSoup(Random random) {
        int pieces = random.nextInt(300);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> randomSoupsNeverThrowOrHang() {
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            inputs.add(i % 2 == 0 ? byteSoup(random) : fragmentSoup(random));
        }
        return IntStream.range(0, inputs.size()).mapToObj(i -> DynamicTest.dynamicTest("soup " + i,
            () -> assertTimeoutPreemptively(BOUND, () -> lexAndParse(inputs.get(i)), () -> "soup " + i + ": "
                + escape(inputs.get(i)))));
    }

    @TestFactory
    Stream<DynamicTest> realisticFixtureTruncatedAtEverySeventhOffset() {
        String src = FrontendFixtures.read("realistic.c");
        return IntStream.iterate(0, n -> n <= src.length(), n -> n + 7).mapToObj(n -> DynamicTest.dynamicTest(
            "cut at " + n, () -> assertTimeoutPreemptively(BOUND, () -> lexAndParse(src.substring(0, n)))));
    }

    @Test
    void realisticFixtureParsesCleanly() {
        FileFacts facts = StructureParser.parse("realistic.c", FrontendFixtures.read("realistic.c"));
        assertThat(facts.diagnostics()).isEmpty();
        assertThat(facts.functions()).extracting(f -> f.name()).containsExactly("__DO_GIZMO", "gizmo_walk",
            "gizmo_idle_enter", "exc_gizmo", "sys_gizmo_ctl");
    }

    @Test
    void largeInputIsLinearEnough() {
        String src = FrontendFixtures.read("realistic.c").repeat(400);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            FileFacts facts = StructureParser.parse("big.c", src);
            assertThat(facts.functions()).hasSize(5 * 400);
        });
    }

    @Test
    void unclosedParenthesesDoNotGoQuadraticBeyondReason() {
        String src = "void f(void)\n{\n" + "g(".repeat(5000) + "\n}\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> lexAndParse(src));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.length() > 400 ? sb.substring(0, 400) + "..." : sb.toString();
    }
}
