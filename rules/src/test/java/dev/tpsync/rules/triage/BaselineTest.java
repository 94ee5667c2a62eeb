package dev.tpsync.rules.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.input.InputException;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.AnalysisContext;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.plugin.PluginLoader;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    private static final Path TESTDATA = Path.of(System.getProperty("tpsync.testdata", "../testdata"));

    @TempDir
    Path dir;

    Path tree;
    List<Rule> rules;

    @BeforeEach
    void copyFixture() throws IOException {
        tree = dir.resolve("tree");
        Path from = TESTDATA.resolve("plugins/tree");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = tree.resolve(from.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        rules = new ArrayList<>(BuiltinRules.all());
        rules.addAll(PluginLoader.load(List.of(TESTDATA.resolveSibling("examples/plugins/no-gfp-kernel-in-nmi.yaml"),
            TESTDATA.resolveSibling("examples/plugins/no-srcu-in-probes.yaml"))));
    }

    private List<Finding> scan() {
        SourceTree t = SourceTree.open(tree);
        List<FileFacts> facts = new ParallelParser(1).parseAll(t.sourceFiles(), ParallelParser.fromDisk(t), n -> { });
        return new RuleRunner(rules, Map.of()).run(AnalysisContext.wholeTree(
            ModelBuilder.build(facts, ContextSpec.kernelDefaults())));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = tree.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    @Test
    void roundTripSurvivesLineShiftsAndUnrelatedEdits() throws IOException {
        List<Finding> before = scan();
        assertThat(before).extracting(Finding::ruleId)
            .contains("no-gfp-kernel-in-nmi", "no-srcu-in-probes", "srcu-read-barrier");
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, Baseline.of(before).text());
        assertThat(Files.readString(file)).startsWith("{\n  \"schema\" : \"tpsync-baseline/1\",")
            .contains("\"function\" : \"demo_collect\"");

        // Lines inserted above the findings, and an unrelated edit in the same file.
        edit("kernel/events/demo.c", "struct demo_rec {", "#include <linux/slab.h>\n\n/* more */\nstruct demo_rec {");
        edit("kernel/trace/demo_probe.c", "DEFINE_SRCU(demo_srcu);", "DEFINE_SRCU(demo_srcu);\n\nstatic int unrelated;\n");
        edit("kernel/events/demo.c", "return buf ? 0 : -ENOMEM;", "if (!buf)\n\t\treturn -ENOMEM;\n\treturn 0;");
        List<Finding> after = scan();
        assertThat(after).hasSameSizeAs(before);
        assertThat(after).extracting(Finding::line).isNotEqualTo(before.stream().map(Finding::line).toList());

        Baseline read = Baseline.read(file);
        FindingFilter filter = new FindingFilter(List.of(), path -> Optional.empty(), List.of(), Optional.of(read));
        Triage t = filter.apply(after);
        assertThat(t.kept()).isEmpty();
        assertThat(t.suppressed()).hasSameSizeAs(before);

        // A new hazard is reported even with the baseline.
        edit("kernel/events/demo.c", "demo_fill(rec, spare);", "demo_fill(rec, spare);\n\tkzalloc(8, GFP_KERNEL);");
        Triage withNew = filter.apply(scan());
        assertThat(withNew.kept()).extracting(f -> f.ruleId() + " " + f.message())
            .containsExactly("no-gfp-kernel-in-nmi kzalloc(GFP_KERNEL) may sleep, in code reachable from NMI "
                + "(exc_nmi -> default_do_nmi -> demo_collect)");
    }

    @Test
    void readingRejectsWhatIsNotABaseline() throws IOException {
        Path notJson = Files.writeString(dir.resolve("b.json"), "{ nope");
        assertThatThrownBy(() -> Baseline.read(notJson)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(notJson + ":1: not a tpsync baseline");
        Path wrongSchema = Files.writeString(dir.resolve("c.json"), "{\"schema\": \"tpsync/1\", \"entries\": []}");
        assertThatThrownBy(() -> Baseline.read(wrongSchema)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(wrongSchema + ":1: not a tpsync baseline (expected \"schema\": \"tpsync-baseline/1\")");
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.json"))).isInstanceOf(InputException.class)
            .hasMessageContaining("does not exist; create it with --write-baseline");
    }

    @Test
    void aDamagedBaselineSaysWhatIsWrongInTheFilesTerms() throws IOException {
        String shape = "; a baseline is {\"schema\": \"tpsync-baseline/1\", \"entries\": [...]}, as --write-baseline"
            + " writes it";
        for (String[] c : new String[][] {
            {"[]", ":1: not a tpsync baseline (expected \"schema\": \"tpsync-baseline/1\")" + shape},
            {"{\"schema\": \"tpsync-baseline/1\"}", ": not a tpsync baseline: \"entries\" is not a list" + shape},
            {"{\"schema\": \"tpsync-baseline/1\", \"entries\": null}", ": not a tpsync baseline: \"entries\" is not"
                + " a list" + shape},
            {"{\"schema\": \"tpsync-baseline/1\", \"entries\": [{\"fingerprint\": 45}]}", ": baseline entry 1 has"
                + " no fingerprint (a string)" + shape},
            {"{\"schema\": \"tpsync-baseline/1\", \"entries\": [{\"fingerprint\": \"a\", \"colour\": 1}]}",
                ": not a tpsync baseline: 'entries[0].colour' is not what a baseline holds" + shape},
        }) {
            Path bad = Files.writeString(dir.resolve("bad.json"), c[0]);
            assertThatThrownBy(() -> Baseline.read(bad)).as(c[0]).isInstanceOf(InputException.class)
                .hasMessage(bad + c[1]);
        }
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"schema\": \"tpsync-baseline/1\", "
            + "\"entries\": []} }");
        assertThatThrownBy(() -> Baseline.read(trailing)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(trailing + ":1: not a tpsync baseline: JSON syntax error: ");
        Path utf16 = Files.write(dir.resolve("utf16.json"), "{\"schema\": \"tpsync-baseline/1\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertThatThrownBy(() -> Baseline.read(utf16)).isInstanceOf(InputException.class)
            .hasMessage("baseline " + utf16 + " is not UTF-8 text; write it again with --write-baseline");
        // A byte order mark from an editor is no error.
        Path bom = Files.writeString(dir.resolve("bom.json"), "\uFEFF{\"schema\": \"tpsync-baseline/1\", "
            + "\"entries\": [{\"fingerprint\": \"nmi-perf-rcu/f/1\"}]}");
        assertThat(Baseline.read(bom).entries()).extracting(Baseline.Entry::fingerprint).containsExactly("nmi-perf-rcu/f/1");
    }

    @Test
    void configIgnoresInlineCommentsAndBaselineCombine() throws IOException {
        edit("kernel/trace/demo_probe.c", "int idx = srcu_read_lock(&demo_srcu); /* expect:",
            "int idx = srcu_read_lock(&demo_srcu); /* tpsync: ignore no-srcu-in-probes -- fixture */ /* expect:");
        List<Finding> all = scan();
        FindingFilter filter = new FindingFilter(
            List.of(new FindingFilter.PathIgnore(PathGlob.of("kernel/events/"), Optional.of("no-gfp-kernel-in-nmi"))),
            Suppressions.fromDirectory(tree), List.of("no-gfp-kernel-in-nmi", "no-srcu-in-probes", "srcu-read-barrier"),
            Optional.empty());
        Triage t = filter.apply(all);
        assertThat(t.suppressed()).extracting(Finding::ruleId)
            .containsExactlyInAnyOrder("no-gfp-kernel-in-nmi", "no-srcu-in-probes");
        assertThat(t.kept()).extracting(Finding::ruleId).containsExactly("srcu-read-barrier");
    }
}
