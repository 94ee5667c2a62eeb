package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, run in-process on the bundled demo tree and series. */
class DemoCommandsTest {

    private static final Path TESTDATA = Path.of(System.getProperty("tpsync.testdata", "../testdata"));
    private static final String DEMO = TESTDATA.resolve("demo").toString();

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void scanFindsOneInstanceOfEachHazard() {
        CommandRun r = run("scan", DEMO, "--no-cache", "-q");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
            .contains("kernel/events/core.c:12:3: error: rcu_read_lock() in perf glue reachable from NMI")
            .contains("kernel/sched/idle.c:10:2: error: trace_demo_sample() is called where RCU is not watching")
            .contains("drivers/misc/demo_probe.c:16:12: warning: srcu_read_lock(&demo_srcu)")
            .contains("drivers/misc/demo_probe.c:32:2: warning: kfree(state) after unregister_trace_demo_sample()")
            .contains("include/linux/tracepoint.h:24:3: note: __DO_TRACE knows rcuidle")
            .contains("from exc_nmi (arch/x86/kernel/nmi.c:30): NMI entry point (DEFINE_IDTENTRY_RAW)")
            .endsWith("6 findings: 2 errors, 2 warnings, 2 notes\n");
        assertThat(r.out()).doesNotContain("_perf_ioctl");
    }

    @Test
    void failOnNeverExitsZeroAndJsonIsVersioned() throws Exception {
        CommandRun r = run("scan", DEMO, "--no-cache", "-q", "--fail-on", "never", "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schema").asText()).isEqualTo("tpsync/1");
        assertThat(json.get("findings")).hasSize(6);
    }

    @Test
    void scanReportsOnlyOnRequestedPaths() {
        CommandRun r = run("scan", DEMO, "kernel/sched", "--no-cache", "-q");
        assertThat(r.out()).contains("kernel/sched/idle.c:10:2").doesNotContain("kernel/events/core.c");
    }

    @Test
    void reviewAttributesIntroducedAndResolvedToPatches() {
        CommandRun r = run("review", "--patches", TESTDATA.resolve("demo-series").toString(), "--tree", DEMO,
            "--no-cache", "-q");
        assertThat(r.exit()).isEqualTo(1);
        String first = r.out().substring(0, r.out().indexOf("[PATCH 2/2]"));
        String second = r.out().substring(r.out().indexOf("[PATCH 2/2]"));
        assertThat(first).contains("kernel/events/core.c:12:3: error: synchronize_rcu() in code reachable from NMI");
        assertThat(second).contains("no findings introduced").contains("resolved:").contains("synchronize_rcu()");
    }

    @Test
    void contextExplainsNmiReachabilityAndItsAbsence() {
        CommandRun r = run("context", "perf_tp_event", DEMO, "--no-cache", "-q");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("exc_nmi  arch/x86/kernel/nmi.c:30").contains("perf_trace_nmi_handler");
        CommandRun ioctl = run("context", "_perf_ioctl", DEMO, "--no-cache", "-q");
        assertThat(ioctl.out()).contains("NMI: not reachable from NMI");
    }

    @Test
    void badInputsAreOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path mbox = Files.writeString(tmp.resolve("corrupt.mbox"), "From nobody\nSubject: [PATCH] x\n\ngarbage\n");
        String[][] cases = {
            {"scan", tmp.resolve("missing").toString()},
            {"scan", DEMO, "--fail-on", "sometimes"},
            {"scan", DEMO, "--format", "xml"},
            {"scan", DEMO, "--rules", "no-such-rule"},
            {"explain", "no-such-rule"},
            {"context", "no_such_function", DEMO, "-q", "--no-cache"},
            {"review", "--patches", mbox.toString(), "--tree", DEMO},
            {"review", "--tree", DEMO},
        };
        for (String[] args : cases) {
            CommandRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().strip().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
            assertThat(r.err()).startsWith("tpsync: ").doesNotContain("Exception");
        }
    }

    @Test
    void reviewOfAPatchThatDoesNotApplyNamesPatchFileAndHunk(@TempDir Path tmp) throws Exception {
        String patch = Files.readString(TESTDATA.resolve("demo-series/0002-perf-revert.patch"));
        Path only = Files.writeString(tmp.resolve("0001.patch"), patch);
        CommandRun r = run("review", "--patches", only.toString(), "--tree", DEMO, "--no-cache");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("kernel/events/core.c").contains("hunk");
        assertThat(r.out()).isEmpty();
    }
}
