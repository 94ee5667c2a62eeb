package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review's answer from a context summary ({@link ReviewEngine#fromSummary}) against the
 * whole-tree review it stands in for. Every file of every rule fixture gets edits that change
 * what its functions call (a call added at the top of every body, an unregister followed by a
 * free, an SRCU or RCU read side, a tracepoint, a call taken out). Wherever the summary path
 * answers, its report must be the whole-tree review's, findings and all; it must answer for
 * some edits and send others (files a context reaches) the long way.
 */
class SummaryReviewTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    @Test
    void aFileOfStaticFunctionsThePatchAddsIsJudgedFromTheSummaryAsOnTheTree(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        Map<String, Integer> answered = new java.util.TreeMap<>();
        for (FixtureEdits.Case c : FixtureEdits.everyCase(tmp)) {
            for (Map.Entry<String, String> file : FixtureEdits.newFiles("schedule", "might_sleep").entrySet()) {
                List<AppliedPatch> applied = List.of(FixtureEdits.added(FixtureEdits.NEW_FILE, file.getValue()));

                Optional<ReviewEngine.SummaryReview> shortcut = engine.fromSummary(applied, c.summary(),
                    List.of("test"), List.of());

                if (shortcut.isPresent()) {
                    answered.merge(file.getKey(), 1, Integer::sum);
                    assertThat(shortcut.get().report()).as("%s: %s", c.fixture(), file.getKey())
                        .isEqualTo(engine.review(c.base(), applied, List.of("test"), List.of()));
                }
            }
        }
        assertThat(answered).as("only a file no other file's calls can resolve into")
            .containsOnlyKeys("a new file of static functions");
        assertThat(answered.get("a new file of static functions")).isGreaterThan(20);
    }

    @Test
    void withTheSliceAFileAddingFunctionsNoReachedCodeCallsIsJudgedFromTheSummaryAsOnTheTree(@TempDir Path tmp)
        throws IOException {
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        Map<String, Integer> answered = new java.util.TreeMap<>();
        for (FixtureEdits.Case c : FixtureEdits.everyCase(tmp)) {
            ContextSlice slice = c.slice();
            for (Map.Entry<String, String> file : c.newFiles().entrySet()) {
                List<AppliedPatch> applied = List.of(FixtureEdits.added(FixtureEdits.NEW_FILE, file.getValue()));

                Optional<ReviewEngine.SummaryReview> shortcut = engine.fromSummary(applied, c.summary(),
                    Optional.of(slice), List.of("test"), List.of());

                if (shortcut.isPresent()) {
                    answered.merge(file.getKey(), 1, Integer::sum);
                    assertThat(shortcut.get().report()).as("%s: %s", c.fixture(), file.getKey())
                        .isEqualTo(engine.review(c.base(), applied, List.of("test"), List.of()));
                }
            }
        }
        assertThat(answered).as("not the one defining a name reached code calls")
            .containsOnlyKeys("a new file of static functions", "a new file with a function nothing calls");
        assertThat(answered.values()).allSatisfy(n -> assertThat(n).isGreaterThan(20));
    }

    @Test
    void aFileThePatchDeletesIsJudgedFromTheSummaryAsOnTheTreeWhenNothingElseSeesIt(@TempDir Path tmp)
        throws IOException {
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        int answered = 0;
        for (FixtureEdits.CaseFile cf : FixtureEdits.everyCaseFile(tmp)) {
            for (String text : List.of(cf.text(), FixtureEdits.newFiles("schedule", "might_sleep")
                .get("a new file of static functions"))) {
                // The case's own file, and a file of static functions added to the case's tree.
                String path = text.equals(cf.text()) ? cf.file() : FixtureEdits.NEW_FILE;
                List<FileFacts> base = new ArrayList<>(cf.of().base());
                if (!text.equals(cf.text())) {
                    base.add(StructureParser.parse(path, text));
                    base.sort(java.util.Comparator.comparing(FileFacts::path));
                }
                ContextSummary summary = ContextSummary.of(Contexts.compute(ModelBuilder.build(base, SPEC)));
                List<AppliedPatch> applied = List.of(FixtureEdits.deleted(path, text));

                Optional<ReviewEngine.SummaryReview> shortcut = engine.fromSummary(applied, summary, List.of("test"),
                    List.of());

                if (shortcut.isPresent()) {
                    answered++;
                    assertThat(shortcut.get().report()).as("%s: %s deleted", cf.fixture(), path)
                        .isEqualTo(engine.review(base, applied, List.of("test"), List.of()));
                }
            }
        }
        assertThat(answered).as("deleted files judged from the summary").isGreaterThan(20);
    }

    @Test
    void whereTheSummaryAnswersItAnswersAsTheWholeTreeReview(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        int answered = 0;
        int refused = 0;
        int withFindings = 0;
        int answeredInReachedFiles = 0;
        for (FixtureEdits.CaseFile cf : FixtureEdits.everyCaseFile(tmp)) {
            String file = cf.file();
            String text = cf.text();
            ContextSlice slice = cf.of().slice();
            for (Map.Entry<String, String> edit : FixtureEdits.edits(text).entrySet()) {
                String changed = edit.getValue();
                List<AppliedPatch> applied = List.of(FixtureEdits.applied(file, text, changed));

                Optional<ReviewEngine.SummaryReview> shortcut = engine.fromSummary(applied, cf.of().summary(),
                    Optional.of(slice), List.of("test"), List.of());

                if (shortcut.isEmpty()) {
                    refused++;
                    continue;
                }
                answered++;
                if (cf.of().summary().reached().containsKey(file)) {
                    answeredInReachedFiles++;
                }
                Report whole = engine.review(cf.of().base(), applied, List.of("test"), List.of());
                assertThat(shortcut.get().report()).as("%s: %s in %s", cf.fixture(), edit.getKey(), file)
                    .isEqualTo(whole);
                if (!whole.patches().get(0).introduced().isEmpty()) {
                    withFindings++;
                }
            }
        }
        assertThat(answered).as("edits the summary answered").isGreaterThan(20);
        assertThat(withFindings).as("answered edits that introduce a finding").isPositive();
        assertThat(answeredInReachedFiles).as("answered edits to unreached functions of reached files").isPositive();
        assertThat(refused).as("edits sent the long way").isPositive();
    }

    @Test
    void theSummaryAnAnsweredChangeLeavesIsTheSummaryOfTheTreeItMakes(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        int checked = 0;
        for (FixtureEdits.CaseFile cf : FixtureEdits.everyCaseFile(tmp)) {
            String file = cf.file();
            String text = cf.text();
            String changed = FixtureEdits.EDITS.get("an unregister, then a free").apply(text);
            Optional<ReviewEngine.SummaryReview> answered = engine.fromSummary(
                List.of(FixtureEdits.applied(file, text, changed)), cf.of().summary(), List.of("test"), List.of());
            if (answered.isEmpty()) {
                continue;
            }
            List<FileFacts> after = new ArrayList<>();
            for (FileFacts f : cf.of().base()) {
                after.add(f.path().equals(file) ? StructureParser.parse(file, changed) : f);
            }
            ContextSummary expected = ContextSummary.of(Contexts.compute(ModelBuilder.build(after, SPEC)));
            assertThat(answered.get().after()).as("%s: %s", cf.fixture(), file).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aRuleThatMayReadTheWholeTreeSendsEveryChangeTheLongWay(@TempDir Path tmp) throws IOException {
        RuleFixture fixture = RuleFixture.all().get(0);
        SourceTree tree = SourceTree.open(fixture.materialize(tmp));
        List<FileFacts> base = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            done -> { });
        ContextSummary unreachedEverywhere = new ContextSummary(new java.util.TreeMap<>(), List.of());
        List<Rule> rules = new ArrayList<>(BuiltinRules.all());
        rules.add(new Rule() {
            @Override
            public RuleMetadata metadata() {
                return BuiltinRules.all().get(0).metadata();
            }

            @Override
            public void check(RuleContext context, FindingSink sink) {
            }
        });
        ReviewEngine engine = new ReviewEngine(SPEC, new RuleRunner(rules, Map.of()), true);
        String file = fixture.ownSourceFiles().get(0);
        String text = Files.readString(tree.resolve(file), StandardCharsets.UTF_8);

        assertThat(engine.fromSummary(List.of(FixtureEdits.applied(file, text, FixtureEdits.EDITS.get("a call added").apply(text))),
            unreachedEverywhere, List.of("test"), List.of())).isEmpty();
        assertThat(base).isNotEmpty();
    }

}
