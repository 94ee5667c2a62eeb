package dev.tpsync.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One pack (pack-format.txt) and its index: an object is found by the index, its entry read by
 * positional reads (a kernel's pack is several GiB, more than one mapping holds) and inflated,
 * and a delta applied to its base, which may itself be a delta. Bases met on the way are kept
 * in a small cache, as git and JGit do: the trees of one directory walk share long chains.
 * Thread-safe.
 */
final class PackFile implements AutoCloseable {

    private static final int OFS_DELTA = 6;
    private static final int REF_DELTA = 7;
    /** Longer chains than git ever writes (its default depth is 50, --aggressive 250). */
    private static final int MAX_CHAIN = 10_000;

    private final Path file;
    private final PackIndex index;
    private final FileChannel channel;
    private final BaseCache bases = new BaseCache(16 << 20);

    private PackFile(Path file, PackIndex index, FileChannel channel) {
        this.file = file;
        this.index = index;
        this.channel = channel;
    }

    /** Opens the pack {@code pack} with its index {@code idx}. */
    static PackFile open(Path pack, Path idx) throws IOException {
        PackIndex index = PackIndex.open(idx);
        FileChannel channel = FileChannel.open(pack);
        ByteBuffer header = ByteBuffer.allocate(12);
        if (channel.read(header, 0) != 12 || header.getInt(0) != 0x5041434b) { // "PACK"
            channel.close();
            throw new UnreadableObjectException("pack " + pack + " has no PACK header");
        }
        return new PackFile(pack, index, channel);
    }

    boolean contains(AnyObjectId id) {
        return index.offsetOf(id) >= 0;
    }

    void addMatches(AbbreviatedObjectId prefix, Set<ObjectId> out, int limit) {
        index.addMatches(prefix, out, limit);
    }

    /**
     * The object {@code id}, empty when this pack does not hold it; {@code others} reads the base
     * of a delta that names it by id (a thin pack's base may be elsewhere).
     */
    Optional<GitObject> read(AnyObjectId id, ObjectDatabase others) throws IOException {
        long offset = index.offsetOf(id);
        return offset < 0 ? Optional.empty() : Optional.of(readAt(offset, others));
    }

    private GitObject readAt(long offset, ObjectDatabase others) throws IOException {
        Deque<byte[]> deltas = new ArrayDeque<>();
        Deque<Long> at = new ArrayDeque<>();
        long pos = offset;
        GitObject base;
        while (true) {
            GitObject cached = bases.get(pos);
            if (cached != null) {
                base = cached;
                break;
            }
            if (deltas.size() > MAX_CHAIN) {
                throw damaged(offset, "a delta chain that does not end");
            }
            Entry e = entry(pos);
            if (e.type == OFS_DELTA || e.type == REF_DELTA) {
                deltas.push(inflate(e.dataAt, e.size));
                at.push(pos);
                if (e.type == OFS_DELTA) {
                    pos = e.baseOffset;
                    continue;
                }
                long inPack = index.offsetOf(e.baseId);
                if (inPack >= 0) {
                    pos = inPack;
                    continue;
                }
                base = others.read(e.baseId)
                    .orElseThrow(() -> damaged(e.offset, "a delta on " + e.baseId.name() + ", which is nowhere"));
                break;
            }
            if (e.type < GitObject.COMMIT || e.type > GitObject.TAG) {
                throw damaged(pos, "an entry of type " + e.type);
            }
            base = new GitObject(e.type, inflate(e.dataAt, e.size));
            if (!deltas.isEmpty()) {
                bases.put(pos, base);
            }
            break;
        }
        GitObject result = base;
        while (!deltas.isEmpty()) {
            result = new GitObject(base.type(), Delta.apply(result.data(), deltas.pop()));
            long made = at.pop();
            if (!deltas.isEmpty()) {
                bases.put(made, result);
            }
        }
        return result;
    }

    /** An entry's header: its type and inflated size, where its data starts, and a delta's base. */
    private record Entry(long offset, int type, long size, long dataAt, long baseOffset, ObjectId baseId) {
    }

    private Entry entry(long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        int n = channel.read(buf, offset);
        byte[] h = buf.array();
        int p = 0;
        try {
            int c = h[p++] & 0xff;
            int type = (c >> 4) & 7;
            long size = c & 15;
            int shift = 4;
            while ((c & 0x80) != 0) {
                c = h[p++] & 0xff;
                size |= (long) (c & 0x7f) << shift;
                shift += 7;
            }
            if (type == OFS_DELTA) {
                c = h[p++] & 0xff;
                long back = c & 127;
                while ((c & 128) != 0) {
                    c = h[p++] & 0xff;
                    back = ((back + 1) << 7) + (c & 127);
                }
                if (back <= 0 || back > offset) {
                    throw damaged(offset, "a delta whose base is outside the pack");
                }
                return new Entry(offset, type, size, offset + p, offset - back, null);
            }
            if (type == REF_DELTA) {
                ObjectId base = ObjectId.fromRaw(h, p);
                return new Entry(offset, type, size, offset + p + 20, -1, base);
            }
            if (p > n) {
                throw damaged(offset, "an entry cut short");
            }
            return new Entry(offset, type, size, offset + p, -1, null);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw damaged(offset, "an entry header cut short");
        }
    }

    /** Inflates the zlib stream at {@code pos}, which must give exactly {@code size} bytes. */
    private byte[] inflate(long pos, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new UnreadableObjectException("an object of " + size + " bytes in " + file);
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            ByteBuffer in = ByteBuffer.allocate((int) Math.min(Math.max(size + 64, 512), 1 << 20));
            int done = 0;
            long readAt = pos;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    in.clear();
                    int n = channel.read(in, readAt);
                    if (n <= 0) {
                        throw damaged(pos, "a zlib stream cut short");
                    }
                    readAt += n;
                    inflater.setInput(in.array(), 0, n);
                }
                int got = inflater.inflate(out, done, out.length - done);
                done += got;
                if (got == 0 && !inflater.finished() && !inflater.needsInput()) {
                    // Output full but the stream goes on, or a dictionary is wanted: not what git writes.
                    throw damaged(pos, "more data than the entry's size");
                }
            }
            if (done != out.length) {
                throw damaged(pos, done + " bytes where the entry says " + size);
            }
            return out;
        } catch (DataFormatException e) {
            throw damaged(pos, "a damaged zlib stream");
        } finally {
            inflater.end();
        }
    }

    private UnreadableObjectException damaged(long offset, String what) {
        return new UnreadableObjectException("pack " + file + " has " + what + " at offset " + offset);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Resolved delta bases by offset, least recently used dropped first, bounded by total size. */
    private static final class BaseCache {
        private final long limit;
        private final LinkedHashMap<Long, GitObject> objects = new LinkedHashMap<>(64, 0.75f, true);
        private long bytes;

        BaseCache(long limit) {
            this.limit = limit;
        }

        synchronized GitObject get(long offset) {
            return objects.get(offset);
        }

        synchronized void put(long offset, GitObject object) {
            if (object.data().length > limit / 4) {
                return;
            }
            GitObject old = objects.put(offset, object);
            bytes += object.data().length - (old == null ? 0 : old.data().length);
            var it = objects.entrySet().iterator();
            while (bytes > limit && it.hasNext()) {
                Map.Entry<Long, GitObject> eldest = it.next();
                bytes -= eldest.getValue().data().length;
                it.remove();
            }
        }
    }
}
