package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.model.ModelEdges;
import dev.tpsync.model.Node;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model cache gives back the model a build gives, or nothing: a garbled, truncated or
 * foreign file is a miss (and is removed), never a wrong graph.
 */
class ModelCacheTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    @TempDir
    Path cacheDir;

    private ModelCache models;
    private List<FileFacts> facts;
    private CodeModel built;

    @BeforeEach
    void buildFixture() {
        models = ModelCache.of(FactCache.open(cacheDir, "test-v1"));
        SourceTree tree = SourceTree.open(nmiPerfTree());
        facts = TreeFacts.load(tree, 1, Optional.empty());
        built = ModelBuilder.build(facts, SPEC, 1);
    }

    @Test
    void aStoredGraphLoadsAsTheBuiltModel() {
        assertThat(models.store("tree-a", SPEC, built.edges())).isTrue();
        CodeModel loaded = models.load("tree-a", facts, SPEC).orElseThrow();

        assertThat(describe(loaded)).containsExactlyElementsOf(describe(built));
        assertThat(Contexts.compute(loaded).nmiChain(only(loaded, "perf_tp_event")).orElseThrow().summary())
            .isEqualTo(Contexts.compute(built).nmiChain(only(built, "perf_tp_event")).orElseThrow().summary());
    }

    @Test
    void aGraphLargerThanOneWriteChunkLoadsAsBuilt() {
        // 3,000 functions of 8 calls each: ~24,000 edges, past the 16,384 ints written at a time.
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            c.append("void fn").append(i).append("(void)\n{\n");
            for (int k = 1; k <= 8; k++) {
                c.append("\tfn").append((i + k * 7) % 3000).append("();\n");
            }
            c.append("}\n");
        }
        List<FileFacts> large = List.of(StructureParser.parse("kernel/large.c", c.toString()));
        CodeModel big = ModelBuilder.build(large, SPEC, 1);
        assertThat(big.edges().edgeTo().length).isGreaterThan(1 << 14);

        assertThat(models.store("tree-large", SPEC, big.edges())).isTrue();
        CodeModel loaded = models.load("tree-large", large, SPEC).orElseThrow();

        assertThat(loaded.edges().edgeTo()).isEqualTo(big.edges().edgeTo());
        assertThat(loaded.edges().outStart()).isEqualTo(big.edges().outStart());
        assertThat(loaded.edges().edgeLine()).isEqualTo(big.edges().edgeLine());
    }

    @Test
    void anotherTreeOrSpecIsAMiss() {
        models.store("tree-a", SPEC, built.edges());
        assertThat(models.load("tree-b", facts, SPEC)).isEmpty();
        ContextSpec other = new ContextSpec(List.of("my_nmi_entry"), SPEC.callbackRegistrations(),
            SPEC.callbackFields(), SPEC.probeTemplates(), SPEC.notWatchingRegions(), SPEC.contextBoundaries());
        assertThat(models.load("tree-a", facts, other)).isEmpty();
    }

    @Test
    void factsThatMakeOtherNodesAreAMissAndTheFileGoes() {
        models.store("tree-a", SPEC, built.edges());
        List<FileFacts> changed = new ArrayList<>(facts);
        changed.add(StructureParser.parse("kernel/extra.c", "void extra(void)\n{\n}\n"));

        assertThat(models.load("tree-a", changed, SPEC)).isEmpty();
        assertThat(modelFiles()).isEmpty();
    }

    @Test
    void aGarbledOrTruncatedFileIsAMissAndTheFileGoes() throws IOException {
        models.store("tree-a", SPEC, built.edges());
        Path file = modelFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {0, 7, bytes.length / 2, bytes.length - 9, bytes.length - 1}) {
            byte[] garbled = bytes.clone();
            garbled[at] ^= 0x20;
            Files.write(file, garbled);
            assertThat(models.load("tree-a", facts, SPEC)).as("byte %d flipped", at).isEmpty();
            assertThat(file).doesNotExist();
        }
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 3));
        assertThat(models.load("tree-a", facts, SPEC)).isEmpty();
        Files.write(file, new byte[0]);
        assertThat(models.load("tree-a", facts, SPEC)).isEmpty();
        Files.write(file, bytes);
        assertThat(models.load("tree-a", facts, SPEC)).isPresent();
    }

    @Test
    void onlyTheNewestFewModelsAreKept() throws Exception {
        for (int i = 0; i < 6; i++) {
            models.store("tree-" + i, SPEC, built.edges());
            // mtime granularity: make each newer than the last
            Thread.sleep(15);
        }
        assertThat(modelFiles()).hasSize(3);
        assertThat(models.load("tree-5", facts, SPEC)).isPresent();
        assertThat(models.load("tree-0", facts, SPEC)).isEmpty();
    }

    @Test
    void aModelThatServesARunIsKeptOverNewerOnesAndDatedNow() throws Exception {
        for (int i = 0; i < 3; i++) {
            models.store("tree-" + i, SPEC, built.edges());
            Thread.sleep(15);
        }
        long before = System.currentTimeMillis();
        Thread.sleep(15);
        assertThat(models.load("tree-0", facts, SPEC)).isPresent();
        // The launcher reads a model dated after its jar as a warm cache.
        assertThat(Files.getLastModifiedTime(models.file("tree-0", SPEC)).toMillis()).isGreaterThan(before);
        Thread.sleep(15);

        models.store("tree-3", SPEC, built.edges());

        assertThat(models.load("tree-0", facts, SPEC)).as("used last but one").isPresent();
        assertThat(models.load("tree-1", facts, SPEC)).as("built first after it, used never").isEmpty();
    }

    private List<Path> modelFiles() {
        Path dir = cacheDir.resolve("test-v1").resolve("models");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".model")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReviewModelKeepsItsRebuildLogAndRestoresCompleteSoAnUnchangedTreeCopiesEverything() {
        IncrementalModel review = IncrementalModel.build(facts, SPEC, 1);
        assertThat(models.store("tree-r", SPEC, review.cacheableEdges())).isTrue();
        IncrementalModel restored = models.loadIncremental("tree-r", facts, SPEC).orElseThrow();

        assertThat(describe(restored.model())).containsExactlyElementsOf(describe(review.model()));
        IncrementalModel rebuilt = restored.rebuild(facts, 1);
        long functions = rebuilt.model().nodes().stream().filter(Node::isFunctionLike).count();
        // Registering functions included: the log kept the callbacks they linked.
        assertThat(rebuilt.copiedFunctions()).isEqualTo((int) functions).isPositive();
        assertThat(describe(rebuilt.model())).containsExactlyElementsOf(describe(review.model()));
    }

    @Test
    void aSlicesModelIsBuiltAndKeptOnceThenRestoredAsBuilt() {
        ModelCache slices = ModelCache.forSlices(FactCache.open(cacheDir, "test-v1"));
        List<FileFacts> slim = new ArrayList<>();
        for (FileFacts f : facts) {
            // A slice keeps only some functions of a file: here each file's first.
            slim.add(new FileFacts(f.path(), f.lines(), f.functions().stream().limit(1).toList(), f.tracepoints(),
                f.fieldStores(), f.diagnostics()));
        }
        String key = TreeKey.ofSlice(ContextSlice.newId(), new TreeMap<>());

        IncrementalModel first = slices.incrementalModelOf(key, slim, SPEC, 1);
        IncrementalModel second = slices.incrementalModelOf(key, slim, SPEC, 1);

        assertThat(describe(first.model())).containsExactlyElementsOf(describe(IncrementalModel.build(slim, SPEC, 1)
            .model()));
        assertThat(second).as("restored, not the same object").isNotSameAs(first);
        assertThat(describe(second.model())).containsExactlyElementsOf(describe(first.model()));
        assertThat(cacheDir.resolve("test-v1").resolve("slice-models")).isDirectoryContaining("glob:**.model");
        assertThat(modelFiles()).as("the whole trees' store untouched").isEmpty();
    }

    @Test
    void aSlicesModelKeyNamesTheSliceAndEachFileJudgedWholeAtItsBlob() {
        String slice = ContextSlice.newId();
        TreeMap<String, String> whole = new TreeMap<>(Map.of("kernel/trace/trace.c", "1".repeat(40)));
        assertThat(ContextSlice.newId()).as("two slices made apart").isNotEqualTo(slice).hasSize(32);
        assertThat(TreeKey.ofSlice(slice, whole)).isEqualTo(TreeKey.ofSlice(slice, new TreeMap<>(whole)))
            .isNotEqualTo(TreeKey.ofSlice(ContextSlice.newId(), whole))
            .isNotEqualTo(TreeKey.ofSlice(slice, new TreeMap<>()))
            .isNotEqualTo(TreeKey.ofSlice(slice, new TreeMap<>(Map.of("kernel/trace/trace.c", "2".repeat(40)))))
            .isNotEqualTo(TreeKey.ofSlice(slice, new TreeMap<>(Map.of("kernel/trace/trace.h", "1".repeat(40)))));
    }

    @Test
    void aModelKeptForAContentIsNotReplacedAndRestoresAsTheModelKept() throws IOException {
        ModelCache slices = ModelCache.forSlices(FactCache.open(cacheDir, "test-v1"));
        IncrementalModel model = IncrementalModel.build(facts, SPEC, 1);

        slices.keep("slice-a", SPEC, model);
        Path file = cacheDir.resolve("test-v1").resolve("slice-models").toFile().listFiles()[0].toPath();
        byte[] kept = Files.readAllBytes(file);
        slices.keep("slice-a", SPEC, IncrementalModel.build(facts.subList(0, 1), SPEC, 1));

        assertThat(Files.readAllBytes(file)).isEqualTo(kept);
        assertThat(describe(slices.incrementalModelOf("slice-a", facts, SPEC, 1).model()))
            .containsExactlyElementsOf(describe(model.model()));
    }

    /** A content for {@code files} with made-up blob ids: one per path and {@code version}. */
    private static TreeContent content(List<FileFacts> files, java.util.function.Function<String, String> version) {
        return TreeContent.of(files.stream().map(FileFacts::path).toList(),
            path -> Optional.of(FactCache.blobId((path + version.apply(path)).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))).orElseThrow();
    }

    /** {@code facts} with the file at {@code path} parsed again from its text with {@code change} applied. */
    private List<FileFacts> edited(String path, java.util.function.UnaryOperator<String> change) throws IOException {
        List<FileFacts> out = new ArrayList<>();
        for (FileFacts f : facts) {
            out.add(f.path().equals(path)
                ? StructureParser.parse(path, change.apply(Files.readString(nmiPerfTree().resolve(path)))) : f);
        }
        return out;
    }

    @Test
    void aBaseAFewFilesFromAKeptTreeIsRebuiltFromItsGraphAndNotKept() throws IOException {
        TreeContent before = content(facts, path -> "");
        models.incrementalModelOf(before, Optional.empty(), facts, SPEC, 1, (path, blob) -> Optional.empty());
        String changedPath = "kernel/events/core.c";
        List<FileFacts> after = edited(changedPath, text -> text + "\nvoid added_by_a_commit(void)\n{\n"
            + "\trcu_read_lock();\n}\n");
        TreeContent afterContent = content(after, path -> path.equals(changedPath) ? "v2" : "");
        List<String> asked = new ArrayList<>();

        IncrementalModel base = models.incrementalModelOf(afterContent, Optional.empty(), after, SPEC, 1,
            (path, blob) -> {
                asked.add(path);
                return blob.equals(before.blobs().get(path)) ? facts.stream().filter(f -> f.path().equals(path))
                    .findFirst() : Optional.empty();
            });

        assertThat(asked).containsExactly(changedPath);
        assertThat(shape(base.model())).containsExactlyElementsOf(shape(ModelBuilder.build(after, SPEC, 1)));
        assertThat(Contexts.compute(base.model()).nmiChain(only(base.model(), "perf_tp_event")).orElseThrow().hops())
            .isEqualTo(Contexts.compute(built).nmiChain(only(built, "perf_tp_event")).orElseThrow().hops());
        assertThat(modelFiles()).as("a rebuilt graph is not kept").hasSize(1);
    }

    @Test
    void withoutTheKeptTreesFactsOrTooFarOffOrForAnotherSpecTheBaseIsBuilt() throws IOException {
        TreeContent before = content(facts, path -> "");
        models.incrementalModelOf(before, Optional.empty(), facts, SPEC, 1, (path, blob) -> Optional.empty());
        String changedPath = "kernel/events/core.c";
        List<FileFacts> after = edited(changedPath, text -> text + "\nvoid added(void)\n{\n}\n");
        TreeContent afterContent = content(after, path -> path.equals(changedPath) ? "v2" : "");
        List<String> asked = new ArrayList<>();

        // The facts of the kept tree's version are not at hand.
        models.incrementalModelOf(afterContent, Optional.empty(), after, SPEC, 1, (path, blob) -> {
            asked.add(path);
            return Optional.empty();
        });
        assertThat(asked).containsExactly(changedPath);
        assertThat(modelFiles()).as("built and kept").hasSize(2);

        // More than NEAR files away from either kept tree.
        List<FileFacts> far = new ArrayList<>(facts);
        for (int i = 0; i <= ModelCache.NEAR; i++) {
            far.add(StructureParser.parse("kernel/new" + i + ".c", "void new" + i + "(void)\n{\n}\n"));
        }
        asked.clear();
        models.incrementalModelOf(content(far, path -> ""), Optional.empty(), far, SPEC, 1, (path, blob) -> {
            asked.add(path);
            return Optional.empty();
        });
        assertThat(asked).isEmpty();

        // Kept trees of another spec are not candidates.
        ContextSpec other = new ContextSpec(List.of("my_nmi_entry"), SPEC.callbackRegistrations(),
            SPEC.callbackFields(), SPEC.probeTemplates(), SPEC.notWatchingRegions(), SPEC.contextBoundaries());
        IncrementalModel otherBase = models.incrementalModelOf(afterContent, Optional.empty(), after, other, 1,
            (path, blob) -> {
                asked.add(path);
                return Optional.empty();
            });
        assertThat(asked).isEmpty();
        assertThat(shape(otherBase.model())).containsExactlyElementsOf(shape(ModelBuilder.build(after, other, 1)));
    }

    @Test
    void revisionsWhoseNextRunFindsAGraphAreNotedWarmNewestFirst() throws IOException {
        Path warm = cacheDir.resolve("test-v1").resolve("models").resolve(ModelCache.WARM_REVISIONS);
        TreeContent before = content(facts, path -> "");
        models.incrementalModelOf(before, Optional.of("built"), facts, SPEC, 1, (path, blob) -> Optional.empty());
        models.incrementalModelOf(before, Optional.of("kept"), facts, SPEC, 1, (path, blob) -> Optional.empty());
        assertThat(treesIn(warm)).as("built and kept, then found kept").containsExactly("kept", "built");

        String changedPath = "kernel/events/core.c";
        List<FileFacts> after = edited(changedPath, text -> text + "\nvoid added(void)\n{\n}\n");
        models.incrementalModelOf(content(after, path -> path.equals(changedPath) ? "v2" : ""), Optional.of("near"),
            after, SPEC, 1, (path, blob) -> blob.equals(before.blobs().get(path))
                ? facts.stream().filter(f -> f.path().equals(path)).findFirst() : Optional.empty());
        assertThat(treesIn(warm)).as("rebuilt from a graph one file away").first().isEqualTo("near");

        // Rebuilt from a graph so far away that the commit after may be out of reach: not warm.
        List<FileFacts> drifted = new ArrayList<>(facts);
        for (int i = 0; i < ModelCache.NEAR - 2; i++) {
            drifted.add(StructureParser.parse("kernel/new" + i + ".c", "void new" + i + "(void)\n{\n}\n"));
        }
        IncrementalModel rebuilt = models.incrementalModelOf(content(drifted, path -> ""), Optional.of("drifted"),
            drifted, SPEC, 1, (path, blob) -> facts.stream().filter(f -> f.path().equals(path)).findFirst());
        assertThat(rebuilt.copiedFunctions()).as("rebuilt, not built").isPositive();
        assertThat(treesIn(warm)).doesNotContain("drifted").startsWith("near", "kept", "built");
        // Each with the graph its runs find (the launcher checks it is still kept): all three
        // find the one graph of the tree before, which the near tree was rebuilt from.
        List<String> graphs = Files.readAllLines(warm).stream().map(line -> line.substring(line.indexOf(' ') + 1))
            .distinct().toList();
        assertThat(graphs).hasSize(1);
        assertThat(warm.resolveSibling(graphs.get(0))).isRegularFile();
    }

    /** The tree ids a warm-revisions list notes, newest first. */
    private static List<String> treesIn(Path warm) throws IOException {
        return Files.readAllLines(warm).stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    @Test
    void keptTreeContentsGoWithTheirModels() throws Exception {
        for (int i = 0; i < 5; i++) {
            int version = i;
            models.incrementalModelOf(content(facts, path -> "v" + version), Optional.empty(), facts, SPEC, 1,
                (path, blob) -> Optional.empty());
            Thread.sleep(15);
        }
        Path dir = cacheDir.resolve("test-v1").resolve("models");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tree")).count()).isEqualTo(3);
        }
        FactCache.Stats stats = FactCache.open(cacheDir, "test-v1").stats();
        assertThat(stats.models()).isEqualTo(3);
        assertThat(stats.entries()).as("a tree content is part of its model").isZero();
    }

    /** Nodes and their edges by name and place, not by id: a rebuilt model numbers its nodes otherwise. */
    private static List<String> shape(CodeModel model) {
        List<String> out = new ArrayList<>();
        for (Node n : model.nodes()) {
            if (n.kind() == dev.tpsync.model.NodeKind.REMOVED) {
                continue;
            }
            List<String> edges = new ArrayList<>();
            model.outEdges(n.id()).forEach(e -> edges.add(e.kind() + " " + key(model.node(e.to())) + " at " + e.file()
                + ":" + e.line()));
            out.add(key(n) + " " + model.unknownIndirectCalls(n.id()) + " -> " + edges);
        }
        out.sort(null);
        return out;
    }

    private static String key(Node n) {
        return n.kind() + " " + n.name() + " " + n.file() + ":" + n.line();
    }

    private static List<String> describe(CodeModel model) {
        List<String> out = new ArrayList<>();
        for (Node n : model.nodes()) {
            out.add(n.id() + " " + n.kind() + " " + n.name() + " " + n.file() + ":" + n.line() + " "
                + model.unknownIndirectCalls(n.id()) + " -> " + model.outEdges(n.id()));
        }
        ModelEdges e = model.edges();
        out.add("edges " + e.edgeCount() + " files " + e.edgeFiles());
        return out;
    }

    private static Node only(CodeModel model, String name) {
        return model.named(name).stream().filter(Node::isFunctionLike).findFirst().orElseThrow();
    }

    private static Path nmiPerfTree() {
        String configured = System.getProperty("tpsync.testdata");
        if (configured != null) {
            return Path.of(configured, "trees", "nmi-perf");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/trees/nmi-perf"))) {
                return dir.resolve("testdata/trees/nmi-perf");
            }
        }
        throw new IllegalStateException("testdata/trees not found; set -Dtpsync.testdata");
    }
}
