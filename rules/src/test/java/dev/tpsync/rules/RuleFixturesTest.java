package dev.tpsync.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under testdata/rules through all built-in rules and compares what they
 * report with the case's {@code expect} marks, both ways: a mark without a finding is a miss,
 * a finding without a mark is a false positive. A case without marks expects nothing.
 */
class RuleFixturesTest {

    static Stream<RuleFixture> cases() {
        return RuleFixture.all().stream();
    }

    @Test
    void casesAreFound() {
        assertFalse(RuleFixture.all().isEmpty(), "no cases under " + RuleFixture.root().toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findingsMatchMarks(RuleFixture fixture, @TempDir Path tmp) {
        FixtureScan scan = FixtureScan.of(fixture, tmp);
        List<ExpectMarks.Mark> missed = new ArrayList<>(scan.marks());
        List<Finding> extra = new ArrayList<>();
        // Marks with a severity claim their finding first, so an unqualified mark on the same
        // line cannot steal it.
        missed.sort(Comparator.comparing((ExpectMarks.Mark m) -> m.severity().isEmpty()));
        for (Finding f : scan.findings()) {
            Optional<ExpectMarks.Mark> mark = missed.stream()
                .filter(m -> m.matches(f.file(), f.line(), f.ruleId(), f.severity())).findFirst();
            if (mark.isPresent()) {
                missed.remove(mark.get());
            } else {
                extra.add(f);
            }
        }
        if (missed.isEmpty() && extra.isEmpty()) {
            return;
        }
        StringBuilder diff = new StringBuilder("fixture " + fixture + " (supports " + fixture.supports()
            + ") does not match its marks\n");
        for (ExpectMarks.Mark m : missed) {
            diff.append("- missed: ").append(m).append('\n');
        }
        for (Finding f : extra) {
            diff.append("+ extra:  ").append(describe(f)).append('\n');
        }
        diff.append("all findings:\n");
        for (Finding f : scan.findings()) {
            diff.append("  ").append(describe(f)).append('\n');
            for (EvidenceHop h : f.evidence()) {
                diff.append("      ").append(h.file()).append(':').append(h.line()).append(' ').append(h.function())
                    .append(": ").append(h.note()).append('\n');
            }
        }
        fail(diff.toString());
    }

    private static String describe(Finding f) {
        return f.file() + ":" + f.line() + ": " + f.ruleId() + " " + f.severity().label() + " (in " + f.function()
            + "): " + f.message();
    }
}
