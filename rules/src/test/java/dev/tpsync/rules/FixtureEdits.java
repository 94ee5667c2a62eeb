package dev.tpsync.rules;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.Definitions;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** Lines {@link #EDITS} inserts at the top of every body, by name. */
    static final Map<String, String> INSERTIONS = insertions();

    static final Map<String, UnaryOperator<String>> EDITS = edits();

    private static Map<String, String> insertions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("a call added", "\tschedule();\n");
        out.put("an unregister, then a free",
            "\ttracepoint_probe_unregister(&__tracepoint_sched_switch, probe_fn, pdata);\n\tkfree(pdata);\n");
        out.put("an SRCU read side", "\tint idx = srcu_read_lock(&ss);\n\tsrcu_read_unlock(&ss, idx);\n");
        out.put("an RCU read side", "\trcu_read_lock();\n\trcu_read_unlock();\n");
        out.put("a tracepoint", "\ttrace_sched_switch(0, 0, 0);\n");
        return out;
    }

    static Map<String, UnaryOperator<String>> edits() {
        Map<String, UnaryOperator<String>> out = new LinkedHashMap<>();
        INSERTIONS.forEach((name, lines) -> out.put(name, atEveryBody(lines)));
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
        out.putAll(definitionEdits(text));
        out.putAll(templateEdits(text));
        out.values().removeIf(text::equals);
        return out;
    }

    /**
     * Edits that define names anew or take definitions away, or register probes: a static helper
     * added and called from every body, a function added that nothing calls, both again named
     * trace_* (no tracepoint of the name is declared), a probe added and
     * registered in every body, a name the file calls but does not define defined here (static,
     * and not), a tracepoint declared and called in every body (or with a probe registered for
     * it), the file's first function registered as a probe in every body, and each function of
     * the file renamed in turn (its callers lose it).
     */
    static Map<String, String> definitionEdits(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String helper = "\nstatic void tpsync_helper(void)\n{\n\trcu_read_lock();\n\trcu_read_unlock();\n}\n";
        out.put("a static helper added and called", atEveryBody("\ttpsync_helper();\n").apply(text) + helper);
        out.put("a function added", text + "\nvoid tpsync_added(void)\n{\n\tschedule();\n}\n");
        out.put("a probe added and registered", atEveryBody("\tregister_trace_sched_switch(tpsync_probe, NULL);\n")
            .apply(text) + "\nstatic void tpsync_probe(void *data, bool preempt)\n{\n\trcu_read_lock();\n"
            + "\trcu_read_unlock();\n}\n");
        // trace_* names no tracepoint is declared for: plain functions, as trace_hardirqs_on() is
        // (a call of one is still a tracepoint event to the rules, of a tracepoint the tree lacks).
        out.put("a trace_* helper added and called", atEveryBody("\ttrace_tpsync_note();\n").apply(text)
            + "\nstatic void trace_tpsync_note(void)\n{\n\trcu_read_lock();\n\trcu_read_unlock();\n}\n");
        out.put("a trace_* function added", text + "\nvoid trace_tpsync_added(void)\n{\n\tschedule();\n}\n");
        FileFacts facts = StructureParser.parse("edited.c", text);
        Set<String> defined = new HashSet<>();
        facts.functions().forEach(fn -> defined.add(fn.name()));
        facts.functions().stream().flatMap(fn -> fn.calls().stream())
            .filter(call -> !call.indirect() && !defined.contains(call.callee()) && !call.callee().startsWith("trace_")
                && call.callee().matches("[a-z_][a-z0-9_]*"))
            .findFirst().ifPresent(call -> {
                String body = "(void)\n{\n\tsynchronize_rcu();\n}\n";
                out.put("a callee defined here, static", text + "\nstatic void " + call.callee() + body);
                out.put("a callee defined here", text + "\nvoid " + call.callee() + body);
            });
        String event = "TRACE_EVENT(tpsync_event,\n\tTP_PROTO(int v),\n\tTP_ARGS(v),\n\tTP_STRUCT__entry(__field(int, v)),\n"
            + "\tTP_fast_assign(__entry->v = v;),\n\tTP_printk(\"%d\", __entry->v)\n);\n\n";
        out.put("a tracepoint declared and called", event + atEveryBody("\ttrace_tpsync_event(0);\n").apply(text));
        out.put("a tracepoint declared, a probe registered for it", event
            + atEveryBody("\tregister_trace_tpsync_event(tpsync_event_probe, NULL);\n").apply(text)
            + "\nstatic void tpsync_event_probe(void *data, int v)\n{\n\trcu_read_lock();\n\trcu_read_unlock();\n}\n");
        facts.functions().stream().filter(fn -> fn.condition().isEmpty()).findFirst().ifPresent(fn -> out.put(
            "its first function registered as a probe",
            atEveryBody("\tregister_trace_sched_switch(" + fn.name() + ", NULL);\n").apply(text)));
        String[] lines = text.split("\n", -1);
        for (FunctionDef fn : facts.functions()) {
            String line = lines[fn.line() - 1];
            String renamed = line.replaceFirst("\\b" + fn.name() + "\\b", fn.name() + "_renamed");
            if (!renamed.equals(line)) {
                String[] copy = lines.clone();
                copy[fn.line() - 1] = renamed;
                out.put(fn.name() + " renamed", String.join("\n", copy));
            }
        }
        return out;
    }

    /**
     * Edits of the #define bodies that define functions (the probe templates of include/trace/
     * perf.h and trace_events.h): each of {@link #INSERTIONS} at the top of every such body, a
     * call of a name nothing defines there, and a macro added after them; none when the text has
     * no such body.
     */
    static Map<String, String> templateEdits(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!MACRO_BODY.matcher(text).find()) {
            return out;
        }
        INSERTIONS.forEach((name, lines) -> out.put(name + " in every template",
            inEveryMacroBody(lines).apply(text)));
        out.put("a call of a name nothing defines in every template",
            inEveryMacroBody("\ttpsync_never_defined();\n").apply(text));
        out.put("a macro added", text + "\n#define TPSYNC_NOTE(x) trace_printk(\"%d\", (x))\n");
        return out;
    }

    /** The opening brace of a function a #define body defines, on a line of its own. */
    private static final java.util.regex.Pattern MACRO_BODY = java.util.regex.Pattern.compile("(?m)^\\{[ \t]*\\\\\n");

    /** Inserts {@code lines}, each continued, after the opening brace of every function a #define body defines. */
    static UnaryOperator<String> inEveryMacroBody(String lines) {
        String continued = lines.replace("\n", "\t\\\n");
        return text -> MACRO_BODY.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group()
            + continued));
    }

    /** Inserts {@code lines} after every function body's opening brace on a line of its own. */
    static UnaryOperator<String> atEveryBody(String lines) {
        return text -> text.replaceAll("(?m)^\\{\n", "{\n" + lines.replace("\\", "\\\\").replace("$", "\\$"));
    }

    /** A fixture case on disk, its facts, and the summary of its tree. */
    record Case(RuleFixture fixture, SourceTree tree, List<FileFacts> base, ContextSummary summary) {
        static Case of(RuleFixture fixture, Path dir) {
            SourceTree tree = SourceTree.open(fixture.materialize(dir));
            List<FileFacts> base = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
                done -> { });
            return new Case(fixture, tree, base, ContextSummary.of(Contexts.compute(ModelBuilder.build(base, SPEC))));
        }

        /** The slice of the case's tree (blob ids do not matter here). */
        ContextSlice slice() {
            return ContextSlice.of(Contexts.compute(ModelBuilder.build(base, SPEC)), path -> Optional.of(BLOB))
                .orElseThrow();
        }

        /** Every definition of the case's tree by name, for slices widened by them. */
        Definitions definitions() {
            return Definitions.of(base);
        }

        /**
         * {@link #newFiles} for this case, with the first two names its reached code calls; none
         * when it calls fewer.
         */
        Map<String, String> newFiles() {
            List<String> callees = new ArrayList<>(slice().reachedCallees());
            return callees.size() < 2 ? Map.of() : FixtureEdits.newFiles(callees.get(0), callees.get(1));
        }
    }

    /** The blob id every file of a case's slice has. */
    static final String BLOB = "0123456789012345678901234567890123456789";

    /** One of a fixture case's own source files, with its text and the case it belongs to. */
    record CaseFile(RuleFixture fixture, Case of, String file, String text) {
    }

    /** Every rule fixture case, once each, laid out under {@code tmp}. */
    static List<Case> everyCase(Path tmp) throws IOException {
        List<Case> out = new ArrayList<>();
        for (CaseFile cf : everyCaseFile(tmp)) {
            if (out.isEmpty() || out.get(out.size() - 1) != cf.of()) {
                out.add(cf.of());
            }
        }
        return out;
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

    /** Where {@link #newFiles} puts the file a patch adds. */
    static final String NEW_FILE = "drivers/misc/tpsync_new.c";

    /**
     * Texts of a file a patch adds, by name: static functions only; a function nothing calls;
     * a definition of {@code reachedCallee} (a name reached code calls) that calls
     * {@code alsoReached} (another), which the tree's reached callers now resolve to as well.
     */
    static Map<String, String> newFiles(String reachedCallee, String alsoReached) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("a new file of static functions", "static void tpsync_new_helper(void)\n{\n\tschedule();\n}\n\n"
            + "static int tpsync_new_init(void)\n{\n\ttpsync_new_helper();\n\treturn 0;\n}\n");
        out.put("a new file with a function nothing calls", "void tpsync_new_api(void)\n{\n\tmight_sleep();\n}\n");
        out.put("a new file defining a name reached code calls", "void " + reachedCallee + "(void)\n{\n\t" + alsoReached
            + "();\n}\n");
        return out;
    }

    /** The patch that adds {@code path} with {@code text}. */
    static AppliedPatch added(String path, String text) {
        Patch patch = new Patch(1, 1, "adds a file", "adds a file", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(path, Optional.empty()), Map.of(path, Optional.of(text)), Map.of(),
            Map.of(), List.of());
    }

    /** The patch that deletes {@code path}, whose text was {@code text}. */
    static AppliedPatch deleted(String path, String text) {
        Patch patch = new Patch(1, 1, "deletes a file", "deletes a file", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(path, Optional.of(text)), Map.of(path, Optional.empty()), Map.of(),
            Map.of(), List.of());
    }

    /** The patch that moves {@code from} to {@code to}, its text unchanged. */
    static AppliedPatch renamed(String from, String to, String text) {
        Patch patch = new Patch(1, 1, "renames a file", "renames a file", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(from, Optional.of(text), to, Optional.empty()),
            Map.of(from, Optional.empty(), to, Optional.of(text)), Map.of(), Map.of(), List.of());
    }

    static AppliedPatch applied(String path, String before, String after) {
        Patch patch = new Patch(1, 1, "changes calls", "changes calls", "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(path, Optional.of(before)), Map.of(path, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
