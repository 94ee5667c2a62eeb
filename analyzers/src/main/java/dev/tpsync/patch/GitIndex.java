package dev.tpsync.patch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A git index file ({@code .git/index}, versions 2 to 4) as the staged review needs it: the
 * entries in index order and the cache-tree extension, which names the tree of every directory
 * no {@code git add} has touched since the tree was last written. JGit's reader hashes the whole
 * file to check its trailer and makes a full entry object of every path (~0.1 s of a kernel's
 * 8 MB, 80,000-entry index in a hook run); git itself does not check the trailer when it reads
 * the index (only {@code git fsck} does), and neither does this reader unless asked.
 *
 * <p>Refused, as by JGit: a split index (its {@code link} extension) and a sparse one
 * ({@code sdir}), and any other extension git marks as required (a lower-case signature).
 */
final class GitIndex {

    /** An entry's mode and flags as far as tpsync reads them; path bytes are as git stores them (UTF-8). */
    record Entry(byte[] rawPath, int mode, ObjectId id, int stage, long size, long mtimeSeconds, int mtimeNanos,
                 boolean intentToAdd) {

        String path() {
            return new String(rawPath, StandardCharsets.UTF_8);
        }

        Instant modified() {
            return Instant.ofEpochSecond(mtimeSeconds, mtimeNanos);
        }

        /** Git's racy-clean marking: a size of 0 on an entry that is not the empty blob (as JGit's isSmudged). */
        boolean smudged() {
            return size == 0 && !id.equals(Constants.EMPTY_BLOB_ID);
        }
    }

    /**
     * A directory of the cache-tree extension: its name within its parent, and its tree id when
     * still valid (a {@code git add} below it clears it: {@code entryCount} is then -1).
     */
    record CacheTree(byte[] name, int entryCount, Optional<ObjectId> id, List<CacheTree> children) {

        Optional<CacheTree> child(byte[] childName) {
            for (CacheTree c : children) {
                if (Arrays.equals(c.name, childName)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    private static final int ENTRY_FIXED = 62;
    private static final int EXTENDED = 0x4000;
    private static final int INTENT_TO_ADD = 1 << 13;
    private static final int NAME_MASK = 0xfff;

    /** The file's bytes: entries are read from them on demand. */
    private final byte[] bytes;
    /** Where each entry starts, and where its path does. */
    private final int[] entryAt;
    private final int[] pathAt;
    private final int[] pathLength;
    /** Version 4 compresses each path against the one before: those are rebuilt, one array each. */
    private final byte[][] rebuiltPaths;
    private final Optional<CacheTree> cacheTree;

    private GitIndex(byte[] bytes, int[] entryAt, int[] pathAt, int[] pathLength, byte[][] rebuiltPaths,
                     Optional<CacheTree> cacheTree) {
        this.bytes = bytes;
        this.entryAt = entryAt;
        this.pathAt = pathAt;
        this.pathLength = pathLength;
        this.rebuiltPaths = rebuiltPaths;
        this.cacheTree = cacheTree;
    }

    /** How many entries the index has (a conflicted path has one per stage). */
    int size() {
        return entryAt.length;
    }

    /** Entry {@code i}, in git's order: by path bytes, then stage. */
    Entry entry(int i) {
        int at = entryAt[i];
        int flags = u16(bytes, at + 60);
        boolean intentToAdd = (flags & EXTENDED) != 0 && (u16(bytes, at + ENTRY_FIXED) & INTENT_TO_ADD) != 0;
        return new Entry(path(i), u32(bytes, at + 24), ObjectId.fromRaw(bytes, at + 40), (flags >> 12) & 3,
            u32(bytes, at + 36) & 0xffffffffL, u32(bytes, at + 8) & 0xffffffffL, u32(bytes, at + 12), intentToAdd);
    }

    /** Every entry, in order. */
    List<Entry> entries() {
        List<Entry> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(entry(i));
        }
        return all;
    }

    /** The path bytes of entry {@code i}. */
    byte[] path(int i) {
        return rebuiltPaths != null ? rebuiltPaths[i] : Arrays.copyOfRange(bytes, pathAt[i], pathAt[i] + pathLength[i]);
    }

    /** The first '/' in entry {@code i}'s path at or after {@code from}, or -1. */
    int slash(int i, int from) {
        byte[] in = rebuiltPaths != null ? rebuiltPaths[i] : bytes;
        int start = rebuiltPaths != null ? 0 : pathAt[i];
        for (int k = start + from; k < start + pathLength[i]; k++) {
            if (in[k] == '/') {
                return k - start;
            }
        }
        return -1;
    }

    private int compare(int i, byte[] key) {
        return rebuiltPaths != null ? Arrays.compareUnsigned(rebuiltPaths[i], key)
            : Arrays.compareUnsigned(bytes, pathAt[i], pathAt[i] + pathLength[i], key, 0, key.length);
    }

    /** The root of the cache-tree extension, when the index has one. */
    Optional<CacheTree> cacheTree() {
        return cacheTree;
    }

    /** True when a merge left conflicts: some path has stages 1 to 3 instead of 0. */
    boolean hasUnmergedPaths() {
        return firstUnmergedPath().isPresent();
    }

    /** The first unmerged path, for the message that refuses a conflicted index. */
    Optional<String> firstUnmergedPath() {
        for (int i = 0; i < size(); i++) {
            if (((u16(bytes, entryAt[i] + 60) >> 12) & 3) != 0) {
                return Optional.of(entry(i).path());
            }
        }
        return Optional.empty();
    }

    /** The stage-0 entry of {@code path}, by binary search. */
    Optional<Entry> entry(byte[] path) {
        int at = lowerBound(path, 0, size());
        if (at < size() && compare(at, path) == 0) {
            return Optional.of(entry(at)).filter(e -> e.stage() == 0);
        }
        return Optional.empty();
    }

    /** The first entry in [lo, hi) whose path is not below {@code directory} (a prefix ending in '/'). */
    int endOf(byte[] directory, int lo, int hi) {
        // Every path below "a/b/" sorts before "a/b0", '0' coming right after '/'.
        byte[] after = directory.clone();
        after[after.length - 1] = '/' + 1;
        return lowerBound(after, lo, hi);
    }

    private int lowerBound(byte[] key, int lo, int hi) {
        int low = lo;
        int high = hi;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(mid, key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The id of the tree a commit of this index would have: the cache tree's ids where still
     * valid, the rest hashed from the entries as {@code git write-tree} builds it (entries only
     * intended to be added are left out, and a directory left empty by that with them). Nothing is
     * written. Empty when the index has unmerged paths.
     */
    Optional<ObjectId> treeId() {
        if (hasUnmergedPaths()) {
            return Optional.empty();
        }
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            return tree(new byte[0], cacheTree, 0, size(), ids);
        }
    }

    private Optional<ObjectId> tree(byte[] prefix, Optional<CacheTree> node, int lo, int hi,
                                    ObjectInserter.Formatter ids) {
        if (node.isPresent() && node.get().id().isPresent()) {
            return node.get().id();
        }
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        int i = lo;
        while (i < hi) {
            int slash = slash(i, prefix.length);
            if (slash >= 0) {
                byte[] path = path(i);
                byte[] name = Arrays.copyOfRange(path, prefix.length, slash);
                byte[] directory = Arrays.copyOf(path, slash + 1);
                int end = endOf(directory, i, hi);
                Optional<ObjectId> sub = tree(directory, node.flatMap(n -> n.child(name)), i, end, ids);
                if (sub.isPresent()) {
                    writeTreeEntry(tree, FileMode.TREE.getBits(), name, sub.get());
                }
                i = end;
            } else {
                Entry e = entry(i);
                if (!e.intentToAdd()) {
                    writeTreeEntry(tree, e.mode(), Arrays.copyOfRange(e.rawPath(), prefix.length, e.rawPath().length),
                        e.id());
                }
                i++;
            }
        }
        if (tree.size() == 0 && prefix.length > 0) {
            return Optional.empty();
        }
        return Optional.of(ids.idFor(Constants.OBJ_TREE, tree.toByteArray()));
    }

    private static void writeTreeEntry(ByteArrayOutputStream tree, int mode, byte[] name, ObjectId id) {
        tree.writeBytes(Integer.toOctalString(mode).getBytes(StandardCharsets.US_ASCII));
        tree.write(' ');
        tree.writeBytes(name);
        tree.write(0);
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        id.copyRawTo(raw, 0);
        tree.writeBytes(raw);
    }

    /** The position of {@code b} in {@code bytes} at or after {@code from}, or -1. */
    static int indexOf(byte[] bytes, int b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads the bytes of an index file; {@code checkTrailer} also hashes them against the
     * trailing SHA-1 (skipped when git wrote zeros there: {@code index.skipHash}).
     *
     * @throws IOException what is wrong with the file, for {@link UnreadableIndex} to explain
     */
    static GitIndex parse(byte[] bytes, boolean checkTrailer) throws IOException {
        if (bytes.length < 12 + 20 || u32(bytes, 0) != 0x44495243) { // "DIRC"
            throw new IOException("not a git index (no DIRC header)");
        }
        int version = u32(bytes, 4);
        if (version < 2 || version > 4) {
            throw new IOException("index version " + version + " is not one git writes (2 to 4)");
        }
        int count = u32(bytes, 8);
        int end = bytes.length - 20;
        if (count < 0 || count > end / ENTRY_FIXED) {
            throw new IOException("the index claims " + Integer.toUnsignedString(count) + " entries");
        }
        if (checkTrailer) {
            checkTrailer(bytes, end);
        }
        int[] entryAt = new int[count];
        int[] pathAt = new int[count];
        int[] pathLength = new int[count];
        byte[][] rebuilt = version == 4 ? new byte[count][] : null;
        byte[] previous = new byte[0];
        int pos = 12;
        for (int i = 0; i < count; i++) {
            if (pos + ENTRY_FIXED > end) {
                throw new IOException("entry " + i + " of " + count + " runs past the end of the index");
            }
            entryAt[i] = pos;
            int flags = u16(bytes, pos + 60);
            int nameAt = pos + ENTRY_FIXED;
            if ((flags & EXTENDED) != 0) {
                if (version < 3) {
                    throw new IOException("entry " + i + " has extended flags in a version 2 index");
                }
                nameAt += 2;
            }
            if (version == 4) {
                int at = nameAt;
                // Git's offset varint (varint.c): 7 bits a byte, each continuation adding one.
                int c = bytes[at++] & 0xff;
                long strip = c & 127;
                while ((c & 128) != 0) {
                    if (at >= end || strip > Integer.MAX_VALUE >> 8) {
                        throw new IOException("entry " + i + " has a damaged path-compression length");
                    }
                    c = bytes[at++] & 0xff;
                    strip = ((strip + 1) << 7) + (c & 127);
                }
                int nul = nul(bytes, at, end);
                if (strip > previous.length) {
                    throw new IOException("entry " + i + " strips more of the path before it than there is");
                }
                int keep = previous.length - (int) strip;
                byte[] path = Arrays.copyOf(previous, keep + nul - at);
                System.arraycopy(bytes, at, path, keep, nul - at);
                rebuilt[i] = path;
                pathLength[i] = path.length;
                previous = path;
                pos = nul + 1;
            } else {
                int length = flags & NAME_MASK;
                int nul = length < NAME_MASK ? nameAt + length : nul(bytes, nameAt, end);
                if (nul >= end || bytes[nul] != 0) {
                    throw new IOException("entry " + i + " has no path terminator");
                }
                pathAt[i] = nameAt;
                pathLength[i] = nul - nameAt;
                // Entries are padded with NULs to a multiple of 8 bytes (at least one).
                pos += (nul - pos + 8) & ~7;
            }
        }
        Optional<CacheTree> tree = Optional.empty();
        while (pos < end) {
            if (pos + 8 > end) {
                throw new IOException("a truncated extension header at byte " + pos);
            }
            String signature = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            long size = u32(bytes, pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (body + size > end) {
                throw new IOException("extension " + signature + " runs past the end of the index");
            }
            if (signature.equals("TREE")) {
                int[] at = {body};
                tree = Optional.of(cacheTree(bytes, at, body + (int) size));
            } else if (signature.charAt(0) >= 'a' && signature.charAt(0) <= 'z') {
                // 'link' (split index), 'sdir' (sparse index) and any other extension git says a reader must know.
                throw new IOException("the index needs extension '" + signature + "', which tpsync does not read");
            }
            pos = body + (int) size;
        }
        return new GitIndex(bytes, entryAt, pathAt, pathLength, rebuilt, tree);
    }

    private static void checkTrailer(byte[] bytes, int end) throws IOException {
        byte[] trailer = Arrays.copyOfRange(bytes, end, bytes.length);
        if (Arrays.equals(trailer, new byte[20])) {
            return;
        }
        MessageDigest sha1 = Constants.newMessageDigest();
        sha1.update(bytes, 0, end);
        if (!Arrays.equals(sha1.digest(), trailer)) {
            throw new IOException("the index checksum does not match its content");
        }
    }

    /** One cache-tree node at {@code at[0]} and its subtrees, pre-order: "name\0count subtrees\n[id]". */
    private static CacheTree cacheTree(byte[] bytes, int[] at, int limit) throws IOException {
        int nul = nul(bytes, at[0], limit);
        byte[] name = Arrays.copyOfRange(bytes, at[0], nul);
        int[] number = {nul + 1};
        int entryCount = number(bytes, number, limit, ' ');
        int subtrees = number(bytes, number, limit, '\n');
        at[0] = number[0];
        Optional<ObjectId> id = Optional.empty();
        if (entryCount >= 0) {
            if (at[0] + Constants.OBJECT_ID_LENGTH > limit) {
                throw new IOException("a damaged cache-tree extension");
            }
            id = Optional.of(ObjectId.fromRaw(bytes, at[0]));
            at[0] += Constants.OBJECT_ID_LENGTH;
        }
        List<CacheTree> children = new ArrayList<>(subtrees);
        for (int i = 0; i < subtrees; i++) {
            children.add(cacheTree(bytes, at, limit));
        }
        return new CacheTree(name, entryCount, id, List.copyOf(children));
    }

    /** An ASCII decimal (perhaps "-1") at {@code at[0]} ended by {@code end}; {@code at[0]} moves past the end. */
    private static int number(byte[] bytes, int[] at, int limit, char end) throws IOException {
        int i = at[0];
        boolean negative = i < limit && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int value = 0;
        int digits = 0;
        while (i < limit && bytes[i] >= '0' && bytes[i] <= '9' && digits < 9) {
            value = value * 10 + bytes[i++] - '0';
            digits++;
        }
        if (digits == 0 || i >= limit || bytes[i] != end) {
            throw new IOException("a damaged cache-tree extension");
        }
        at[0] = i + 1;
        return negative ? -value : value;
    }

    private static int u32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
            | bytes[at + 3] & 0xff;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    /** The first NUL at or after {@code from}, before {@code limit}. */
    private static int nul(byte[] bytes, int from, int limit) throws IOException {
        for (int i = from; i < limit; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        throw new IOException("a path without its terminator");
    }
}
