package dev.tpsync.c;

/** Comparing file bytes, one char per byte (ISO-8859-1, as tpsync reads files), with strings. */
public final class Latin1 {

    private Latin1() {
    }

    /** True when the {@code s.length()} bytes at {@code offset} are the chars of {@code s}. */
    public static boolean matches(byte[] bytes, int offset, String s) {
        for (int k = 0; k < s.length(); k++) {
            if ((bytes[offset + k] & 0xff) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
