package dev.tpsync.cache;

import dev.tpsync.c.StringCache;
import dev.tpsync.c.structure.FileFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One tree's index, like git's: path to (size, mtime, blob id) as last seen, so a warm run
 * only stats files and reads just the changed ones. Unlike git's, it also carries each file's
 * encoded facts, packed after the index, so the whole warm path is one sequential read of
 * one file and the index and the facts can never disagree (benchmarks/cache.md measures this
 * against one small file per entry).
 *
 * <p>Layout: magic, version, scan start (ns), entry count, entries (path, size, mtime ns,
 * 20-byte blob id, payload length, payload CRC32), CRC32 of everything so far, then the
 * payloads in entry order. The header CRC and the exact file length are checked on read; each
 * payload's CRC when it is used, so one flipped bit costs one file's re-parse.
 */
final class TreeIndex {

    static final int MAGIC = 0x54505349; // "TPSI"

    /**
     * A file whose mtime is this close to the start of the scan that recorded it may have
     * changed again within the filesystem's timestamp granularity (git's "racy" entries): its
     * stat data is not trusted and its content is re-hashed.
     */
    static final long RACY_NANOS = 2_000_000_000L;

    /** A file as last seen, with its encoded facts at {@code offset} in {@code buf}. */
    record Entry(String path, long size, long mtimeNanos, String blobId, byte[] buf, int offset, int length, int crc) {

        static Entry of(String path, long size, long mtimeNanos, String blobId, byte[] payload) {
            return new Entry(path, size, mtimeNanos, blobId, payload, 0, payload.length,
                EntryFrame.crc(payload, 0, payload.length));
        }

        boolean sameStat(long otherSize, long otherMtime) {
            return size == otherSize && mtimeNanos == otherMtime;
        }

        /** The facts, after checking the payload against its CRC. */
        FileFacts facts() throws CorruptCacheException {
            return facts(null);
        }

        /** Like {@link #facts()}, sharing equal strings through {@code strings} (may be null). */
        FileFacts facts(StringCache strings) throws CorruptCacheException {
            if (EntryFrame.crc(buf, offset, length) != crc) {
                throw new CorruptCacheException("facts of " + path + " fail their checksum");
            }
            return FactsCodec.decode(buf, offset, length, strings);
        }

        byte[] payload() {
            return java.util.Arrays.copyOfRange(buf, offset, offset + length);
        }
    }

    private final long scanStartNanos;
    private final Map<String, Entry> entries;

    private TreeIndex(long scanStartNanos, Map<String, Entry> entries) {
        this.scanStartNanos = scanStartNanos;
        this.entries = entries;
    }

    static TreeIndex empty() {
        return new TreeIndex(Long.MIN_VALUE, Map.of());
    }

    Optional<Entry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    int size() {
        return entries.size();
    }

    /** True when the entry's stat data proves the content unchanged if it still matches. */
    boolean trusted(Entry e) {
        return e.mtimeNanos() < scanStartNanos - RACY_NANOS;
    }

    /** The index at {@code file}, or empty when there is none or it cannot be trusted. */
    static TreeIndex read(Path file, String version) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | OutOfMemoryError e) {
            return empty();
        }
        try {
            return parse(bytes, version);
        } catch (CorruptCacheException e) {
            return empty(); // rewritten after this run's scan
        }
    }

    static TreeIndex parse(byte[] bytes, String version) throws CorruptCacheException {
        ByteSource in = new ByteSource(bytes);
        if (in.readInt() != MAGIC || !in.readString().equals(version)) {
            throw new CorruptCacheException("not a tree index of version " + version);
        }
        long scanStart = in.readLong();
        int count = in.readCount();
        String[] paths = new String[count];
        long[] sizes = new long[count];
        long[] mtimes = new long[count];
        String[] blobs = new String[count];
        int[] lengths = new int[count];
        int[] crcs = new int[count];
        HexFormat hex = HexFormat.of();
        long total = 0;
        for (int i = 0; i < count; i++) {
            paths[i] = in.readString();
            sizes[i] = in.readVarlong();
            mtimes[i] = in.readVarlong();
            blobs[i] = hex.formatHex(in.readBytes(20));
            lengths[i] = in.readVarint();
            crcs[i] = in.readInt();
            total += lengths[i] & 0xFFFFFFFFL;
        }
        int indexEnd = in.position();
        if (in.readInt() != EntryFrame.crc(bytes, 0, indexEnd)) {
            throw new CorruptCacheException("tree index checksum mismatch");
        }
        if (total != in.remaining()) {
            throw new CorruptCacheException("tree index truncated");
        }
        Map<String, Entry> entries = new HashMap<>(count * 2);
        int offset = in.position();
        for (int i = 0; i < count; i++) {
            entries.put(paths[i], new Entry(paths[i], sizes[i], mtimes[i], blobs[i], bytes, offset, lengths[i], crcs[i]));
            offset += lengths[i];
        }
        return new TreeIndex(scanStart, entries);
    }

    /** Atomically replaces the index at {@code file} with {@code entries}, in the given order. */
    static void write(Path file, String version, long scanStartNanos, Collection<Entry> entries) throws IOException {
        ByteSink index = new ByteSink(64 * entries.size() + 64);
        index.writeInt(MAGIC);
        index.writeString(version);
        index.writeLong(scanStartNanos);
        index.writeVarint(entries.size());
        HexFormat hex = HexFormat.of();
        for (Entry e : entries) {
            index.writeString(e.path());
            index.writeVarlong(e.size());
            index.writeVarlong(e.mtimeNanos());
            index.writeBytes(hex.parseHex(e.blobId()));
            index.writeVarint(e.length());
            index.writeInt(e.crc());
        }
        index.writeInt(EntryFrame.crc(index.array(), 0, index.size()));
        AtomicFile.write(file, (OutputStream out) -> {
            out.write(index.array(), 0, index.size());
            for (Entry e : entries) {
                out.write(e.buf(), e.offset(), e.length());
            }
        });
    }
}
