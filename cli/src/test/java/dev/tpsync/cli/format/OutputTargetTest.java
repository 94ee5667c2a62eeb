package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {

    @TempDir
    Path dir;

    @Test
    void stdoutIsWrittenAndFlushedButNotClosed() throws IOException {
        StringWriter sink = new StringWriter();
        boolean[] closed = {false};
        Writer out = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                sink.write(cbuf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OutputTarget target = OutputTarget.stdout(out);
        target.write(w -> w.write("no findings\n"));
        assertThat(sink.toString()).isEqualTo("no findings\n");
        assertThat(closed[0]).isFalse();
        assertThat(target.isStdout()).isTrue();
    }

    @Test
    void fileIsReplacedWholeAndNoTemporaryIsLeft() throws IOException {
        Path report = dir.resolve("report.sarif");
        Files.writeString(report, "old");
        OutputTarget.file(report).write(w -> w.write("new report\n"));
        assertThat(report).hasContent("new report");
        assertThat(filesIn(dir)).containsExactly("report.sarif");
    }

    @Test
    void aSymbolicLinkIsFollowedTheFileItNamesReplacedAndTheLinkKept() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        OutputTarget.file(link).write(w -> w.write("new report\n"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new report");
        assertThat(filesIn(dir)).containsExactlyInAnyOrder("link.json", "real.json");
        // A dangling link: the file it names is made.
        Path dangling = Files.createSymbolicLink(dir.resolve("later.json"), Path.of("made.json"));
        OutputTarget.file(dangling).write(w -> w.write("made\n"));
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(dir.resolve("made.json")).hasContent("made");
    }

    @Test
    void aDeviceOrAFifoIsWrittenThroughNotReplaced() throws Exception {
        assumeThat(Files.isWritable(Path.of("/dev/null"))).isTrue();
        OutputTarget.file(Path.of("/dev/null")).write(w -> w.write("gone\n"));
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        Path full = Path.of("/dev/full");
        if (Files.exists(full)) {
            assertThatThrownBy(() -> OutputTarget.file(full).write(w -> w.write("x".repeat(10_000))))
                .isInstanceOf(InputException.class).hasMessageStartingWith("--output /dev/full: cannot write (");
            assertThat(Files.isRegularFile(full)).isFalse();
        }
        Path fifo = dir.resolve("report.fifo");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        OutputTarget.file(fifo).write(w -> w.write("through the fifo\n"));
        assertThat(reader.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("through the fifo\n");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aFailingFormatLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "previous");
        assertThatThrownBy(() -> OutputTarget.file(report).write(w -> {
            w.write("{ \"half\": ");
            throw new IllegalStateException("format bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(report).hasContent("previous");
        assertThat(filesIn(dir)).containsExactly("report.json");
    }

    @Test
    void anIoErrorWhileWritingIsAUserErrorNamingThePath() throws IOException {
        Path report = dir.resolve("out.txt");
        assertThatThrownBy(() -> OutputTarget.file(report).write(w -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(InputException.class)
            .hasMessageContaining(report.toString())
            .hasMessageContaining("No space left on device");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAUserErrorNamingThePath() {
        Path report = dir.resolve("no/such/dir/out.txt");
        assertThatThrownBy(() -> OutputTarget.file(report).write(w -> w.write("x")))
            .isInstanceOf(InputException.class)
            .hasMessageStartingWith("--output " + report + ":");
    }

    @Test
    void aDirectoryAsOutputIsAUserError() {
        assertThatThrownBy(() -> OutputTarget.file(dir).write(w -> w.write("x")))
            .isInstanceOf(InputException.class)
            .hasMessage("--output " + dir + ": is a directory");
    }

    @Test
    void anUnwritableDirectoryIsAUserErrorNamingThePath() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeThat(Files.getFileStore(locked).supportsFileAttributeView("posix")).isTrue();
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(locked)).as("not running as root").isFalse();
            Path report = locked.resolve("out.txt");
            assertThatThrownBy(() -> OutputTarget.file(report).write(w -> w.write("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("--output " + report + ": cannot write (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path report = dir.resolve("report.txt");
        Files.writeString(report, "old");
        assumeThat(Files.getFileStore(report).supportsFileAttributeView("posix")).isTrue();
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r-----"));
        OutputTarget.file(report).write(w -> w.write("new"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-r-----");
    }

    private static java.util.List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
