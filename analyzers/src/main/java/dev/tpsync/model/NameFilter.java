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
    static final int WORDS = BITS / 64;

    private final long[] words;

    NameFilter() {
        this(new long[WORDS]);
    }

    private NameFilter(long[] words) {
        this.words = words;
    }

    /** A filter with the bits of {@code words} (as {@link #words()} gave them); the array is taken, not copied. */
    static NameFilter of(long[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a name filter has " + WORDS + " words, not " + words.length);
        }
        return new NameFilter(words);
    }

    /** The filter's bits, for the model cache; read them, never change them. */
    long[] words() {
        return words;
    }

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
