package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On a real kernel repository (TPSYNC_KERNEL_6_1 names a 6.1 tree made a git repository by
 * {@code get-kernel 6.1 --git}: one commit, a pack of ~83,000 objects with git's delta chains),
 * the hook's own object store lists HEAD's C sources and reads their blobs as JGit does.
 */
class RealKernelGitStoreTest {

    @Test
    void theStoreReadsHeadsTreeAndBlobsAsJGit() {
        String dir = System.getenv("TPSYNC_KERNEL_6_1");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, ".git")), "TPSYNC_KERNEL_6_1 (a git tree) not set: skipping");
        Path tree = Path.of(dir);
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
}
