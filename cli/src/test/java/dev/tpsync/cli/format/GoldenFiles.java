package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected output kept under src/test/resources/golden/, compared byte for byte. With
 * {@code -Dtpsync.updateGolden=true} the actual output is written there instead, to be
 * reviewed as a diff (docs/golden-files.md).
 */
final class GoldenFiles {

    static final String UPDATE_PROPERTY = "tpsync.updateGolden";
    // Surefire runs tests in the module directory, so this is cli/src/test/resources/golden.
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    static void assertMatches(String relative, String actual) throws IOException {
        Path file = ROOT.resolve(relative);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing; run mvn -B verify -D%s=true and review the diff",
            file, UPDATE_PROPERTY).exists();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(actual).as("output differs from %s (regenerate with -D%s=true and review the diff)", file,
            UPDATE_PROPERTY).isEqualTo(expected);
    }
}
