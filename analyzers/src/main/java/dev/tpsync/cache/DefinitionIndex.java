package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each function name of a git tree is defined: the tree's source files (path and blob id,
 * in path order) and, for every name, the files that define it. A hook run that widens a slice
 * by what a change calls beyond it ({@code ContextSlice.withDefinitionsOf}) asks a few hundred
 * names; with this it reads only the facts of the files defining them, where it read every
 * file's (~0.7 s on 6.1, and ~1 GB the collector then copied) and indexed them by name (~0.2 s).
 *
 * <p>A name is stored as its 32-bit hash beside its file's number, one {@code long} per
 * (name, file) in ascending order: a lookup is a binary search, and a file is never read for a
 * name until asked. Two names of one hash (some tens of pairs in a kernel's ~700k names) only
 * cost the reader a file it finds no such function in: {@link IndexedDefinitions} keeps the
 * functions its name has.
 */
public final class DefinitionIndex {

    /**
     * File numbers take the low bits of an entry, a name's 32-bit hash the high ones: a tree of
     * more files than this has no index.
     */
    private static final int FILE_BITS = 24;
    static final int MOST_FILES = 1 << FILE_BITS;
    private static final int BLOB_BYTES = 20;

    private final String tree;
    private final byte[] bytes;
    /** {@code bytes} for absolute reads, which threads may share. */
    private final ByteBuffer view;
    private final int fileCount;
    private final int pathsAt;
    private final int endsAt;
    private final int blobsAt;
    private final int entryCount;
    private final int entriesAt;

    private DefinitionIndex(String tree, byte[] bytes, int fileCount, int pathsAt, int endsAt, int blobsAt,
                            int entryCount, int entriesAt) {
        this.tree = tree;
        this.bytes = bytes;
        this.view = ByteBuffer.wrap(bytes);
        this.fileCount = fileCount;
        this.pathsAt = pathsAt;
        this.endsAt = endsAt;
        this.blobsAt = blobsAt;
        this.entryCount = entryCount;
        this.entriesAt = entriesAt;
    }

    /** The git tree this index is of. */
    public String tree() {
        return tree;
    }

    /** How many source files the tree has. */
    public int fileCount() {
        return fileCount;
    }

    /** The path of file {@code file} (0 to {@link #fileCount()}, in path order). */
    public String path(int file) {
        int from = file == 0 ? 0 : intAt(endsAt + 4 * (file - 1));
        int to = intAt(endsAt + 4 * file);
        return new String(bytes, pathsAt + from, to - from, StandardCharsets.UTF_8);
    }

    /** The git blob id of file {@code file}. */
    public String blobId(int file) {
        return HexFormat.of().formatHex(bytes, blobsAt + BLOB_BYTES * file, blobsAt + BLOB_BYTES * (file + 1));
    }

    /**
     * The files that define a function named {@code name}, ascending; maybe also one that
     * defines only a name of the same hash.
     */
    public int[] filesDefining(String name) {
        long hash = nameHash(name);
        long first = hash << FILE_BITS;
        int lo = 0;
        int hi = entryCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entry(mid) < first) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < entryCount && entry(end) >>> FILE_BITS == hash) {
            end++;
        }
        int[] files = new int[end - lo];
        for (int i = lo; i < end; i++) {
            files[i - lo] = (int) (entry(i) & (MOST_FILES - 1));
        }
        return files;
    }

    private long entry(int i) {
        return view.getLong(entriesAt + 8 * i);
    }

    private int intAt(int offset) {
        return view.getInt(offset);
    }

    /**
     * The index of the git tree {@code tree} whose source files are {@code facts} (every one, in
     * path order), each with its blob id from {@code blobIdOf}; empty when one has none, or the
     * tree has more files than an entry can number.
     */
    public static Optional<DefinitionIndex> of(String tree, List<FileFacts> facts,
                                               Function<String, Optional<String>> blobIdOf) {
        if (facts.size() >= MOST_FILES) {
            return Optional.empty();
        }
        byte[][] blobs = new byte[facts.size()][];
        for (int i = 0; i < facts.size(); i++) {
            Optional<String> blob = blobIdOf.apply(facts.get(i).path());
            if (blob.isEmpty() || blob.get().length() != 2 * BLOB_BYTES) {
                return Optional.empty();
            }
            blobs[i] = HexFormat.of().parseHex(blob.get());
        }
        int functions = 0;
        for (FileFacts f : facts) {
            functions += f.functions().size();
        }
        long[] entries = new long[functions];
        int n = 0;
        for (int file = 0; file < facts.size(); file++) {
            for (FunctionDef fn : facts.get(file).functions()) {
                entries[n++] = nameHash(fn.name()) << FILE_BITS | file;
            }
        }
        // A 32-bit hash above 24 bits of file number: every entry is positive, and sorts as it compares.
        Arrays.parallelSort(entries);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || entries[i] != entries[distinct - 1]) {
                entries[distinct++] = entries[i];
            }
        }
        return Optional.of(encoded(tree, facts, blobs, Arrays.copyOf(entries, distinct)));
    }

    private static DefinitionIndex encoded(String tree, List<FileFacts> facts, byte[][] blobs, long[] entries) {
        byte[][] paths = new byte[facts.size()][];
        int pathBytes = 0;
        for (int i = 0; i < paths.length; i++) {
            paths[i] = facts.get(i).path().getBytes(StandardCharsets.UTF_8);
            pathBytes += paths[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(pathBytes + 4 * paths.length + BLOB_BYTES * blobs.length
            + 8 * entries.length);
        for (byte[] path : paths) {
            out.put(path);
        }
        int end = 0;
        for (byte[] path : paths) {
            end += path.length;
            out.putInt(end);
        }
        for (byte[] blob : blobs) {
            out.put(blob);
        }
        for (long entry : entries) {
            out.putLong(entry);
        }
        int endsAt = pathBytes;
        int blobsAt = endsAt + 4 * paths.length;
        return new DefinitionIndex(tree, out.array(), paths.length, 0, endsAt, blobsAt, entries.length,
            blobsAt + BLOB_BYTES * blobs.length);
    }

    /** Writes the index as {@link #read} reads it. */
    void write(DataOutputStream out) throws IOException {
        KeyedFiles.writeString(out, tree);
        out.writeInt(fileCount);
        out.writeInt(entryCount);
        out.writeInt(entriesAt + 8 * entryCount - pathsAt);
        out.write(bytes, pathsAt, entriesAt + 8 * entryCount - pathsAt);
    }

    /** The index {@link #write} wrote at {@code in}'s position, left after it; throws on anything malformed. */
    static DefinitionIndex read(ByteBuffer in) throws CorruptCacheException {
        String tree = KeyedFiles.readString(in);
        int files = in.getInt();
        int entries = in.getInt();
        int length = in.getInt();
        if (files < 0 || files >= MOST_FILES || entries < 0 || length < 0 || length > in.remaining()) {
            throw new CorruptCacheException("definition index of " + files + " files, " + entries
                + " entries in " + length + " bytes");
        }
        int at = in.arrayOffset() + in.position();
        int tail = (4 + BLOB_BYTES) * files + 8 * entries;
        int pathBytes = length - tail;
        if (pathBytes < 0) {
            throw new CorruptCacheException("definition index shorter than its counts");
        }
        DefinitionIndex index = new DefinitionIndex(tree, in.array(), files, at, at + pathBytes,
            at + pathBytes + 4 * files, entries, at + pathBytes + (4 + BLOB_BYTES) * files);
        // Path ends must rise within the path bytes: a path read later must not run off them.
        int previous = 0;
        for (int i = 0; i < files; i++) {
            int end = index.intAt(index.endsAt + 4 * i);
            if (end < previous || end > pathBytes) {
                throw new CorruptCacheException("definition index path ends out of order");
            }
            previous = end;
        }
        in.position(in.position() + length);
        return index;
    }

    /**
     * The hash a name is filed under: {@link String#hashCode()}, which the Java language fixes
     * (so every run computes the same) and a String caches. A hook run that reads a tree's
     * facts has hashed every name already: indexing them by name is the first thing it does
     * with them. A 64-bit hash computed anew cost ~0.1 s of a kernel's 780k definitions.
     */
    static long nameHash(String name) {
        return name.hashCode() & 0xffffffffL;
    }
}
