package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link ContextSlice} of git trees, keyed like {@link ContextSummaries} (tree id, spec, cache
 * version, model code): what lets a pre-commit hook judge a change to code a context reaches on
 * the model of a few thousand files. One file per key under {@code <version>/slices/} (paths with
 * their blob ids, the names reached functions call), framed and checked by
 * {@link TreeKeyedStore}; the {@link #KEEP} used last are kept. Beside the summaries, not in
 * them: a summary is read on every hook run, a slice only when a change reaches code a context
 * reaches.
 */
public final class ContextSlices {

    static final String FORMAT = "slice-v4";
    private static final int MAGIC = 0x5450534c; // "TPSL"
    static final int KEEP = 8;

    private final TreeKeyedStore<ContextSlice> store;

    private ContextSlices(Path dir, String version) {
        this.store = new TreeKeyedStore<>(dir, version, FORMAT, MAGIC, ".slice", KEEP, new Codec(new FactsEncodings()),
            tree -> { });
    }

    /** The slices beside {@code facts}' entries, for the same version. */
    public static ContextSlices of(FactCache facts) {
        return new ContextSlices(facts.root().resolve(facts.version()).resolve("slices"), facts.version());
    }

    /** The slice of the git tree {@code treeId} read with {@code spec}, when one was kept and is intact. */
    public Optional<ContextSlice> read(String treeId, ContextSpec spec) {
        return store.read(treeId, spec);
    }

    /** Whether a slice of {@code treeId} is kept (it may still turn out damaged when read). */
    public boolean has(String treeId, ContextSpec spec) {
        return store.has(treeId, spec);
    }

    /** Whether the one kept for {@code treeId} is whole (checked, not decoded); a damaged one is removed. */
    public boolean intact(String treeId, ContextSpec spec) {
        return store.intact(treeId, spec);
    }

    /**
     * The id of the slice kept for {@code treeId} ({@link ContextSlice#id}), read from the head
     * of its file alone: a hint, not checked (the slice may yet turn out damaged when read).
     */
    public Optional<String> id(String treeId, ContextSpec spec) {
        return store.head(treeId, spec, ID_HEAD).flatMap(head -> {
            try {
                return Optional.of(KeyedFiles.readString(head));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Bytes enough for a slice's id and its length (ids are 32 hex digits). */
    private static final int ID_HEAD = 128;

    /** Keeps {@code slice} for the git tree {@code treeId}. Best effort, like every cache write. */
    public boolean write(String treeId, ContextSpec spec, ContextSlice slice) {
        return store.write(treeId, spec, slice);
    }

    Path file(String treeId, ContextSpec spec) {
        return store.file(treeId, spec);
    }

    /** The paths with their blob ids, the names reached functions call, then each file's kept facts. */
    private static final class Codec implements TreeKeyedStore.Codec<ContextSlice> {

        /** What the slices read decoded from: the slice a hook run leaves is mostly its base's. */
        private final FactsEncodings encodings;

        Codec(FactsEncodings encodings) {
            this.encodings = encodings;
        }

        @Override
        public void write(ContextSlice slice, DataOutputStream out) throws IOException {
            KeyedFiles.writeString(out, slice.id());
            out.writeInt(slice.files().size());
            for (var file : slice.files().entrySet()) {
                KeyedFiles.writeString(out, file.getKey());
                KeyedFiles.writeString(out, file.getValue());
            }
            out.writeInt(slice.reachedCallees().size());
            for (String name : slice.reachedCallees()) {
                KeyedFiles.writeString(out, name);
            }
            for (FileFacts f : slice.facts()) {
                encodings.write(f, out);
            }
        }

        @Override
        public ContextSlice read(ByteBuffer in) throws CorruptCacheException {
            String id = KeyedFiles.readString(in);
            TreeMap<String, String> files = new TreeMap<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                files.put(KeyedFiles.readString(in), KeyedFiles.readString(in));
            }
            TreeSet<String> callees = new TreeSet<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                callees.add(KeyedFiles.readString(in));
            }
            FactsEncodings.Frames frames = FactsEncodings.Frames.read(in, files.size());
            FileFacts[] facts = frames.decodeInTwo(in.array());
            try {
                ContextSlice slice = new ContextSlice(files, callees, Arrays.asList(facts), id);
                encodings.decoded(facts, in.array(), frames);
                return slice;
            } catch (IllegalArgumentException e) {
                throw new CorruptCacheException("slice facts do not match its files: " + e.getMessage());
            }
        }
    }
}
