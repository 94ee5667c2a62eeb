package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model's queries over its edge arrays agree with the same question asked node by node. */
class CodeModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"nmi-perf", "rcuidle", "registration", "scoping", "machinery-6.13",
        "machinery-rcuidle-passed"})
    void sourcesOfAKindAreTheNodesWithSuchAnOutEdgeInIdOrder(String tree) {
        CodeModel model = FixtureTrees.contexts(tree).model();

        for (EdgeKind kind : EdgeKind.values()) {
            List<Integer> expected = new ArrayList<>();
            for (int id = 0; id < model.nodeCount(); id++) {
                if (model.outEdges(id).stream().anyMatch(e -> e.kind() == kind)) {
                    expected.add(id);
                }
            }

            assertThat(model.sourcesOf(kind)).as(tree + " " + kind)
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void theRcuidleFixtureHasRcuidleCallersToFind() {
        assertThat(FixtureTrees.contexts("rcuidle").model().sourcesOf(EdgeKind.TRACEPOINT_RCUIDLE)).isNotEmpty();
    }
}
