package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain repository read through tpsync's own object store gives what JGit's repository gives:
 * the staged change (diff text under the repository's attributes, renames, modes, binary files, quoted paths; the
 * committer), HEAD's tree and files, the index's files.
 */
class GitRepoStoreTest {

    @TempDir
    Path tmp;
    Path work;

    @BeforeEach
    void kernelLikeRepository() throws Exception {
        work = tmp.resolve("linux");
        Files.createDirectories(work);
        git("init", "-q");
        write(".gitattributes", "*.c   diff=cpp\n*.h   diff=cpp\n");
        write("kernel/trace/trace_preemptirq.c", preemptirq(""));
        write("kernel/trace/gone.c", "int gone;\n");
        write("kernel/trace/moved.c", "static int moved(void)\n{\n\tint a = 1;\n\tint b = 2;\n\tint c = 3;\n"
            + "\treturn a + b + c;\n}\n");
        write("scripts/tool.sh", "#!/bin/sh\necho tool\n");
        write("firmware/blob.bin", "\0\1\2binary\0");
        write("include/linux/irqflags.h", "#define local_irq_enable() do { } while (0)\n");
        git("add", "-A");
        git("commit", "-qm", "base");
        git("repack", "-adq");
    }

    private static String preemptirq(String extra) {
        return "void trace_hardirqs_on(void)\n{\n\tint cpu = raw_smp_processor_id();\n\n\tlockdep_assert_irqs_disabled();\n"
            + "\tcpu_dummy(cpu);\n\tif (this_cpu_read(tracing_irq_cpu)) {\n"
            + "\t\ttrace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);\n\t\ttrace_hardirqs_on_prepare();\n"
            + extra + "\t}\n\tlockdep_hardirqs_on(CALLER_ADDR0);\n}\n";
    }

    private void write(String path, String text) throws Exception {
        Path f = work.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
    }

    private String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Steven Rostedt",
            "-c", "user.email=rostedt@goodmis.org", "-c", "init.defaultBranch=master", "-c", "gc.auto=0"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        return env;
    }

    @Test
    void theStagedChangeIsJGitsToTheByte() throws Exception {
        git("config", "user.name", "Frederic Weisbecker");
        git("config", "user.email", "frederic@kernel.org");
        write("kernel/trace/trace_preemptirq.c", preemptirq("\t\ttrace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);\n")
            .replace("trace_irq_enable_rcuidle", "trace_irq_enable"));
        Files.delete(work.resolve("kernel/trace/gone.c"));
        Files.createDirectories(work.resolve("kernel/sched"));
        Files.move(work.resolve("kernel/trace/moved.c"), work.resolve("kernel/sched/moved.c"));
        write("kernel/sched/moved.c", Files.readString(work.resolve("kernel/sched/moved.c")).replace("c = 3", "c = 4"));
        write("kernel/trace/new file é.c", "void added(void)\n{\n}\n");
        Files.setPosixFilePermissions(work.resolve("scripts/tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write("firmware/blob.bin", "\0\1\3binary\0");
        write("include/linux/irqflags.h", "#define local_irq_enable() do { trace_hardirqs_on(); } while (0)\n");
        write(".git/info/attributes", "*.h -diff\n*.c diff=cpp\n");
        git("add", "-A");

        Patch own;
        Patch jgit;
        try (GitRepo store = GitRepo.open(work, env()); GitRepo full = GitRepo.openWithJGit(work)) {
            jgit = full.staged();
            own = store.staged();
            assertThat(store.headTree()).isEqualTo(full.headTree());
            assertThat(store.indexTree()).isEqualTo(full.indexTree());
            assertThat(store.sourceFiles("HEAD")).isEqualTo(full.sourceFiles("HEAD"));
            assertThat(store.at("HEAD").read("kernel/trace/moved.c")).isEqualTo(full.at("HEAD").read("kernel/trace/moved.c"));
            assertThat(store.index().read("kernel/sched/moved.c")).isEqualTo(full.index().read("kernel/sched/moved.c"));
        }
        assertThat(own.diffText()).isEqualTo(jgit.diffText());
        assertThat(own).isEqualTo(jgit);
        assertThat(own.author()).isEqualTo("Frederic Weisbecker <frederic@kernel.org>");
        // What makes the comparison worth having: attributes, a rename, a mode, binary and quoted paths.
        assertThat(own.diffText())
            .contains("rename from kernel/trace/moved.c")
            .contains("new mode 100755")
            .contains("Binary files differ")
            .contains("\"b/kernel/trace/new file \\303\\251.c\"")
            .contains("deleted file mode 100644");
        // JGit (unlike git) shows the text of a file marked -diff; before JGit 7.3 the mark was a
        // NullPointerException in its diff formatter, for ranges as for staged changes.
        assertThat(own.diffText()).contains("+#define local_irq_enable() do { trace_hardirqs_on(); } while (0)");
    }

    @Test
    void beforeTheFirstCommitTheStagedChangeIsAgainstNothing() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh.resolve("kernel"));
        Files.writeString(fresh.resolve("kernel/a.c"), "int a;\n");
        work = fresh;
        git("init", "-q");
        git("add", "-A");
        try (GitRepo store = GitRepo.open(fresh, env()); GitRepo full = GitRepo.openWithJGit(fresh)) {
            assertThat(store.hasCommits()).isFalse();
            assertThat(store.staged()).isEqualTo(full.staged());
            assertThat(store.staged().files()).extracting(FilePatch::path).containsExactly("kernel/a.c");
        }
    }

    @Test
    void theIndexGitNamesForAPreCommitHookIsTheOneReviewed() throws Exception {
        // git commit -a stages into a temporary index and names it in GIT_INDEX_FILE.
        write("kernel/trace/gone.c", "int gone = 1;\n");
        git("add", "-A");
        Files.copy(work.resolve(".git/index"), work.resolve(".git/next-index-1.lock"));
        git("reset", "-q");
        Map<String, String> hook = env();
        hook.put("GIT_INDEX_FILE", work.resolve(".git/next-index-1.lock").toString());
        try (GitRepo store = GitRepo.open(work, hook); GitRepo plain = GitRepo.open(work, env())) {
            assertThat(store.staged().files()).extracting(FilePatch::path).containsExactly("kernel/trace/gone.c");
            assertThat(plain.staged().files()).isEmpty();
        }
    }

    @Test
    void aRangeOpensJGitsRepositoryFromThePlainLayout() throws Exception {
        write("kernel/trace/gone.c", "int gone = 2;\n");
        git("commit", "-qam", "tracing: change gone");
        write(".git/info/attributes", "*.c -diff\n");
        try (GitRepo store = GitRepo.open(work, env())) {
            assertThat(store.range("HEAD~1..HEAD").patches()).extracting(Patch::subject)
                .containsExactly("tracing: change gone");
            assertThat(store.at("HEAD~1").read("kernel/trace/gone.c")).contains("int gone;\n");
        }
    }
}
