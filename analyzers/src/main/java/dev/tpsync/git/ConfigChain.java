package dev.tpsync.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * A repository's configuration as git and JGit layer it: system ({@code /etc/gitconfig}, none
 * with {@code GIT_CONFIG_NOSYSTEM}), then {@code $XDG_CONFIG_HOME/git/config}, then
 * {@code ~/.gitconfig}, then the repository's own; a later file wins. Parsed by JGit's
 * {@link Config}, so values mean what they mean to JGit; what JGit alone can do (follow
 * {@code include} and {@code includeIf}) makes this empty, and the caller asks JGit.
 */
public final class ConfigChain {

    private ConfigChain() {
    }

    /** The configuration of a repository whose own is {@code repoText}, or empty when a file includes another. */
    public static Optional<Config> over(String repoText, Map<String, String> env, Path home) {
        try {
            Config system = env.containsKey("GIT_CONFIG_NOSYSTEM") ? new Config()
                : read(null, Path.of("/etc/gitconfig"));
            String xdgHome = env.get("XDG_CONFIG_HOME");
            Path xdg = xdgHome != null && !xdgHome.isEmpty() ? Path.of(xdgHome).resolve("git/config")
                : home.resolve(".config/git/config");
            Config user = read(read(system, xdg), home.resolve(".gitconfig"));
            Config repo = new Config(user);
            repo.fromText(repoText);
            return Optional.of(repo);
        } catch (IOException | ConfigInvalidException e) {
            // Unreadable, invalid, or including another file (IncludesAnother): JGit's to read.
            return Optional.empty();
        }
    }

    /**
     * {@code file} over {@code parent}. Each layer is checked for includes as it is read: JGit's
     * {@link Config#getNames} does not look into a configuration's parents.
     */
    private static Config read(Config parent, Path file) throws IOException, ConfigInvalidException {
        Config config = new Config(parent);
        if (Files.isRegularFile(file)) {
            config.fromText(Files.readString(file, StandardCharsets.UTF_8));
            if (hasIncludes(config)) {
                throw new IncludesAnother();
            }
        }
        return config;
    }

    /** A configuration file that pulls in another: JGit's to read. */
    private static final class IncludesAnother extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** True when {@code config} (not its parents) would pull in other files. */
    static boolean hasIncludes(Config config) {
        return !config.getNames("include").isEmpty() || !config.getSubsections("includeIf").isEmpty();
    }
}
