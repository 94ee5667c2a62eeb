package dev.tpsync.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error Prone's registry check for tpsync: every built-in rule has a unique id, the
 * documentation users see, and enough fixtures under testdata/rules/&lt;id&gt;/. A case is
 * positive when its own files (not its support trees) mark a finding of its rule, and its
 * name says which it is: negative cases are named {@code neg-*}.
 */
class BuiltinRulesRegistryTest {

    static final int MIN_CASES = 6;

    static Stream<Rule> rules() {
        return BuiltinRules.all().stream();
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (Rule r : BuiltinRules.all()) {
            assertTrue(seen.add(r.metadata().id()), "rule id defined twice: " + r.metadata().id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void isDocumented(Rule rule) {
        RuleMetadata m = rule.metadata();
        String id = m.id();
        assertFalse(m.summary().isBlank(), id + ": summary");
        assertFalse(m.rationale().isBlank(), id + ": rationale");
        assertFalse(m.references().isEmpty(), id + ": references");
        m.references().forEach(r -> assertFalse(r.isBlank(), id + ": blank reference"));
        assertFalse(m.badExample().isBlank(), id + ": bad example");
        assertFalse(m.goodExample().isBlank(), id + ": good example");
        assertFalse(m.badExample().strip().equals(m.goodExample().strip()), id + ": bad and good example are the same");
        assertEquals("built-in", m.origin(), id + ": origin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void hasEnoughFixtures(Rule rule) {
        String id = rule.metadata().id();
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        for (RuleFixture f : RuleFixture.all()) {
            if (!f.ruleId().equals(id)) {
                continue;
            }
            boolean marked = ownMarks(f).stream().anyMatch(m -> m.ruleId().equals(id));
            boolean namedNegative = f.name().startsWith("neg-");
            assertEquals(namedNegative, !marked, f + ": a case named neg-* must mark no finding of " + id
                + " in its own files, and any other case must mark at least one");
            (marked ? positive : negative).add(f.name());
        }
        assertTrue(positive.size() >= MIN_CASES, id + ": only " + positive.size() + " positive cases: " + positive);
        assertTrue(negative.size() >= MIN_CASES, id + ": only " + negative.size() + " negative cases: " + negative);
    }

    @Test
    void fixtureDirectoriesAndMarksNameKnownRules() throws IOException {
        Set<String> ids = BuiltinRules.all().stream().map(r -> r.metadata().id()).collect(Collectors.toSet());
        try (Stream<Path> dirs = Files.list(RuleFixture.root())) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String name = d.getFileName().toString();
                assertTrue(name.equals(RuleFixture.SUPPORT_DIR) || ids.contains(name),
                    "testdata/rules/" + name + " names no built-in rule");
            }
        }
        try (Stream<Path> files = Files.walk(RuleFixture.root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".c") || name.endsWith(".h")) {
                    for (ExpectMarks.Mark m : ExpectMarks.parse(f.toString(), read(f))) {
                        assertTrue(ids.contains(m.ruleId()), f + ":" + m.markLine() + ": unknown rule " + m.ruleId());
                    }
                }
            }
        }
    }

    private static List<ExpectMarks.Mark> ownMarks(RuleFixture f) {
        List<ExpectMarks.Mark> marks = new ArrayList<>();
        for (String file : f.ownSourceFiles()) {
            marks.addAll(ExpectMarks.parse(file, read(f.dir().resolve(file))));
        }
        return marks;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
