package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM that runs without class data sharing removes the launcher's archive, so the launcher trains one it maps. */
class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWithoutSharingRemovesTheArchiveAnotherBuildDumped() throws IOException {
        Path archive = Files.write(dir.resolve("tpsync.jsa"), new byte[] {1});

        boolean dropped = ClassDataArchive.dropIfUnmapped(Optional.of(archive), "mixed mode");

        assertThat(dropped).isTrue();
        assertThat(archive).doesNotExist();
    }

    @Test
    void aJvmThatMappedTheArchiveKeepsIt() throws IOException {
        Path archive = Files.write(dir.resolve("tpsync.jsa"), new byte[] {1});

        boolean dropped = ClassDataArchive.dropIfUnmapped(Optional.of(archive), "mixed mode, sharing");

        assertThat(dropped).isFalse();
        assertThat(archive).exists();
    }

    @Test
    void aRunTheLauncherGaveNoArchiveRemovesNothing() {
        assertThat(ClassDataArchive.dropIfUnmapped(Optional.empty(), "mixed mode")).isFalse();
    }

    @Test
    void anArchiveAlreadyGoneIsNoError() {
        assertThat(ClassDataArchive.dropIfUnmapped(Optional.of(dir.resolve("gone.jsa")), "interpreted mode")).isFalse();
    }
}
