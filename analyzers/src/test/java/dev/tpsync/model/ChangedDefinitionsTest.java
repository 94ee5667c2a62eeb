package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The definitions of a tree after earlier patches: the base's, with the files they touched as they left them. */
class ChangedDefinitionsTest {

    private static final FileFacts A = StructureParser.parse("drivers/a.c",
        "void settle(void)\n{\n}\n\nvoid only_in_a(void)\n{\n}\n");
    private static final FileFacts B = StructureParser.parse("drivers/b.c", "void settle(void)\n{\n}\n");
    private static final FileFacts C = StructureParser.parse("drivers/c.c", "void settle(void)\n{\n}\n");

    private static final Definitions BASE = Definitions.of(List.of(A, B, C));

    /** Each definition as path:name. */
    private static List<String> where(List<Definitions.Definition> found) {
        return found.stream().map(d -> d.file().path() + ":" + d.function().name()).toList();
    }

    @Test
    void aChangedFileDefinesWhatItDefinesNowAndADeletedOneNothing() {
        FileFacts bNow = StructureParser.parse("drivers/b.c", "void settle_later(void)\n{\n}\n");
        Definitions after = new ChangedDefinitions(BASE, Map.of("drivers/b.c", Optional.of(bNow),
            "drivers/c.c", Optional.empty()));

        assertThat(where(after.of("settle"))).containsExactly("drivers/a.c:settle");
        assertThat(where(after.of("settle_later"))).containsExactly("drivers/b.c:settle_later");
        assertThat(where(after.of("only_in_a"))).containsExactly("drivers/a.c:only_in_a");
        assertThat(after.of("nowhere")).isEmpty();
    }

    @Test
    void definitionsInAFileAddedOrChangedKeepThePathOrder() {
        FileFacts added = StructureParser.parse("drivers/ab.c", "void settle(void)\n{\n}\n");
        FileFacts cNow = StructureParser.parse("drivers/c.c",
            "void settle(void)\n{\n}\n\n#ifdef CONFIG_X\nvoid settle(void)\n{\n}\n#endif\n");
        Definitions after = new ChangedDefinitions(BASE, Map.of("drivers/ab.c", Optional.of(added),
            "drivers/c.c", Optional.of(cNow)));

        assertThat(where(after.of("settle"))).containsExactly("drivers/a.c:settle", "drivers/ab.c:settle",
            "drivers/b.c:settle", "drivers/c.c:settle", "drivers/c.c:settle");
    }
}
