package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review's answer on a slice of the tree, checked on a real tree against the whole-tree review:
 * every 20th .c file of 6.1 that a context reaches gets an RCU read side (or, where that is
 * refused, nothing else) at the top of its first reached function's body, and
 * kernel/trace/trace_preemptirq.c gets run.sh's change (an rcuidle tracepoint turned plain). Each
 * change the slice takes must give the whole-tree review's report, and the slice run.sh's change
 * leaves must reach what the whole tree after it reaches, its model being a build's.
 * Skipped (visibly) unless TPSYNC_KERNEL_6_1 names a kernel source tree; takes a few minutes and
 * 6 GB of heap (-DargLine=-Xmx8g).
 */
class RealKernelSliceReviewTest {

    private static final String EDIT = "\trcu_read_lock();\n\trcu_read_unlock();\n";

    @Test
    void linux61ChangesToReachedCodeAreJudgedOnTheSliceAsOnTheTree() throws IOException {
        Linux61 linux = Linux61.parsedOrSkip("RealKernelSliceReviewTest");
        SourceTree tree = linux.tree();
        List<FileFacts> facts = linux.facts();
        ContextSpec spec = ContextSpec.kernelDefaults();
        CodeModel model = ModelBuilder.build(facts, spec);
        Contexts contexts = Contexts.compute(model);
        ContextSummary summary = ContextSummary.of(contexts);
        ContextSlice slice = ContextSlice.of(contexts, path -> Optional.of("0".repeat(40))).orElseThrow();
        ReviewEngine engine = new ReviewEngine(spec, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        IncrementalModel whole = IncrementalModel.build(facts, spec, 2);

        Map<String, FileFacts> byPath = new HashMap<>();
        facts.forEach(f -> byPath.put(f.path(), f));
        List<AppliedPatch> changes = new ArrayList<>();
        List<String> reached = summary.reachedFiles().stream().filter(f -> f.endsWith(".c")).toList();
        for (int i = 0; i < reached.size(); i += 20) {
            String file = reached.get(i);
            String text = Files.readString(tree.resolve(file), StandardCharsets.ISO_8859_1);
            int body = Linux61.bodyOfFirst(text, byPath.get(file),
                fn -> summary.reaches(file, fn.name()) && fn.kind() == FunctionKind.FUNCTION);
            if (body >= 0) {
                changes.add(applied(file, text, text.substring(0, body + 3) + EDIT + text.substring(body + 3)));
            }
        }
        String preemptirq = "kernel/trace/trace_preemptirq.c";
        String text = Files.readString(tree.resolve(preemptirq), StandardCharsets.ISO_8859_1);
        changes.add(applied(preemptirq, text, text.replaceFirst(
            "trace_irq_enable_rcuidle\\(CALLER_ADDR0, CALLER_ADDR1\\);", "trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);")));

        int answered = 0;
        int findings = 0;
        long onSlice = 0;
        Optional<ReviewEngine.SliceReview> last = Optional.empty();
        for (AppliedPatch change : changes) {
            long start = System.nanoTime();
            last = engine.fromSlice(List.of(change), summary, slice, path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of());
            onSlice += System.nanoTime() - start;
            if (last.isEmpty()) {
                continue;
            }
            answered++;
            Report expected = engine.review(facts, files -> whole, List.of(change), List.of("test"), List.of());
            assertThat(last.get().report()).as(change.patch().subject()).isEqualTo(expected);
            findings += expected.patches().get(0).introduced().size();
        }
        System.out.printf("RealKernelSliceReviewTest: %d of %d changes to reached code judged on the slice (%d files,"
            + " %d of %d functions; %d ms each, warm), %d findings introduced%n", answered, changes.size(),
            slice.files().size(), slice.facts().stream().mapToInt(f -> f.functions().size()).sum(),
            facts.stream().mapToInt(f -> f.functions().size()).sum(), onSlice / 1_000_000 / changes.size(), findings);
        assertThat(answered).isGreaterThan(changes.size() / 2);
        assertThat(findings).isPositive();

        // The slice the last change (run.sh's) leaves reaches what the whole tree after it reaches.
        ContextSlice after = last.orElseThrow().sliceAfter().orElseThrow();
        List<FileFacts> treeAfter = facts.stream().map(f -> f.path().equals(preemptirq) ? StructureParser.parse(
            preemptirq, text.replaceFirst("trace_irq_enable_rcuidle\\(CALLER_ADDR0, CALLER_ADDR1\\);",
                "trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);")) : f).toList();
        CodeModel sliceAfterBuilt = ModelBuilder.build(after.facts(), spec);
        assertThat(ContextSummary.reachedIn(Contexts.compute(sliceAfterBuilt)))
            .isEqualTo(ContextSummary.reachedIn(Contexts.compute(ModelBuilder.build(treeAfter, spec))));
        // And the model it leaves for the next commit's hook is the one a build of that slice makes.
        CodeModel left = last.get().modelAfter().orElseThrow().model();
        assertThat(left.nodeCount()).isEqualTo(sliceAfterBuilt.nodeCount());
        for (int id = 0; id < left.nodeCount(); id++) {
            assertThat(left.outEdges(id)).as("%s", left.node(id)).isEqualTo(sliceAfterBuilt.outEdges(id));
            assertThat(left.node(id).name()).isEqualTo(sliceAfterBuilt.node(id).name());
        }
    }

    private static AppliedPatch applied(String file, String before, String after) {
        Patch patch = new Patch(1, 1, "calls in " + file, "calls in " + file, "A <a@example.org>", "", "", "", "",
            List.of());
        return new AppliedPatch(patch, Map.of(file, Optional.of(before)), Map.of(file, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
