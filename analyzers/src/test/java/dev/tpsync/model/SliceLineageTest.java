package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A slice made from another is named by its lineage: made again the same way from the same
 * slice it has the same identity (so the models built from it are found again), and any
 * difference in what went into it gives another.
 */
class SliceLineageTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String IDLE_C = "kernel/sched/idle.c";
    private static final String WIDGET_C = "drivers/misc/widget.c";
    private static final String BLOB = "1".repeat(40);

    private static final String IDLE = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tidle_widget();\n"
        + "\tct_idle_exit();\n}\n\nvoid idle_widget(void)\n{\n\tcpu_relax();\n}\n";
    private static final String WIDGET = "void widget_settle(void)\n{\n\tcpu_relax();\n}\n\n"
        + "void widget_unrelated(void)\n{\n}\n";

    private static final List<FileFacts> TREE = List.of(StructureParser.parse(IDLE_C, IDLE),
        StructureParser.parse(WIDGET_C, WIDGET));

    private static ContextSlice slice() {
        return ContextSlice.of(Contexts.compute(ModelBuilder.build(TREE, SPEC)), path -> Optional.of(BLOB))
            .orElseThrow();
    }

    private static FileFacts idleWith(String body) {
        return StructureParser.parse(IDLE_C, IDLE.replace("\tcpu_relax();\n}\n", body + "}\n"));
    }

    @Test
    void theSameChangeCarriedOverTheSameSliceGivesTheSameIdentity() {
        ContextSlice base = slice();
        FileFacts changed = idleWith("\tcpu_relax();\n\tcpu_relax();\n");

        ContextSlice once = base.afterJudged(Map.of(IDLE_C, "2".repeat(40)), List.of(changed));
        ContextSlice again = base.afterJudged(Map.of(IDLE_C, "2".repeat(40)), List.of(changed));

        assertThat(once.id()).isEqualTo(again.id()).isNotEqualTo(base.id()).hasSize(base.id().length());
        assertThat(once).isEqualTo(again);
    }

    @Test
    void anotherBlobOrAnotherParentGivesAnotherIdentity() {
        ContextSlice base = slice();
        FileFacts changed = idleWith("\tcpu_relax();\n\tcpu_relax();\n");
        String once = base.afterJudged(Map.of(IDLE_C, "2".repeat(40)), List.of(changed)).id();

        assertThat(base.afterJudged(Map.of(IDLE_C, "3".repeat(40)), List.of(changed)).id()).isNotEqualTo(once);
        // The same tree sliced apart: the base draws a new identity, and so its children differ.
        assertThat(slice().afterJudged(Map.of(IDLE_C, "2".repeat(40)), List.of(changed)).id()).isNotEqualTo(once);
        // The files put are what count: a file the slice does not hold is not put by after().
        FileFacts other = StructureParser.parse("drivers/misc/other.c", "void other(void)\n{\n}\n");
        assertThat(base.after(Map.of("drivers/misc/other.c", "4".repeat(40)), List.of(other)).id())
            .isEqualTo(base.after(Map.of(), List.of()).id());
    }

    @Test
    void aFileTakenOutIsPartOfTheLineage() {
        ContextSlice base = slice();

        assertThat(base.without(List.of("drivers/misc/none.c"))).as("nothing taken out").isSameAs(base);
        ContextSlice without = base.without(List.of(IDLE_C));
        assertThat(without.id()).isEqualTo(base.without(List.of(IDLE_C)).id()).isNotEqualTo(base.id());
        assertThat(without.files()).doesNotContainKey(IDLE_C);
    }

    @Test
    void aSliceWidenedByTheSameNamesHasTheSameIdentity() {
        ContextSlice base = slice();
        assertThat(base.files()).doesNotContainKey(WIDGET_C);
        Definitions definitions = Definitions.of(TREE);

        ContextSlice wider = base.withDefinitionsOf(Set.of("widget_settle"), definitions, SPEC, p -> Optional.of(BLOB))
            .orElseThrow();
        ContextSlice again = base.withDefinitionsOf(Set.of("widget_settle"), definitions, SPEC, p -> Optional.of(BLOB))
            .orElseThrow();
        ContextSlice otherName = base.withDefinitionsOf(Set.of("widget_unrelated"), definitions, SPEC,
            p -> Optional.of(BLOB)).orElseThrow();

        assertThat(wider.files()).containsKey(WIDGET_C);
        assertThat(wider.id()).isEqualTo(again.id()).isNotEqualTo(base.id()).isNotEqualTo(otherName.id());
    }

    @Test
    void aSliceMadeAnewFromTheContextsOfASlicesModelIsNamedFromIt() {
        ContextSlice base = slice();
        Contexts onItsModel = Contexts.compute(ModelBuilder.build(base.facts(), SPEC));

        ContextSlice anew = base.slicedAnew(onItsModel).orElseThrow();
        ContextSlice drawn = ContextSlice.of(onItsModel, path -> Optional.ofNullable(base.files().get(path)))
            .orElseThrow();

        assertThat(anew.id()).isEqualTo(base.slicedAnew(onItsModel).orElseThrow().id()).isNotEqualTo(base.id());
        assertThat(anew.files()).isEqualTo(drawn.files());
        assertThat(anew.facts()).isEqualTo(drawn.facts());
    }

    @Test
    void aSliceMadeFromContextsThatSparedASleeperIsNamedFromWhatSparedItOrDrawsItsName() {
        List<FileFacts> sleeping = List.of(StructureParser.parse(IDLE_C, IDLE.replace("\tcpu_relax();\n}\n",
            "\tmight_sleep();\n}\n")), StructureParser.parse(WIDGET_C, WIDGET));
        ContextSlice base = ContextSlice.of(Contexts.compute(ModelBuilder.build(sleeping, SPEC)),
            path -> Optional.of(BLOB)).orElseThrow();
        // Searched as a series searches a tree after a patch that made idle_widget() sleep: the
        // base did not have it sleep, so it is no boundary (the predicate spares it).
        Contexts spared = Contexts.compute(ModelBuilder.build(base.facts(), SPEC), (file, name) -> false);
        assertThat(spared.sparedSleeper()).isTrue();

        String once = base.slicedAnew(spared).orElseThrow().id();

        assertThat(once).isNotEqualTo(base.slicedAnew(spared).orElseThrow().id())
            .isNotEqualTo(base.slicedAnew(spared.alone()).orElseThrow().id());
        assertThat(base.slicedAnew(spared.alone()).orElseThrow().id())
            .isEqualTo(base.slicedAnew(spared.alone()).orElseThrow().id());
        // Named from what decided the sparing, when the caller says: the same again, another not.
        List<String> searchedWith = List.of(IDLE_C, "idle_widget", "did not sleep");
        String named = base.slicedAnew(spared, Optional.of(searchedWith)).orElseThrow().id();
        assertThat(named).isEqualTo(base.slicedAnew(spared, Optional.of(searchedWith)).orElseThrow().id())
            .isNotEqualTo(base.slicedAnew(spared, Optional.of(List.of())).orElseThrow().id())
            .isNotEqualTo(base.slicedAnew(spared.alone()).orElseThrow().id());
    }
}
