package dev.tpsync.cli.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpsync.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * What the review tests share: the fixtures under testdata/review (system property
 * tpsync.testdata, else ../testdata), an in-process run of the CLI, and git through its CLI,
 * as a maintainer would build the repository (commit the tree, git am the series).
 */
final class ReviewFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private ReviewFixtures() {
    }

    static Path root() {
        String prop = System.getProperty("tpsync.testdata");
        Path base = prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop)) ? Path.of(prop)
            : Path.of("../testdata");
        return base.resolve("review").toAbsolutePath().normalize();
    }

    static Path tree() {
        return root().resolve("tree");
    }

    /** One in-process run of {@code tpsync}. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + ", stderr " + err + "):\n" + out, e);
            }
        }

        /** The stderr lines, without the empty tail. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isEmpty()).toList();
        }
    }

    static Run run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    static Run runWithStdin(byte[] stdin, String... args) {
        CommandLine cmd = Cli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        CommandLine review = cmd.getSubcommands().get("review");
        if (review != null && review.getCommand() instanceof dev.tpsync.cli.commands.ReviewCommand) {
            setStdin(review.getCommand(), stdin);
        }
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** ReviewCommand reads stdin from a package-private field so tests and b4-check can replace it. */
    private static void setStdin(Object command, byte[] stdin) {
        try {
            var field = command.getClass().getDeclaredField("stdin");
            field.setAccessible(true);
            field.set(command, new ByteArrayInputStream(stdin));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The patch files of a series directory, in name order. */
    static List<Path> patchFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".patch")
                    || p.getFileName().toString().endsWith(".diff") || p.getFileName().toString().endsWith(".eml"))
                .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format-patch files of {@code dir} concatenated into one mbox. */
    static Path mbox(Path dir, Path into) throws IOException {
        Path mbox = into.resolve(dir.getFileName() + ".mbox");
        try (var out = Files.newOutputStream(mbox)) {
            for (Path p : patchFiles(dir)) {
                out.write(Files.readAllBytes(p));
            }
        }
        return mbox;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A git repository at {@code dir} with the fixture tree as its first commit on master. */
    static String repoWithTree(Path dir) throws IOException {
        copyTree(tree(), dir);
        git(dir, "init", "-q", "-b", "master");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "fixture tree");
        return git(dir, "rev-parse", "HEAD").strip();
    }

    static String git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Tess Fixture",
            "-c", "user.email=tess@example.org", "-c", "core.autocrlf=false", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
