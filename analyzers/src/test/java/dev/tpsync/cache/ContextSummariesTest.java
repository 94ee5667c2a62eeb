package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context summaries kept per git tree: read back as written, never trusted when damaged, few kept. */
class ContextSummariesTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path cacheDir;

    private ContextSummaries summaries;
    private ContextSummary summary;

    @BeforeEach
    void open() {
        summaries = ContextSummaries.of(FactCache.open(cacheDir, "test-v1"));
        FileFacts tracepoints = StructureParser.parse("include/linux/tracepoint.h",
            "#define __DO_TRACE(name, args, cond, rcuidle) do { __DO_TRACE_CALL(name, TP_ARGS(args)); } while (0)\n");
        FileFacts sync = StructureParser.parse("kernel/tracepoint.c",
            "void tracepoint_probe_gone(void)\n{\n\ttracepoint_synchronize_unregister();\n}\n");
        summary = new ContextSummary(new TreeMap<>(Map.of(
            "kernel/events/core.c", new TreeSet<>(List.of("perf_event_overflow", "__perf_event_overflow")),
            "include/trace/events/sched.h", new TreeSet<>(List.of(ContextSummary.WHOLE_FILE)))),
            List.of(tracepoints, sync));
    }

    @Test
    void aSummaryIsReadBackAsWrittenForItsTreeAndSpecOnly() {
        assertThat(summaries.write(TREE, SPEC, summary)).isTrue();

        assertThat(summaries.has(TREE, SPEC)).isTrue();
        assertThat(summaries.read(TREE, SPEC)).contains(summary);
        assertThat(summaries.read("0000000000000000000000000000000000000000", SPEC)).isEmpty();
        assertThat(summaries.read(TREE, SPEC.withPrimaryArch("arch/arm64"))).isEmpty();
    }

    @Test
    void theSummaryAfterAChangeToASummaryReadIsReadBackAsItIs() {
        summaries.write(TREE, SPEC, summary);
        ContextSummary read = summaries.read(TREE, SPEC).orElseThrow();
        ContextSummary after = read.withChanged(List.of(StructureParser.parse("kernel/tracepoint.c",
            "void tracepoint_probe_gone(void)\n{\n\tsynchronize_rcu();\n\ttracepoint_synchronize_unregister();\n}\n")));
        String next = "5555555555555555555555555555555555555555";

        assertThat(summaries.write(next, SPEC, after)).isTrue();

        assertThat(summaries.read(next, SPEC)).contains(after);
        assertThat(after.references()).isNotEqualTo(summary.references());
    }

    @Test
    void aDamagedOrTruncatedSummaryIsDeletedAndNotUsed() throws IOException {
        summaries.write(TREE, SPEC, summary);
        Path file = summaries.file(TREE, SPEC);
        byte[] bytes = Files.readAllBytes(file);

        for (int at : new int[] {0, 9, bytes.length / 2, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x20;
            Files.write(file, flipped);
            assertThat(summaries.read(TREE, SPEC)).as("byte %d flipped", at).isEmpty();
            assertThat(file).doesNotExist();
        }
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertThat(summaries.read(TREE, SPEC)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void onlyTheSummariesUsedLastAreKept() throws IOException {
        for (int i = 0; i < ContextSummaries.KEEP + 3; i++) {
            String tree = String.format("%040x", i);
            summaries.write(tree, SPEC, summary);
            Files.setLastModifiedTime(summaries.file(tree, SPEC), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        summaries.write(TREE, SPEC, summary);

        try (Stream<Path> kept = Files.list(summaries.file(TREE, SPEC).getParent())) {
            assertThat(kept.filter(p -> p.toString().endsWith(".summary")).count()).isEqualTo(ContextSummaries.KEEP);
        }
        assertThat(summaries.has(TREE, SPEC)).isTrue();
        assertThat(summaries.has(String.format("%040x", 0), SPEC)).as("the oldest").isFalse();
    }

    @Test
    void theTreesOfSummariesWrittenOrReadAreListedNewestFirstForTheLauncher() throws IOException {
        String other = String.format("%040x", 7);
        summaries.write(TREE, SPEC, summary);
        summaries.write(other, SPEC, summary);
        Path list = summaries.file(TREE, SPEC).resolveSibling(ContextSummaries.SUMMARISED_TREES);

        assertThat(Files.readAllLines(list)).containsExactly(other, TREE);

        summaries.read(TREE, SPEC);
        assertThat(Files.readAllLines(list)).as("read last, listed first").containsExactly(TREE, other);

        summaries.read("0000000000000000000000000000000000000000", SPEC);
        assertThat(Files.readAllLines(list)).as("a tree without a summary is not listed").containsExactly(TREE, other);
    }

    @Test
    void theListOfTreesKeepsOnlyTheNewest() throws IOException {
        for (int i = 0; i < 20; i++) {
            summaries.write(String.format("%040x", i), SPEC, summary);
        }
        Path list = summaries.file(TREE, SPEC).resolveSibling(ContextSummaries.SUMMARISED_TREES);

        List<String> trees = Files.readAllLines(list);
        assertThat(trees).hasSize(16).startsWith(String.format("%040x", 19)).doesNotContain(String.format("%040x", 3));
    }
}
