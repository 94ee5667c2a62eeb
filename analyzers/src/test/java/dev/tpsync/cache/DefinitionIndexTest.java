package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index of where a tree's names are defined: read back as written, it gives every name the
 * definitions the tree's facts give, with the files changed since its tree read whole; a damaged
 * one is never used.
 */
class DefinitionIndexTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final String NEXT = "5555555555555555555555555555555555555555";

    @TempDir
    Path cacheDir;

    private DefinitionIndexes indexes;

    @BeforeEach
    void open() {
        indexes = DefinitionIndexes.of(FactCache.open(cacheDir, "test-v1"));
    }

    /** A tree in path order: namesakes in two files, a name defined twice in one, a macro. */
    private static final Map<String, String> BASE = new TreeMap<>(Map.of(
        "drivers/misc/other.c", """
            static void notify_deeper(void)
            {
            \tother_only();
            }
            """,
        "include/linux/notify.h", """
            #define notify_wake(x) wake_up(x)
            static inline void notify_inline(void)
            {
            }
            """,
        "kernel/notify.c", """
            #ifdef CONFIG_NOTIFY
            void notify_listeners(void)
            {
            \tnotify_deeper();
            }
            #else
            void notify_listeners(void)
            {
            }
            #endif
            void notify_deeper(void)
            {
            \tnotify_count++;
            }
            """,
        "lib/other_only.c", "void other_only(void)\n{\n}\n"));

    private static List<FileFacts> facts(Map<String, String> tree) {
        return tree.entrySet().stream().map(e -> StructureParser.parse(e.getKey(), e.getValue())).toList();
    }

    /** A blob id for each file, made from its path and text: any 40 hex digits will do. */
    private static Optional<String> blobOf(Map<String, String> tree, String path) {
        String text = tree.get(path);
        return text == null ? Optional.empty()
            : Optional.of(String.format("%08x", (path + text).hashCode()).repeat(5));
    }

    private static TreeSet<String> names(List<FileFacts> facts) {
        TreeSet<String> names = new TreeSet<>(List.of("nothing_defines_this"));
        facts.forEach(f -> f.functions().forEach(fn -> names.add(fn.name())));
        return names;
    }

    /** Every name's definitions as (path, line): facts read through the index are equal, not the same objects. */
    private static Map<String, List<String>> everyName(Definitions definitions, TreeSet<String> names) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, definitions.of(name).stream()
                .map(d -> d.file().path() + ":" + d.function().line() + ":" + d.function().name()).toList());
        }
        return out;
    }

    private static FileFacts loaded(List<FileFacts> facts, Map<String, String> tree, String path, String blob,
                                    List<String> reads) {
        assertThat(blobOf(tree, path)).as("the blob asked for " + path).contains(blob);
        reads.add(path);
        return facts.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void theIndexReadBackGivesEveryNameTheDefinitionsTheTreesFactsGive() {
        List<FileFacts> facts = facts(BASE);
        DefinitionIndex index = DefinitionIndex.of(TREE, facts, path -> blobOf(BASE, path)).orElseThrow();
        assertThat(indexes.write(index, SPEC)).isTrue();

        DefinitionIndex read = indexes.newest(SPEC).orElseThrow();
        List<String> reads = new java.util.ArrayList<>();
        IndexedDefinitions indexed = new IndexedDefinitions(read, Map.of(),
            (path, blob) -> loaded(facts, BASE, path, blob, reads));

        assertThat(read.tree()).isEqualTo(TREE);
        assertThat(read.fileCount()).isEqualTo(4);
        assertThat(read.path(2)).isEqualTo("kernel/notify.c");
        assertThat(read.blobId(2)).isEqualTo(blobOf(BASE, "kernel/notify.c").orElseThrow());
        assertThat(indexed.of("notify_listeners")).hasSize(2);
        assertThat(indexed.of("notify_deeper")).extracting(d -> d.file().path())
            .containsExactly("drivers/misc/other.c", "kernel/notify.c");
        assertThat(everyName(indexed, names(facts))).isEqualTo(everyName(Definitions.of(facts), names(facts)));
        // Each file read once, and only those that define a name asked.
        assertThat(reads).doesNotHaveDuplicates().hasSize(indexed.filesRead());
        assertThat(indexed.blobId("lib/other_only.c")).isEqualTo(blobOf(BASE, "lib/other_only.c"));
    }

    @Test
    void onlyTheFilesThatDefineANameAreRead() {
        List<FileFacts> facts = facts(BASE);
        DefinitionIndex index = DefinitionIndex.of(TREE, facts, path -> blobOf(BASE, path)).orElseThrow();
        List<String> reads = new java.util.ArrayList<>();
        IndexedDefinitions indexed = new IndexedDefinitions(index, Map.of(),
            (path, blob) -> loaded(facts, BASE, path, blob, reads));

        assertThat(indexed.of("other_only")).hasSize(1);
        assertThat(indexed.of("nothing_defines_this")).isEmpty();

        assertThat(reads).containsExactly("lib/other_only.c");
        assertThat(indexed.blobId("kernel/notify.c")).isEmpty();
    }

    @Test
    void theFilesChangedSinceTheIndexedTreeAreReadWholeInPlaceOfTheirEntries() {
        // The tree a few commits on: a name moved from one file to a new one, a file deleted,
        // a namesake added before the others in path order.
        Map<String, String> next = new TreeMap<>(BASE);
        next.put("kernel/notify.c", """
            void notify_listeners(void)
            {
            \tnotify_moved();
            }
            """);
        next.put("kernel/moved.c", "void notify_deeper(void)\n{\n}\nvoid notify_moved(void)\n{\n}\n");
        next.put("arch/x86/notify.c", "static void other_only(void)\n{\n}\n");
        next.remove("lib/other_only.c");
        Map<String, Optional<String>> changed = new TreeMap<>();
        for (String path : List.of("kernel/notify.c", "kernel/moved.c", "arch/x86/notify.c")) {
            changed.put(path, blobOf(next, path));
        }
        changed.put("lib/other_only.c", Optional.empty());
        List<FileFacts> nextFacts = facts(next);
        DefinitionIndex index = DefinitionIndex.of(TREE, facts(BASE), path -> blobOf(BASE, path)).orElseThrow();
        List<String> reads = new java.util.ArrayList<>();
        IndexedDefinitions indexed = new IndexedDefinitions(index, changed,
            (path, blob) -> loaded(nextFacts, next, path, blob, reads));

        TreeSet<String> names = names(facts(BASE));
        names.addAll(names(nextFacts));
        assertThat(everyName(indexed, names)).isEqualTo(everyName(Definitions.of(nextFacts), names));
        assertThat(indexed.of("other_only")).extracting(d -> d.file().path()).containsExactly("arch/x86/notify.c");
        assertThat(indexed.of("notify_deeper")).extracting(d -> d.file().path())
            .containsExactly("drivers/misc/other.c", "kernel/moved.c");
        assertThat(reads).doesNotContain("lib/other_only.c");
    }

    @Test
    void aTreeWithAFileOfNoBlobIdHasNoIndex() {
        assertThat(DefinitionIndex.of(TREE, facts(BASE),
            path -> path.startsWith("lib/") ? Optional.empty() : blobOf(BASE, path))).isEmpty();
    }

    @Test
    void theNewestIndexIsReadAndOnlyTheLastTwoAreKept() throws IOException {
        List<FileFacts> facts = facts(BASE);
        for (String tree : List.of("1111111111111111111111111111111111111111", TREE, NEXT)) {
            indexes.write(DefinitionIndex.of(tree, facts, path -> blobOf(BASE, path)).orElseThrow(), SPEC);
        }

        assertThat(indexes.newest(SPEC)).map(DefinitionIndex::tree).contains(NEXT);
        // Counted as what they are, the list of trees not at all.
        FactCache.Stats stats = FactCache.open(cacheDir, "test-v1").stats();
        assertThat(stats.definitionIndexes()).isEqualTo(2);
        assertThat(stats.entries()).isZero();
        try (Stream<Path> files = Files.list(indexes.file(NEXT, SPEC).getParent())) {
            assertThat(files.filter(p -> p.toString().endsWith(".definitions"))).hasSize(2);
        }
        // The newest gone: the one before it serves.
        Files.delete(indexes.file(NEXT, SPEC));
        assertThat(indexes.newest(SPEC)).map(DefinitionIndex::tree).contains(TREE);
    }

    @Test
    void aDamagedIndexIsNeverUsedAndIsDeleted() throws IOException {
        DefinitionIndex index = DefinitionIndex.of(TREE, facts(BASE), path -> blobOf(BASE, path)).orElseThrow();
        indexes.write(index, SPEC);
        Path file = indexes.file(TREE, SPEC);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);

        assertThat(indexes.newest(SPEC)).isEmpty();
        assertThat(file).doesNotExist();

        indexes.write(index, SPEC);
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 40));
        assertThat(indexes.newest(SPEC)).isEmpty();
    }

    @Test
    void aNamesHashIsTheOneTheLanguageFixesAndNamesSharingOneGetOnlyTheirOwnDefinitions() {
        // Kept in files: a hash that changed between runs would make every index lie.
        int expected = 0;
        for (char c : "rcu_read_lock".toCharArray()) {
            expected = 31 * expected + c;
        }
        assertThat(DefinitionIndex.nameHash("rcu_read_lock")).isEqualTo(expected & 0xffffffffL);
        // "Aa" and "BB" share a hash: the index names both files for either, the reader keeps
        // only the functions of the name asked.
        assertThat(DefinitionIndex.nameHash("Aa")).isEqualTo(DefinitionIndex.nameHash("BB"));
        Map<String, String> tree = new TreeMap<>(Map.of("lib/a.c", "void Aa(void)\n{\n}\n",
            "lib/b.c", "void BB(void)\n{\n}\n"));
        List<FileFacts> facts = facts(tree);
        DefinitionIndex index = DefinitionIndex.of(TREE, facts, path -> blobOf(tree, path)).orElseThrow();
        IndexedDefinitions indexed = new IndexedDefinitions(index, Map.of(),
            (path, blob) -> loaded(facts, tree, path, blob, new java.util.ArrayList<>()));

        assertThat(index.filesDefining("Aa")).containsExactly(0, 1);
        assertThat(indexed.of("Aa")).extracting(d -> d.file().path() + ":" + d.function().name())
            .containsExactly("lib/a.c:Aa");
        assertThat(indexed.of("BB")).extracting(d -> d.file().path() + ":" + d.function().name())
            .containsExactly("lib/b.c:BB");
    }
}
