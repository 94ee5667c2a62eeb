package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review's answer for edits that only move code ({@link ReviewEngine#layoutOnly}) against the
 * whole-tree review it stands in for. On every fixture case, each of the case's own files gets
 * edits that move code without changing it; the shortcut must take every one, and the
 * whole-tree review of the same edit must give the very same report.
 */
class LayoutOnlyReviewTest {

    private static final Map<String, UnaryOperator<String>> EDITS = edits();

    private static Map<String, UnaryOperator<String>> edits() {
        Map<String, UnaryOperator<String>> out = new LinkedHashMap<>();
        out.put("a comment on top", text -> "/*\n * Moved down by a comment.\n */\n\n" + text);
        // Lines ending in ';' end a statement or a declaration (a continued macro line ends in '\').
        out.put("a blank line after every statement", text -> text.replaceAll("(?m);$", ";\n"));
        out.put("indentation", text -> text.replaceAll("(?m)^\t", "  \t"));
        out.put("all three", text -> out.get("a comment on top").apply(
            out.get("a blank line after every statement").apply(out.get("indentation").apply(text))));
        return out;
    }

    static Stream<RuleFixture> cases() {
        return RuleFixture.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void movingCodeIsAnsweredWithoutTheTreeAsTheWholeTreeReviewAnswersIt(RuleFixture fixture, @TempDir Path tmp)
        throws IOException {
        SourceTree tree = SourceTree.open(fixture.materialize(tmp));
        List<FileFacts> base = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            n -> { });
        ReviewEngine engine = new ReviewEngine(ContextSpec.kernelDefaults(), new RuleRunner(BuiltinRules.all(),
            Map.of()), true);
        for (String file : fixture.ownSourceFiles()) {
            String text = Files.readString(tree.resolve(file), StandardCharsets.UTF_8);
            for (Map.Entry<String, UnaryOperator<String>> edit : EDITS.entrySet()) {
                List<AppliedPatch> applied = List.of(applied(file, text, edit.getValue().apply(text)));

                Optional<Report> shortcut = engine.layoutOnly(applied, List.of("test"), List.of());
                Report whole = engine.review(base, applied, List.of("test"), List.of());

                assertThat(shortcut).as("%s: %s of %s", fixture, edit.getKey(), file).contains(whole);
            }
        }
    }

    private static AppliedPatch applied(String path, String before, String after) {
        Patch patch = new Patch(1, 1, "moves code", "moves code", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(path, Optional.of(before)), Map.of(path, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
