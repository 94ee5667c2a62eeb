package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.CodeModel;
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
import java.util.Optional;
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
