package dev.tpsync.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.cache.TreeFacts;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.options.Progress;
import dev.tpsync.source.SourceTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync index}: parse a tree and print what the front end found (for developers). */
@Command(name = "index",
    description = "Parse a tree and print counts and diagnostics (for tpsync developers).",
    mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  tpsync index --format json ~/src/linux", ExitCodes.HELP_SECTION})
public final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "tree to parse (default: .)")
    Path dir;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @Option(names = "--diagnostics", description = "list every diagnostic, not only the first 20")
    boolean allDiagnostics;

    @Option(names = "--list-functions", description = "print every function as file:line name kind")
    boolean listFunctions;

    @Option(names = "--show", paramLabel = "FUNCTION",
        description = "print the sync events and calls found in FUNCTION (repeatable)")
    List<String> show = new ArrayList<>();

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        SourceTree tree = SourceTree.open(dir);
        List<String> files = tree.sourceFiles();
        Progress progress = Progress.forStderr(spec.commandLine().getErr(), "parsing", files.size());
        List<FileFacts> facts = TreeFacts.load(tree, files, analysis.jobs(), analysis.cache(tree), progress::update);
        progress.done();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        if (!show.isEmpty()) {
            for (FileFacts f : facts) {
                f.functions().stream().filter(fn -> show.contains(fn.name())).forEach(fn -> describe(fn, out));
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (listFunctions) {
            for (FileFacts f : facts) {
                for (FunctionDef fn : f.functions()) {
                    out.println(fn.file() + ":" + fn.line() + " " + fn.name() + " " + fn.kind());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, Object> counts = counts(facts, elapsedMs);
        List<Diagnostic> diagnostics = new ArrayList<>();
        facts.forEach(f -> diagnostics.addAll(f.diagnostics()));
        if (format.equals("json")) {
            counts.put("diagnostics", diagnostics.stream().map(Diagnostic::toString).toList());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(counts));
        } else {
            counts.forEach((k, v) -> out.printf("%-18s %s%n", k.replace('_', ' ') + ":", v));
            int shown = allDiagnostics ? diagnostics.size() : Math.min(20, diagnostics.size());
            diagnostics.subList(0, shown).forEach(d -> out.println("  " + d));
            if (shown < diagnostics.size()) {
                out.println("  ... " + (diagnostics.size() - shown) + " more (--diagnostics lists them all)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void describe(FunctionDef fn, PrintWriter out) {
        out.println(fn.file() + ":" + fn.line() + "-" + fn.endLine() + ": " + fn.name() + " (" + fn.kind()
            + (fn.macro().isEmpty() ? "" : " via " + fn.macro()) + ") attributes=" + fn.attributes()
            + (fn.params().isEmpty() ? "" : " params=" + fn.params())
            + (fn.condition().isEmpty() ? "" : " #if " + fn.condition()));
        fn.events().forEach(e -> out.println("  event " + e.line() + ":" + e.column() + " " + e.kind() + " "
            + e.primitive() + (e.argument().isEmpty() ? "" : " [" + e.argument() + "]")
            + (e.guard().isEmpty() ? "" : " if(" + e.guard() + ")")
            + (e.condition().isEmpty() ? "" : " #if " + e.condition())));
        fn.calls().forEach(c -> out.println("  call  " + c.line() + ":" + c.column() + " " + (c.indirect() ? "->" : "")
            + c.callee() + "(" + c.argsText() + ")"));
    }

    private static Map<String, Object> counts(List<FileFacts> facts, long elapsedMs) {
        long functions = 0;
        long macroFunctions = 0;
        long macroBodies = 0;
        long calls = 0;
        long events = 0;
        long tracepoints = 0;
        long diagnostics = 0;
        long lines = 0;
        for (FileFacts f : facts) {
            lines += f.lines();
            tracepoints += f.tracepoints().size();
            diagnostics += f.diagnostics().size();
            for (FunctionDef fn : f.functions()) {
                if (fn.kind() == FunctionKind.FUNCTION) {
                    functions++;
                } else if (fn.kind() == FunctionKind.MACRO_DEFINED) {
                    macroFunctions++;
                } else {
                    macroBodies++;
                }
                calls += fn.calls().size();
                events += fn.events().size();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", facts.size());
        m.put("lines", lines);
        m.put("functions", functions);
        m.put("macro_functions", macroFunctions);
        m.put("macro_bodies", macroBodies);
        m.put("call_sites", calls);
        m.put("sync_events", events);
        m.put("tracepoints", tracepoints);
        m.put("diagnostics_count", diagnostics);
        m.put("time_ms", elapsedMs);
        return m;
    }
}
