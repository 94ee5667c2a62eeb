package dev.tpsync.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a tree's fact cache lives. Inside a git repository: {@code <common git dir>/tpsync/cache},
 * so it goes away with the clone, is shared by all worktrees of one repository (a worktree's
 * {@code .git} file names its private git dir, whose {@code commondir} names the shared one),
 * and never shows up in {@code git status}. Outside git: {@code $XDG_CACHE_HOME/tpsync}, by
 * default {@code ~/.cache/tpsync}.
 */
public final class CacheLocation {

    private CacheLocation() {
    }

    /** The cache root for a tree, from the process environment. */
    public static Path forTree(Path treeRoot) {
        return forTree(treeRoot, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path forTree(Path treeRoot, Map<String, String> env, Path home) {
        Optional<Path> git = gitDir(treeRoot);
        if (git.isPresent()) {
            return git.get().resolve("tpsync").resolve("cache");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("tpsync");
        }
        return home.resolve(".cache").resolve("tpsync");
    }

    /** The common git directory of the repository containing {@code dir}, looking upward. */
    public static Optional<Path> gitDir(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path dotGit = d.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(commonDir(dotGit));
            }
            if (Files.isRegularFile(dotGit)) {
                Optional<Path> linked = readGitFile(dotGit);
                if (linked.isPresent()) {
                    return Optional.of(commonDir(linked.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code gitdir: <path>} in a worktree's or submodule's {@code .git} file; relative to the file. */
    private static Optional<Path> readGitFile(Path dotGit) {
        try {
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path target = dotGit.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
            return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A linked worktree's git dir has a {@code commondir} file naming the repository's own. */
    private static Path commonDir(Path gitDir) {
        Path file = gitDir.resolve("commondir");
        if (Files.isRegularFile(file)) {
            try {
                Path common = gitDir.resolve(Files.readString(file, StandardCharsets.UTF_8).strip()).normalize();
                if (Files.isDirectory(common)) {
                    return common;
                }
            } catch (IOException e) {
                // fall through: the worktree's own git dir is still a private, valid place
            }
        }
        return gitDir;
    }
}
