package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpsync.cli.Cli;
import dev.tpsync.cli.KernelRepo;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tpsync b4-check} on mails made by git format-patch from a small kernel-shaped repository. */
class B4CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private KernelRepo repo;

    @BeforeEach
    void createRepository() {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping b4-check tests that need a repository");
        repo = KernelRepo.create(dir);
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run b4Check(byte[] mail, String... extra) {
        return b4Check(Map.of(), dir, mail, extra);
    }

    /** b4-check with {@code environment} in place of the process's, run in {@code where}. */
    private Run b4Check(Map<String, String> environment, Path where, byte[] mail, String... extra) {
        CommandLine cmd = Cli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        B4CheckCommand command = (B4CheckCommand) cmd.getSubcommands().get("b4-check").getCommand();
        command.stdin = new ByteArrayInputStream(mail);
        command.environment = environment;
        List<String> args = new ArrayList<>(List.of("b4-check", "-C", where.toString()));
        args.addAll(List.of(extra));
        int code = cmd.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** The one check object, after asserting the list shape b4 reads. */
    private static JsonNode check(Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(1);
        JsonNode check = root.get(0);
        List<String> fields = new ArrayList<>();
        check.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("tool", "status", "summary", "url", "details");
        assertThat(check.get("tool").asText()).isEqualTo("tpsync");
        assertThat(check.get("details").isTextual()).as("b4 wants details as a string").isTrue();
        return check;
    }

    private static JsonNode details(JsonNode check) throws Exception {
        JsonNode details = JSON.readTree(check.get("details").asText());
        assertThat(details.get("schema").asText()).isEqualTo("tpsync-b4/1");
        assertThat(check.get("details").asText()).doesNotContain("\n");
        return details;
    }

    @Test
    void hazardousPatchFailsWithTheFindingInDetails() throws Exception {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");

        JsonNode check = check(b4Check(mail));

        assertThat(check.get("status").asText()).isEqualTo("fail");
        assertThat(check.get("summary").asText())
            .startsWith("1 finding introduced: 1 error; kernel/sched/idle.c:13: trace_cpu_idle_poll()")
            .endsWith("[lost-rcuidle]")
            .doesNotContain("without the tree");
        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isTrue();
        JsonNode finding = details.get("introduced").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("lost-rcuidle");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("file").asText()).isEqualTo(KernelRepo.IDLE_C);
        assertThat(finding.get("line").asInt()).isEqualTo(13);
        assertThat(finding.get("function").asText()).isEqualTo("cpu_idle_poll");
        assertThat(finding.get("evidence")).isNotEmpty();
    }

    @Test
    void harmlessPatchPasses() throws Exception {
        byte[] mail = repo.formatPatch(repo::harmlessEdit, "sched/idle: count polls");

        JsonNode check = check(b4Check(mail, "--url", "https://example.org/tpsync"));

        assertThat(check.get("status").asText()).isEqualTo("pass");
        assertThat(check.get("summary").asText()).isEqualTo("no tracepoint synchronization hazards introduced");
        assertThat(check.get("url").asText()).isEqualTo("https://example.org/tpsync");
        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isTrue();
        assertThat(details.get("introduced")).isEmpty();
    }

    @Test
    void patchThatDoesNotApplyIsJudgedWithoutTheTreeAndSaysSo() throws Exception {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");
        // HEAD moves on: the mail's context line is gone, so it no longer applies.
        String text = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, text.replace("\tct_idle_enter();\n", "\tct_idle_enter(); /* poll */\n"));
        repo.git("commit", "-q", "-a", "-m", "sched/idle: comment");

        JsonNode check = check(b4Check(mail));

        assertThat(check.get("summary").asText())
            .contains("(judged without the tree: it does not apply to HEAD: kernel/sched/idle.c hunk #1");
        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isFalse();
        assertThat(details.get("notes").toString()).contains("does not apply")
            .contains("reviewed without the tree: ").doesNotContain("--no-tree").doesNotContain("--base");
        // Without the tree the hunk alone still shows the tracepoint moved into the idle region.
        assertThat(check.get("status").asText()).isEqualTo("fail");
        assertThat(details.get("introduced").get(0).get("rule").asText()).isEqualTo("lost-rcuidle");
    }

    @Test
    void aHarmlessLookingPatchThatDoesNotApplyIsAWarningNotAPass() throws Exception {
        // As b4 gives the second patch of a series alone: it builds on a change HEAD lacks.
        byte[] mail = repo.formatPatch(repo::harmlessEdit, "sched/idle: count polls");
        String text = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, text.replace("idle_polls++;", "idle_polls++; /* poll */"));
        repo.git("commit", "-q", "-a", "-m", "sched/idle: comment");

        JsonNode check = check(b4Check(mail));

        assertThat(check.get("status").asText()).isEqualTo("warn");
        assertThat(check.get("summary").asText()).startsWith("not judged with the tree (it does not apply to HEAD: "
            + "kernel/sched/idle.c hunk #1").endsWith("); the patch alone shows no tracepoint synchronization "
            + "hazards, but most need the tree to be seen");
        assertThat(details(check).get("tree").asBoolean()).isFalse();
        assertThat(details(check).get("introduced")).isEmpty();
    }

    @Test
    void aPatchAlreadyCommittedBelowHeadIsJudgedAgainstItsCommitsParent() throws Exception {
        // As b4 review keeps a series: its commits on a branch, a tracking commit on top.
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");
        repo.hazardousEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: trace after entering idle");
        repo.harmlessEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: count polls");
        repo.git("commit", "-q", "--allow-empty", "-m", "tracking commit");

        JsonNode check = check(b4Check(mail));

        assertThat(check.get("status").asText()).isEqualTo("fail");
        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isTrue();
        assertThat(details.get("notes").toString()).containsPattern("the patch is commit [0-9a-f]{12} here; judged "
            + "against its parent");
        assertThat(details.get("introduced").get(0).get("rule").asText()).isEqualTo("lost-rcuidle");
    }

    @Test
    void aPatchOnTheReviewBranchB4TracksIsJudgedThereWhileHeadIsElsewhere() throws Exception {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");
        // b4 review's branch holds the series; the maintainer is on master, which moved on.
        repo.git("checkout", "-q", "-b", "b4/review/20240611-idle-v1");
        repo.hazardousEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: trace after entering idle");
        repo.git("commit", "-q", "--allow-empty", "-m", "tracking commit");
        repo.git("checkout", "-q", "-");
        String text = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, text.replace("\tct_idle_enter();\n", "\tct_idle_enter(); /* poll */\n"));
        repo.git("commit", "-q", "-a", "-m", "sched/idle: comment");
        Path tracking = Files.writeString(dir.resolve("b4-tracking.json"),
            "{\"series\": {\"change-id\": \"20240611-idle-v1\", \"revision\": 1}, \"patches\": []}");

        JsonNode untracked = check(b4Check(mail));
        JsonNode tracked = check(b4Check(Map.of("B4_TRACKING_FILE", tracking.toString()), dir, mail));

        assertThat(details(untracked).get("tree").asBoolean()).isFalse();
        assertThat(tracked.get("status").asText()).isEqualTo("fail");
        assertThat(details(tracked).get("tree").asBoolean()).isTrue();
        assertThat(details(tracked).get("introduced").get(0).get("rule").asText()).isEqualTo("lost-rcuidle");
    }

    @Test
    void theConfigsScopeIgnoresAndBaselineApplyAsForReview() throws Exception {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");
        Path config = repo.dir().resolve(".tpsync.yaml");

        Files.writeString(config, "paths: {exclude: [kernel/sched/]}\n");
        JsonNode outOfScope = check(b4Check(mail));
        Files.writeString(config, "ignore: [{path: kernel/sched/idle.c, rule: lost-rcuidle}]\n");
        JsonNode ignored = check(b4Check(mail));

        // Run in a subdirectory, the repository's config counts all the same.
        Files.writeString(config, "paths: {exclude: [kernel/sched/]}\n");
        JsonNode fromBelow = check(b4Check(Map.of(), repo.dir().resolve("kernel"), mail));

        assertThat(outOfScope.get("status").asText()).isEqualTo("pass");
        assertThat(ignored.get("status").asText()).isEqualTo("pass");
        assertThat(ignored.get("summary").asText()).isEqualTo("no tracepoint synchronization hazards introduced"
            + " (1 suppressed)");
        assertThat(fromBelow.get("status").asText()).isEqualTo("pass");
        assertThat(details(ignored).get("introduced")).isEmpty();
        assertThat(details(ignored).has("suppressed")).isFalse();

        Files.writeString(config, "ignore: [{path: kernel/sched/idle.c, rule: lost-rcuidle}]\n");
        JsonNode shown = check(b4Check(mail, "--show-suppressed"));
        assertThat(shown.get("status").asText()).isEqualTo("pass");
        assertThat(details(shown).get("suppressed")).singleElement()
            .satisfies(f -> assertThat(f.get("rule").asText()).isEqualTo("lost-rcuidle"));
    }

    @Test
    void aPatchThatLeavesCUnreadableIsJudgedWithoutTheTreeAndSaysWhy() throws Exception {
        byte[] mail = repo.formatPatch(() -> repo.write(KernelRepo.IDLE_C, repo.read(KernelRepo.IDLE_C) + "}\n"),
            "sched/idle: stray brace");

        Run run = b4Check(mail);
        JsonNode check = check(run);

        assertThat(run.exitCode()).isZero();
        assertThat(check.get("status").asText()).isEqualTo("warn");
        assertThat(check.get("summary").asText()).startsWith("not judged with the tree (it leaves "
            + KernelRepo.IDLE_C + " unreadable as C (line ");
    }

    @Test
    void unknownBaseCommitFallsBackToHead() throws Exception {
        String mail = new String(repo.formatPatch(repo::harmlessEdit, "sched/idle: count polls"),
            StandardCharsets.UTF_8);
        mail = mail.replace("\n-- \n", "\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n-- \n");

        JsonNode check = check(b4Check(mail.getBytes(StandardCharsets.UTF_8)));

        assertThat(check.get("status").asText()).isEqualTo("pass");
        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isTrue();
        assertThat(details.get("notes").toString()).contains("is not in this repository; applying onto HEAD (fetch it)")
            .doesNotContain("--base");
    }

    @Test
    void outsideARepositoryTheNotesNameNoOptionB4CheckLacks(@TempDir Path elsewhere) throws Exception {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");

        JsonNode check = check(b4Check(Map.of(), elsewhere, mail));

        JsonNode details = details(check);
        assertThat(details.get("tree").asBoolean()).isFalse();
        assertThat(details.get("notes").toString()).contains("not a git repository: " + elsewhere)
            .contains("reviewed without the tree: ").doesNotContain("--git-dir").doesNotContain("--no-tree");
    }

    @Test
    void notAPatchIsAnInputErrorWithoutJson() {
        Run run = b4Check("Subject: hello\n\njust words\n".getBytes(StandardCharsets.UTF_8));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tpsync: ").doesNotContain("{").hasLineCount(1);
    }

    @Test
    void emptyInputIsAnInputError() {
        Run run = b4Check(new byte[0]);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("standard input is empty");
    }
}
