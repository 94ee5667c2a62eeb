package dev.tpsync.cache;

import java.util.Arrays;

/**
 * A growable byte buffer with the varint and string encodings the cache formats share.
 * Plain arrays rather than DataOutputStream: the warm path decodes ~100 MB of facts and the
 * synchronized stream classes would dominate it.
 */
final class ByteSink {

    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The backing array; valid up to {@link #size()}. */
    byte[] array() {
        return buf;
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBytes(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    void writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** Unsigned LEB128 of the int's 32 bits: 1 byte below 128, 5 bytes for negatives. */
    void writeVarint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void writeVarlong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Zigzag varint, for deltas that are usually small but may be negative. */
    void writeSigned(int v) {
        writeVarint((v << 1) ^ (v >> 31));
    }

    /**
     * Length and kind first, then the chars: Latin-1 bytes when every char fits (all kernel
     * text, which tpsync decodes as ISO-8859-1), otherwise each UTF-16 unit as a varint, so
     * even a lone surrogate in a file name round-trips exactly.
     */
    void writeString(String s) {
        int n = s.length();
        boolean latin1 = true;
        for (int i = 0; i < n && latin1; i++) {
            latin1 = s.charAt(i) <= 0xFF;
        }
        writeVarint(n << 1 | (latin1 ? 0 : 1));
        if (latin1) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                writeVarint(s.charAt(i));
            }
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("cache record larger than 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
