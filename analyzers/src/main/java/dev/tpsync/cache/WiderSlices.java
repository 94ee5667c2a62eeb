package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wider slices hook runs made of git trees: a tree's own slice ({@link ContextSlices}) with
 * the definitions a change called beyond it ({@link ContextSlice#withDefinitionsOf}), kept apart
 * from the trees' own: a run again for the same change (a finding mended) starts from one, and a
 * run for another change on the same tree, and the commits after, do not carry its extra
 * functions. The {@link #KEEP} used last are kept, framed and checked by {@link TreeKeyedStore}.
 *
 * <p>Each is kept as what it holds beyond the tree's own slice ({@link Beyond}): the facts of
 * the files that gained functions or came new, the rest named by path and taken from the own
 * slice, whose id is kept with it. Written whole, the wider slice of a call of
 * usb_register_driver() added to 6.1's idle loop was 5.5 MB, twice the own slice, and a hook
 * run decoded the own slice's 5,100 files twice: once for the change, once inside the wider one.
 */
public final class WiderSlices {

    static final String FORMAT = "wider-slice-v1";
    private static final int MAGIC = 0x54505357; // "TPSW"
    /** One for each of the last few HEADs a wider change was judged on. */
    static final int KEEP = 4;

    private final TreeKeyedStore<Beyond> store;

    private WiderSlices(Path dir, String version) {
        this.store = new TreeKeyedStore<>(dir, version, FORMAT, MAGIC, ".slice", KEEP, new Codec(new FactsEncodings()),
            tree -> { });
    }

    /** The wider slices beside {@code facts}' entries, for the same version. */
    public static WiderSlices of(FactCache facts) {
        return new WiderSlices(facts.root().resolve(facts.version()).resolve("wider-slices"), facts.version());
    }

    /**
     * What the wider slice kept for {@code treeId} with {@code spec} holds beyond its tree's own
     * slice, when one is kept and intact: decoded without the own slice, so a run may read it
     * beside that one.
     */
    public Optional<Beyond> read(String treeId, ContextSpec spec) {
        return store.read(treeId, spec);
    }

    /** The wider slice kept for {@code treeId}, made over {@code own}, its tree's own slice; empty as {@link Beyond#over}. */
    public Optional<ContextSlice> read(String treeId, ContextSpec spec, ContextSlice own) {
        return read(treeId, spec).flatMap(beyond -> beyond.over(own));
    }

    /** Whether a wider slice of {@code treeId} is kept (it may still turn out damaged when read). */
    public boolean has(String treeId, ContextSpec spec) {
        return store.has(treeId, spec);
    }

    /**
     * Keeps {@code wider}, a slice made from {@code own} (the tree's own slice) by widening it,
     * for the git tree {@code treeId}. Best effort, like every cache write.
     */
    public boolean write(String treeId, ContextSpec spec, ContextSlice wider, ContextSlice own) {
        return store.write(treeId, spec, Beyond.of(wider, own));
    }

    Path file(String treeId, ContextSpec spec) {
        return store.file(treeId, spec);
    }

    /**
     * A wider slice as kept: its id, its own slice's ({@code ownId}), its files with their blob
     * ids, the names whose every definition it holds, and the facts of the files whose facts
     * the own slice does not give ({@code facts}, by path).
     */
    public record Beyond(String id, String ownId, SortedMap<String, String> files, SortedSet<String> reachedCallees,
                         Map<String, FileFacts> facts) {

        public Beyond {
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
            reachedCallees = Collections.unmodifiableSortedSet(new TreeSet<>(reachedCallees));
            facts = Map.copyOf(facts);
        }

        /**
         * What {@code wider} holds beyond {@code own}: the facts of each file {@code own} does not
         * give as they are. A file's facts are the own slice's when the same record is in both,
         * as widening leaves the files that gain nothing.
         */
        static Beyond of(ContextSlice wider, ContextSlice own) {
            Map<String, FileFacts> owned = byPath(own);
            Map<String, FileFacts> beyond = new HashMap<>();
            for (FileFacts f : wider.facts()) {
                boolean same = owned.get(f.path()) == f && wider.files().get(f.path()).equals(own.files().get(f.path()));
                if (!same) {
                    beyond.put(f.path(), f);
                }
            }
            return new Beyond(wider.id(), own.id(), wider.files(), wider.reachedCallees(), beyond);
        }

        /**
         * The wider slice over {@code own}; empty when {@code own} is not the slice it was made
         * from (another id: the tree's slice was made anew since), or lacks a file it takes.
         */
        public Optional<ContextSlice> over(ContextSlice own) {
            if (!own.id().equals(ownId)) {
                return Optional.empty();
            }
            Map<String, FileFacts> owned = byPath(own);
            List<FileFacts> all = new ArrayList<>(files.size());
            for (Map.Entry<String, String> file : files.entrySet()) {
                FileFacts f = facts.get(file.getKey());
                if (f == null) {
                    f = owned.get(file.getKey());
                    if (f == null || !file.getValue().equals(own.files().get(file.getKey()))) {
                        return Optional.empty();
                    }
                }
                all.add(f);
            }
            return Optional.of(new ContextSlice(files, reachedCallees, all, id));
        }

        private static Map<String, FileFacts> byPath(ContextSlice slice) {
            Map<String, FileFacts> out = new HashMap<>(slice.facts().size() * 2);
            slice.facts().forEach(f -> out.put(f.path(), f));
            return out;
        }
    }

    /**
     * The ids, the paths with their blob ids, the names, the paths whose facts follow, then
     * each of those facts.
     */
    private static final class Codec implements TreeKeyedStore.Codec<Beyond> {

        private final FactsEncodings encodings;

        Codec(FactsEncodings encodings) {
            this.encodings = encodings;
        }

        @Override
        public void write(Beyond beyond, DataOutputStream out) throws IOException {
            KeyedFiles.writeString(out, beyond.id());
            KeyedFiles.writeString(out, beyond.ownId());
            out.writeInt(beyond.files().size());
            for (var file : beyond.files().entrySet()) {
                KeyedFiles.writeString(out, file.getKey());
                KeyedFiles.writeString(out, file.getValue());
            }
            out.writeInt(beyond.reachedCallees().size());
            for (String name : beyond.reachedCallees()) {
                KeyedFiles.writeString(out, name);
            }
            List<String> paths = new ArrayList<>(new TreeSet<>(beyond.facts().keySet()));
            out.writeInt(paths.size());
            for (String path : paths) {
                KeyedFiles.writeString(out, path);
            }
            for (String path : paths) {
                encodings.write(beyond.facts().get(path), out);
            }
        }

        @Override
        public Beyond read(ByteBuffer in) throws CorruptCacheException {
            String id = KeyedFiles.readString(in);
            String ownId = KeyedFiles.readString(in);
            TreeMap<String, String> files = new TreeMap<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                files.put(KeyedFiles.readString(in), KeyedFiles.readString(in));
            }
            TreeSet<String> callees = new TreeSet<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                callees.add(KeyedFiles.readString(in));
            }
            List<String> paths = new ArrayList<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                paths.add(KeyedFiles.readString(in));
            }
            FactsEncodings.Frames frames = FactsEncodings.Frames.read(in, paths.size());
            FileFacts[] decoded = frames.decodeInTwo(in.array());
            Map<String, FileFacts> facts = new HashMap<>();
            for (int i = 0; i < decoded.length; i++) {
                if (!files.containsKey(paths.get(i)) || !decoded[i].path().equals(paths.get(i))) {
                    throw new CorruptCacheException("wider slice facts do not match its files: " + paths.get(i));
                }
                facts.put(paths.get(i), decoded[i]);
            }
            encodings.decoded(decoded, in.array(), frames);
            return new Beyond(id, ownId, files, callees, facts);
        }
    }
}
