package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tpsync context} in-process over testdata/trees/nmi-perf: text, json, and a bad name. */
class ContextCommandTest {

    private static final Path TREE = testdata().resolve("trees/nmi-perf");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = Cli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheNmiChainOfPerfTpEventHopByHop() throws IOException {
        Run run = run("context", "perf_tp_event", TREE.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        String nmiC = "arch/x86/kernel/nmi.c";
        String coreC = "kernel/events/core.c";
        String perfH = "include/trace/perf.h";
        String nmiH = "include/trace/events/nmi.h";
        int tpLine = line(nmiH, "TRACE_EVENT(nmi_handler,");
        String probe = "    perf_trace_nmi_handler  " + nmiH + ":" + tpLine
            + "  probe of trace_nmi_handler(), generated from " + perfH + ":" + line(perfH, "#define DECLARE_EVENT_CLASS");
        String submit = "    perf_trace_run_bpf_submit  " + perfH + ":" + line(perfH, "perf_trace_run_bpf_submit(entry")
            + "  called from perf_trace_nmi_handler()";
        String tpEvent = "    perf_tp_event  " + coreC + ":" + line(coreC, "perf_tp_event(call->event.type")
            + "  called from perf_trace_run_bpf_submit()";
        assertThat(run.out().lines().toList()).containsExactly(
            "perf_tp_event (" + coreC + ":" + line(coreC, "void perf_tp_event(") + ")",
            "  NMI: reachable",
            "    exc_nmi  " + nmiC + ":" + line(nmiC, "DEFINE_IDTENTRY_RAW(exc_nmi)")
                + "  NMI entry point (DEFINE_IDTENTRY_RAW)",
            "    default_do_nmi  " + nmiC + ":" + line(nmiC, "default_do_nmi(regs);") + "  called from exc_nmi()",
            "    nmi_handle  " + nmiC + ":" + line(nmiC, "if (nmi_handle(NMI_LOCAL, regs))")
                + "  called from default_do_nmi()",
            "    trace_nmi_handler  " + nmiC + ":" + line(nmiC, "trace_nmi_handler(a->handler")
                + "  tracepoint hit in nmi_handle()",
            probe,
            submit,
            tpEvent,
            "  RCU not watching: not reached while RCU is not watching",
            "  tracepoint hot path: reachable",
            "    trace_nmi_handler  " + nmiH + ":" + tpLine + "  tracepoint declared here",
            probe,
            submit,
            tpEvent,
            "");
    }

    @Test
    void saysASyscallOnlyFunctionIsNotReachableFromNmi() {
        Run run = run("context", "_perf_ioctl", TREE.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().toList()).containsExactly(
            "_perf_ioctl (kernel/events/core.c:" + line("kernel/events/core.c", "static long _perf_ioctl(") + ")",
            "  NMI: not reachable from NMI",
            "  RCU not watching: not reached while RCU is not watching",
            "  tracepoint hot path: not on a tracepoint hot path",
            "");
    }

    @Test
    void jsonCarriesTheSameChain() throws IOException {
        Run run = run("context", "--format", "json", "perf_tp_event", TREE.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        // A fixed field order: the output is diffed and kept as golden files.
        assertThat(fields).containsExactly("schema", "function", "definitions");
        assertThat(json.get("schema").asText()).isEqualTo("tpsync-context/1");
        JsonNode def = json.get("definitions").get(0);
        assertThat(def.get("file").asText()).isEqualTo("kernel/events/core.c");
        JsonNode nmi = def.get("nmi");
        assertThat(nmi.get("reachable").asBoolean()).isTrue();
        assertThat(nmi.get("indirect").asBoolean()).isFalse();
        List<String> functions = new ArrayList<>();
        nmi.get("chain").forEach(hop -> functions.add(hop.get("function").asText()));
        assertThat(functions).containsExactly("exc_nmi", "default_do_nmi", "nmi_handle", "trace_nmi_handler",
            "perf_trace_nmi_handler", "perf_trace_run_bpf_submit", "perf_tp_event");
        JsonNode first = nmi.get("chain").get(0);
        assertThat(first.get("file").asText()).isEqualTo("arch/x86/kernel/nmi.c");
        assertThat(first.get("line").asInt()).isEqualTo(line("arch/x86/kernel/nmi.c", "DEFINE_IDTENTRY_RAW(exc_nmi)"));
        assertThat(first.get("note").asText()).isEqualTo("NMI entry point (DEFINE_IDTENTRY_RAW)");
        assertThat(def.get("rcuNotWatching").get("reachable").asBoolean()).isFalse();
        assertThat(def.get("rcuNotWatching").has("chain")).isFalse();
    }

    @Test
    void jsonListsTheIdleRegionOfAFunction() throws IOException {
        Path rcuidle = testdata().resolve("trees/rcuidle");
        Run run = run("context", "--format", "json", "cpu_idle_poll", rcuidle.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode region = new ObjectMapper().readTree(run.out()).get("definitions").get(0)
            .get("rcuNotWatchingRegions").get(0);
        List<String> idle = Files.readAllLines(rcuidle.resolve("kernel/sched/idle.c"));
        assertThat(idle.get(region.get("fromLine").asInt() - 2)).contains("ct_idle_enter();");
        assertThat(idle.get(region.get("toLine").asInt())).contains("ct_idle_exit();");
        assertThat(region.get("kind").asText()).isEqualTo("idle");
    }

    @Test
    void aGeneratedProbeNamedInAChainCanBeAskedAbout() {
        Run run = run("context", "perf_trace_nmi_handler", TREE.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        String perfH = "include/trace/perf.h";
        assertThat(run.out().lines().toList()).startsWith(
            "perf_trace_nmi_handler (" + perfH + ":" + line(perfH, "#define DECLARE_EVENT_CLASS") + ")",
            "  NMI: reachable");
        assertThat(run.out()).contains("  tracepoint hot path: reachable");
    }

    @Test
    void anUnknownFunctionIsAnInputErrorInOneLine() {
        Run run = run("context", "no_such_function", TREE.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("tpsync: no function named 'no_such_function' in " + TREE
            + "; check the spelling or the tree" + System.lineSeparator());
    }

    private static int line(String file, String text) {
        try {
            List<String> lines = Files.readAllLines(TREE.resolve(file));
            List<Integer> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    found.add(i + 1);
                }
            }
            assertThat(found).as("lines of %s containing '%s'", file, text).hasSize(1);
            return found.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path testdata() {
        String configured = System.getProperty("tpsync.testdata");
        if (configured != null && Files.isDirectory(Path.of(configured, "trees"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/trees"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/trees not found; set -Dtpsync.testdata");
    }
}
