package dev.tpsync.rules.plugin;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.rules.engine.AnalysisContext;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plugin fixture tree, and its {@code /* expect: rule-id ... *}{@code /} marks. */
public final class PluginFixtures {

    private static final Pattern EXPECT = Pattern.compile("/\\* expect: ([a-z0-9 -]+) \\*/");

    private PluginFixtures() {
    }

    public static Path testdata() {
        return Path.of(System.getProperty("tpsync.testdata", "../testdata"));
    }

    static Path tree() {
        return testdata().resolve("plugins/tree");
    }

    public static Path examples() {
        return testdata().resolveSibling("examples/plugins");
    }

    static CodeModel model(Path root) {
        SourceTree tree = SourceTree.open(root);
        List<FileFacts> facts = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            n -> { });
        return ModelBuilder.build(facts, ContextSpec.kernelDefaults());
    }

    static List<Finding> run(Path root, List<Rule> rules) {
        return new RuleRunner(rules, Map.of()).run(AnalysisContext.wholeTree(model(root)));
    }

    /** "file:line" of every finding of {@code ruleId}. */
    static Set<String> found(List<Finding> findings, String ruleId) {
        Set<String> out = new TreeSet<>();
        findings.stream().filter(f -> f.ruleId().equals(ruleId)).forEach(f -> out.add(f.file() + ":" + f.line()));
        return out;
    }

    /** "file:line" of every line marked {@code expect: ruleId}. */
    static Set<String> expected(Path root, String ruleId) {
        Set<String> out = new TreeSet<>();
        SourceTree tree = SourceTree.open(root);
        for (String file : tree.sourceFiles()) {
            try {
                List<String> lines = Files.readAllLines(tree.resolve(file));
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find() && List.of(m.group(1).trim().split(" +")).contains(ruleId)) {
                        out.add(file + ":" + (i + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
