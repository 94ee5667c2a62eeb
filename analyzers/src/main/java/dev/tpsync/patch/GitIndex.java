package dev.tpsync.patch;

import dev.tpsync.git.GitObject;
import dev.tpsync.git.ObjectIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A git index file ({@code .git/index}, versions 2 to 4) as the staged review needs it: the
 * entries in index order and the cache-tree extension, which names the tree of every directory
 * no {@code git add} has touched since the tree was last written. JGit's reader hashes the whole
 * file to check its trailer and makes a full entry object of every path (~0.1 s of a kernel's
 * 8 MB, 80,000-entry index in a hook run); git itself does not check the trailer when it reads
 * the index (only {@code git fsck} does), and neither does this reader unless asked. The file is
 * mapped, one pass notes where each entry and its path start, and an entry is decoded only when
 * asked for (~15 ms for a kernel's).
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
     * The cache-tree extension, read in place: each directory a node (the root is 0, children
     * follow their parent in pre-order), with its name within its parent and its tree id while
     * still valid (a {@code git add} below it clears it). A kernel's has ~5,000 directories: they
     * are numbered, not made objects.
     */
    private static final class CacheTree {
        static final int NONE = -1;

        private final ByteBuffer bytes;
        private final int[] nameAt;
        private final int[] nameLength;
        private final int[] idAt;
        private final int[] subtrees;
        /** Nodes in the subtree of each node, itself included: the step from a child to its next sibling. */
        private final int[] extent;

        private CacheTree(ByteBuffer bytes, int[] nameAt, int[] nameLength, int[] idAt, int[] subtrees, int[] extent) {
            this.bytes = bytes;
            this.nameAt = nameAt;
            this.nameLength = nameLength;
            this.idAt = idAt;
            this.subtrees = subtrees;
            this.extent = extent;
        }

        /** The tree id of {@code node} while valid; empty for {@link #NONE}. */
        Optional<ObjectId> id(int node) {
            return node == NONE || idAt[node] < 0 ? Optional.empty() : Optional.of(objectId(bytes, idAt[node]));
        }

        /** The child of {@code node} named {@code name}, or {@link #NONE}. */
        int child(int node, byte[] name) {
            if (node == NONE) {
                return NONE;
            }
            int c = node + 1;
            for (int k = 0; k < subtrees[node]; k++) {
                if (nameLength[c] == name.length && named(c, name)) {
                    return c;
                }
                c += extent[c];
            }
            return NONE;
        }

        private boolean named(int node, byte[] name) {
            for (int k = 0; k < name.length; k++) {
                if (bytes.get(nameAt[node] + k) != name[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final int ENTRY_FIXED = 62;
    private static final int EXTENDED = 0x4000;
    private static final int INTENT_TO_ADD = 1 << 13;
    private static final int NAME_MASK = 0xfff;

    /** The file's bytes (mapped, not copied): entries are read from them on demand. */
    private final ByteBuffer bytes;
    /** Where each entry starts, and where its path does. */
    private final int[] entryAt;
    private final int[] pathAt;
    private final int[] pathLength;
    /** Version 4 compresses each path against the one before: those are rebuilt, one array each. */
    private final byte[][] rebuiltPaths;
    private final Optional<CacheTree> cacheTree;
    /** The first entry of a stage other than 0, or -1. */
    private final int firstUnmerged;
    /** Whether some entry is only intended to be added ({@code git add -N}). */
    private final boolean intentToAdd;
    /**
     * The trees hashed for directories the cache tree no longer names ({@link #tree}), by the
     * directory's first entry and its prefix's length (a directory and its first subdirectory
     * start at the same entry). The staged paths and the index's tree ask for the same ones.
     */
    private final Map<Long, Optional<ObjectId>> hashedTrees = new HashMap<>();

    private GitIndex(ByteBuffer bytes, int[] entryAt, int[] pathAt, int[] pathLength, byte[][] rebuiltPaths,
                     Optional<CacheTree> cacheTree, int firstUnmerged, boolean intentToAdd) {
        this.bytes = bytes;
        this.entryAt = entryAt;
        this.pathAt = pathAt;
        this.pathLength = pathLength;
        this.rebuiltPaths = rebuiltPaths;
        this.cacheTree = cacheTree;
        this.firstUnmerged = firstUnmerged;
        this.intentToAdd = intentToAdd;
    }

    /** How many entries the index has (a conflicted path has one per stage). */
    int size() {
        return entryAt.length;
    }

    /** Entry {@code i}, in git's order: by path bytes, then stage. */
    Entry entry(int i) {
        int at = entryAt[i];
        int flags = u16(bytes, at + 60);
        return new Entry(path(i), bytes.getInt(at + 24), objectId(bytes, at + 40), (flags >> 12) & 3,
            bytes.getInt(at + 36) & 0xffffffffL, bytes.getInt(at + 8) & 0xffffffffL, bytes.getInt(at + 12),
            intentToAdd(i));
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
    private byte[] path(int i) {
        if (rebuiltPaths != null) {
            return rebuiltPaths[i];
        }
        byte[] path = new byte[pathLength[i]];
        bytes.get(pathAt[i], path);
        return path;
    }

    /** The first '/' in entry {@code i}'s path at or after {@code from}, or -1. */
    private int slash(int i, int from) {
        if (rebuiltPaths != null) {
            return indexOf(rebuiltPaths[i], '/', from);
        }
        for (int k = from; k < pathLength[i]; k++) {
            if (bytes.get(pathAt[i] + k) == '/') {
                return k;
            }
        }
        return -1;
    }

    private int compare(int i, byte[] key) {
        if (rebuiltPaths != null) {
            return Arrays.compareUnsigned(rebuiltPaths[i], key);
        }
        int at = pathAt[i];
        int length = pathLength[i];
        for (int k = 0; k < Math.min(length, key.length); k++) {
            int c = Integer.compare(bytes.get(at + k) & 0xff, key[k] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, key.length);
    }

    /** The cache tree's root directory, or a node that is none when the index has no cache tree. */
    int cacheRoot() {
        return cacheTree.isPresent() ? 0 : CacheTree.NONE;
    }

    /** The tree id the cache tree still knows for directory {@code node}; empty once a change below cleared it. */
    Optional<ObjectId> cachedTree(int node) {
        return cacheTree.flatMap(t -> t.id(node));
    }

    /**
     * The tree directory {@code prefix} (cache-tree node {@code node}, entries [{@code lo},
     * {@code hi})) has in the index, when it is known to stand for every entry there: the cache
     * tree's id while valid, else the one {@link #tree} hashes, unless some entry of the index is
     * only intended to be added (a commit leaves those out, a staged diff as JGit writes it does
     * not; git keeps the cache tree above such an entry invalid for the same reason).
     *
     * <p>Right after a checkout ({@code git worktree add}, say) a {@code git add -u} re-adds the
     * files git could not trust by their stat ("racily clean"), and each clears the cache-tree
     * entries above it: on 6.1 that left ~700-800 directories without an id. Walking HEAD's trees
     * for them cost a hook run 40-60 ms; hashing them is work the index's tree id
     * ({@link #treeId}) needs anyway, and is done once for both.
     */
    Optional<ObjectId> knownTree(byte[] prefix, int node, int lo, int hi) {
        Optional<ObjectId> cached = cachedTree(node);
        if (cached.isPresent() || intentToAdd || hasUnmergedPaths()) {
            return cached;
        }
        return tree(prefix, node, lo, hi);
    }

    /** The cache tree's directory {@code name} in directory {@code node}, or a node that is none. */
    int cacheChild(int node, byte[] name) {
        return cacheTree.map(t -> t.child(node, name)).orElse(CacheTree.NONE);
    }

    /**
     * What a directory of the index holds directly: a file (one entry) or a directory (its
     * entries [{@code from}, {@code to})), by its name there. In index order, which is git's
     * tree order.
     */
    record Child(byte[] name, boolean directory, int from, int to) {

        /** The path prefix of this directory's own entries, below {@code prefix}: "a/b/" + name + "/". */
        byte[] below(byte[] prefix) {
            byte[] path = Arrays.copyOf(prefix, prefix.length + name.length + 1);
            System.arraycopy(name, 0, path, prefix.length, name.length);
            path[path.length - 1] = '/';
            return path;
        }
    }

    /** The children of the directory {@code prefix} ("" or "a/b/"), whose entries are [lo, hi). */
    List<Child> children(byte[] prefix, int lo, int hi) {
        List<Child> out = new ArrayList<>();
        int i = lo;
        while (i < hi) {
            byte[] path = path(i);
            int slash = slash(i, prefix.length);
            if (slash >= 0) {
                int end = endOf(Arrays.copyOf(path, slash + 1), i, hi);
                out.add(new Child(Arrays.copyOfRange(path, prefix.length, slash), true, i, end));
                i = end;
            } else {
                out.add(new Child(Arrays.copyOfRange(path, prefix.length, path.length), false, i, i + 1));
                i++;
            }
        }
        return out;
    }

    /** True when a merge left conflicts: some path has stages 1 to 3 instead of 0. */
    boolean hasUnmergedPaths() {
        return firstUnmerged >= 0;
    }

    /** The first unmerged path, for the message that refuses a conflicted index. */
    Optional<String> firstUnmergedPath() {
        return hasUnmergedPaths() ? Optional.of(entry(firstUnmerged).path()) : Optional.empty();
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
    private int endOf(byte[] directory, int lo, int hi) {
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
        return tree(new byte[0], cacheRoot(), 0, size());
    }

    private synchronized Optional<ObjectId> tree(byte[] prefix, int node, int lo, int hi) {
        Optional<ObjectId> valid = cachedTree(node);
        if (valid.isPresent()) {
            return valid;
        }
        Long key = ((long) lo << 32) | prefix.length;
        Optional<ObjectId> hashed = hashedTrees.get(key);
        if (hashed == null) {
            hashed = hash(prefix, node, lo, hi);
            hashedTrees.put(key, hashed);
        }
        return hashed;
    }

    private Optional<ObjectId> hash(byte[] prefix, int node, int lo, int hi) {
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        for (Child c : children(prefix, lo, hi)) {
            if (c.directory()) {
                Optional<ObjectId> sub = tree(c.below(prefix), cacheChild(node, c.name()), c.from(), c.to());
                if (sub.isPresent()) {
                    writeTreeEntry(tree, DIRECTORY_MODE, c.name());
                    sub.get().copyRawTo(idBuffer, 0);
                    tree.write(idBuffer, 0, idBuffer.length);
                }
            } else if (!intentToAdd(c.from())) {
                writeTreeEntry(tree, octal(bytes.getInt(entryAt[c.from()] + 24)), c.name());
                bytes.get(entryAt[c.from()] + 40, idBuffer);
                tree.write(idBuffer, 0, idBuffer.length);
            }
        }
        if (tree.size() == 0 && prefix.length > 0) {
            return Optional.empty();
        }
        if (sha1 == null) {
            sha1 = ObjectIds.digest();
        }
        return Optional.of(ObjectIds.of(sha1, GitObject.TREE, tree.toByteArray()));
    }

    /** The hashing's scratch (guarded by this index, as {@link #tree} is). */
    private final byte[] idBuffer = new byte[Constants.OBJECT_ID_LENGTH];
    private MessageDigest sha1;

    private boolean intentToAdd(int i) {
        int at = entryAt[i];
        return (u16(bytes, at + 60) & EXTENDED) != 0 && (u16(bytes, at + ENTRY_FIXED) & INTENT_TO_ADD) != 0;
    }

    private static final byte[] DIRECTORY_MODE = ascii("40000");
    private static final byte[] FILE_MODE = ascii("100644");
    private static final byte[] EXECUTABLE_MODE = ascii("100755");

    /** A mode as a tree writes it: octal, without leading zeros. */
    private static byte[] octal(int mode) {
        return switch (mode) {
            case 0100644 -> FILE_MODE;
            case 0100755 -> EXECUTABLE_MODE;
            default -> ascii(Integer.toOctalString(mode));
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** "mode SP name NUL", the id to follow. */
    private static void writeTreeEntry(ByteArrayOutputStream tree, byte[] mode, byte[] name) {
        tree.write(mode, 0, mode.length);
        tree.write(' ');
        tree.write(name, 0, name.length);
        tree.write(0);
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
     * Reads an index file, mapped rather than copied (a kernel's is 8 MB); {@code checkTrailer}
     * also hashes it against its trailing SHA-1 (skipped when git wrote zeros there:
     * {@code index.skipHash}).
     *
     * @throws IOException what is wrong with the file, for {@link UnreadableIndex} to explain
     */
    static GitIndex read(Path file, boolean checkTrailer) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), checkTrailer);
        }
    }

    /** As {@link #read}, of the bytes of an index file. */
    static GitIndex parse(byte[] bytes, boolean checkTrailer) throws IOException {
        return parse(ByteBuffer.wrap(bytes), checkTrailer);
    }

    private static GitIndex parse(ByteBuffer bytes, boolean checkTrailer) throws IOException {
        int length = bytes.limit();
        if (length < 12 + 20 || bytes.getInt(0) != 0x44495243) { // "DIRC"
            throw new IOException("not a git index (no DIRC header)");
        }
        int version = bytes.getInt(4);
        if (version < 2 || version > 4) {
            throw new IOException("index version " + version + " is not one git writes (2 to 4)");
        }
        int count = bytes.getInt(8);
        int end = length - 20;
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
        int firstUnmerged = -1;
        boolean intentToAdd = false;
        int pos = 12;
        for (int i = 0; i < count; i++) {
            if (pos + ENTRY_FIXED > end) {
                throw new IOException("entry " + i + " of " + count + " runs past the end of the index");
            }
            entryAt[i] = pos;
            int flags = u16(bytes, pos + 60);
            if (firstUnmerged < 0 && ((flags >> 12) & 3) != 0) {
                firstUnmerged = i;
            }
            int nameAt = pos + ENTRY_FIXED;
            if ((flags & EXTENDED) != 0) {
                if (version < 3) {
                    throw new IOException("entry " + i + " has extended flags in a version 2 index");
                }
                intentToAdd |= (u16(bytes, nameAt) & INTENT_TO_ADD) != 0;
                nameAt += 2;
            }
            if (version == 4) {
                int at = nameAt;
                // Git's offset varint (varint.c): 7 bits a byte, each continuation adding one.
                int c = bytes.get(at++) & 0xff;
                long strip = c & 127;
                while ((c & 128) != 0) {
                    if (at >= end || strip > Integer.MAX_VALUE >> 8) {
                        throw new IOException("entry " + i + " has a damaged path-compression length");
                    }
                    c = bytes.get(at++) & 0xff;
                    strip = ((strip + 1) << 7) + (c & 127);
                }
                int nul = nul(bytes, at, end);
                if (strip > previous.length) {
                    throw new IOException("entry " + i + " strips more of the path before it than there is");
                }
                int keep = previous.length - (int) strip;
                byte[] path = Arrays.copyOf(previous, keep + nul - at);
                bytes.get(at, path, keep, nul - at);
                rebuilt[i] = path;
                pathLength[i] = path.length;
                previous = path;
                pos = nul + 1;
            } else {
                int nameLength = flags & NAME_MASK;
                int nul = nameLength < NAME_MASK ? nameAt + nameLength : nul(bytes, nameAt, end);
                if (nul >= end || bytes.get(nul) != 0) {
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
            byte[] signatureBytes = new byte[4];
            bytes.get(pos, signatureBytes);
            String signature = new String(signatureBytes, StandardCharsets.US_ASCII);
            long size = bytes.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (body + size > end) {
                throw new IOException("extension " + signature + " runs past the end of the index");
            }
            if (signature.equals("TREE")) {
                tree = cacheTree(bytes, body, body + (int) size);
            } else if (signature.charAt(0) >= 'a' && signature.charAt(0) <= 'z') {
                // 'link' (split index), 'sdir' (sparse index) and any other extension git says a reader must know.
                throw new IOException("the index needs extension '" + signature + "', which tpsync does not read");
            }
            pos = body + (int) size;
        }
        return new GitIndex(bytes, entryAt, pathAt, pathLength, rebuilt, tree, firstUnmerged, intentToAdd);
    }

    private static void checkTrailer(ByteBuffer bytes, int end) throws IOException {
        byte[] trailer = new byte[20];
        bytes.get(end, trailer);
        if (Arrays.equals(trailer, new byte[20])) {
            return;
        }
        MessageDigest sha1 = Constants.newMessageDigest();
        sha1.update(bytes.duplicate().position(0).limit(end));
        if (!Arrays.equals(sha1.digest(), trailer)) {
            throw new IOException("the index checksum does not match its content");
        }
    }

    /**
     * The cache-tree extension in [{@code from}, {@code limit}): nodes in pre-order, each
     * "name\0entries subtrees\n" and its 20-byte id when entries is not -1.
     */
    private static Optional<CacheTree> cacheTree(ByteBuffer bytes, int from, int limit) throws IOException {
        int[] nameAt = new int[1024];
        int[] nameLength = new int[1024];
        int[] idAt = new int[1024];
        int[] subtrees = new int[1024];
        int n = 0;
        int at = from;
        while (at < limit) {
            if (n == nameAt.length) {
                nameAt = Arrays.copyOf(nameAt, 2 * n);
                nameLength = Arrays.copyOf(nameLength, 2 * n);
                idAt = Arrays.copyOf(idAt, 2 * n);
                subtrees = Arrays.copyOf(subtrees, 2 * n);
            }
            int nul = nul(bytes, at, limit);
            nameAt[n] = at;
            nameLength[n] = nul - at;
            int[] number = {nul + 1};
            int entryCount = number(bytes, number, limit, ' ');
            subtrees[n] = number(bytes, number, limit, '\n');
            at = number[0];
            idAt[n] = -1;
            if (entryCount >= 0) {
                if (at + Constants.OBJECT_ID_LENGTH > limit) {
                    throw new IOException("a damaged cache-tree extension");
                }
                idAt[n] = at;
                at += Constants.OBJECT_ID_LENGTH;
            }
            n++;
        }
        if (n == 0) {
            return Optional.empty();
        }
        int[] extent = new int[n];
        if (extents(subtrees, extent, 0, n) != n) {
            throw new IOException("a damaged cache-tree extension");
        }
        return Optional.of(new CacheTree(bytes, nameAt, nameLength, idAt, subtrees, extent));
    }

    /** Fills the extent of node {@code i} and its subtree; the node after them, or past {@code n} when damaged. */
    private static int extents(int[] subtrees, int[] extent, int i, int n) {
        int next = i + 1;
        for (int k = 0; k < subtrees[i] && next < n; k++) {
            next = extents(subtrees, extent, next, n);
        }
        extent[i] = next - i;
        return next;
    }

    /** An ASCII decimal (perhaps "-1") at {@code at[0]} ended by {@code end}; {@code at[0]} moves past the end. */
    private static int number(ByteBuffer bytes, int[] at, int limit, char end) throws IOException {
        int i = at[0];
        boolean negative = i < limit && bytes.get(i) == '-';
        if (negative) {
            i++;
        }
        int value = 0;
        int digits = 0;
        while (i < limit && bytes.get(i) >= '0' && bytes.get(i) <= '9' && digits < 9) {
            value = value * 10 + bytes.get(i++) - '0';
            digits++;
        }
        if (digits == 0 || i >= limit || bytes.get(i) != end) {
            throw new IOException("a damaged cache-tree extension");
        }
        at[0] = i + 1;
        return negative ? -value : value;
    }

    private static int u16(ByteBuffer bytes, int at) {
        return bytes.getShort(at) & 0xffff;
    }

    private static ObjectId objectId(ByteBuffer bytes, int at) {
        return ObjectId.fromRaw(new int[] {bytes.getInt(at), bytes.getInt(at + 4), bytes.getInt(at + 8),
            bytes.getInt(at + 12), bytes.getInt(at + 16)});
    }

    /** The first NUL at or after {@code from}, before {@code limit}. */
    private static int nul(ByteBuffer bytes, int from, int limit) throws IOException {
        for (int i = from; i < limit; i++) {
            if (bytes.get(i) == 0) {
                return i;
            }
        }
        throw new IOException("a path without its terminator");
    }
}
