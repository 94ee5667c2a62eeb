package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real kernel repository (TPSYNC_KERNEL_6_1 names a 6.1 tree made a git repository by
 * {@code get-kernel 6.1 --git}: one commit, a pack of ~83,000 objects with git's delta chains),
 * the hook's own object store lists HEAD's C sources and reads their blobs as JGit does, and
 * the staged change is git's.
 */
class RealKernelGitStoreTest {

    @TempDir
    Path tmp;

    @Test
    void theStoreReadsHeadsTreeAndBlobsAsJGit() {
        Path tree = kernel();
        try (GitRepo store = GitRepo.open(tree, Map.of()); GitRepo jgit = GitRepo.openWithJGit(tree)) {
            assertThat(store.headTree()).isEqualTo(jgit.headTree());
            Map<String, String> files = store.sourceFiles("HEAD");
            assertThat(files).hasSizeGreaterThan(50_000).isEqualTo(jgit.sourceFiles("HEAD"));
            List<String> ids = new ArrayList<>(files.values());
            // Every 97th blob: some 570 of them, from anywhere in the pack and its chains.
            for (int i = 0; i < ids.size(); i += 97) {
                assertThat(store.blobBytes(ids.get(i))).as(ids.get(i)).isEqualTo(jgit.blobBytes(ids.get(i)));
            }
        }
    }

    /**
     * An index whose cache tree no longer names the ~600 directories under tools/, usr/ and
     * virt/ (each had a file re-added as it was, as 'git add' does to racily clean files after a
     * checkout), with one file staged as another blob: the staged paths are git's. Run on a copy
     * of the index (GIT_INDEX_FILE), staging only blobs the repository has: nothing is written to it.
     */
    @Test
    void stagedPathsWithMostOfTheCacheTreeCleared() throws Exception {
        Path tree = kernel();
        Path index = tmp.resolve("index");
        Files.copy(tree.resolve(".git/index"), index);
        Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
        StringBuilder readd = new StringBuilder();
        Set<String> directories = new HashSet<>();
        for (String line : git(tree, env, null, "ls-files", "-s", "tools", "usr", "virt").split("\n")) {
            String path = line.substring(line.indexOf('\t') + 1);
            if (directories.add(path.substring(0, path.lastIndexOf('/')))) {
                readd.append(line).append('\n');
            }
        }
        String other = git(tree, env, null, "rev-parse", "HEAD:kernel/trace/trace.h");
        readd.append("100644 ").append(other).append(" 0\tkernel/trace/trace_preemptirq.c\n");
        git(tree, env, readd.toString(), "update-index", "--index-info");

        try (GitRepo repo = GitRepo.open(tree, env)) {
            GitIndex read = GitIndex.read(index, true);
            assertThat(read.cachedTree(read.cacheChild(read.cacheRoot(), "tools".getBytes(StandardCharsets.US_ASCII))))
                .isEmpty();
            assertThat(repo.staged().files()).extracting(FilePatch::newPath)
                .containsExactly(git(tree, env, null, "diff", "--cached", "--name-only").split("\n"))
                .containsExactly("kernel/trace/trace_preemptirq.c");
        }
    }

    private static Path kernel() {
        String dir = System.getenv("TPSYNC_KERNEL_6_1");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, ".git")), "TPSYNC_KERNEL_6_1 (a git tree) not set: skipping");
        return Path.of(dir);
    }

    /** Runs git in {@code dir} with {@code env} added (and {@code input} on its stdin); its output, stripped. */
    private static String git(Path dir, Map<String, String> env, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return out.strip();
    }
}
