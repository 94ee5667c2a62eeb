package dev.tpsync.git;

/**
 * Git's delta encoding (pack-format.txt, "Deltified representation"): the sizes of base and
 * result, then instructions that copy a range of the base or insert literal bytes.
 */
final class Delta {

    private Delta() {
    }

    /** The object {@code delta} makes of {@code base}. */
    static byte[] apply(byte[] base, byte[] delta) throws UnreadableObjectException {
        int[] at = {0};
        long baseSize = size(delta, at);
        long resultSize = size(delta, at);
        if (baseSize != base.length || resultSize > Integer.MAX_VALUE - 8) {
            throw new UnreadableObjectException("a delta does not fit its base");
        }
        byte[] out = new byte[(int) resultSize];
        int o = 0;
        int p = at[0];
        try {
            while (p < delta.length) {
                int cmd = delta[p++] & 0xff;
                if ((cmd & 0x80) != 0) {
                    long offset = 0;
                    for (int bit = 0; bit < 4; bit++) {
                        if ((cmd & (1 << bit)) != 0) {
                            offset |= (long) (delta[p++] & 0xff) << (8 * bit);
                        }
                    }
                    int length = 0;
                    for (int bit = 0; bit < 3; bit++) {
                        if ((cmd & (0x10 << bit)) != 0) {
                            length |= (delta[p++] & 0xff) << (8 * bit);
                        }
                    }
                    if (length == 0) {
                        length = 0x10000;
                    }
                    System.arraycopy(base, Math.toIntExact(offset), out, o, length);
                    o += length;
                } else if (cmd != 0) {
                    System.arraycopy(delta, p, out, o, cmd);
                    p += cmd;
                    o += cmd;
                } else {
                    throw new UnreadableObjectException("a delta has the reserved instruction 0");
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new UnreadableObjectException("a delta reaches outside its base or result");
        }
        if (o != out.length) {
            throw new UnreadableObjectException("a delta makes " + o + " bytes, not the " + out.length + " it says");
        }
        return out;
    }

    /** A little-endian base-128 size; {@code at[0]} is the position, moved past it. */
    private static long size(byte[] delta, int[] at) throws UnreadableObjectException {
        long size = 0;
        int shift = 0;
        int c;
        do {
            if (at[0] >= delta.length || shift > 56) {
                throw new UnreadableObjectException("a delta's header is cut short");
            }
            c = delta[at[0]++] & 0xff;
            size |= (long) (c & 0x7f) << shift;
            shift += 7;
        } while ((c & 0x80) != 0);
        return size;
    }
}
