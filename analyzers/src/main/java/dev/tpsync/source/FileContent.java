package dev.tpsync.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How tpsync turns file bytes into text: ISO-8859-1, one char per byte. Kernel C is ASCII
 * where it matters (identifiers, punctuation); this keeps every byte, never fails on odd
 * encodings, and lets patch text and file text be compared byte for byte.
 */
public final class FileContent {

    private FileContent() {
    }

    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }
}
