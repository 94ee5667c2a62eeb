package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JVM the ./tpsync launcher runs the jar with: $JAVA_HOME's when it has one (as mvn, which
 * builds the jar, does), else the first java on the PATH. Each candidate here is a script that
 * notes its arguments, beside a launcher copy whose jar is up to date (nothing is built).
 */
class LauncherJvmTest {

    @TempDir
    Path dir;

    private Path launcher;

    @BeforeEach
    void copyTheLauncherBesideAJar() throws IOException {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping the launcher tests");
        Path home = Files.createDirectories(dir.resolve("home"));
        launcher = home.resolve("tpsync");
        Files.copy(LauncherSizingTest.repositoryLauncher(), launcher);
        Path jar = home.resolve("cli/target/tpsync.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    }

    @Test
    void theJdkJavaHomeNamesRunsTheJar() throws IOException {
        Path javaHome = fakeJdk("named");
        fakeJdk("on-path");

        List<String> ran = run(Map.of("JAVA_HOME", javaHome.toString(),
            "PATH", dir.resolve("on-path/bin") + ":" + System.getenv("PATH")));

        assertThat(ran).isNotEmpty().allMatch(line -> line.startsWith("named:"));
        assertThat(ran.get(ran.size() - 1)).contains("-jar").endsWith("--version");
    }

    @Test
    void withoutJavaHomeTheFirstJavaOnThePathRunsIt() throws IOException {
        fakeJdk("on-path");

        List<String> ran = run(Map.of("PATH", dir.resolve("on-path/bin") + ":" + System.getenv("PATH")));

        assertThat(ran).isNotEmpty().allMatch(line -> line.startsWith("on-path:"));
        assertThat(ran.get(ran.size() - 1)).endsWith("--version");
    }

    @Test
    void aJavaHomeWithoutAJavaIsPassedOver() throws IOException {
        fakeJdk("on-path");
        Path empty = Files.createDirectories(dir.resolve("not-a-jdk"));

        List<String> ran = run(Map.of("JAVA_HOME", empty.toString(),
            "PATH", dir.resolve("on-path/bin") + ":" + System.getenv("PATH")));

        assertThat(ran).isNotEmpty().allMatch(line -> line.startsWith("on-path:"));
    }

    /** A JDK whose bin/java appends "NAME: ARGS" to ran.txt and succeeds. */
    private Path fakeJdk(String name) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"" + name + ": $*\" >> '" + dir.resolve("ran.txt") + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve(name);
    }

    /** Runs {@code tpsync --version} through the launcher copy; returns what each java it started noted. */
    private List<String> run(Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version").directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("TPSYNC_") || k.equals("JAVA_HOME"));
        env.putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher timed out").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(p.exitValue()).as("launcher failed: %s", err).isZero();
        Path ran = dir.resolve("ran.txt");
        return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
    }
}
