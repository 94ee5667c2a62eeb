package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rebuilt model is the model a build from scratch gives, numbered differently: for every
 * file of every fixture tree, each kind of change a patch makes (the same text parsed again, a
 * function renamed, a call added, a tracepoint turned rcuidle, the file deleted, a new file
 * that defines names others call) is rebuilt from the base model and compared node for node,
 * edge for edge, and by the contexts computed on it.
 */
class IncrementalModelTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"nmi-perf", "rcuidle", "registration", "scoping", "machinery-6.13",
        "machinery-rcuidle-passed", "caps-srcu-fast"})
    void everyChangeToEveryFileRebuildsToTheSameModel(String name) throws IOException {
        Path dir = FixtureTrees.tree(name);
        List<FileFacts> base = parse(dir);
        // Chunks of three functions: most of the tree is taken chunk by chunk, as on a kernel.
        IncrementalModel model = ModelBuilder.buildIncremental(base, SPEC, 2, 3);
        // The same model restored from its cached graph (the hook's base), with a log made from it.
        IncrementalModel restored = ModelBuilder.restoreIncremental(base, SPEC, model.model().edges()).orElseThrow();
        // Restored with the rebuild log the model cache keeps for review: chunks and callbacks reused.
        IncrementalModel restoredWithLog = ModelBuilder.restoreIncremental(base, SPEC, model.cacheableEdges())
            .orElseThrow();
        for (int i = 0; i < base.size(); i++) {
            String path = base.get(i).path();
            String text = Files.readString(dir.resolve(path));
            for (UnaryOperator<String> change : changes()) {
                List<FileFacts> after = new ArrayList<>(base);
                after.set(i, StructureParser.parse(path, change.apply(text)));
                assertSameAsFromScratch(model, after, name + " " + path);
                assertSameAsFromScratch(restored, after, name + " " + path + " from the cached graph");
                assertSameAsFromScratch(restoredWithLog, after, name + " " + path + " from the cached graph and log");
            }
            List<FileFacts> deleted = new ArrayList<>(base);
            deleted.remove(i);
            assertSameAsFromScratch(model, deleted, name + " without " + path);
            assertSameAsFromScratch(restored, deleted, name + " without " + path + " from the cached graph");
            assertSameAsFromScratch(restoredWithLog, deleted, name + " without " + path + " from the cached graph and log");
        }
    }

    @Test
    void aNewFileThatDefinesCalledNamesIsLinkedEverywhere() throws IOException {
        Path dir = FixtureTrees.tree("nmi-perf");
        List<FileFacts> base = parse(dir);
        IncrementalModel model = IncrementalModel.build(base, SPEC, 1);
        List<FileFacts> after = new ArrayList<>(base);
        // Every name the tree calls, defined once more (non-static) in a new file.
        StringBuilder src = new StringBuilder();
        model.model().nodes().stream().filter(Node::isFunctionLike).map(Node::name).distinct()
            .forEach(n -> src.append("int ").append(n).append("(void)\n{\n\treturn rcu_read_lock();\n}\n\n"));
        after.add(StructureParser.parse("kernel/extra.c", src.toString()));
        IncrementalModel rebuilt = assertSameAsFromScratch(model, after, "new file");
        // Only functions that call nothing the tree defines keep their (empty) edges.
        assertThat(rebuilt.copiedFunctions()).isLessThan(functionsWithoutRegistrations(model.model()) / 2);
    }

    @Test
    void aTracepointDeclaredOrDroppedElsewhereRelinksItsCallers() {
        FileFacts caller = StructureParser.parse("kernel/sched/idle.c", """
            void do_idle(void)
            {
            	trace_tpsync_idle(1);
            	trace_tpsync_idle_rcuidle(2);
            }
            """);
        FileFacts undeclared = StructureParser.parse("include/trace/events/tpsync.h", "/* nothing yet */\n");
        FileFacts declared = StructureParser.parse("include/trace/events/tpsync.h", """
            DECLARE_TRACE(tpsync_idle,
            	TP_PROTO(int state),
            	TP_ARGS(state));
            """);
        IncrementalModel without = IncrementalModel.build(List.of(caller, undeclared), SPEC, 1);
        IncrementalModel with = assertSameAsFromScratch(without, List.of(caller, declared), "declared");
        assertThat(with.model().isTracepoint("tpsync_idle")).isTrue();
        assertThat(with.model().outEdges(with.model().named("do_idle").get(0).id())).hasSize(2);
        IncrementalModel dropped = assertSameAsFromScratch(with, List.of(caller, undeclared), "dropped");
        assertThat(dropped.model().outEdges(dropped.model().named("do_idle").get(0).id())).isEmpty();
    }

    @Test
    void anUnchangedTreeCopiesEveryFunctionAndAChainOfRebuildsStaysExact() throws IOException {
        Path dir = FixtureTrees.tree("rcuidle");
        List<FileFacts> base = parse(dir);
        IncrementalModel model = IncrementalModel.build(base, SPEC, 2);
        IncrementalModel same = assertSameAsFromScratch(model, base, "unchanged");
        // Nothing changed: every function's edges are copied, registering ones included.
        assertThat(same.copiedFunctions()).isEqualTo(
            (int) model.model().nodes().stream().filter(Node::isFunctionLike).count()).isPositive();
        // Patch after patch, each rebuilt from the one before, as a series review does.
        List<FileFacts> files = new ArrayList<>(base);
        IncrementalModel current = model;
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i).path();
            files.set(i, StructureParser.parse(path, changes().get(i % changes().size())
                .apply(Files.readString(dir.resolve(path)))));
            current = assertSameAsFromScratch(current, files, "series step " + i);
        }
    }

    @Test
    void aLongSeriesThatLinksAndUnlinksCallbacksStaysExact() throws IOException {
        Path dir = FixtureTrees.tree("nmi-perf");
        List<FileFacts> files = new ArrayList<>(parse(dir));
        IncrementalModel current = IncrementalModel.build(files, SPEC, 2);
        // More patches than the model's maps keep layers (they are flattened on the way); each
        // stores another overflow handler in a new driver, or takes the last one out again.
        for (int step = 0; step < 12; step++) {
            StringBuilder driver = new StringBuilder();
            int handlers = step % 3 == 2 ? step - 1 : step + 1;
            for (int h = 0; h < handlers; h++) {
                driver.append("static void tpsync_handler_").append(h).append("(struct perf_event *event)\n{\n")
                    .append("\trcu_read_lock();\n}\n\n");
            }
            driver.append("void tpsync_attach(struct perf_event *event)\n{\n");
            for (int h = 0; h < handlers; h++) {
                driver.append("\tevent->overflow_handler = tpsync_handler_").append(h).append(";\n");
            }
            driver.append("}\n");
            if (step > 0) {
                files.remove(files.size() - 1);
            }
            files.add(StructureParser.parse("drivers/perf/tpsync_pmu.c", driver.toString()));
            current = assertSameAsFromScratch(current, files, "series step " + step);
            CodeModel model = current.model();
            long linked = model.named("__perf_event_overflow").stream()
                .flatMap(n -> model.outEdges(n.id()).stream())
                .filter(e -> e.kind() == EdgeKind.CALLBACK && model.node(e.to()).name().startsWith("tpsync_handler_"))
                .count();
            assertThat(linked).as("step " + step).isEqualTo(handlers);
        }
    }

    private static int functionsWithoutRegistrations(CodeModel model) {
        return (int) model.nodes().stream().filter(Node::isFunctionLike)
            .filter(n -> n.function().orElseThrow().calls().stream().noneMatch(c -> c.callee().contains("register_")))
            .count();
    }

    /** The edits a patch makes, as functions of a file's text. */
    private static List<UnaryOperator<String>> changes() {
        return List.of(
            text -> text,
            text -> text.replaceFirst("(\\n(?:static |int |void |bool |noinstr )[^\\n(]*?)(\\w+)\\(", "$1$2_renamed("),
            text -> text.replaceFirst("\\{\\n", "{\n\trcu_read_lock();\n\tperf_tp_event(0);\n\tsynchronize_rcu();\n"),
            text -> text.replace("_rcuidle(", "(").replace("ct_irq_enter_irqson();", ""),
            text -> text + "\nint tpsync_added(void)\n{\n\treturn default_do_nmi(0) + trace_cpu_idle(0, 0);\n}\n",
            // What resolution reads of a definition changes while its name stays: the rebuild must
            // not keep linking callers elsewhere to it as before.
            text -> text.replaceFirst("\nstatic (inline )?", "\n"),
            text -> "#ifdef CONFIG_TPSYNC_TEST\n" + text + "\n#endif\n");
    }

    private static IncrementalModel assertSameAsFromScratch(IncrementalModel base, List<FileFacts> files, String what) {
        IncrementalModel rebuilt = base.rebuild(files, 2);
        CodeModel scratch = ModelBuilder.build(files, SPEC, 1);
        assertThat(describe(rebuilt.model())).as(what).containsExactlyElementsOf(describe(scratch));
        for (CodeModel m : List.of(rebuilt.model(), scratch)) {
            for (int id = 0; id < m.nodeCount(); id++) {
                assertThat(m.kind(id)).as(what + ": kind by id " + id).isEqualTo(m.node(id).kind());
            }
        }
        List<String> expected = reach(Contexts.compute(scratch));
        assertThat(reach(Contexts.compute(rebuilt.model()))).as(what + ": contexts").containsExactlyElementsOf(expected);
        // Contexts computed from the previous model's, as review does, are the same too.
        Contexts previous = Contexts.compute(base.model(), (file, name) -> true);
        assertThat(reach(Contexts.compute(rebuilt.model(), (file, name) -> true, previous)))
            .as(what + ": contexts from the previous ones").containsExactlyElementsOf(expected);
        return rebuilt;
    }

    /**
     * Every live node by what it is (ids differ between a rebuilt model and one built from
     * scratch) with its out-edges, its indirect-call count; then the tracepoints and files.
     */
    static List<String> describe(CodeModel model) {
        List<String> out = new ArrayList<>();
        for (Node n : model.nodes()) {
            if (n.kind() == NodeKind.REMOVED) {
                assertThat(model.outEdges(n.id())).as("edges of removed " + n).isEmpty();
                continue;
            }
            List<String> edges = model.outEdges(n.id()).stream()
                .map(e -> key(model.node(e.to())) + " " + e.kind() + " @" + e.file() + ":" + e.line()).sorted().toList();
            out.add(key(n) + " indirect " + model.unknownIndirectCalls(n.id()) + " -> " + edges);
        }
        out.sort(null);
        out.add("tracepoints " + model.tracepoints().keySet());
        out.add("files " + model.files().stream().map(FileFacts::path).toList());
        return out;
    }

    /**
     * Each live node with its whole chain in each context: what findings rest on and show. A
     * rebuilt model orders its nodes differently, so equal chains also say that no tie between
     * equally short chains is broken by node order.
     */
    static List<String> reach(Contexts contexts) {
        List<String> out = new ArrayList<>();
        for (Node n : contexts.model().nodes()) {
            if (n.kind() != NodeKind.REMOVED) {
                out.add(key(n) + " nmi " + contexts.nmiChain(n).map(IncrementalModelTest::hops).orElse("-")
                    + " idle " + contexts.notWatchingChain(n).map(IncrementalModelTest::hops).orElse("-")
                    + " hot " + contexts.hotPathChain(n).map(IncrementalModelTest::hops).orElse("-"));
            }
        }
        out.sort(null);
        return out;
    }

    private static String hops(EvidenceChain chain) {
        return chain.hops() + (chain.indirect() ? " indirect" : "");
    }

    private static String key(Node n) {
        return n.kind() + " " + n.name() + " " + n.file() + ":" + n.line();
    }

    private static List<FileFacts> parse(Path dir) {
        SourceTree tree = SourceTree.open(dir);
        return new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree), done -> { });
    }
}
