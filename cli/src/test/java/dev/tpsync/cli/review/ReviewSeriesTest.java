package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.JSON;
import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.mbox;
import static dev.tpsync.cli.review.ReviewFixtures.patchFiles;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static dev.tpsync.cli.review.ReviewFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every series under testdata/review/series against the fixture tree: each patch's introduced
 * and resolved findings must be exactly those its expected.json lists (rule, file, line,
 * severity; missed and extra both fail), and the three ways to feed a series (a directory of
 * format-patch files, one mbox, a git range of the applied commits) must agree finding by
 * finding, down to message, evidence and fingerprint.
 */
class ReviewSeriesTest {

    @TempDir
    Path tmp;

    static Stream<String> series() throws IOException {
        try (Stream<Path> dirs = Files.list(root().resolve("series"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void directoryMboxAndRangeAgreeWithExpected(String name) throws IOException {
        Path dir = root().resolve("series").resolve(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());

        ReviewFixtures.Run fromDir = run("review", "--patches", dir.toString(), "--tree", tree().toString(),
            "--format", "json", "-q", "--jobs", "2");
        ReviewFixtures.Run fromMbox = run("review", "--patches", mbox(dir, tmp).toString(), "--tree",
            tree().toString(), "--format", "json", "-q", "--jobs", "2");
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        List<String> am = new ArrayList<>(List.of("am", "-q", "--keep-cr"));
        patchFiles(dir).forEach(p -> am.add(p.toString()));
        git(repo, am.toArray(String[]::new));
        ReviewFixtures.Run fromRange = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "json",
            "-q", "--jobs", "2");

        int expectedExit = hasError(expected) ? 1 : 0;
        List<ReviewFixtures.Run> runs = List.of(fromDir, fromMbox, fromRange);
        for (ReviewFixtures.Run r : runs) {
            assertThat(r.exit()).as("exit code (stderr: %s)", r.err()).isEqualTo(expectedExit);
            assertThat(r.err()).isEmpty();
            assertThat(summary(r.json())).as("%s (run %d of dir, mbox, range): per patch introduced/resolved", name, runs.indexOf(r))
                .isEqualTo(summary(expected));
        }
        assertThat(findings(fromMbox.json())).as("mbox agrees with directory").isEqualTo(findings(fromDir.json()));
        assertThat(findings(fromRange.json())).as("git range agrees with directory")
            .isEqualTo(findings(fromDir.json()));
        assertThat(subjects(fromRange.json())).isEqualTo(subjects(fromDir.json()));
    }

    @Test
    void patchFilesGivenOneByOneAreTheSeriesAsTheirDirectory() throws IOException {
        Path dir = root().resolve("series/revert-series");
        List<String> args = new ArrayList<>(List.of("review", "--patches"));
        patchFiles(dir).forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--tree", tree().toString(), "--format", "json", "-q"));

        ReviewFixtures.Run files = run(args.toArray(String[]::new));
        ReviewFixtures.Run fromDir = run("review", "--patches", dir.toString(), "--tree", tree().toString(),
            "--format", "json", "-q");

        assertThat(patchFiles(dir)).hasSizeGreaterThan(1);
        assertThat(files.exit()).as(files.err()).isEqualTo(fromDir.exit());
        assertThat(findings(files.json())).isEqualTo(findings(fromDir.json()));
        assertThat(subjects(files.json())).isEqualTo(subjects(fromDir.json()));

        ReviewFixtures.Run mixed = run("review", "--patches", "-", patchFiles(dir).get(0).toString(), "--no-tree");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).isEqualTo("tpsync: --patches: '-' (standard input) is the only input when given; "
            + "drop the files or the '-'" + System.lineSeparator());
        ReviewFixtures.Run withRange = run("review", "--patches", patchFiles(dir).get(0).toString(), "HEAD~1..HEAD");
        assertThat(withRange.exit()).isEqualTo(2);
        assertThat(withRange.err()).isEqualTo("tpsync: --patches: 'HEAD~1..HEAD' is no file but reads as a range; "
            + "give one input: a RANGE, --patches or --staged" + System.lineSeparator());
        ReviewFixtures.Run withDir = run("review", "--patches", dir.toString(), patchFiles(dir).get(0).toString(),
            "--no-tree");
        assertThat(withDir.exit()).isEqualTo(2);
        assertThat(withDir.err()).startsWith("tpsync: " + dir + " is a directory: give one directory of patches, "
            + "or patch files");
        String first = patchFiles(dir).get(0).toString();
        ReviewFixtures.Run twice = run("review", "--patches", first, first, "--no-tree");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("tpsync: --patches: '" + first + "' is given twice; name each file once"
            + System.lineSeparator());
        String again = patchFiles(dir).get(0).getParent().resolve(".").resolve(patchFiles(dir).get(0).getFileName())
            .toString();
        ReviewFixtures.Run spelledTwice = run("review", "--patches", first, again, "--no-tree");
        assertThat(spelledTwice.err()).isEqualTo("tpsync: --patches: '" + again + "' is given twice (as '" + first
            + "'); name each file once" + System.lineSeparator());
    }

    @Test
    void annotationsAndCodeScanningResultsAreOnTheHead() throws IOException {
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        git(repo, "apply", "--index", patchFiles(root().resolve("series/sleeper-in-nmi")).get(0).toString());
        git(repo, "commit", "-q", "-m", "perf: wait before delivering");
        // A later commit adds ten lines above the finding and renames its file.
        Path core = repo.resolve("kernel/events/core.c");
        Files.writeString(core, Files.readString(core).replace("void perf_trace_run_bpf_submit(",
            "/*\n" + " * x\n".repeat(8) + " */\nvoid perf_trace_run_bpf_submit("));
        git(repo, "add", "-u");
        git(repo, "mv", "kernel/events/core.c", "kernel/events/main.c");
        git(repo, "commit", "-q", "-m", "perf: document and rename");
        String range = base + "..HEAD";

        ReviewFixtures.Run json = run("review", range, "-C", repo.toString(), "--format", "json", "-q");
        ReviewFixtures.Run github = run("review", range, "-C", repo.toString(), "--format", "github", "-q");
        ReviewFixtures.Run sarif = run("review", range, "-C", repo.toString(), "--format", "sarif", "-q");

        // The patch's own review places it in the file as that patch left it.
        JsonNode first = json.json().get("patches").get(0).get("introduced").get(0);
        assertThat(first.get("file").asText() + ":" + first.get("line").asInt()).isEqualTo("kernel/events/core.c:51");
        assertThat(github.out()).startsWith("::error file=kernel/events/main.c,line=61,");
        JsonNode location = JSON.readTree(sarif.out()).get("runs").get(0).get("results").get(0).get("locations").get(0)
            .get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("kernel/events/main.c");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(61);
        // Its evidence too: the hops in the renamed file name it as the head has it.
        assertThat(github.out()).doesNotContain("kernel/events/core.c:").contains("kernel/events/main.c:61");
        List<String> flow = new ArrayList<>();
        JSON.readTree(sarif.out()).get("runs").get(0).get("results").get(0).get("codeFlows").get(0)
            .get("threadFlows").get(0).get("locations").forEach(step -> flow.add(step.get("location")
                .get("physicalLocation").get("artifactLocation").get("uri").asText()));
        assertThat(flow).isNotEmpty().doesNotContain("kernel/events/core.c").contains("kernel/events/main.c");
    }

    @Test
    void aFindingWhoseCodeALaterPatchMovesToANewFileIsFollowedThereAndOneItCannotFollowIsOnItsFile()
        throws IOException {
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        git(repo, "apply", "--index", patchFiles(root().resolve("series/sleeper-in-nmi")).get(0).toString());
        git(repo, "commit", "-q", "-m", "perf: wait before delivering");
        String introduced = git(repo, "rev-parse", "HEAD").strip();
        Path core = repo.resolve("kernel/events/core.c");
        String text = Files.readString(core);
        // perf_trace_run_bpf_submit() moved to a file of its own.
        int from = text.indexOf("void perf_trace_run_bpf_submit(");
        int to = text.indexOf("static long _perf_ioctl(");
        Files.writeString(core, text.substring(0, from) + text.substring(to));
        Path submit = repo.resolve("kernel/events/bpf_submit.c");
        Files.writeString(submit,
            "// SPDX-License-Identifier: GPL-2.0\n#include <linux/trace_events.h>\n\n" + text.substring(from, to));
        int waitsAt = Files.readAllLines(submit).indexOf("\tsynchronize_rcu();") + 1;
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "perf: move the BPF submit path to a file of its own");
        ReviewFixtures.Run moved = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "github", "-q");
        // And moved back, its file deleted: followed back.
        String back = Files.readString(core).replace("static long _perf_ioctl(",
            Files.readString(submit).substring(Files.readString(submit).indexOf("void perf_trace_run_bpf_submit("))
                + "static long _perf_ioctl(");
        Files.writeString(core, back);
        git(repo, "rm", "-q", "kernel/events/bpf_submit.c");
        git(repo, "commit", "-q", "-a", "-m", "perf: the BPF submit path back where it was");
        ReviewFixtures.Run movedBack = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "github",
            "-q");
        int waitsBackAt = Files.readAllLines(core).indexOf("\tsynchronize_rcu();") + 1;
        // Or the wait taken out of its place and put on two paths instead.
        git(repo, "reset", "-q", "--hard", introduced);
        Files.writeString(core, text.replace("\t/* let a concurrent detach of the BPF programs finish */\n\tsynchronize_rcu();\n",
                "").replace("\t\t\tperf_swevent_put_recursion_context(rctx);\n",
                "\t\t\tsynchronize_rcu();\n\t\t\tperf_swevent_put_recursion_context(rctx);\n")
            .replace("\t\t      rctx, task);\n", "\t\t      rctx, task);\n\tsynchronize_rcu();\n"));
        git(repo, "commit", "-q", "-a", "-m", "perf: wait on both paths");
        ReviewFixtures.Run twice = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "github", "-q");

        assertThat(waitsAt).isPositive();
        assertThat(moved.out()).as(moved.err())
            .startsWith("::error file=kernel/events/bpf_submit.c,line=" + waitsAt + ",col=2,");
        assertThat(waitsBackAt).isPositive();
        assertThat(movedBack.out()).as(movedBack.err())
            .startsWith("::error file=kernel/events/core.c,line=" + waitsBackAt + ",col=2,");
        assertThat(twice.out()).as(twice.err()).startsWith("::error file=kernel/events/core.c,title=nmi-perf-rcu::")
            .contains("introduced by [PATCH 1/2] perf: wait before delivering at kernel/events/core.c:51, whose line"
                + " [PATCH 2/2] perf: wait on both paths removed: where its code stands now is not clear");
    }

    @Test
    void aRangeWhoseMergedBranchesChangedTheSameLinesIsReviewedLineByLine() throws IOException {
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        Path idle = repo.resolve("kernel/sched/idle.c");
        String text = Files.readString(idle);
        git(repo, "checkout", "-q", "-b", "side");
        Files.writeString(idle, text.replace("static int cpu_idle_force_poll;", "static int cpu_idle_force_poll = 1;"));
        git(repo, "commit", "-q", "-am", "side: poll by default");
        git(repo, "apply", "--index", patchFiles(root().resolve("series/sleeper-in-nmi")).get(0).toString());
        git(repo, "commit", "-q", "-m", "side: wait before delivering");
        git(repo, "checkout", "-q", "master");
        Files.writeString(idle, text.replace("static int cpu_idle_force_poll;", "static int cpu_idle_force_poll = 2;"));
        git(repo, "commit", "-q", "-am", "master: poll twice");
        try {
            git(repo, "merge", "-q", "side");
        } catch (IOException conflict) {
            // Resolved by hand, as a maintainer would.
        }
        Files.writeString(idle, text.replace("static int cpu_idle_force_poll;", "static int cpu_idle_force_poll = 3;"));
        git(repo, "commit", "-q", "-am", "Merge branch 'side'");

        // Applied in one line, one branch's change to cpu_idle_force_poll would not apply after the other's.
        ReviewFixtures.Run r = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode patches = r.json().get("patches");
        assertThat(patches).hasSize(3);
        List<String> introduced = new ArrayList<>();
        for (JsonNode p : patches) {
            for (JsonNode f : p.get("introduced")) {
                introduced.add(p.get("subject").asText() + ": " + f.get("rule").asText() + " "
                    + f.get("file").asText() + ":" + f.get("line").asInt());
            }
        }
        assertThat(introduced).containsExactly("side: wait before delivering: nmi-perf-rcu kernel/events/core.c:51");
        assertThat(r.json().get("notes").toString()).contains("the range holds merges: its 2 lines of commits");
    }

    @Test
    void aFindingALaterPatchResolvesIsAnnotatedOnItsFileOrOnTheRunWhenTheFileIsGone() throws IOException {
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        git(repo, "apply", "--index", patchFiles(root().resolve("series/sleeper-in-nmi")).get(0).toString());
        git(repo, "commit", "-q", "-m", "perf: wait before delivering");
        Path core = repo.resolve("kernel/events/core.c");
        String introduced = Files.readString(core);
        // A later commit takes the wait out again (and adds lines above it).
        git(repo, "checkout", "-q", base, "--", "kernel/events/core.c");
        Files.writeString(core, "/* one */\n/* two */\n" + Files.readString(core));
        git(repo, "commit", "-q", "-a", "-m", "perf: do not wait after all");
        ReviewFixtures.Run fixed = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "github", "-q");
        ReviewFixtures.Run fixedSarif = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "sarif",
            "-q");
        // Or deletes the file.
        git(repo, "reset", "-q", "--hard", "HEAD~1");
        assertThat(Files.readString(core)).isEqualTo(introduced);
        git(repo, "rm", "-q", "kernel/events/core.c");
        git(repo, "commit", "-q", "-m", "perf: remove core.c");
        ReviewFixtures.Run deleted = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "github", "-q");
        ReviewFixtures.Run deletedSarif = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "sarif",
            "-q");

        assertThat(fixed.out()).startsWith("::error file=kernel/events/core.c,title=nmi-perf-rcu::")
            .contains("introduced by [PATCH 1/2] perf: wait before delivering at kernel/events/core.c:51, resolved by"
                + " [PATCH 2/2] perf: do not wait after all: the commits between do not bisect cleanly");
        JsonNode result = JSON.readTree(fixedSarif.out()).get("runs").get(0).get("results").get(0);
        assertThat(result.get("locations").get(0).get("physicalLocation").has("region")).isFalse();
        assertThat(result.get("properties").get("patch").get("resolvedByPatch").asInt()).isEqualTo(2);
        assertThat(result.get("message").get("text").asText()).as("what code scanning shows says why")
            .contains("NMI (introduced by [PATCH 1/2] perf: wait before delivering at kernel/events/core.c:51, resolved by"
                + " [PATCH 2/2] perf: do not wait after all: the commits between do not bisect cleanly)");
        assertThat(deleted.out()).startsWith("::error title=nmi-perf-rcu::")
            .contains("resolved by [PATCH 2/2] perf: remove core.c");
        // Code scanning refuses a result without a location: it stays on the file, and says why.
        JsonNode gone = JSON.readTree(deletedSarif.out()).get("runs").get(0).get("results").get(0);
        assertThat(gone.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
            .isEqualTo("kernel/events/core.c");
        assertThat(gone.get("message").get("text").asText()).contains("resolved by [PATCH 2/2] perf: remove core.c");
    }

    @Test
    void anEmailReplySitsUnderItsPatchInTheSeriesThread() throws IOException {
        // The patch as git send-email threads it under a cover letter.
        String patch = Files.readString(patchFiles(root().resolve("series/intro-lost-rcuidle")).get(0));
        int body = patch.indexOf("\n\n");
        Path mail = Files.writeString(tmp.resolve("thread.mbox"), patch.substring(0, body)
            + "\nMessage-ID: <20240611-1-idle@example.org>\nIn-Reply-To: <20240611-0-idle@example.org>\n"
            + "References: <20240611-0-idle@example.org>" + patch.substring(body));

        ReviewFixtures.Run r = run("review", "--patches", mail.toString(), "--tree", tree().toString(),
            "--format", "email", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("Subject: Re: [PATCH] sched/idle: ")
            .contains("\nIn-Reply-To: <20240611-1-idle@example.org>\n"
                + "References: <20240611-0-idle@example.org>\n <20240611-1-idle@example.org>\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
    }

    @Test
    void anEmailRepliesToThePatchMailsSubjectAsSent() throws IOException {
        // git format-patch -1 --subject-prefix="PATCH RFC net-next"
        Path sent = patchFiles(root().resolve("series/intro-lost-rcuidle")).get(0);
        String patch = Files.readString(sent);
        assertThat(patch).contains("\nSubject: [PATCH] sched/idle: ");
        Path mail = Files.writeString(tmp.resolve("rfc.patch"),
            patch.replace("\nSubject: [PATCH] ", "\nSubject: [PATCH RFC net-next] "));

        for (Path file : List.of(sent, mail)) {
            ReviewFixtures.Run r = run("review", "--patches", file.toString(), "--tree", tree().toString(),
                "--format", "email", "-q");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).startsWith("Subject: Re: "
                + (file.equals(sent) ? "[PATCH]" : "[PATCH RFC net-next]")
                + " sched/idle: emit the idle event once the CPU is really idle\n");
        }
    }

    @Test
    void aReviewWithEveryRuleDisabledSaysNoRuleWasLeftToRun() {
        Path patch = patchFiles(root().resolve("series/intro-lost-rcuidle")).get(0);

        ReviewFixtures.Run r = run("review", "--patches", patch.toString(), "--tree", tree().toString(), "-q",
            "--rules", "lost-rcuidle", "--disable", "lost-rcuidle");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: no rules left to run: --rules lost-rcuidle and --disable lost-rcuidle "
            + "leave none, so nothing was judged\n");
    }

    private static boolean hasError(JsonNode expected) {
        for (JsonNode p : expected.get("patches")) {
            for (JsonNode f : p.get("introduced")) {
                if (f.get("severity").asText().equals("error")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per patch: "introduced rule file:line severity" and "resolved ..." lines, sorted within the patch. */
    private static List<List<String>> summary(JsonNode report) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode p : report.get("patches")) {
            List<String> lines = new ArrayList<>();
            for (String kind : List.of("introduced", "resolved")) {
                for (JsonNode f : p.get(kind)) {
                    lines.add(kind + " " + f.get("rule").asText() + " " + f.get("file").asText() + ":"
                        + f.get("line").asInt() + " " + f.get("severity").asText());
                }
            }
            lines.sort(null);
            out.add(lines);
        }
        return out;
    }

    /** The introduced and resolved findings of every patch, whole. */
    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : report.get("patches")) {
            out.add(p.get("introduced"));
            out.add(p.get("resolved"));
        }
        return out;
    }

    private static List<String> subjects(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("patches").forEach(p -> out.add(p.get("index") + "/" + p.get("total") + " " + p.get("subject")));
        return out;
    }
}
