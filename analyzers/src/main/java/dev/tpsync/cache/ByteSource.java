package dev.tpsync.cache;

import java.io.IOException;
import dev.tpsync.c.StringCache;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote, from a slice of an array. Every read is bounds-checked
 * against the slice and fails with {@link CorruptCacheException}, never with a runtime
 * exception, so a garbled entry is always detected as such.
 */
final class ByteSource {

    private final byte[] buf;
    private final int end;
    private int pos;

    ByteSource(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("slice outside the array");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    ByteSource(byte[] buf) {
        this(buf, 0, buf.length);
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    boolean atEnd() {
        return pos == end;
    }

    int readByte() throws CorruptCacheException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    void skip(int n) throws CorruptCacheException {
        need(n);
        pos += n;
    }

    byte[] readBytes(int n) throws CorruptCacheException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    int readInt() throws CorruptCacheException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    long readLong() throws CorruptCacheException {
        return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
    }

    int readVarint() throws CorruptCacheException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptCacheException("varint too long");
    }

    long readVarlong() throws CorruptCacheException {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptCacheException("varint too long");
    }

    int readSigned() throws CorruptCacheException {
        int v = readVarint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count of things each taking at least one byte: bounded by what is left. */
    int readCount() throws CorruptCacheException {
        int n = readVarint();
        if (n < 0 || n > remaining()) {
            throw new CorruptCacheException("count " + n + " exceeds the record");
        }
        return n;
    }

    String readString() throws CorruptCacheException {
        return readString(null);
    }

    /** A string; one-byte-per-char strings come through {@code cache} when one is given. */
    String readString(StringCache cache) throws CorruptCacheException {
        int header = readVarint();
        int n = header >>> 1;
        if (n > remaining()) {
            throw new CorruptCacheException("string length " + n + " exceeds the record");
        }
        if ((header & 1) == 0) {
            String s = cache == null ? new String(buf, pos, n, StandardCharsets.ISO_8859_1) : cache.of(buf, pos, n);
            pos += n;
            return s;
        }
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) readVarint();
        }
        return new String(chars);
    }

    /** Steps over a string. */
    void skipString() throws CorruptCacheException {
        int header = readVarint();
        int n = header >>> 1;
        if (n > remaining()) {
            throw new CorruptCacheException("string length " + n + " exceeds the record");
        }
        if ((header & 1) == 0) {
            pos += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            readVarint();
        }
    }

    /** The string at {@code position} (where {@link #skipString} found one); the position read from stays. */
    String readStringAt(int position, StringCache cache) throws CorruptCacheException {
        int here = pos;
        pos = position;
        try {
            return readString(cache);
        } finally {
            pos = here;
        }
    }

    private void need(int n) throws CorruptCacheException {
        if (n < 0 || n > end - pos) {
            throw new CorruptCacheException("record truncated");
        }
    }

}
