package dev.tpsync.c;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the C fixtures of the front-end tests under {@code testdata/c/frontend/} and
 * locates lines in them by a marker, so tests do not hard-code line numbers.
 */
public final class FrontendFixtures {

    private FrontendFixtures() {
    }

    /** {@code testdata/} from the surefire property, else {@code ../testdata} from the module. */
    public static Path testdata() {
        String property = System.getProperty("tpsync.testdata");
        Path root = property != null && !property.isBlank() ? Path.of(property) : Path.of("..", "testdata");
        return root.toAbsolutePath().normalize();
    }

    public static Path path(String name) {
        return testdata().resolve("c").resolve("frontend").resolve(name);
    }

    public static String read(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the only line containing {@code marker}. */
    public static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("marker '" + marker + "' is not unique");
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("marker '" + marker + "' not found");
        }
        return found;
    }
}
