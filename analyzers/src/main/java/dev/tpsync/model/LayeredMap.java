package dev.tpsync.model;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

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
    private final Supplier<Map<K, V>> maps;
    private final int depth;

    private LayeredMap(LayeredMap<K, V> base, Supplier<Map<K, V>> maps, int depth) {
        this(base, maps, depth, maps.get());
    }

    private LayeredMap(LayeredMap<K, V> base, Supplier<Map<K, V>> maps, int depth, Map<K, V> own) {
        this.base = base;
        this.own = own;
        this.maps = maps;
        this.depth = depth;
    }

    /** An empty map compared by {@code equals}. */
    static <K, V> LayeredMap<K, V> byEquality() {
        return new LayeredMap<>(null, HashMap::new, 0);
    }

    /** An empty map compared by identity (facts objects stand for one version of a file). */
    static <K, V> LayeredMap<K, V> byIdentity() {
        return new LayeredMap<>(null, IdentityHashMap::new, 0);
    }

    /** As {@link #byIdentity()}, sized for {@code expected} keys (a kernel has ~800k functions: no rehashing). */
    static <K, V> LayeredMap<K, V> byIdentity(int expected) {
        return new LayeredMap<>(null, IdentityHashMap::new, 0, new IdentityHashMap<>(expected));
    }

    /** A new layer over this one; this map must not change any more. */
    LayeredMap<K, V> layer() {
        if (depth < MAX_DEPTH) {
            return new LayeredMap<>(this, maps, depth + 1);
        }
        LayeredMap<K, V> flat = new LayeredMap<>(null, maps, 0);
        copyInto(flat.own);
        return new LayeredMap<>(flat, maps, 1);
    }

    private void copyInto(Map<K, V> out) {
        if (base != null) {
            base.copyInto(out);
        }
        own.forEach((k, v) -> {
            if (v == null) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
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

    void remove(K key) {
        if (base == null) {
            own.remove(key);
        } else {
            own.put(key, null);
        }
    }
}
