package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
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
 * the files that came new, the functions a file of the own slice gained, and the rest named by
 * path and taken from the own slice, whose id is kept with it. Written whole, the wider slice of
 * a call of usb_register_driver() added to 6.1's idle loop was 5.5 MB, twice the own slice, and
 * a hook run decoded the own slice's 5,100 files twice: once for the change, once inside the
 * wider one. Kept as files gaining functions, it was 4.6 MB (1,134 of the own files gained some);
 * as the functions they gained, 3.7 MB.
 */
public final class WiderSlices {

    static final String FORMAT = "wider-slice-v2";
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
     * ids, the names whose every definition it holds, the facts of the files the own slice does
     * not have ({@code whole}, by path), and the functions gained by files it has
     * ({@code gained}, by path); every other file's facts are the own slice's.
     */
    public record Beyond(String id, String ownId, SortedMap<String, String> files, SortedSet<String> reachedCallees,
                         Map<String, FileFacts> whole, Map<String, Gained> gained) {

        public Beyond {
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
            reachedCallees = Collections.unmodifiableSortedSet(new TreeSet<>(reachedCallees));
            whole = Map.copyOf(whole);
            gained = Map.copyOf(gained);
        }

        /**
         * What {@code wider} holds beyond {@code own}. A file's facts are the own slice's when
         * the same record is in both, as widening leaves the files that gain nothing; a file
         * that only gained functions is kept as those functions; any other is kept whole.
         */
        static Beyond of(ContextSlice wider, ContextSlice own) {
            Map<String, FileFacts> owned = byPath(own);
            Map<String, FileFacts> whole = new HashMap<>();
            Map<String, Gained> gained = new HashMap<>();
            for (FileFacts f : wider.facts()) {
                FileFacts was = owned.get(f.path());
                boolean sameBlob = wider.files().get(f.path()).equals(own.files().get(f.path()));
                if (was == f && sameBlob) {
                    continue;
                }
                Optional<Gained> more = was != null && sameBlob ? Gained.of(f, was) : Optional.empty();
                if (more.isPresent()) {
                    gained.put(f.path(), more.get());
                } else {
                    whole.put(f.path(), f);
                }
            }
            return new Beyond(wider.id(), own.id(), wider.files(), wider.reachedCallees(), whole, gained);
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
                FileFacts f = whole.get(file.getKey());
                if (f == null) {
                    FileFacts was = owned.get(file.getKey());
                    if (was == null || !file.getValue().equals(own.files().get(file.getKey()))) {
                        return Optional.empty();
                    }
                    Gained more = gained.get(file.getKey());
                    if (more == null) {
                        f = was;
                    } else {
                        Optional<FileFacts> merged = more.over(was);
                        if (merged.isEmpty()) {
                            return Optional.empty();
                        }
                        f = merged.get();
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
     * The functions a file of the own slice gained in a wider one: the file's facts with those
     * alone ({@code functions}), and where each function of the wider file comes from
     * ({@code fromOwn}, bit {@code i} set when its {@code i}th is the own file's next one).
     */
    public record Gained(FileFacts functions, BitSet fromOwn) {

        public Gained {
            fromOwn = (BitSet) fromOwn.clone();
        }

        @Override
        public BitSet fromOwn() {
            return (BitSet) fromOwn.clone();
        }

        /**
         * {@code wider} as {@code own} with functions gained: its other facts the same, and
         * own's functions among its own in their order. Empty when it is not.
         */
        static Optional<Gained> of(FileFacts wider, FileFacts own) {
            if (wider.lines() != own.lines() || !wider.tracepoints().equals(own.tracepoints())
                || !wider.fieldStores().equals(own.fieldStores()) || !wider.diagnostics().equals(own.diagnostics())) {
                return Optional.empty();
            }
            BitSet fromOwn = new BitSet();
            List<FunctionDef> more = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < wider.functions().size(); i++) {
                FunctionDef fn = wider.functions().get(i);
                if (next < own.functions().size() && fn.equals(own.functions().get(next))) {
                    fromOwn.set(i);
                    next++;
                } else {
                    more.add(fn);
                }
            }
            if (next < own.functions().size()) {
                return Optional.empty();
            }
            return Optional.of(new Gained(new FileFacts(wider.path(), wider.lines(), more, List.of(), List.of(),
                List.of()), fromOwn));
        }

        /** {@code own} with these functions in their places; empty when the two do not fit together. */
        Optional<FileFacts> over(FileFacts own) {
            int total = own.functions().size() + functions.functions().size();
            if (fromOwn.cardinality() != own.functions().size() || fromOwn.length() > total) {
                return Optional.empty();
            }
            List<FunctionDef> merged = new ArrayList<>(total);
            int owned = 0;
            int more = 0;
            for (int i = 0; i < total; i++) {
                merged.add(fromOwn.get(i) ? own.functions().get(owned++) : functions.functions().get(more++));
            }
            return Optional.of(new FileFacts(own.path(), own.lines(), merged, own.tracepoints(), own.fieldStores(),
                own.diagnostics()));
        }
    }

    /**
     * The ids, the paths with their blob ids, the names, the paths kept whole, those that
     * gained functions with where each function comes from, then the facts of each of those.
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
            List<String> whole = new ArrayList<>(new TreeSet<>(beyond.whole().keySet()));
            out.writeInt(whole.size());
            for (String path : whole) {
                KeyedFiles.writeString(out, path);
            }
            List<String> gained = new ArrayList<>(new TreeSet<>(beyond.gained().keySet()));
            out.writeInt(gained.size());
            for (String path : gained) {
                KeyedFiles.writeString(out, path);
                byte[] bits = beyond.gained().get(path).fromOwn().toByteArray();
                out.writeInt(bits.length);
                out.write(bits);
            }
            for (String path : whole) {
                encodings.write(beyond.whole().get(path), out);
            }
            for (String path : gained) {
                encodings.write(beyond.gained().get(path).functions(), out);
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
            int whole = paths.size();
            List<BitSet> fromOwn = new ArrayList<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                paths.add(KeyedFiles.readString(in));
                byte[] bits = new byte[KeyedFiles.count(in)];
                in.get(bits);
                fromOwn.add(BitSet.valueOf(bits));
            }
            FactsEncodings.Frames frames = FactsEncodings.Frames.read(in, paths.size());
            FileFacts[] decoded = frames.decodeInTwo(in.array());
            Map<String, FileFacts> wholeFacts = new HashMap<>();
            Map<String, Gained> gained = new HashMap<>();
            for (int i = 0; i < decoded.length; i++) {
                String path = paths.get(i);
                if (!files.containsKey(path) || !decoded[i].path().equals(path)) {
                    throw new CorruptCacheException("wider slice facts do not match its files: " + path);
                }
                if (i < whole) {
                    wholeFacts.put(path, decoded[i]);
                } else {
                    gained.put(path, new Gained(decoded[i], fromOwn.get(i - whole)));
                }
            }
            encodings.decoded(decoded, in.array(), frames);
            return new Beyond(id, ownId, files, callees, wholeFacts, gained);
        }
    }
}
