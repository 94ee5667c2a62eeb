package dev.tpsync.cache;

import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * {@link ContextSlice} of git trees, keyed like {@link ContextSummaries} (tree id, spec, cache
 * version, model code): what lets a pre-commit hook judge a change to code a context reaches on
 * the model of a few thousand files. One file per key under {@code <version>/slices/} (paths with
 * their blob ids, the names reached functions call), with a CRC32C of everything before it; a
 * file that is short, garbled or of another format is deleted and not used. Written atomically;
 * the {@link #KEEP} used last are kept. Beside the summaries, not in them: a summary is read on
 * every hook run, a slice only when a change reaches code a context reaches.
 */
public final class ContextSlices {

    static final String FORMAT = "slice-v1";
    private static final int MAGIC = 0x5450534c; // "TPSL"
    static final int KEEP = 8;

    private final Path dir;
    private final String version;

    private ContextSlices(Path dir, String version) {
        this.dir = dir;
        this.version = version;
    }

    /** The slices beside {@code facts}' entries, for the same version. */
    public static ContextSlices of(FactCache facts) {
        return new ContextSlices(facts.root().resolve(facts.version()).resolve("slices"), facts.version());
    }

    /** The slice of the git tree {@code treeId} read with {@code spec}, when one was kept and is intact. */
    public Optional<ContextSlice> read(String treeId, ContextSpec spec) {
        Path file = file(treeId, spec);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Optional<ContextSlice> slice = decode(Files.readAllBytes(file));
            if (slice.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                KeyedFiles.markUsed(file);
            }
            return slice;
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether a slice of {@code treeId} is kept (it may still turn out damaged when read). */
    public boolean has(String treeId, ContextSpec spec) {
        return Files.isRegularFile(file(treeId, spec));
    }

    /** Keeps {@code slice} for the git tree {@code treeId}. Best effort, like every cache write. */
    public boolean write(String treeId, ContextSpec spec, ContextSlice slice) {
        try {
            AtomicFile.write(file(treeId, spec), encode(slice));
            KeyedFiles.keepUsedLast(dir, ".slice", KEEP);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    Path file(String treeId, ContextSpec spec) {
        return KeyedFiles.of(dir, FORMAT, version, treeId, spec, ".slice");
    }

    static byte[] encode(ContextSlice slice) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 18);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        KeyedFiles.writeString(out, FORMAT);
        out.writeInt(slice.files().size());
        for (var file : slice.files().entrySet()) {
            KeyedFiles.writeString(out, file.getKey());
            KeyedFiles.writeString(out, file.getValue());
        }
        out.writeInt(slice.reachedCallees().size());
        for (String name : slice.reachedCallees()) {
            KeyedFiles.writeString(out, name);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** The slice in {@code bytes}, or empty when they are not an intact slice of this format. */
    static Optional<ContextSlice> decode(byte[] bytes) {
        if (bytes.length < 8) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
            return Optional.empty();
        }
        try {
            if (in.getInt() != MAGIC || !FORMAT.equals(KeyedFiles.readString(in))) {
                return Optional.empty();
            }
            TreeMap<String, String> files = new TreeMap<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                files.put(KeyedFiles.readString(in), KeyedFiles.readString(in));
            }
            TreeSet<String> callees = new TreeSet<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                callees.add(KeyedFiles.readString(in));
            }
            if (in.position() != bytes.length - 4) {
                return Optional.empty();
            }
            return Optional.of(new ContextSlice(files, callees));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
