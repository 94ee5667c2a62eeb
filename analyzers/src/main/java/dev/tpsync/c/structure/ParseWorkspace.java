package dev.tpsync.c.structure;

import dev.tpsync.c.StringCache;
import dev.tpsync.c.lex.TokenStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The scratch memory of parsing, kept from one file to the next on one thread: the read
 * buffer, the token arrays and the structure pass's per-token arrays. None of it outlives a
 * file's parse (its {@link FileFacts} hold only strings), and allocating it afresh per file
 * cost a cold kernel scan several gigabytes of short-lived arrays and most of its young
 * collections. Not thread-safe: one per worker thread.
 */
public final class ParseWorkspace {

    final TokenStream.Builder tokens = TokenStream.Builder.reusable();
    private final StringCache strings = new StringCache(16);
    /** Owned: {@link #read} fills it. */
    private byte[] buffer = new byte[1 << 16];
    /** The current file: the buffer, or an array given to {@link #use} (never written to). */
    private byte[] current = buffer;
    private int length;
    private int[] code = new int[0];
    private int[] depthBefore = new int[0];
    private int[] conditionOf = new int[0];

    /** Reads {@code file} into the buffer; {@link #bytes()} and {@link #length()} then hold it. */
    public void read(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + ": too large to analyse (" + size + " bytes)");
            }
            ensure((int) size + 1);
            int n = 0;
            while (true) {
                if (n == buffer.length) {
                    // The file grew while it was read.
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int got = channel.read(ByteBuffer.wrap(buffer, n, buffer.length - n));
                if (got < 0) {
                    break;
                }
                n += got;
            }
            length = n;
            current = buffer;
        }
    }

    /**
     * Copies all of {@code content} (from 0 to its limit, by absolute gets: its position is
     * neither used nor moved, so threads may share it) into the buffer.
     */
    public void load(ByteBuffer content) {
        int n = content.limit();
        ensure(n + 1);
        content.get(0, buffer, 0, n);
        length = n;
        current = buffer;
    }

    /** Strings shared by the files this thread parses or decodes. */
    public StringCache strings() {
        return strings;
    }

    /** Takes {@code content} as the current file, without copying; it is only read. */
    public void use(byte[] content) {
        current = content;
        length = content.length;
    }

    /** The current file's bytes; only the first {@link #length()} are its content. */
    public byte[] bytes() {
        return current;
    }

    public int length() {
        return length;
    }

    private void ensure(int capacity) {
        if (buffer.length < capacity) {
            buffer = new byte[Math.max(capacity, buffer.length * 2)];
        }
    }

    int[] code(int tokens) {
        if (code.length < tokens) {
            int capacity = Math.max(tokens, code.length * 2);
            code = new int[capacity];
            depthBefore = new int[capacity];
            conditionOf = new int[capacity];
        }
        return code;
    }

    int[] depthBefore() {
        return depthBefore;
    }

    int[] conditionOf() {
        return conditionOf;
    }
}
