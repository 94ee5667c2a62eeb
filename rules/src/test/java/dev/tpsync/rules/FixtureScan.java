package dev.tpsync.rules;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.AnalysisContext;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A materialised fixture tree scanned the way {@code tpsync scan} does, with its marks. */
record FixtureScan(Path tree, CodeModel model, List<Finding> findings, List<ExpectMarks.Mark> marks) {

    static FixtureScan of(RuleFixture fixture, Path tempDir) {
        return of(fixture.materialize(tempDir));
    }

    static FixtureScan of(Path dir) {
        SourceTree tree = SourceTree.open(dir);
        List<FileFacts> facts = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            n -> { });
        CodeModel model = ModelBuilder.build(facts, ContextSpec.kernelDefaults());
        List<Finding> findings = new RuleRunner(BuiltinRules.all(), Map.of()).run(AnalysisContext.wholeTree(model));
        List<ExpectMarks.Mark> marks = new ArrayList<>();
        for (String file : tree.sourceFiles()) {
            try {
                marks.addAll(ExpectMarks.parse(file, Files.readString(tree.resolve(file), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FixtureScan(tree.root(), model, findings, marks);
    }
}
