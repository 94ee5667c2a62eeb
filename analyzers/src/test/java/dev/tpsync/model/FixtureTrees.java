package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixture trees of testdata/trees: finds them, builds their model the way the CLI does,
 * and looks up lines by their text so expected chains name exact file:line places without
 * hard-coding numbers that drift when a fixture grows a line.
 */
final class FixtureTrees {

    private static final Map<String, Contexts> CACHE = new ConcurrentHashMap<>();

    private FixtureTrees() {
    }

    static Path testdata() {
        String configured = System.getProperty("tpsync.testdata");
        if (configured != null && Files.isDirectory(Path.of(configured, "trees"))) {
            return Path.of(configured);
        }
        // Run from an IDE: walk up from the module to the repository's testdata/.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/trees"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/trees not found; set -Dtpsync.testdata");
    }

    static Path tree(String name) {
        Path dir = testdata().resolve("trees").resolve(name);
        assertThat(dir).as("fixture tree " + name).isDirectory();
        return dir;
    }

    /** The contexts of a fixture tree, built once per test run (the trees are read-only). */
    static Contexts contexts(String name) {
        return CACHE.computeIfAbsent(name, n -> build(tree(n), 1));
    }

    static Contexts build(Path dir, int jobs) {
        SourceTree tree = SourceTree.open(dir);
        List<FileFacts> facts = new ParallelParser(jobs).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            done -> { });
        return Contexts.compute(ModelBuilder.build(facts, ContextSpec.kernelDefaults()));
    }

    /** The 1-based line of {@code file} (in tree {@code name}) containing {@code text}; it must occur once. */
    static int line(String name, String file, String text) {
        List<Integer> found = lines(name, file, text);
        assertThat(found).as("lines of %s containing '%s'", file, text).hasSize(1);
        return found.get(0);
    }

    /** The line of the {@code nth} (1-based) occurrence of {@code text} in {@code file}. */
    static int line(String name, String file, String text, int nth) {
        List<Integer> found = lines(name, file, text);
        assertThat(found).as("lines of %s containing '%s'", file, text).hasSizeGreaterThanOrEqualTo(nth);
        return found.get(nth - 1);
    }

    private static List<Integer> lines(String name, String file, String text) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tree(name).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                found.add(i + 1);
            }
        }
        return found;
    }

    /** The one function-like node of this name. */
    static Node function(Contexts contexts, String name) {
        List<Node> nodes = contexts.model().named(name).stream().filter(Node::isFunctionLike).toList();
        assertThat(nodes).as("definitions of " + name).hasSize(1);
        return nodes.get(0);
    }

    /** The function-like node of this name defined in {@code file}. */
    static Node function(Contexts contexts, String name, String file) {
        List<Node> nodes = contexts.model().named(name).stream()
            .filter(n -> n.isFunctionLike() && n.file().equals(file)).toList();
        assertThat(nodes).as("definitions of " + name + " in " + file).hasSize(1);
        return nodes.get(0);
    }

    /** The one node of this name and kind (tracepoints and generated probes). */
    static Node node(Contexts contexts, String name, NodeKind kind) {
        List<Node> nodes = contexts.model().named(name).stream().filter(n -> n.kind() == kind).toList();
        assertThat(nodes).as(kind + " " + name).hasSize(1);
        return nodes.get(0);
    }

    static FunctionDef definition(Contexts contexts, String name) {
        return function(contexts, name).function().orElseThrow();
    }

    static ChainHop hop(String file, int line, String function, String note) {
        return new ChainHop(file, line, function, note);
    }

    /** Out-edges of {@code from} of one kind, as "target@file:line" for readable comparisons. */
    static List<String> edges(Contexts contexts, Node from, EdgeKind kind) {
        CodeModel model = contexts.model();
        return model.outEdges(from.id()).stream().filter(e -> e.kind() == kind)
            .map(e -> model.node(e.to()).name() + " (" + model.node(e.to()).file() + ") @" + e.file() + ":" + e.line())
            .toList();
    }
}
