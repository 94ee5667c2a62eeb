package dev.tpsync.cli.hook;

import dev.tpsync.cli.Main;
import dev.tpsync.input.InputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * tpsync's git pre-commit hook in one hooks directory: where it goes (as git resolves it), what
 * it runs, and its install and removal ({@link HookFile}: an existing hook is refused, chained
 * or backed up, and restored byte for byte).
 */
public final class PreCommitHook {

    /** The line that marks a hook as tpsync's; uninstall removes only hooks that carry it. */
    public static final String MARKER = HookFile.MARKER;

    public static final String HOOK = "pre-commit";
    public static final String CHAINED = HookFile.chainedName(HOOK);
    public static final String BACKUP = HookFile.backupName(HOOK);

    /** What install does with a pre-commit hook tpsync did not write. */
    public enum Mode {
        /** leave it and fail */
        REFUSE,
        /** keep it as pre-commit.tpsync-chained and run it before tpsync */
        CHAIN,
        /** move it to pre-commit.tpsync-backup */
        FORCE
    }

    private final Path hooksDir;

    public PreCommitHook(Path hooksDir) {
        this.hooksDir = hooksDir;
    }

    /**
     * The hooks directory of the repository (or worktree) at {@code dir}, as git itself resolves
     * it: {@code git rev-parse --git-path hooks} honours core.hooksPath and linked worktrees.
     */
    public static PreCommitHook locate(Path dir) {
        Path where = dir.toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        int code = git(where, out, "rev-parse", "--git-path", "hooks");
        if (code != 0 || out.isEmpty()) {
            throw new InputException("not a git repository: " + dir + " (git rev-parse --git-path hooks failed)");
        }
        return new PreCommitHook(where.resolve(out.get(0).trim()).normalize());
    }

    /**
     * Like {@link #locate}, for installing: a bare repository has no work tree to commit from, so
     * a pre-commit hook there never runs, and saying it was installed would mislead.
     */
    public static PreCommitHook locateForCommits(Path dir) {
        PreCommitHook hook = locate(dir);
        List<String> out = new ArrayList<>();
        if (git(dir.toAbsolutePath().normalize(), out, "rev-parse", "--is-bare-repository") == 0
                && out.size() == 1 && out.get(0).trim().equals("true")) {
            throw new InputException(dir + " is a bare repository: no commit is made there, so a pre-commit hook"
                + " would never run; install it in a clone or a worktree (git worktree add)");
        }
        return hook;
    }

    public Path hooksDir() {
        return hooksDir;
    }

    public Path hookFile() {
        return hooksDir.resolve(HOOK);
    }

    /**
     * Writes the hook that runs {@code command review --staged}; returns a one-line account of
     * what was done. Reinstalling over tpsync's own hook rewrites it and keeps its chaining.
     */
    public String install(List<String> command, Mode mode) {
        return file().install(chaining -> script(command, chaining), mode);
    }

    /** Removes tpsync's hook and puts back the chained or backed-up one; returns a one-line account. */
    public String uninstall() {
        return file().uninstall();
    }

    /** True when {@code file} is a hook tpsync wrote (it carries the marker line). */
    public static boolean isTpsyncHook(Path file) {
        return HookFile.isTpsyncHook(file);
    }

    private HookFile file() {
        return new HookFile(hooksDir, HOOK);
    }

    /** The hook script: an optional chained hook first, then tpsync on the staged changes. */
    public static String script(List<String> command, boolean chaining) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append(MARKER).append('\n');
        s.append("# Reviews the staged changes for tracepoint synchronization hazards; skip once with\n");
        s.append("# 'git commit --no-verify'.\n");
        if (chaining) {
            s.append("# The hook that was here before runs first; its failure stops the commit.\n");
            s.append("chained=\"$(dirname \"$0\")/").append(CHAINED).append("\"\n");
            s.append("if [ -x \"$chained\" ]; then\n");
            s.append("\t\"$chained\" \"$@\" || exit $?\n");
            s.append("fi\n");
        }
        s.append("exec ").append(command.stream().map(PreCommitHook::shellQuote).collect(Collectors.joining(" ")))
            .append(' ').append(String.join(" ", HookCommandLine.ARGUMENTS)).append('\n');
        return s.toString();
    }

    /**
     * How the hook starts this tpsync: the launcher script when it started us (it passes
     * {@code -Dtpsync.launcher}), else {@code java -jar} on our jar, else (classes on a class
     * path, as in tests) {@code java -cp <class path> dev.tpsync.cli.Main}. Paths are absolute,
     * because git runs hooks from the top of the work tree with its own PATH.
     */
    public static List<String> tpsyncCommand() {
        String launcher = System.getProperty("tpsync.launcher", "");
        if (!launcher.isBlank()) {
            Path p = Path.of(launcher).toAbsolutePath().normalize();
            if (Files.isExecutable(p)) {
                return List.of(p.toString());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path codeSource = codeSource();
        if (codeSource != null && Files.isRegularFile(codeSource) && codeSource.toString().endsWith(".jar")) {
            return List.of(java, "-jar", codeSource.toString());
        }
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isEmpty())
            .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
            .collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-cp", classPath, Main.class.getName());
    }

    private static Path codeSource() {
        try {
            var source = PreCommitHook.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs git in {@code dir}; its stdout lines go to {@code out}, its stderr nowhere. */
    private static int git(Path dir, List<String> out, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InputException("git " + String.join(" ", args) + " did not finish in " + dir);
            }
            text.lines().forEach(out::add);
            return p.exitValue();
        } catch (IOException e) {
            throw new InputException("cannot run git (needed to find the hooks directory): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running git", e));
        }
    }
}
