package dev.tpsync.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the patch fixtures under testdata/patches (system property tpsync.testdata, else ../testdata). */
final class Fixtures {

    private Fixtures() {
    }

    static Path root() {
        String prop = System.getProperty("tpsync.testdata");
        Path base = prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("../testdata");
        return base.resolve("patches");
    }

    static Path path(String name) {
        return root().resolve(name);
    }

    static String text(String name) {
        try {
            return new String(Files.readAllBytes(path(name)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pre-image tree the series-foo fixtures apply to. */
    static FileSource baseTree() {
        return FileSource.directory(path("base"));
    }
}
