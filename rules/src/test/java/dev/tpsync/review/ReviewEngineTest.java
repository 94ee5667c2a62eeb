package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The review engine on a small tree: a series is judged patch by patch, each against the
 * image the patch before it left (the contexts of one image are worked out beside the rebuild
 * of the next), and what a rule throws reaches the caller as itself.
 */
class ReviewEngineTest {

    private static final String PATH = "kernel/events/core.c";

    /** perf glue the NMI entry reaches; the patches add and remove an RCU read side in it. */
    private static final String PLAIN = """
        void exc_nmi(void)
        {
        	perf_event_overflow();
        }

        static void perf_event_overflow(void)
        {
        	perf_output_sample();
        }
        """;

    private static final String WITH_RCU = PLAIN.replace("\tperf_output_sample();\n",
        "\trcu_read_lock();\n\tperf_output_sample();\n\trcu_read_unlock();\n");

    @Test
    void eachPatchOfASeriesIsJudgedAgainstTheImageThePatchBeforeLeft() {
        List<FileFacts> base = List.of(StructureParser.parse(PATH, PLAIN));
        // Add the read side, take it out, add it again, change nothing: introduced, resolved,
        // introduced, nothing.
        List<String> texts = List.of(PLAIN, WITH_RCU, PLAIN, WITH_RCU, WITH_RCU);
        List<AppliedPatch> series = new ArrayList<>();
        for (int i = 1; i < texts.size(); i++) {
            series.add(applied(i, texts.size() - 1, texts.get(i - 1), texts.get(i)));
        }

        Report report = engine(BuiltinRules.all()).review(base, series, List.of("test"), List.of());

        List<PatchReport> patches = report.patches();
        assertThat(patches).hasSize(4);
        assertThat(ruleIds(patches.get(0).introduced())).containsExactly("nmi-perf-rcu");
        assertThat(patches.get(0).resolved()).isEmpty();
        assertThat(patches.get(1).introduced()).isEmpty();
        assertThat(ruleIds(patches.get(1).resolved())).containsExactly("nmi-perf-rcu");
        assertThat(ruleIds(patches.get(2).introduced())).containsExactly("nmi-perf-rcu");
        assertThat(patches.get(3).introduced()).isEmpty();
        assertThat(patches.get(3).resolved()).isEmpty();
    }

    @Test
    void whatARuleThrowsReachesTheCallerAsItself() {
        Rule broken = plainRule((context, sink) -> {
            throw new IllegalStateException("rule broke");
        });
        List<FileFacts> base = List.of(StructureParser.parse(PATH, PLAIN));
        List<AppliedPatch> series = List.of(applied(1, 2, PLAIN, WITH_RCU), applied(2, 2, WITH_RCU, PLAIN));

        assertThatThrownBy(() -> engine(List.of(broken)).review(base, series, List.of("test"), List.of()))
            .isInstanceOf(IllegalStateException.class).hasMessage("rule broke");
    }

    @Test
    void anEditThatOnlyMovesCodeIsAnsweredAsTheWholeTreeReviewAnswersIt() {
        List<FileFacts> base = List.of(StructureParser.parse(PATH, WITH_RCU));
        String moved = "/* moved */\n\n" + WITH_RCU.replace("\trcu_read_lock();", "\trcu_read_lock(); /* read side */\n");
        List<AppliedPatch> series = List.of(applied(1, 1, WITH_RCU, moved));
        ReviewEngine engine = engine(BuiltinRules.all());

        Optional<Report> shortcut = engine.layoutOnly(series, List.of("test"), List.of("a note"));

        assertThat(shortcut).contains(engine.review(base, series, List.of("test"), List.of("a note")));
        assertThat(shortcut.get().patches().get(0).introduced()).isEmpty();
    }

    @Test
    void aChangedCallNeedsTheTree() {
        assertThat(engine(BuiltinRules.all()).layoutOnly(List.of(applied(1, 1, PLAIN, WITH_RCU)), List.of("test"),
            List.of())).isEmpty();
    }

    @Test
    void aRuleThatDoesNotPromiseToIgnorePositionsNeedsTheTreeForEveryEdit() {
        Rule byLineNumber = plainRule((context, sink) -> { });

        assertThat(engine(List.of(byLineNumber)).layoutOnly(List.of(applied(1, 1, PLAIN, "\n" + PLAIN)),
            List.of("test"), List.of())).isEmpty();
    }

    /** A rule with the first built-in's metadata that checks with {@code check} and promises nothing else. */
    private static Rule plainRule(BiConsumer<RuleContext, FindingSink> check) {
        return new Rule() {
            @Override
            public RuleMetadata metadata() {
                return BuiltinRules.all().get(0).metadata();
            }

            @Override
            public void check(RuleContext context, FindingSink sink) {
                check.accept(context, sink);
            }
        };
    }

    private static ReviewEngine engine(List<Rule> rules) {
        return new ReviewEngine(ContextSpec.kernelDefaults(), new RuleRunner(rules, Map.of()), true);
    }

    private static AppliedPatch applied(int index, int total, String before, String after) {
        Patch patch = new Patch(index, total, "patch " + index, "patch " + index, "A <a@example.org>", "", "", "", "",
            List.of());
        return new AppliedPatch(patch, Map.of(PATH, Optional.of(before)), Map.of(PATH, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }

    private static List<String> ruleIds(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }
}
