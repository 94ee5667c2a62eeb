package dev.tpsync.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Standard output and error as picocli writes to them by default: buffered, flushed at each
 * line, in the encoding {@code sun.stdout.encoding} (or {@code sun.stderr.encoding}) names, else
 * the platform's. {@link Cli} sets them on every command line, so a run made without picocli
 * (the pre-commit hook's, HookCommandLine) writes the same bytes.
 */
public final class StandardStreams {

    private StandardStreams() {
    }

    public static PrintWriter out() {
        return writer(System.out, System.getProperty("sun.stdout.encoding"));
    }

    public static PrintWriter err() {
        return writer(System.err, System.getProperty("sun.stderr.encoding"));
    }

    /** A writer on {@code stream} in {@code encoding} (a charset name, or null for the platform's). */
    static PrintWriter writer(OutputStream stream, String encoding) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset(encoding))), true);
    }

    private static Charset charset(String encoding) {
        if (encoding == null) {
            return Charset.defaultCharset();
        }
        try {
            // Windows' name for UTF-8, as picocli maps it.
            return Charset.forName(encoding.equalsIgnoreCase("cp65001") ? "UTF-8" : encoding);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
