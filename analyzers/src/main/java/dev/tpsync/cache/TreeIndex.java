package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One tree's index, like git's: path to (size, mtime, blob id) as last seen, so a warm run
 * only stats files and reads just the changed ones. Unlike git's, it also carries each file's
 * encoded facts, packed after the index, so the index and the facts can never disagree
 * (benchmarks/cache.md measures this against one small file per entry).
 *
 * <p>The file is mapped, not read: each payload is copied into the parse workspace of the
 * thread that decodes it. Read into the heap, the kernel's 180 MB index was as many pages
 * faulted in and, in a review, copied by the collector on its way to the old generation.
 *
 * <p>Layout: magic, header length, version, scan start (ns), entry count, entries (path,
 * size, mtime ns, 20-byte blob id, payload length, payload CRC32), then the CRC32 of the
 * header, then the payloads in entry order. The header CRC and the exact file length are
 * checked on read; each payload's CRC when it is used, so one flipped bit costs one file's
 * re-parse.
 */
final class TreeIndex {

    static final int MAGIC = 0x54504932; // "TPI2"

    /**
     * A file whose mtime is this close to the start of the scan that recorded it may have
     * changed again within the filesystem's timestamp granularity (git's "racy" entries): its
     * stat data is not trusted and its content is re-hashed.
     */
    static final long RACY_NANOS = 2_000_000_000L;

    /**
     * A file as last seen, with its encoded facts: {@code data} is exactly the payload, a
     * slice of the mapped index or an array of its own. It is only read with absolute gets,
     * so threads can share it.
     */
    record Entry(String path, long size, long mtimeNanos, String blobId, ByteBuffer data, int crc) {

        static Entry of(String path, long size, long mtimeNanos, String blobId, byte[] payload) {
            return new Entry(path, size, mtimeNanos, blobId, ByteBuffer.wrap(payload),
                EntryFrame.crc(payload, 0, payload.length));
        }

        boolean sameStat(long otherSize, long otherMtime) {
            return size == otherSize && mtimeNanos == otherMtime;
        }

        int length() {
            return data.limit();
        }

        /**
         * The facts, decoded from a copy in {@code workspace}'s buffer (sharing its strings)
         * after checking it against the CRC.
         */
        FileFacts facts(ParseWorkspace workspace) throws CorruptCacheException {
            loadChecked(workspace);
            return FactsCodec.decode(workspace.bytes(), 0, workspace.length(), workspace.strings());
        }

        /**
         * As {@link #facts}, with every function's calls decoded from the mapped payload when
         * first read (a review reads few of them). The mapping lives as long as the facts do.
         */
        FileFacts factsDeferringCalls(ParseWorkspace workspace) throws CorruptCacheException {
            loadChecked(workspace);
            return FactsCodec.decodeDeferringCalls(data, workspace.bytes(), workspace.length(), workspace.strings());
        }

        /** Copies the payload into {@code workspace}, which must hold what the index wrote. */
        private void loadChecked(ParseWorkspace workspace) throws CorruptCacheException {
            workspace.load(data);
            if (EntryFrame.crc(workspace.bytes(), 0, workspace.length()) != crc) {
                throw new CorruptCacheException("facts of " + path + " fail their checksum");
            }
        }

        /** A copy of the payload. */
        byte[] bytes() {
            byte[] out = new byte[length()];
            data.get(0, out, 0, out.length);
            return out;
        }

        void writeTo(OutputStream out, byte[] chunk) throws IOException {
            if (data.hasArray()) {
                out.write(data.array(), data.arrayOffset(), length());
                return;
            }
            for (int at = 0; at < length(); at += chunk.length) {
                int n = Math.min(chunk.length, length() - at);
                data.get(at, chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    private final long scanStartNanos;
    private final Map<String, Entry> entries;
    /** The whole file as read (mapped, as a rule), which the entries' payloads are slices of; empty for none. */
    private final ByteBuffer file;

    private TreeIndex(long scanStartNanos, Map<String, Entry> entries, ByteBuffer file) {
        this.scanStartNanos = scanStartNanos;
        this.entries = entries;
        this.file = file;
    }

    static TreeIndex empty() {
        return new TreeIndex(Long.MIN_VALUE, Map.of(), ByteBuffer.allocate(0));
    }

    /**
     * Reads the mapped file into memory, front to back (the page cache's readahead at work),
     * and returns once it is there: for a caller about to read the payloads of thousands of
     * files scattered over it, whose page faults would each wait for the disk on their own.
     */
    void load() {
        if (file instanceof MappedByteBuffer mapped) {
            mapped.load();
        }
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

    /** When the scan that wrote the index started (0 when no scan wrote it). */
    long scanStartNanos() {
        return scanStartNanos;
    }

    /** True when the entry's stat data proves the content unchanged if it still matches. */
    boolean trusted(Entry e) {
        return e.mtimeNanos() < scanStartNanos - RACY_NANOS;
    }

    /** The index at {@code file}, or empty when there is none or it cannot be trusted. */
    static TreeIndex read(Path file, String version) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return empty(); // beyond what one mapping holds: rewritten after this run's scan
            }
            return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), version);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | UncheckedIOException e) {
            // A damaged index (CorruptCacheException is an IOException) is rewritten after this run.
            return empty();
        }
    }

    /** The index in {@code file} (the whole file, from 0 to its limit). */
    static TreeIndex parse(ByteBuffer file, String version) throws CorruptCacheException {
        if (file.limit() < 12) {
            throw new CorruptCacheException("not a tree index: too short");
        }
        byte[] start = new byte[8];
        file.get(0, start, 0, 8);
        ByteSource lead = new ByteSource(start);
        int headerLength = lead.readInt() == MAGIC ? lead.readInt() : -1;
        if (headerLength < 8 || headerLength > file.limit() - 4) {
            throw new CorruptCacheException("not a tree index of this layout");
        }
        byte[] header = new byte[headerLength + 4];
        file.get(0, header, 0, header.length);
        ByteSource in = new ByteSource(header, 8, headerLength - 8);
        if (new ByteSource(header, headerLength, 4).readInt() != EntryFrame.crc(header, 0, headerLength)) {
            throw new CorruptCacheException("tree index checksum mismatch");
        }
        if (!in.readString().equals(version)) {
            throw new CorruptCacheException("not a tree index of version " + version);
        }
        long scanStart = in.readLong();
        int count = in.readCount();
        Map<String, Entry> entries = new HashMap<>(count * 2);
        HexFormat hex = HexFormat.of();
        long offset = headerLength + 4L;
        for (int i = 0; i < count; i++) {
            String path = in.readString();
            long size = in.readVarlong();
            long mtime = in.readVarlong();
            String blob = hex.formatHex(in.readBytes(20));
            int length = in.readVarint();
            int crc = in.readInt();
            if (length < 0 || offset + length > file.limit()) {
                throw new CorruptCacheException("tree index truncated");
            }
            entries.put(path, new Entry(path, size, mtime, blob, file.slice((int) offset, length), crc));
            offset += length;
        }
        if (!in.atEnd() || offset != file.limit()) {
            throw new CorruptCacheException("tree index truncated");
        }
        return new TreeIndex(scanStart, entries, file);
    }

    /** Atomically replaces the index at {@code file} with {@code entries}, in the given order. */
    static void write(Path file, String version, long scanStartNanos, Collection<Entry> entries) throws IOException {
        ByteSink body = new ByteSink(64 * entries.size() + 64);
        body.writeString(version);
        body.writeLong(scanStartNanos);
        body.writeVarint(entries.size());
        HexFormat hex = HexFormat.of();
        for (Entry e : entries) {
            body.writeString(e.path());
            body.writeVarlong(e.size());
            body.writeVarlong(e.mtimeNanos());
            body.writeBytes(hex.parseHex(e.blobId()));
            body.writeVarint(e.length());
            body.writeInt(e.crc());
        }
        ByteSink header = new ByteSink(body.size() + 12);
        header.writeInt(MAGIC);
        header.writeInt(8 + body.size());
        header.writeBytes(body.array(), 0, body.size());
        header.writeInt(EntryFrame.crc(header.array(), 0, header.size()));
        AtomicFile.write(file, (OutputStream out) -> {
            out.write(header.array(), 0, header.size());
            byte[] chunk = new byte[1 << 16];
            for (Entry e : entries) {
                e.writeTo(out, chunk);
            }
        });
    }
}
