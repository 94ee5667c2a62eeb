package dev.tpsync.model;

/**
 * A Bloom filter over names: "certainly not among them" or "maybe". A rebuild asks, for each
 * chunk of functions, whether the chunk's calls may depend on a name the patch changed; a
 * "maybe" only costs a closer look. Sized for a chunk of a kernel model (~50k call sites,
 * ~15k distinct names): one million bits and two probes give about one false "maybe" in a
 * thousand.
 */
final class NameFilter {

    private static final int BITS = 1 << 20;

    private final long[] words = new long[BITS / 64];

    void add(String name) {
        int h = name.hashCode();
        set(first(h));
        set(second(h));
    }

    boolean mayContain(String name) {
        int h = name.hashCode();
        return isSet(first(h)) && isSet(second(h));
    }

    private static int first(int h) {
        return (h ^ (h >>> 16)) & (BITS - 1);
    }

    private static int second(int h) {
        int x = h * 0x9E3779B1;
        return (x ^ (x >>> 15)) & (BITS - 1);
    }

    private void set(int bit) {
        words[bit >>> 6] |= 1L << bit;
    }

    private boolean isSet(int bit) {
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }
}
