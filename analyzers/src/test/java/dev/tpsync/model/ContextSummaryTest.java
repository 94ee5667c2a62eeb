package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tree's context summary: where its contexts reach, and the files every unreached change is judged with. */
class ContextSummaryTest {

    @Test
    void theReachedFunctionsAreThoseSomeContextReaches() {
        Contexts contexts = FixtureTrees.contexts("nmi-perf");
        CodeModel model = contexts.model();

        ContextSummary summary = ContextSummary.of(contexts);

        for (int id = 0; id < model.nodeCount(); id++) {
            boolean reached = contexts.inNmi(id) || contexts.inNotWatching(id) || contexts.inHotPath(id);
            Node n = model.node(id);
            if (reached) {
                assertThat(summary.reaches(n.file(), n.name())).as(n.toString()).isTrue();
            } else if (n.isFunctionLike() && !wholeFileReached(summary, n.file())
                && model.named(n.name()).stream().noneMatch(other -> other.file()
                .equals(n.file()) && (contexts.inNmi(other.id()) || contexts.inNotWatching(other.id())
                || contexts.inHotPath(other.id())))) {
                assertThat(summary.reaches(n.file(), n.name())).as(n.toString()).isFalse();
            }
        }
        assertThat(summary.reachedFiles()).isNotEmpty();
        assertThat(summary.reachedFiles()).isSubsetOf(model.files().stream().map(FileFacts::path).toList());
    }

    /** A file with a reached node that is no function (a generated probe's template): every name in it counts. */
    private static boolean wholeFileReached(ContextSummary summary, String file) {
        return summary.reached().getOrDefault(file, new java.util.TreeSet<>()).contains(ContextSummary.WHOLE_FILE);
    }

    @Test
    void theReferencesAreTheFilesThatDeclareTracepointsOrDefineTheMachinery() {
        ContextSummary summary = ContextSummary.of(FixtureTrees.contexts("machinery-6.13"));

        assertThat(summary.references()).extracting(FileFacts::path).contains("include/linux/tracepoint.h")
            .isSorted();
        assertThat(summary.references()).allMatch(ContextSummary::isReference);
    }

    @Test
    void aChangedFileJoinsOrLeavesTheReferencesAsItsFactsSay() {
        ContextSummary summary = new ContextSummary(new java.util.TreeMap<>(), List.of());
        FileFacts waits = StructureParser.parse("drivers/misc/w.c",
            "void w_exit(void)\n{\n\ttracepoint_synchronize_unregister();\n}\n");
        FileFacts plain = StructureParser.parse("drivers/misc/w.c", "void w_exit(void)\n{\n}\n");

        ContextSummary joined = summary.withChanged(List.of(waits));
        assertThat(joined.references()).containsExactly(waits);
        assertThat(joined.withChanged(List.of(plain)).references()).isEmpty();
        assertThat(joined.modelFiles(List.of(plain))).containsExactly(plain);
    }
}
