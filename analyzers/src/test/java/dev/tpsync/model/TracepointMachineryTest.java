package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each tree's __DO_TRACE does with rcuidle, over the nmi-perf tree and the two variants. */
class TracepointMachineryTest {

    private static final String TRACEPOINT_H = "include/linux/tracepoint.h";

    @Test
    void the61DoTraceKnowsRcuidleMakesRcuWatchButDoesNotPassItOn() {
        Contexts contexts = FixtureTrees.contexts("nmi-perf");
        assertThat(contexts.machinery()).singleElement().satisfies(m -> {
            assertThat(m.definition().line()).isEqualTo(line("nmi-perf", "#define __DO_TRACE(name, args, cond, rcuidle)"));
            assertThat(m.rcuidleParameter()).isTrue();
            assertThat(m.srcuReadLock().orElseThrow().primitive()).isEqualTo("srcu_read_lock_notrace");
            assertThat(m.srcuReadLock().orElseThrow().line())
                .isEqualTo(line("nmi-perf", "__idx = srcu_read_lock_notrace(&tracepoint_srcu);"));
            assertThat(m.srcuReadLock().orElseThrow().guard()).isEqualTo("rcuidle");
            assertThat(m.watchStep().orElseThrow().primitive()).isEqualTo("ct_irq_enter_irqson");
            assertThat(m.probeCall().orElseThrow().callee()).isEqualTo("__DO_TRACE_CALL");
            assertThat(m.probeCall().orElseThrow().line())
                .isEqualTo(line("nmi-perf", "__DO_TRACE_CALL(name, TP_ARGS(args));"));
            assertThat(m.losesRcuidle()).isTrue();
            assertThat(m.watchesForRcuidleProbes()).isTrue();
        });
    }

    @Test
    void aDoTraceThatPassesRcuidleToTheProbesDoesNotLoseIt() {
        Contexts contexts = FixtureTrees.contexts("machinery-rcuidle-passed");
        assertThat(contexts.machinery()).singleElement().satisfies(m -> {
            assertThat(m.probeCall().orElseThrow().line())
                .isEqualTo(line("machinery-rcuidle-passed", "__DO_TRACE_CALL(name, TP_ARGS(args), rcuidle);"));
            assertThat(m.losesRcuidle()).isFalse();
            assertThat(m.watchesForRcuidleProbes()).isTrue();
        });
    }

    @Test
    void the613CoreHasNoDoTraceToJudge() {
        Contexts contexts = FixtureTrees.contexts("machinery-6.13");
        assertThat(contexts.machinery()).isEmpty();
        assertThat(contexts.capabilities().tracepointSynchronizeUnregister()).isTrue();
    }

    private static int line(String tree, String text) {
        return FixtureTrees.line(tree, TRACEPOINT_H, text);
    }
}
