package dev.tpsync.model;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A map that a rebuilt model shares with the one it was rebuilt from: each layer holds only
 * what its rebuild changed and reads the rest through to the layer below. A kernel model's
 * indexes have about a million entries; copying them for every patch of a series would cost
 * more than the rebuild itself. A removed key is a null value in the upper layer. Past a few
 * layers the map is flattened, so a lookup never walks a long chain.
 */
final class LayeredMap<K, V> {

    private static final int MAX_DEPTH = 6;

    private final LayeredMap<K, V> base;
    private final Map<K, V> own;
    private final Kind<K, V> kind;
    private final int depth;

    /** How the maps of one layered map are made: empty, and as a sized copy of another. */
    private record Kind<K, V>(Supplier<Map<K, V>> empty, UnaryOperator<Map<K, V>> copy) {
    }

    private LayeredMap(LayeredMap<K, V> base, Kind<K, V> kind, int depth) {
        this(base, kind, depth, kind.empty().get());
    }

    private LayeredMap(LayeredMap<K, V> base, Kind<K, V> kind, int depth, Map<K, V> own) {
        this.base = base;
        this.own = own;
        this.kind = kind;
        this.depth = depth;
    }

    /** An empty map compared by {@code equals}. */
    static <K, V> LayeredMap<K, V> byEquality() {
        return new LayeredMap<>(null, new Kind<>(HashMap::new, HashMap::new), 0);
    }

    /** As {@link #byEquality()}, sized for {@code expected} keys. */
    static <K, V> LayeredMap<K, V> byEquality(int expected) {
        return new LayeredMap<>(null, new Kind<>(HashMap::new, HashMap::new), 0,
            new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1)));
    }

    /** An empty map compared by identity (facts objects stand for one version of a file). */
    static <K, V> LayeredMap<K, V> byIdentity() {
        return new LayeredMap<>(null, identityKind(), 0);
    }

    /** As {@link #byIdentity()}, sized for {@code expected} keys (a kernel has ~800k functions: no rehashing). */
    static <K, V> LayeredMap<K, V> byIdentity(int expected) {
        return new LayeredMap<>(null, identityKind(), 0, new IdentityHashMap<>(expected));
    }

    private static <K, V> Kind<K, V> identityKind() {
        return new Kind<>(IdentityHashMap::new, IdentityHashMap::new);
    }

    /** A new layer over this one; this map must not change any more. */
    LayeredMap<K, V> layer() {
        if (depth < MAX_DEPTH) {
            return new LayeredMap<>(this, kind, depth + 1);
        }
        return new LayeredMap<>(new LayeredMap<>(null, kind, 0, flattened()), kind, 1);
    }

    /**
     * The bottom layer copied in one go (a copy constructor sizes its table once: putting a
     * kernel's ~800k entries one by one into a growing map cost a 10-patch review 0.3 s), then
     * every layer above applied on it, lowest first.
     */
    private Map<K, V> flattened() {
        if (base == null) {
            return kind.copy().apply(own);
        }
        Map<K, V> out = base.flattened();
        own.forEach((k, v) -> {
            if (v == null) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    V get(Object key) {
        V v = own.get(key);
        if (v != null || base == null || own.containsKey(key)) {
            return v;
        }
        return base.get(key);
    }

    V getOrDefault(Object key, V fallback) {
        V v = get(key);
        return v == null ? fallback : v;
    }

    void put(K key, V value) {
        own.put(key, value);
    }

    /** Puts {@code value} unless the map has {@code key}; returns what it has, or null. One lookup in a bottom layer. */
    V putIfAbsent(K key, V value) {
        if (base == null) {
            return own.putIfAbsent(key, value);
        }
        V v = get(key);
        if (v == null) {
            own.put(key, value);
        }
        return v;
    }

    void remove(K key) {
        if (base == null) {
            own.remove(key);
        } else {
            own.put(key, null);
        }
    }
}
