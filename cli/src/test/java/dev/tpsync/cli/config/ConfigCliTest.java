package dev.tpsync.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI in-process: config, plugins, suppressions and baseline end to end; errors are one line and exit 2. */
class ConfigCliTest {

    private static final Path TESTDATA = Path.of(System.getProperty("tpsync.testdata", "../testdata"));
    private static final Path EXAMPLES = TESTDATA.resolveSibling("examples/plugins");

    @TempDir
    Path dir;

    Path tree;

    record Run(int exit, String out, String err) {
    }

    static Run tpsync(String... args) {
        CommandLine cmd = Cli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

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
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(tree.resolve(".tpsync.yaml"), yaml);
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = tree.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private static void assertOneLineError(Run r, String message) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tpsync: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    // ------------------------------------------------------------------ plugins

    @Test
    void scanRunsEveryKindOfPluginAndRulesListsTheirOrigins() throws IOException {
        Path jar = dev.tpsync.rules.plugin.TestJars.exampleJar(dir);
        String[] plugins = {"--plugin", EXAMPLES.resolve("no-gfp-kernel-in-nmi.yaml").toString(),
            "--plugin", EXAMPLES.resolve("no-srcu-in-probes.yaml").toString(),
            "--plugin", EXAMPLES.resolve("RcuInIdleRule.java").toString(), "--plugin", jar.toString()};
        Run scan = tpsync(concat(new String[] {"scan", tree.toString(), "--fail-on", "never"}, plugins));
        assertThat(scan.exit()).isZero();
        assertThat(scan.out()).contains(
            "kernel/events/demo.c:8:25: error: kmalloc(GFP_KERNEL) may sleep, in code reachable from NMI",
            "[no-srcu-in-probes]", "[rcu-in-idle]", "[trace-printk-in-probe]", "[srcu-read-barrier]")
            .contains("5 findings: 2 errors, 3 warnings");

        Run rules = tpsync(concat(new String[] {"rules", "--tree", tree.toString()}, plugins));
        assertThat(rules.exit()).isZero();
        assertThat(rules.out()).containsPattern("no-gfp-kernel-in-nmi +error +high +yaml:no-gfp-kernel-in-nmi.yaml ")
            .containsPattern("rcu-in-idle +error +high +java:RcuInIdleRule.java ")
            .containsPattern("trace-printk-in-probe +warning +high +jar:trace-printk-rule.jar ")
            .containsPattern("lost-rcuidle +error +high +built-in ");
    }

    @Test
    void brokenPluginsAreOneLineErrorsWithoutStackTraces() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "id: x-rule\nmessage: m\nmatch:\n  cal: kmalloc\n");
        assertOneLineError(tpsync("scan", tree.toString(), "--plugin", yaml.toString()), yaml
            + ":4: key 'match.cal': unknown key; expected one of: argument, call, event, files, in, unless-after");

        Path java = Files.writeString(dir.resolve("Bad.java"),
            "import dev.tpsync.rules.spi.*;\npublic class Bad implements Rule {\n  int x = undefined;\n}\n");
        assertOneLineError(tpsync("rules", "--plugin", java.toString()), java + ":2: compile error: Bad is not "
            + "abstract and does not override abstract method check(dev.tpsync.rules.spi.RuleContext,"
            + "dev.tpsync.rules.spi.FindingSink) in dev.tpsync.rules.spi.Rule");

        Path jar = Files.writeString(dir.resolve("bad.jar"), "not a zip");
        Run r = tpsync("scan", tree.toString(), "--plugin", jar.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tpsync: " + jar + ": not a readable jar file").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);

        Path txt = Files.writeString(dir.resolve("rule.txt"), "x");
        assertOneLineError(tpsync("scan", tree.toString(), "--plugin", txt.toString()),
            "plugin " + txt + ": unknown kind of plugin; give a .jar, .yaml/.yml or .java file");
    }

    @Test
    void pluginRuleIdsMustNotClashWithBuiltIns() throws IOException {
        Path yaml = Files.writeString(dir.resolve("clash.yaml"), "id: lost-rcuidle\nmessage: m\nmatch: {call: f}\n");
        assertOneLineError(tpsync("rules", "--plugin", yaml.toString()), "rule id 'lost-rcuidle' is defined twice "
            + "(built-in and yaml:clash.yaml); rename one of them");
    }

    // ------------------------------------------------------------------ config

    @Test
    void configSelectsRulesOverridesSeveritiesAddsContextsAndLoadsPlugins() throws IOException {
        Files.copy(EXAMPLES.resolve("no-gfp-kernel-in-nmi.yaml"), tree.resolve("gfp.yaml"));
        // An extra NMI entry: demo_setup() now counts as NMI code, so its GFP_KERNEL allocation is flagged too.
        config("""
            rules:
              disable: [srcu-read-barrier]
              severity:
                no-gfp-kernel-in-nmi: warning
            contexts:
              arch: x86
              nmi-entry-points: [demo_setup]
              rcu-not-watching-regions:
                - {enter: demo_quiesce, exit: demo_resume}
            plugins: [gfp.yaml]
            paths:
              exclude: [kernel/trace/]
            """);
        Run scan = tpsync("scan", tree.toString(), "--fail-on", "never");
        assertThat(scan.exit()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("kernel/events/demo.c:8:25: warning: kmalloc(GFP_KERNEL)",
            "kernel/events/demo.c:16:14: warning: kzalloc(GFP_KERNEL)")
            .doesNotContain("srcu-read-barrier").contains("2 findings: 2 warnings");

        Run rules = tpsync("rules", "--tree", tree.toString());
        assertThat(rules.out()).containsPattern("srcu-read-barrier .*\\(disabled by config\\)")
            .containsPattern("no-gfp-kernel-in-nmi +warning +high +yaml:gfp.yaml ");
    }

    @Test
    void contextJudgesByTheConfiguredContextsAsScanDoes() throws IOException {
        Run before = tpsync("context", "demo_setup", tree.toString(), "-q");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).contains("  NMI: not reachable from NMI");

        config("contexts:\n  nmi-entry-points: [demo_setup]\n");
        Run after = tpsync("context", "demo_setup", tree.toString(), "-q");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("  NMI: reachable\n    demo_setup  kernel/events/demo.c:");

        Path elsewhere = Files.writeString(dir.resolve("team.yaml"), "contexts:\n  arch: x68\n");
        Run bad = tpsync("context", "demo_setup", tree.toString(), "--config", elsewhere.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("tpsync: " + elsewhere + ":2: key 'contexts.arch'");
    }

    @Test
    void pathsIncludeAndExcludeChooseWhereFindingsAreReported() throws IOException {
        String plugin = EXAMPLES.resolve("no-gfp-kernel-in-nmi.yaml").toString();
        config("paths:\n  include: [kernel/**/*.c]\n  exclude: [kernel/events/]\n");
        Run r = tpsync("scan", tree.toString(), "--plugin", plugin, "--fail-on", "never");
        assertThat(r.out()).contains("[srcu-read-barrier]").doesNotContain("[no-gfp-kernel-in-nmi]")
            .contains("1 finding: 1 warning");
        config("paths:\n  include: [kernel/events/demo.c]\n");
        r = tpsync("scan", tree.toString(), "--plugin", plugin, "--fail-on", "never");
        assertThat(r.out()).contains("[no-gfp-kernel-in-nmi]").doesNotContain("[srcu-read-barrier]");
    }

    @Test
    void oneValueWhereAListIsExpectedIsAListOfOne() throws IOException {
        config("paths:\n  include: [kernel/events/demo.c]\n");
        Run listed = tpsync("scan", tree.toString(), "--fail-on", "never", "--format", "json");
        config("paths:\n  include: kernel/events/demo.c\n");
        Run single = tpsync("scan", tree.toString(), "--fail-on", "never", "--format", "json");
        config("paths:\n  exclude: kernel\n");
        Run excluded = tpsync("scan", tree.toString(), "--fail-on", "never", "--format", "json");

        assertThat(single.exit()).as(single.err()).isZero();
        assertThat(single.out()).isEqualTo(listed.out());
        assertThat(excluded.out()).contains("\"findings\": [],");
    }

    @Test
    void aTrueOrANumberWhereTextIsExpectedIsAnErrorNamingTheKey() throws IOException {
        Path file = config("paths: {exclude: true}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":1: key 'paths.exclude': expected a text value "
            + "here, not true or false; quote the value to mean the text");

        config("paths:\n  exclude: [5]\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'paths.exclude[0]': expected a text "
            + "value here, not a number; quote the value to mean the text");

        config("paths:\n  exclude: 5\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'paths.exclude': expected a text "
            + "value here, not a number; quote the value to mean the text");

        config("contexts:\n  nmi-entry-points: [exc_nmi, 1.5]\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'contexts.nmi-entry-points[1]': "
            + "expected a text value here, not a number; quote the value to mean the text");

        // Quoted, it is the text.
        config("paths:\n  exclude: ['5', \"true\"]\n");
        Run quoted = tpsync("scan", tree.toString(), "--fail-on", "never");
        assertThat(quoted.exit()).as(quoted.err()).isZero();
    }

    @Test
    void aMappingWhereAListIsExpectedNamesTheListsKey() throws IOException {
        Path file = config("paths:\n  exclude: {a: b}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'paths.exclude': expected a text value "
            + "or a list of them here");

        config("paths:\n  exclude: [kernel/, {a: b}]\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'paths.exclude[1]': expected a text "
            + "value here");
    }

    @Test
    void aConfigThatIsNotUtf8IsSaidToBeSo() throws IOException {
        Path file = Files.write(tree.resolve(".tpsync.yaml"), new byte[] {'p', 'a', 't', 'h', 's', ':', ' ',
            '{', 'e', 'x', 'c', 'l', 'u', 'd', 'e', ':', ' ', (byte) 0xe9, '}', '\n'});
        assertOneLineError(tpsync("scan", tree.toString()), "config file " + file + " is not UTF-8 text; save it as "
            + "UTF-8");
    }

    @Test
    void configErrorsNameFileLineAndKey() throws IOException {
        Path file = config("rules:\n  disable: [srcu-read-barrier]\n  severty: {}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":3: key 'rules.severty': unknown key; "
            + "expected one of: disable, enable, severity");

        config("rules:\n  severity:\n    nmi-perf-rcu: fatal\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":3: key 'rules.severity.nmi-perf-rcu': "
            + "'fatal' is not allowed; use one of: error, warning, note");

        config("# comment\nrules:\n  enable:\n    - nmi-perf-rcu\n    - no-such-rule\n");
        Run r = tpsync("scan", tree.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tpsync: " + file + ":5: key 'rules.enable[1]': unknown rule 'no-such-rule'; "
            + "known rules: lost-rcuidle, ");

        config("paths:\n  exclude: drivers/\ncontexts:\n  nmi-entry-points: {name: x}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":4: key 'contexts.nmi-entry-points': "
            + "expected a text value or a list of them here");

        config("contexts:\n  arch: ARM 64\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'contexts.arch': 'ARM 64' is not an "
            + "architecture directory name (x86, arm64, riscv, ...)");

        config("contexts:\n  arch: x68\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: key 'contexts.arch': 'x68' is not an "
            + "architecture of the kernel or a directory under " + tree.toAbsolutePath().resolve("arch")
            + " (x86, arm64, riscv, ...)");

        config("contexts:\n  rcu-not-watching-regions:\n    - enter: a\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":3: key 'contexts.rcu-not-watching-regions[0]': "
            + "a region needs both 'enter' and 'exit' (the calls that open and close it)");

        config("ignore:\n  - path: kernel/\n    rule: nope\n");
        r = tpsync("scan", tree.toString());
        assertThat(r.err()).startsWith("tpsync: " + file + ":2: key 'ignore[0].rule': unknown rule 'nope'");

        config("plugins: [missing.yaml]\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":1: key 'plugins': plugin "
            + tree.resolve("missing.yaml") + " does not exist (plugin paths are relative to the config file)");

        config("rules: [a, b\n");
        r = tpsync("scan", tree.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tpsync: " + file + ":").contains("YAML syntax error");
    }

    @Test
    void explicitConfigMustExistButTheDefaultMayBeMissing() {
        Path missing = dir.resolve("nope.yaml");
        assertOneLineError(tpsync("scan", tree.toString(), "--config", missing.toString()),
            "config file " + missing + " does not exist");
        assertThat(tpsync("scan", tree.toString(), "--fail-on", "never").exit()).isZero();
        assertOneLineError(tpsync("scan", tree.toString(), "--config", dir.toString()),
            "config file " + dir + " is a directory; give the file (such as " + dir.resolve(".tpsync.yaml") + ")");
        // /dev/null is no configuration at all, as an empty file is.
        Run none = tpsync("scan", tree.toString(), "--config", "/dev/null", "--fail-on", "never");
        assertThat(none.exit()).as(none.err()).isZero();
    }

    @Test
    void yamlTheConfigWouldMisreadIsAnErrorAtItsLine() throws IOException {
        Path file = config("rules: {disable: [srcu-read-barrier]}\n---\nrules: {disable: []}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":3: a second YAML document (after '---'); a "
            + "config is one document: remove the '---' and merge the two");
        // A '---' with nothing after it (an editor's template) is no second document.
        config("rules: {disable: [srcu-read-barrier]}\n---\n");
        Run trailing = tpsync("scan", tree.toString(), "--fail-on", "never");
        assertThat(trailing.exit()).as(trailing.err()).isZero();
        assertThat(trailing.out()).doesNotContain("[srcu-read-barrier]");
        config("rules:\n  disable: &off [srcu-read-barrier]\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":2: '&off' is a YAML anchor, which tpsync does not"
            + " follow; write each value out");
        config("rules: {disable: *off}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":1: '*off' is a YAML alias, which tpsync does not "
            + "follow; write the value out, and quote a value that starts with '*' (a glob: '\"**/*.h\"')");
        config("paths: {exclude: [**/*.h]}\n");
        assertOneLineError(tpsync("scan", tree.toString()), file + ":1: YAML syntax error: while scanning an alias: "
            + "unexpected character found *(42); quote a value that starts with '*' (a glob: \"**/*.h\")");
        config("rules:\n\tdisable: [srcu-read-barrier]\n");
        Run tab = tpsync("scan", tree.toString());
        assertThat(tab.exit()).isEqualTo(2);
        assertThat(tab.err()).startsWith("tpsync: " + file + ":2: YAML syntax error: ").contains("; indent with spaces");
    }

    @Test
    void explicitConfigFileResolvesPluginsRelativeToItself() throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        Files.copy(EXAMPLES.resolve("no-srcu-in-probes.yaml"), confDir.resolve("srcu.yaml"));
        Path file = Files.writeString(confDir.resolve("team.yaml"), "plugins: [srcu.yaml]\n");
        Run r = tpsync("scan", tree.toString(), "--config", file.toString(), "--rules", "no-srcu-in-probes");
        assertThat(r.out()).contains("[no-srcu-in-probes]").contains("1 finding: 1 warning");
    }

    // ------------------------------------------------------------------ suppressions

    @Test
    void inlineSuppressionsAndConfigIgnores() throws IOException {
        edit("kernel/trace/demo_probe.c", "\tint idx = srcu_read_lock(&demo_srcu); /* expect",
            "\t/* tpsync: ignore srcu-read-barrier -- probe of a debug-only tracepoint */\n"
                + "\tint idx = srcu_read_lock(&demo_srcu); /* expect");
        edit("kernel/sched/demo_idle.c", "rcu_read_lock(); /* expect: rcu-in-idle */",
            "rcu_read_lock(); // tpsync: ignore rcu-in-idle");
        config("ignore:\n  - path: kernel/events/*.c\n    rule: no-gfp-kernel-in-nmi\n");
        String[] args = {"scan", tree.toString(), "--fail-on", "never",
            "--plugin", EXAMPLES.resolve("no-gfp-kernel-in-nmi.yaml").toString(),
            "--plugin", EXAMPLES.resolve("RcuInIdleRule.java").toString()};
        Run r = tpsync(args);
        assertThat(r.out()).doesNotContain("[srcu-read-barrier]").doesNotContain("[no-gfp-kernel-in-nmi]")
            // No reason: not honoured, and a note says so.
            .contains("kernel/sched/demo_idle.c:5:2: error: rcu_read_lock() while RCU is not watching this CPU")
            .contains("note: kernel/sched/demo_idle.c:5: 'tpsync: ignore rcu-in-idle' has no reason and is not "
                + "honoured; write 'tpsync: ignore rcu-in-idle -- why it is safe'")
            .contains("1 finding: 1 error (2 suppressed)")
            .doesNotContain("suppressed:\n");

        Run shown = tpsync(concat(args, new String[] {"--show-suppressed"}));
        assertThat(shown.out()).contains("suppressed:\n"
            + "    kernel/events/demo.c:8:25: error: kmalloc(GFP_KERNEL) may sleep, in code reachable from NMI "
            + "(exc_nmi -> default_do_nmi -> demo_collect) [no-gfp-kernel-in-nmi]\n"
            + "    kernel/trace/demo_probe.c:7:12: warning: srcu_read_lock(&demo_srcu) runs smp_mb()");
    }

    @Test
    void aSuppressionNamingNoRuleIsANoteAndAPluginsRuleIsKnown() throws IOException {
        edit("kernel/trace/demo_probe.c", "\tint idx = srcu_read_lock(&demo_srcu); /* expect",
            "\t/* tpsync: ignore srcu-read-barier -- probe of a debug-only tracepoint */\n"
                + "\tint idx = srcu_read_lock(&demo_srcu); /* expect");
        edit("kernel/sched/demo_idle.c", "rcu_read_lock(); /* expect: rcu-in-idle */",
            "rcu_read_lock(); // tpsync: ignore rcu-in-idle -- the fixture's own idle loop");
        Run r = tpsync("scan", tree.toString(), "--fail-on", "never",
            "--plugin", EXAMPLES.resolve("RcuInIdleRule.java").toString());
        assertThat(r.out()).contains("kernel/trace/demo_probe.c:7:12: warning: srcu_read_lock(&demo_srcu) runs smp_mb()")
            .contains("note: kernel/trace/demo_probe.c:6: 'tpsync: ignore srcu-read-barier' names no rule; known rules: "
                + "lost-rcuidle, srcu-read-barrier, nmi-perf-rcu, tracepoint-unregister-sync, "
                + "rcu-in-idle")
            .doesNotContain("'tpsync: ignore rcu-in-idle'")
            .contains("(1 suppressed)");
    }

    // ------------------------------------------------------------------ baseline

    @Test
    void baselineRoundTripThroughTheCli() throws IOException {
        Path baseline = dir.resolve("baseline.json");
        String plugin = EXAMPLES.resolve("no-gfp-kernel-in-nmi.yaml").toString();
        Run write = tpsync("scan", tree.toString(), "--plugin", plugin, "--write-baseline", baseline.toString());
        assertThat(write.exit()).isZero();
        assertThat(write.err()).isEqualTo("tpsync: wrote 2 findings to baseline " + baseline + System.lineSeparator());
        assertThat(write.out()).contains("no findings (2 suppressed)");
        assertThat(Files.readString(baseline)).contains("\"schema\" : \"tpsync-baseline/1\"", "\"rule\" : "
            + "\"no-gfp-kernel-in-nmi\"", "\"file\" : \"kernel/events/demo.c\"", "\"function\" : \"demo_collect\"");

        // Lines inserted above, an unrelated edit in the same file: still all accepted.
        edit("kernel/events/demo.c", "struct demo_rec {", "/* a new comment */\n\nstruct demo_rec {");
        edit("kernel/events/demo.c", "return buf ? 0 : -ENOMEM;", "return buf ? 0 : -EAGAIN;");
        Run again = tpsync("scan", tree.toString(), "--plugin", plugin, "--baseline", baseline.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).isEqualTo("no findings (2 suppressed)\n");

        // A new hazard is reported, and fails the run.
        edit("kernel/events/demo.c", "demo_fill(rec, spare);", "demo_fill(rec, spare);\n\tkcalloc(2, 8, GFP_KERNEL);");
        Run fresh = tpsync("scan", tree.toString(), "--plugin", plugin, "--baseline", baseline.toString());
        assertThat(fresh.exit()).isEqualTo(1);
        assertThat(fresh.out()).contains("kcalloc(GFP_KERNEL) may sleep").contains("1 finding: 1 error (2 suppressed)");

        Path bad = Files.writeString(dir.resolve("bad.json"), "[]");
        Run r = tpsync("scan", tree.toString(), "--baseline", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tpsync: " + bad + ":1: not a tpsync baseline").doesNotContain("\tat ");
    }

    @Test
    void aBaselineIsWrittenAsAReportIs() throws IOException {
        // Into a directory that is not there: an error naming the option, no directory made.
        Path missing = dir.resolve("no-such-dir/baseline.json");
        Run r = tpsync("scan", tree.toString(), "--write-baseline", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tpsync: --write-baseline " + missing + ": directory " + missing.getParent()
            + " does not exist" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(missing.getParent()).doesNotExist();

        // With the permissions any new file of the user's gets (not a temporary file's 0600),
        // and through a symbolic link, which stays one.
        Path baseline = dir.resolve("baseline.json");
        Path link = Files.createSymbolicLink(dir.resolve("current.json"), baseline.getFileName());
        Path plain = Files.createFile(dir.resolve("plain"));
        Run write = tpsync("scan", tree.toString(), "--write-baseline", link.toString());
        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(baseline)).contains("\"schema\" : \"tpsync-baseline/1\"");
        assertThat(Files.getPosixFilePermissions(baseline)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        // The report written over the baseline, through its link or by its own name: refused.
        String before = Files.readString(baseline);
        assertOneLineError(tpsync("scan", tree.toString(), "--write-baseline", baseline.toString(), "--output",
            link.toString()), "--output and --write-baseline name the same file (" + link + "); the report would "
            + "replace the baseline: give two files");
        assertThat(Files.readString(baseline)).isEqualTo(before);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
