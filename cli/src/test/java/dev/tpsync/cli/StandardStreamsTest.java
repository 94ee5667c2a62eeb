package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standard writers picocli and the hook's command line share pick their encoding as picocli does. */
class StandardStreamsTest {

    private static byte[] written(String encoding, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = StandardStreams.writer(bytes, encoding);
        out.print(text);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void theNamedEncodingIsUsed() {
        assertThat(written("UTF-8", "kernel/trace/caf\u00e9.c")).isEqualTo("kernel/trace/caf\u00e9.c"
            .getBytes(StandardCharsets.UTF_8));
        assertThat(written("ISO-8859-1", "caf\u00e9")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void windowsNameForUtf8IsUtf8() {
        assertThat(written("cp65001", "caf\u00e9")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noEncodingOrAnUnknownOneIsThePlatforms() {
        byte[] platform = "caf\u00e9".getBytes(Charset.defaultCharset());

        assertThat(written(null, "caf\u00e9")).isEqualTo(platform);
        assertThat(written("no-such-charset", "caf\u00e9")).isEqualTo(platform);
    }

    @Test
    void aLineIsFlushedAsItIsPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StandardStreams.writer(bytes, "UTF-8").println("1 finding: 1 warning");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("1 finding: 1 warning" + System.lineSeparator());
    }
}
