package dev.tpsync.cli.format;

import dev.tpsync.input.InputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a report goes: the command's stdout, or {@code --output FILE} (a baseline's
 * {@code --write-baseline FILE} too, written the same way). A file is written
 * atomically: the report goes to a temporary file in the same directory, which then replaces
 * the target in one rename, so a CI step or editor reading the file never sees half a report,
 * and a failed run leaves the previous file (or none) and no temporary behind. A symbolic link
 * is followed: the file it names is replaced, the link kept. What is not a regular file (a
 * device such as {@code /dev/stdout} or {@code /dev/null}, a FIFO, a link into
 * {@code /proc/self/fd}) is written through, since a rename would put a file in its place.
 */
public final class OutputTarget {

    /** Writes the report's text; the writer must not be closed by the body. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private final Writer stdout;
    private final Path file;
    /** The option that named the file, which its errors start with. */
    private final String option;

    private OutputTarget(Writer stdout, Path file, String option) {
        this.stdout = stdout;
        this.file = file;
        this.option = option;
    }

    /** The command's standard output; it is flushed after writing, never closed. */
    public static OutputTarget stdout(Writer out) {
        return new OutputTarget(Objects.requireNonNull(out, "out"), null, "");
    }

    /** {@code --output FILE}. */
    public static OutputTarget file(Path path) {
        return file(path, "--output");
    }

    /** A file that {@code option} named (such as {@code --write-baseline}), which its errors name. */
    public static OutputTarget file(Path path, String option) {
        return new OutputTarget(null, Objects.requireNonNull(path, "path"), option);
    }

    /** The file, when this target is {@code --output FILE}. */
    public Optional<Path> path() {
        return Optional.ofNullable(file);
    }

    /** True for stdout, the only place colour can make sense. */
    public boolean isStdout() {
        return file == null;
    }

    /**
     * Writes {@code body} to the target.
     *
     * @throws InputException when the output file cannot be created or written (exit 2, naming
     *                        the path)
     * @throws IOException    when writing to stdout fails
     */
    public void write(Body body) throws IOException {
        if (file == null) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        writeAtomically(body);
    }

    private void writeAtomically(Body body) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new InputException(option + " " + file + ": is a directory");
        }
        Optional<Path> replaced = fileToReplace(target);
        if (replaced.isEmpty()) {
            writeThrough(body);
            return;
        }
        target = replaced.get();
        Path dir = target.getParent();
        Path temp = createTemp(dir, target.getFileName().toString());
        boolean moved = false;
        try {
            writeInto(temp, body);
            copyPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Same directory, so this only happens on odd file systems; a plain replace is
                // still better than failing the run.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(option + " " + file + ": cannot write (" + reason(e) + ")", e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The regular file a rename may replace for {@code target}: itself when it is one or is not
     * there, the file a symbolic link leads to; empty for a device, a FIFO, a pipe or a dangling
     * link, which are written through.
     */
    private static Optional<Path> fileToReplace(Path target) {
        if (!Files.isSymbolicLink(target)) {
            return !Files.exists(target) || Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
        }
        try {
            Path real = target.toRealPath();
            return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code body} into {@code file} (opened, created or truncated), as UTF-8. */
    private static void writeInto(Path file, Body body) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
            StandardCharsets.UTF_8))) {
            body.writeTo(out);
        }
    }

    /** Writes {@code body} straight into what the path names (opened, never replaced). */
    private void writeThrough(Body body) {
        try {
            writeInto(file, body);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(option + " " + file + ": cannot write (" + reason(e) + ")", e);
        }
    }

    private Path createTemp(Path dir, String name) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(option + " " + file + ": directory " + dir + " does not exist");
        }
        // Files.createFile takes the umask's permissions, unlike createTempFile's 0600, so the
        // finished report is as readable as any other file the user creates.
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new InputException(option + " " + file + ": cannot create a temporary file in " + dir, e);
                }
            } catch (IOException e) {
                throw new InputException(option + " " + file + ": cannot write (" + reason(e) + ")", e);
            }
        }
    }

    /** Replacing an existing report keeps its permissions, as an editor saving it would. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dest = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && dest != null) {
            Set<PosixFilePermission> permissions = source.readAttributes().permissions();
            dest.setPermissions(permissions);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing more to do: the run already failed for a better reason.
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String kind = cause.getClass().getSimpleName().replaceAll("Exception$", "");
        String message = cause.getMessage();
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        return message == null ? kind : message;
    }
}
