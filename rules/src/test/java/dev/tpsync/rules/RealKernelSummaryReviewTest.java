package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review's answer from a context summary, checked on a real tree against the whole-tree review:
 * every 1,000th .c file of 6.1, and every 50th of those some context reaches, gets a call, an
 * unregister and a free at the top of its first function body no context reaches, one patch per
 * file (a file nothing reaches also a static helper, called there, and a global function calling
 * it, which no reached code calls: the base's slice says so). Each edit the summary path takes
 * alone goes into one series; the summary's report of the series must be the whole-tree
 * review's, with the findings the frees introduce. Skipped (visibly) unless TPSYNC_KERNEL_6_1
 * names a kernel source tree; takes about a minute and 4 GB of heap (-DargLine=-Xmx6g).
 */
class RealKernelSummaryReviewTest {

    private static final String EDIT = "\tmight_sleep();\n\ttracepoint_probe_unregister(tp, probe, data);\n\tkfree(data);\n";

    @Test
    void linux61ChangesToCodeNoContextReachesAreJudgedFromTheSummaryAsFromTheTree() throws IOException {
        Linux61 linux = Linux61.parsedOrSkip("RealKernelSummaryReviewTest");
        SourceTree tree = linux.tree();
        List<FileFacts> facts = linux.facts();
        ContextSpec spec = ContextSpec.kernelDefaults();
        CodeModel model = ModelBuilder.build(facts, spec);
        Contexts contexts = Contexts.compute(model);
        ContextSummary summary = ContextSummary.of(contexts);
        Optional<ContextSlice> slice = ContextSlice.of(contexts, path -> Optional.of("0".repeat(40)));
        ReviewEngine engine = new ReviewEngine(spec, new RuleRunner(BuiltinRules.all(), Map.of()), true);

        List<String> sample = new ArrayList<>();
        List<String> sources = tree.sourceFiles().stream().filter(f -> f.endsWith(".c")).sorted().toList();
        for (int i = 0; i < sources.size(); i += 1000) {
            sample.add(sources.get(i));
        }
        // And every 50th .c file some context reaches, changed in its first function none reaches.
        Map<String, FileFacts> byPath = new java.util.HashMap<>();
        facts.forEach(f -> byPath.put(f.path(), f));
        List<String> reachedSample = new ArrayList<>();
        List<String> reached = summary.reachedFiles().stream().filter(f -> f.endsWith(".c")).toList();
        for (int i = 0; i < reached.size(); i += 50) {
            reachedSample.add(reached.get(i));
        }
        List<AppliedPatch> series = new ArrayList<>();
        int refused = 0;
        int inReachedFiles = 0;
        for (String file : concat(sample, reachedSample)) {
            String text = Files.readString(tree.resolve(file), StandardCharsets.ISO_8859_1);
            int body = Linux61.bodyOfFirst(text, byPath.get(file), fn -> !summary.reaches(file, fn.name()));
            if (body < 0) {
                continue;
            }
            // A file nothing reaches also gets a static helper, called there: a definition no other file sees.
            boolean unreached = !summary.reached().containsKey(file);
            String changed = text.substring(0, body + 3) + (unreached ? "\ttpsync_note();\n" : "") + EDIT
                + text.substring(body + 3) + (unreached ? "\nstatic void tpsync_note(void)\n{\n\tmight_sleep();\n}\n"
                + "\nvoid tpsync_api(void)\n{\n\ttpsync_note();\n}\n" : "");
            AppliedPatch alone = applied(file, text, changed, 1, 1);
            if (engine.fromSummary(List.of(alone), summary, slice, List.of("test"), List.of()).isEmpty()) {
                refused++;
                continue;
            }
            series.add(applied(file, text, changed, series.size() + 1, 0));
            if (summary.reached().containsKey(file)) {
                inReachedFiles++;
            }
        }
        List<AppliedPatch> numbered = new ArrayList<>();
        for (AppliedPatch ap : series) {
            Patch p = ap.patch();
            numbered.add(new AppliedPatch(new Patch(p.index(), series.size(), p.subject(), p.subject(), p.author(), "",
                "", "", "", List.of()), ap.before(), ap.after(), Map.of(), Map.of(), List.of()));
        }

        Optional<ReviewEngine.SummaryReview> shortcut = engine.fromSummary(numbered, summary, slice, List.of("test"),
            List.of());
        Report whole = engine.review(facts, numbered, List.of("test"), List.of());

        long introduced = whole.patches().stream().mapToLong(p -> p.introduced().size()).sum();
        System.out.printf("RealKernelSummaryReviewTest: %d of %d sampled files judged from the summary (%d of them "
            + "files some context reaches elsewhere; %d refused), %d findings introduced; %d of %d files reached%n",
            numbered.size(), sample.size() + reachedSample.size(), inReachedFiles, refused, introduced,
            summary.reachedFiles().size(), facts.size());
        assertThat(numbered.size()).isGreaterThan(20);
        assertThat(inReachedFiles).isPositive();
        assertThat(introduced).isPositive();
        for (PatchReport p : whole.patches()) {
            assertThat(p.resolved()).as(p.subject()).isEmpty();
        }
        assertThat(shortcut.map(ReviewEngine.SummaryReview::report)).contains(whole);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static AppliedPatch applied(String file, String before, String after, int index, int total) {
        Patch patch = new Patch(index, total, "calls in " + file, "calls in " + file, "A <a@example.org>", "", "", "",
            "", List.of());
        return new AppliedPatch(patch, Map.of(file, Optional.of(before)), Map.of(file, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
