package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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

    private LauncherCopy launcher;

    @BeforeEach
    void copyTheLauncherBesideAJar() throws IOException {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping the launcher tests");
        launcher = LauncherCopy.in(dir);
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

    @Test
    void aJdkOlderThan17IsNamedInOneLineAndNothingRuns() throws IOException {
        for (String old : List.of("11.0.20", "1.8.0_392")) {
            Path javaHome = fakeJdk("old-" + old);
            Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"" + old + "\"\n");

            LauncherCopy.Run run = launcher.run(Map.of("JAVA_HOME", javaHome.toString()), "--version");

            assertThat(run.exitCode()).as(old).isEqualTo(2);
            assertThat(run.err().lines()).as(old).containsExactly("tpsync: needs Java 17 or newer, and "
                + javaHome.resolve("bin/java") + " is Java " + old + ": set JAVA_HOME to a JDK 17 or newer, or put"
                + " one first on the PATH");
            assertThat(dir.resolve("ran.txt")).as(old).doesNotExist();
        }
    }

    @Test
    void aJdk17OrNewerByItsReleaseFileRuns() throws IOException {
        Path javaHome = fakeJdk("named");
        Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");

        assertThat(run(Map.of("JAVA_HOME", javaHome.toString()))).isNotEmpty().allMatch(l -> l.startsWith("named:"));
    }

    @Test
    void eachJvmHasAClassDataArchiveOfItsOwnAndAJdk25AnAotCache() throws IOException {
        Path seventeen = fakeJdk("jdk-17");
        Files.writeString(seventeen.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path twentyFive = fakeJdk("jdk-25");
        Files.writeString(twentyFive.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");

        String first = archiveOf(run(Map.of("JAVA_HOME", seventeen.toString())));
        Files.delete(dir.resolve("ran.txt"));
        String second = archiveOf(run(Map.of("JAVA_HOME", twentyFive.toString())));

        // Runs that alternate JVMs do not drop each other's archive: one name per JDK and release;
        // a JDK 25 or newer gets an AOT cache.
        assertThat(first).endsWith("-17.0.15.jsa").contains("jdk-17");
        assertThat(second).endsWith("-25.0.3.aot").contains("jdk-25");
    }

    /** The class-data archive the last run of the jar named (mapped or to be written at exit). */
    private static String archiveOf(List<String> ran) {
        String last = ran.get(ran.size() - 1);
        assertThat(last).contains("-jar");
        for (String arg : last.split(" ")) {
            if (arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("-XX:ArchiveClassesAtExit=")
                || arg.startsWith("-XX:AOTCache=") || arg.startsWith("-XX:AOTCacheOutput=")) {
                return arg.substring(arg.indexOf('=') + 1);
            }
        }
        throw new AssertionError("no archive in: " + last);
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
    private List<String> run(Map<String, String> env) throws IOException {
        LauncherCopy.Run run = launcher.run(env, "--version");
        assertThat(run.exitCode()).as("launcher failed: %s", run.err()).isZero();
        Path ran = dir.resolve("ran.txt");
        return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
    }
}
