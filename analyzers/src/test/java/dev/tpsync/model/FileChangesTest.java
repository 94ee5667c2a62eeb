package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files gone and added between two tree states, by identity, whether or not every path stays in place. */
class FileChangesTest {

    private final FileFacts a = parse("a.c");
    private final FileFacts b = parse("b.c");
    private final FileFacts c = parse("c.c");

    @Test
    void aReparsedFileInPlaceIsGoneAndAddedAtOnce() {
        FileFacts b2 = parse("b.c");

        FileChanges changes = FileChanges.between(List.of(a, b, c), List.of(a, b2, c));

        assertThat(changes.gone()).containsExactly(b);
        assertThat(changes.added()).containsExactly(b2);
    }

    @Test
    void theSameStateHasNoChanges() {
        FileChanges changes = FileChanges.between(List.of(a, b), List.of(a, b));

        assertThat(changes.gone()).isEmpty();
        assertThat(changes.added()).isEmpty();
    }

    @Test
    void aDeletedOrNewFileShiftsTheOthersWithoutCountingThem() {
        assertThat(FileChanges.between(List.of(a, b, c), List.of(a, c)).gone()).containsExactly(b);
        assertThat(FileChanges.between(List.of(a, c), List.of(a, b, c)).added()).containsExactly(b);
        assertThat(FileChanges.between(List.of(a, c), List.of(a, b, c)).gone()).isEmpty();
    }

    @Test
    void aFileReplacedByAnotherPathAtTheSamePlaceIsComparedByIdentity() {
        FileFacts d = parse("d.c");

        FileChanges changes = FileChanges.between(List.of(a, b, c), List.of(a, c, d));

        assertThat(changes.gone()).containsExactly(b);
        assertThat(changes.added()).containsExactly(d);
    }

    private static FileFacts parse(String path) {
        return StructureParser.parse(path, "void f_" + path.charAt(0) + "(void) { }\n");
    }
}
