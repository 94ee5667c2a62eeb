package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A review searches the tree after a patch with its base's sleepers as boundaries, so a sleeping
 * call the patch adds to NMI-reachable code is reported, not taken as proof that the path is
 * never run: those contexts reach more than the tree's own. What is kept for that tree (its
 * summary, its slice) is its own: {@link Contexts#alone()}.
 */
class ContextsAloneTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    private static final String NMI_C = """
        DEFINE_IDTENTRY_RAW(exc_nmi)
        {
        \tperf_glue();
        }
        """;

    private static List<FileFacts> tree(String glue) {
        return List.of(StructureParser.parse("arch/x86/kernel/nmi.c", NMI_C),
            StructureParser.parse("kernel/events/core.c", glue + """
                void perf_helper(void)
                {
                }
                """));
    }

    private static final String BEFORE = """
        void perf_glue(void)
        {
        \tperf_helper();
        }
        """;

    private static final String AFTER = """
        void perf_glue(void)
        {
        \tsynchronize_rcu();
        \tperf_helper();
        }
        """;

    private static boolean helperInNmi(Contexts contexts) {
        CodeModel model = contexts.model();
        return contexts.inNmi(model.named("perf_helper").get(0).id());
    }

    @Test
    void theTreeAfterASleepingCallIsSearchedAgainWithEverySleeperABoundary() {
        Contexts base = Contexts.compute(ModelBuilder.build(tree(BEFORE), SPEC));
        CodeModel after = ModelBuilder.build(tree(AFTER), SPEC);
        Contexts reviewed = Contexts.compute(after, base::sleepsDirectly);

        assertThat(helperInNmi(base)).isTrue();
        // The review's search goes on past the new sleeping call: what lies behind it is reached.
        assertThat(reviewed.sparedSleeper()).isTrue();
        assertThat(helperInNmi(reviewed)).isTrue();
        // The tree's own search stops at it, as a review of that tree as a base would.
        Contexts alone = reviewed.alone();
        assertThat(helperInNmi(alone)).isFalse();
        assertThat(ContextSummary.reachedIn(alone)).isEqualTo(ContextSummary.reachedIn(Contexts.compute(after)));
        assertThat(alone.sparedSleeper()).isFalse();
    }

    @Test
    void contextsThatSparedNoSleeperAreTheTreesOwnAlready() {
        Contexts base = Contexts.compute(ModelBuilder.build(tree(BEFORE), SPEC));
        Contexts reviewed = Contexts.compute(ModelBuilder.build(tree(BEFORE), SPEC), base::sleepsDirectly);

        assertThat(reviewed.sparedSleeper()).isFalse();
        assertThat(reviewed.alone()).isSameAs(reviewed);
        assertThat(base.alone()).isSameAs(base);
    }
}
