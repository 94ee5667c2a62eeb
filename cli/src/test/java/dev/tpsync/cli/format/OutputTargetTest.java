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
