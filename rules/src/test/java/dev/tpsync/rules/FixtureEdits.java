package dev.tpsync.rules;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Edits that change what the functions of every rule fixture's files call, for the tests of
 * review's shortcuts (the context summary, the slice) against the whole-tree review they stand
 * in for: a call added at the top of every body, an unregister followed by a free, an SRCU or
 * RCU read side, a tracepoint, a call taken out, and a call or an unregister in one body at a time.
 */
final class FixtureEdits {

    private FixtureEdits() {
    }

    static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    static final Map<String, UnaryOperator<String>> EDITS = edits();

    static Map<String, UnaryOperator<String>> edits() {
        Map<String, UnaryOperator<String>> out = new LinkedHashMap<>();
        out.put("a call added", atEveryBody("\tschedule();\n"));
        out.put("an unregister, then a free", atEveryBody(
            "\ttracepoint_probe_unregister(&__tracepoint_sched_switch, probe_fn, pdata);\n\tkfree(pdata);\n"));
        out.put("an SRCU read side", atEveryBody("\tint idx = srcu_read_lock(&ss);\n\tsrcu_read_unlock(&ss, idx);\n"));
        out.put("an RCU read side", atEveryBody("\trcu_read_lock();\n\trcu_read_unlock();\n"));
        out.put("a tracepoint", atEveryBody("\ttrace_sched_switch(0, 0, 0);\n"));
        out.put("a call taken out", text -> text.replaceFirst("(?m)^\t[a-z_][a-z0-9_]*\\([^;{}]*\\);\n", ""));
        return out;
    }

    /**
     * The edits of {@code text} to try, by name: each of {@link #EDITS}, and a call added, or an
     * unregister and a free, in one function body at a time (so that a file some context reaches
     * in one function can change in another).
     */
    static Map<String, String> edits(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        EDITS.forEach((name, edit) -> out.put(name, edit.apply(text)));
        int body = 0;
        for (int at = text.indexOf("\n{\n"); at >= 0; at = text.indexOf("\n{\n", at + 3)) {
            String head = text.substring(0, at + 3);
            String tail = text.substring(at + 3);
            out.put("a call added to body " + body, head + "\tschedule();\n" + tail);
            out.put("an unregister and a free in body " + body,
                head + "\ttracepoint_probe_unregister(&__tracepoint_sched_switch, probe_fn, pdata);\n\tkfree(pdata);\n"
                    + tail);
            body++;
        }
        out.values().removeIf(text::equals);
        return out;
    }

    /** Inserts {@code lines} after every function body's opening brace on a line of its own. */
    static UnaryOperator<String> atEveryBody(String lines) {
        return text -> text.replaceAll("(?m)^\\{\n", "{\n" + lines.replace("\\", "\\\\").replace("$", "\\$"));
    }

    /** A fixture case on disk, its facts, and the summary of its tree. */
    record Case(SourceTree tree, List<FileFacts> base, ContextSummary summary) {
        static Case of(RuleFixture fixture, Path dir) {
            SourceTree tree = SourceTree.open(fixture.materialize(dir));
            List<FileFacts> base = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
                done -> { });
            return new Case(tree, base, ContextSummary.of(Contexts.compute(ModelBuilder.build(base, SPEC))));
        }
    }

    /** One of a fixture case's own source files, with its text and the case it belongs to. */
    record CaseFile(RuleFixture fixture, Case of, String file, String text) {
    }

    /** Every own source file of every rule fixture case, each case laid out under {@code tmp}. */
    static List<CaseFile> everyCaseFile(Path tmp) throws IOException {
        List<CaseFile> out = new ArrayList<>();
        int n = 0;
        for (RuleFixture fixture : RuleFixture.all()) {
            Case c = Case.of(fixture, tmp.resolve("case" + n++));
            for (String file : fixture.ownSourceFiles()) {
                out.add(new CaseFile(fixture, c, file, Files.readString(c.tree().resolve(file), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    static AppliedPatch applied(String path, String before, String after) {
        Patch patch = new Patch(1, 1, "changes calls", "changes calls", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(path, Optional.of(before)), Map.of(path, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
