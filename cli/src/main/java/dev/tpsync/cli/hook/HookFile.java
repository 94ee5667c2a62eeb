package dev.tpsync.cli.hook;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Function;

/**
 * One of tpsync's git hooks in a hooks directory, by name ({@code pre-commit},
 * {@code post-merge}, ...): writes it (refusing, chaining or backing up a hook that is already
 * there), recognizes it by its marker line, and removes it again, restoring what it replaced
 * byte for byte (the earlier file is moved, never rewritten).
 */
final class HookFile {

    /** The line that marks a hook as tpsync's; uninstall removes only hooks that carry it. */
    static final String MARKER = "# tpsync-hook: written by 'tpsync hook install'; 'tpsync hook uninstall' removes it";

    private final Path hooksDir;
    private final String name;

    HookFile(Path hooksDir, String name) {
        this.hooksDir = hooksDir;
        this.name = name;
    }

    String name() {
        return name;
    }

    Path file() {
        return hooksDir.resolve(name);
    }

    /** Where an existing hook goes to run before tpsync's (CHAIN). */
    Path chained() {
        return hooksDir.resolve(chainedName(name));
    }

    /** Where an existing hook goes when replaced (FORCE). */
    Path backup() {
        return hooksDir.resolve(backupName(name));
    }

    /** The name an existing hook {@code hook} is chained under. */
    static String chainedName(String hook) {
        return hook + ".tpsync-chained";
    }

    /** The name an existing hook {@code hook} is backed up under. */
    static String backupName(String hook) {
        return hook + ".tpsync-backup";
    }

    /** Whether a hook of this name is there that tpsync did not write. */
    boolean foreign() {
        return exists(file()) && !isTpsyncHook(file());
    }

    /**
     * Writes the hook {@code script} gives (told whether an earlier hook is chained); returns a
     * one-line account of what was done. Reinstalling over tpsync's own hook rewrites it and
     * keeps its chaining.
     */
    String install(Function<Boolean, String> script, PreCommitHook.Mode mode) {
        Path hook = file();
        String extra = "";
        boolean chaining = false;
        try {
            Files.createDirectories(hooksDir);
            if (exists(hook) && isTpsyncHook(hook)) {
                chaining = exists(chained());
            } else if (exists(hook)) {
                switch (mode) {
                    case REFUSE -> throw new InputException("a " + name + " hook already exists: " + hook
                        + "; use --chain to keep it and run it first, or --force to replace it (kept as "
                        + backup().getFileName() + ")");
                    case CHAIN -> {
                        refuseToOverwrite(chained());
                        Files.move(hook, chained());
                        chaining = true;
                        extra = "; the existing hook now runs first, as " + chained().getFileName();
                    }
                    case FORCE -> {
                        refuseToOverwrite(backup());
                        Files.move(hook, backup());
                        extra = "; the existing hook is kept as " + backup().getFileName();
                    }
                    default -> throw new IllegalStateException("unknown mode " + mode);
                }
            }
            writeAtomically(hook, script.apply(chaining));
        } catch (IOException e) {
            throw new InputException("cannot write the " + name + " hook in " + hooksDir + ": " + e.getMessage());
        }
        return "installed the tpsync " + name + " hook: " + hook + (chaining && extra.isEmpty()
            ? " (runs " + chained().getFileName() + " first)" : extra);
    }

    /** Removes tpsync's hook and puts back the chained or backed-up one; returns a one-line account. */
    String uninstall() {
        Path hook = file();
        if (!exists(hook)) {
            return "no " + name + " hook in " + hooksDir + "; nothing to remove";
        }
        if (!isTpsyncHook(hook)) {
            throw new InputException("the " + name + " hook " + hook + " was not written by tpsync; leaving it alone");
        }
        try {
            Files.delete(hook);
            for (Path saved : List.of(chained(), backup())) {
                if (exists(saved)) {
                    Files.move(saved, hook);
                    return "removed the tpsync " + name + " hook and restored the earlier one from "
                        + saved.getFileName();
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot remove the " + name + " hook " + hook + ": " + e.getMessage());
        }
        return "removed the tpsync " + name + " hook: " + hook;
    }

    /** True when {@code file} is a hook tpsync wrote (it carries the marker line). */
    static boolean isTpsyncHook(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).lines().anyMatch(MARKER::equals);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The lines a script of hook {@code hook} starts with when an earlier hook is chained: it
     * runs first, with the hook's arguments, and its status is left in {@code chained_status}.
     */
    static String chainedCall(String hook) {
        return "chained=\"$(dirname \"$0\")/" + chainedName(hook) + "\"\n"
            + "chained_status=0\n"
            + "if [ -x \"$chained\" ]; then\n"
            + "\t\"$chained\" \"$@\" || chained_status=$?\n"
            + "fi\n";
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static void refuseToOverwrite(Path saved) {
        if (exists(saved)) {
            throw new InputException(saved + " already exists (left by an earlier install?); move it away first");
        }
    }

    private void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + name, ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException notPosix) {
                tmp.toFile().setExecutable(true, false);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
