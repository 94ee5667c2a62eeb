package dev.tpsync.c;

import java.nio.charset.StandardCharsets;

/**
 * A direct-mapped cache of recently made short strings, one per thread. A kernel tree repeats
 * the same names in thousands of files (spin_lock, rcu_read_lock, the path of a common header,
 * a CONFIG_ condition); made once per file they were a third of a whole-tree model's heap, and
 * every one of them was copied by the collector on its way to the old generation. A slot holds
 * the last string that hashed there: a miss costs one string, as before, and nothing is locked.
 * Not thread-safe; the strings it returns are ordinary immutable strings.
 */
public final class StringCache {

    /** Longer strings (argument texts, conditions) rarely repeat across files. */
    private static final int MAX_LENGTH = 48;

    private final String[] slots;
    private final int mask;

    /** A cache of {@code 2^bits} slots. */
    public StringCache(int bits) {
        slots = new String[1 << bits];
        mask = slots.length - 1;
    }

    /** {@code s}, or an equal string made before. */
    public String intern(String s) {
        if (s.length() > MAX_LENGTH) {
            return s;
        }
        int i = spread(s.hashCode()) & mask;
        String cached = slots[i];
        if (s.equals(cached)) {
            return cached;
        }
        slots[i] = s;
        return s;
    }

    /** The string of {@code length} bytes at {@code offset}, one char per byte (ISO-8859-1). */
    public String of(byte[] bytes, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        // String.hashCode() of the Latin-1 string these bytes make, so both entry points share slots.
        int h = 0;
        for (int k = offset, end = offset + length; k < end; k++) {
            h = 31 * h + (bytes[k] & 0xff);
        }
        int i = spread(h) & mask;
        String cached = slots[i];
        if (cached != null && sameChars(cached, bytes, offset, length)) {
            return cached;
        }
        String s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        slots[i] = s;
        return s;
    }

    private static boolean sameChars(String s, byte[] bytes, int offset, int length) {
        return s.length() == length && Latin1.matches(bytes, offset, s);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
