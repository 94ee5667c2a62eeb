package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLocationTest {

    @TempDir
    Path dir;

    private final Path home = Path.of("/home/someone");

    @Test
    void insideARepositoryTheCacheLivesInTheGitDir() throws Exception {
        Path repo = dir.resolve("linux");
        Files.createDirectories(repo.resolve(".git"));
        Path sub = Files.createDirectories(repo.resolve("kernel/sched"));
        assertThat(CacheLocation.forTree(sub, Map.of("XDG_CACHE_HOME", "/xdg"), home))
            .isEqualTo(repo.resolve(".git/tpsync/cache"));
    }

    @Test
    void aWorktreeSharesTheMainRepositorysCache() throws Exception {
        Path repo = dir.resolve("linux");
        Path common = Files.createDirectories(repo.resolve(".git"));
        Path wtGitDir = Files.createDirectories(common.resolve("worktrees/fix"));
        Files.writeString(wtGitDir.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("linux-fix"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + wtGitDir + "\n");
        assertThat(CacheLocation.forTree(worktree.resolve("."), Map.of(), home))
            .isEqualTo(common.resolve("tpsync/cache"));
    }

    @Test
    void aRelativeGitdirIsResolvedFromTheGitFile() throws Exception {
        Path modules = Files.createDirectories(dir.resolve("super/.git/modules/linux"));
        Path sub = Files.createDirectories(dir.resolve("super/linux"));
        Files.writeString(sub.resolve(".git"), "gitdir: ../.git/modules/linux\n");
        assertThat(CacheLocation.forTree(sub, Map.of(), home)).isEqualTo(modules.resolve("tpsync/cache"));
    }

    @Test
    void aBrokenGitFileIsSkippedAndTheSearchGoesOn() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(sub.resolve(".git"), "gitdir: /does/not/exist\n");
        assertThat(CacheLocation.gitDir(sub)).isEmpty(); // assumes no repository above the temp dir
        assertThat(CacheLocation.forTree(sub, Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString()), home))
            .isEqualTo(dir.resolve("xdg/tpsync"));
    }

    @Test
    void outsideGitXdgCacheHomeThenHome() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("plain"));
        assertThat(CacheLocation.forTree(tree, Map.of("XDG_CACHE_HOME", "/var/cache/me"), home))
            .isEqualTo(Path.of("/var/cache/me/tpsync"));
        assertThat(CacheLocation.forTree(tree, Map.of(), home)).isEqualTo(home.resolve(".cache/tpsync"));
        // The XDG spec: a relative or empty value is ignored.
        assertThat(CacheLocation.forTree(tree, Map.of("XDG_CACHE_HOME", "rel"), home))
            .isEqualTo(home.resolve(".cache/tpsync"));
        assertThat(CacheLocation.forTree(tree, Map.of("XDG_CACHE_HOME", ""), home))
            .isEqualTo(home.resolve(".cache/tpsync"));
    }
}
