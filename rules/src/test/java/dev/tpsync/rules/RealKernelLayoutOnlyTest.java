package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.AnalysisContext;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Review's answer for edits that only move code, checked on a real tree against the
 * whole-tree review: every file the built-in rules report on, and a few busy ones, get a
 * comment on top, a blank line after every statement and deeper indentation, one patch per
 * file; the whole-tree review must find nothing introduced or resolved by any of them, and the
 * shortcut must say the same without the tree. Skipped (visibly) unless TPSYNC_KERNEL_6_1
 * names a kernel source tree; takes about a minute and 4 GB of heap (-DargLine=-Xmx6g).
 */
class RealKernelLayoutOnlyTest {

    private static final List<String> BUSY = List.of("kernel/events/core.c", "kernel/sched/idle.c",
        "kernel/trace/trace_preemptirq.c", "kernel/rcu/tree.c", "arch/x86/kernel/nmi.c", "include/linux/tracepoint.h");

    @Test
    void linux61EditsThatOnlyMoveCodeChangeNoFindingAndTheShortcutKnowsIt() throws IOException {
        Linux61 linux = Linux61.parsedOrSkip("RealKernelLayoutOnlyTest");
        SourceTree tree = linux.tree();
        List<FileFacts> facts = linux.facts();
        RuleRunner runner = new RuleRunner(BuiltinRules.all(), Map.of());
        CodeModel model = ModelBuilder.build(facts, ContextSpec.kernelDefaults());
        TreeSet<String> files = new TreeSet<>(BUSY);
        for (Finding f : runner.run(AnalysisContext.wholeTree(model))) {
            files.add(f.file());
        }
        List<AppliedPatch> series = new ArrayList<>();
        int index = 1;
        for (String file : files) {
            String text = Files.readString(tree.resolve(file), StandardCharsets.ISO_8859_1);
            String moved = "/*\n * Moved down by a comment.\n */\n\n"
                + text.replaceAll("(?m)^\t", "  \t").replaceAll("(?m);$", ";\n");
            Patch patch = new Patch(index, files.size(), "moves " + file, "moves " + file, "A <a@example.org>", "",
                "", "", "", List.of());
            series.add(new AppliedPatch(patch, Map.of(file, Optional.of(text)), Map.of(file, Optional.of(moved)),
                Map.of(), Map.of(), List.of()));
            index++;
        }
        ReviewEngine engine = new ReviewEngine(ContextSpec.kernelDefaults(), runner, true);

        Optional<Report> shortcut = engine.layoutOnly(series, List.of("test"), List.of());
        Report whole = engine.review(facts, series, List.of("test"), List.of());

        System.out.printf("RealKernelLayoutOnlyTest: %d files moved, %d findings in them before%n", files.size(),
            runner.run(AnalysisContext.wholeTree(model)).stream().filter(f -> files.contains(f.file())).count());
        for (PatchReport p : whole.patches()) {
            assertThat(p.introduced()).as(p.subject()).isEmpty();
            assertThat(p.resolved()).as(p.subject()).isEmpty();
        }
        assertThat(shortcut).contains(whole);
    }
}
