package dev.tpsync.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * Where a work tree's repository keeps what a staged review reads: its git directory (a linked
 * worktree's own, under {@code .git/worktrees/}), the common directory with the objects, refs
 * and configuration, the work tree and the index ({@code GIT_INDEX_FILE}, which git sets for a
 * pre-commit hook, honoured).
 *
 * <p>Found only for the layouts git makes by default: {@link #find} is empty for anything else
 * (a bare repository, {@code core.worktree}, alternates, a repository format with extensions
 * such as SHA-256 objects or reftable, configuration includes, or the environment variables that
 * move a repository's parts), and the caller opens the repository with JGit, which knows them all.
 */
public record RepositoryLayout(Path gitDir, Path commonDir, Path workTree, Path indexFile, String configText) {

    /** Variables that place a repository's parts elsewhere, which JGit's builder reads. */
    private static final List<String> RELOCATING = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG",
        "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM");

    /** The layout of the repository whose work tree holds {@code start}, when it is a plain one. */
    public static Optional<RepositoryLayout> find(Path start, Map<String, String> env) {
        if (RELOCATING.stream().anyMatch(env::containsKey)) {
            return Optional.empty();
        }
        try {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return Files.isRegularFile(dotGit.resolve("HEAD")) ? layout(dotGit, dotGit, dir, env) : Optional.empty();
                }
                if (Files.isRegularFile(dotGit)) {
                    return linkedWorktree(dotGit, dir, env);
                }
                if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
                    return Optional.empty(); // a bare repository or a git directory itself
                }
            }
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            // Whatever is odd here, JGit's open says it properly.
        }
        return Optional.empty();
    }

    /** A {@code .git} file: "gitdir: <path>", and that directory's {@code commondir}. */
    private static Optional<RepositoryLayout> linkedWorktree(Path dotGit, Path workTree, Map<String, String> env)
            throws IOException, ConfigInvalidException {
        String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("gitdir:")) {
            return Optional.empty();
        }
        Path gitDir = workTree.resolve(text.substring("gitdir:".length()).strip()).normalize();
        Path commondir = gitDir.resolve("commondir");
        Path common = Files.isRegularFile(commondir)
            ? gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).strip()).normalize() : gitDir;
        if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
            return Optional.empty();
        }
        return layout(gitDir, common, workTree, env);
    }

    private static Optional<RepositoryLayout> layout(Path gitDir, Path common, Path workTree, Map<String, String> env)
            throws IOException, ConfigInvalidException {
        Path configFile = common.resolve("config");
        String text = Files.isRegularFile(configFile) ? Files.readString(configFile, StandardCharsets.UTF_8) : "";
        Config config = new Config();
        config.fromText(text);
        if (!isPlain(config) || Files.exists(common.resolve("objects/info/alternates"))
                || !Files.isDirectory(common.resolve("objects"))) {
            return Optional.empty();
        }
        String indexVar = env.get("GIT_INDEX_FILE");
        Path index = indexVar == null ? gitDir.resolve("index") : Path.of(indexVar).toAbsolutePath().normalize();
        return Optional.of(new RepositoryLayout(gitDir, common, workTree, index, text));
    }

    /**
     * A repository of format 0 or 1 without extensions that change how objects, refs or the
     * configuration are read, not bare, its work tree where its {@code .git} is.
     */
    static boolean isPlain(Config config) {
        int version = config.getInt("core", "repositoryformatversion", 0);
        if (version > 1 || config.getBoolean("core", "bare", false) || config.getString("core", null, "worktree") != null) {
            return false;
        }
        for (String name : config.getNames("extensions")) {
            String value = config.getString("extensions", null, name);
            boolean harmless = name.equalsIgnoreCase("objectformat") && "sha1".equalsIgnoreCase(value)
                || name.equalsIgnoreCase("noop");
            if (!harmless) {
                return false;
            }
        }
        return !ConfigChain.hasIncludes(config);
    }

    /** The objects directory. */
    public Path objects() {
        return commonDir.resolve("objects");
    }
}
