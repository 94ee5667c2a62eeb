package dev.tpsync.cache;

import dev.tpsync.model.ContextSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * What the summary and slice stores share: one file per git tree and spec (named by
 * {@link KeyedFiles#of}), framed as a magic number, the format's name, the body and a CRC32C of
 * everything before it. A file that is short, garbled or of another format is deleted and not
 * used; files are written atomically, and only the {@code keep} used last are kept.
 *
 * @param <T> what a file holds
 */
final class TreeKeyedStore<T> {

    /** How a value is written and read back; {@code read} throws on anything malformed. */
    interface Codec<T> {
        void write(T value, DataOutputStream out) throws IOException;

        T read(ByteBuffer in) throws CorruptCacheException;
    }

    private final Path dir;
    private final String version;
    private final String format;
    private final int magic;
    private final String suffix;
    private final int keep;
    private final Codec<T> codec;
    /** Told the tree id of every value written or read intact (the launcher's lists). */
    private final Consumer<String> used;
    /** The size of the last file read or written (a slice after a change is its base's, give or take a file). */
    private final AtomicInteger lastSize = new AtomicInteger();

    TreeKeyedStore(Path dir, String version, String format, int magic, String suffix, int keep, Codec<T> codec,
                   Consumer<String> used) {
        this.dir = dir;
        this.version = version;
        this.format = format;
        this.magic = magic;
        this.suffix = suffix;
        this.keep = keep;
        this.codec = codec;
        this.used = used;
    }

    Path dir() {
        return dir;
    }

    Optional<T> read(String treeId, ContextSpec spec) {
        Path file = file(treeId, spec);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = KeyedFiles.readWhole(file);
            lastSize.set(bytes.length);
            Optional<T> value = decode(bytes);
            if (value.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                KeyedFiles.markUsed(file);
                used.accept(treeId);
            }
            return value;
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    boolean has(String treeId, ContextSpec spec) {
        return Files.isRegularFile(file(treeId, spec));
    }

    /**
     * Whether the file kept for {@code treeId} is whole: its CRC and format check, without
     * decoding its body (a slice checks in ~1 ms where it decodes in ~100). A damaged one is
     * removed, as {@link #read} removes it.
     */
    boolean intact(String treeId, ContextSpec spec) {
        Path file = file(treeId, spec);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            byte[] bytes = KeyedFiles.readWhole(file);
            if (checked(bytes)) {
                return true;
            }
            Files.deleteIfExists(file);
            return false;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Whether {@code bytes} end in the CRC of the rest and open with this store's magic number and format. */
    private boolean checked(byte[] bytes) {
        if (bytes.length < 8) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return in.getInt(bytes.length - 4) == (int) crc.getValue() && opensAsThisFormat(in);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The first {@code bytes} bytes (or fewer) of the body kept for {@code treeId}, after its
     * magic number and format, when a file of this format is kept: not checked against its CRC,
     * so what is read from it is only ever a hint (a damaged file fails when it is read whole).
     */
    Optional<ByteBuffer> head(String treeId, ContextSpec spec, int bytes) {
        try (var in = Files.newInputStream(file(treeId, spec))) {
            ByteBuffer head = ByteBuffer.wrap(in.readNBytes(bytes + 8 + format.length()));
            return head.remaining() >= 8 && opensAsThisFormat(head) ? Optional.of(head) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Best effort, like every cache write. */
    boolean write(String treeId, ContextSpec spec, T value) {
        try {
            Encoded encoded = encoded(value);
            AtomicFile.write(file(treeId, spec), out -> out.write(encoded.bytes(), 0, encoded.length()));
            KeyedFiles.keepUsedLast(dir, suffix, keep);
            used.accept(treeId);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    Path file(String treeId, ContextSpec spec) {
        return KeyedFiles.of(dir, format, version, treeId, spec, suffix);
    }

    /** A file's bytes: the first {@code length} of {@code bytes}. */
    private record Encoded(byte[] bytes, int length) {
    }

    /**
     * The file of {@code value}: magic number, format, the codec's body, CRC-32C of all that.
     * Written into a buffer the size of the last file this store read or wrote, and neither
     * copied for the CRC nor trimmed: a slice is ~2.5 MB on 6.1, and growing a buffer to it and
     * copying it twice cost a hook run's first keep ~6 ms of copies and fresh pages.
     */
    private Encoded encoded(T value) throws IOException {
        Buffer bytes = new Buffer(Math.max(1 << 16, lastSize.get() + (lastSize.get() >> 4)));
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        KeyedFiles.writeString(out, format);
        codec.write(value, out);
        CRC32C crc = new CRC32C();
        crc.update(bytes.bytes(), 0, bytes.size());
        out.writeInt((int) crc.getValue());
        lastSize.set(bytes.size());
        return new Encoded(bytes.bytes(), bytes.size());
    }

    /** A byte array stream whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** The value in {@code bytes}, or empty when they are not an intact file of this format. */
    Optional<T> decode(byte[] bytes) {
        if (!checked(bytes)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            opensAsThisFormat(in); // checked above: read again only to step past it
            T value = codec.read(in);
            return in.position() == bytes.length - 4 ? Optional.of(value) : Optional.empty();
        } catch (CorruptCacheException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code in} starts with this store's magic number and format name; it is left after them. */
    private boolean opensAsThisFormat(ByteBuffer in) {
        return in.getInt() == magic && format.equals(KeyedFiles.readString(in));
    }
}
