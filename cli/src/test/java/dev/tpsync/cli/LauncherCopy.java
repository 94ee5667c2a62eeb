package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the ./tpsync launcher in a home of its own, beside an empty jar an hour old: the jar
 * it runs is the one next to it, and no source under that home can make it rebuild. Launcher
 * tests run it with bash and read what it printed or started.
 */
final class LauncherCopy {

    /** What one run of the launcher gave. */
    record Run(int exitCode, String out, String err) {
    }

    private final Path launcher;
    private final Path workDir;

    private LauncherCopy(Path launcher, Path workDir) {
        this.launcher = launcher;
        this.workDir = workDir;
    }

    /** A copy under {@code dir}/home, run from {@code dir}. */
    static LauncherCopy in(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path launcher = home.resolve("tpsync");
        Files.copy(repositoryLauncher(), launcher);
        Path jar = home.resolve("cli/target/tpsync.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        return new LauncherCopy(launcher, dir);
    }

    /**
     * Runs the launcher with {@code args}, without the caller's GIT_*, TPSYNC_* and JAVA_HOME
     * variables and with {@code env}; fails the test if it does not end within a minute.
     */
    Run run(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("TPSYNC_") || k.equals("JAVA_HOME"));
        environment.putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher timed out").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Run(p.exitValue(), out, err);
    }

    /** The ./tpsync of this checkout: tests run in cli/, the launcher is at the top. */
    private static Path repositoryLauncher() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("tpsync");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(d.resolve("cli/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the ./tpsync launcher was not found above " + Path.of("").toAbsolutePath());
    }
}
