package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.git.GitObject;
import dev.tpsync.git.ObjectIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The per-file fact store: one small file per (content, path), under
 * {@code <root>/<version>/objects/<2 hex>/<38 hex>}.
 *
 * <p>The key is SHA-1 of the git blob id and the path, not the blob id alone: facts carry
 * their path ({@code FileFacts.path}, {@code FunctionDef.file}, diagnostics), and keying on
 * both keeps a hit exactly what parsing would give, with no re-pathing code to keep in step
 * with the records. The cost is a miss when identical content appears at a new path (a
 * rename, a copied header), which is rare next to edits.
 *
 * <p>Every entry is framed ({@link EntryFrame}); a bad one is deleted on read and the caller
 * recomputes and rewrites it. Writes are atomic ({@link AtomicFile}), so concurrent runs
 * writing the same key cannot corrupt it. Writes are best effort: a read-only git dir makes
 * the cache useless, not the analysis wrong.
 */
public final class FactCache {

    private final Path root;
    private final String version;
    private final Path versionDir;
    private final Path treeRoot;

    private FactCache(Path root, String version, Path treeRoot) {
        this.root = root.toAbsolutePath().normalize();
        this.version = version;
        this.versionDir = this.root.resolve(version);
        this.treeRoot = treeRoot.toAbsolutePath().normalize();
    }

    /** The cache under {@code root} for this build's {@link CacheVersion}. */
    public static FactCache open(Path root) {
        return new FactCache(root, CacheVersion.current(), root);
    }

    /** For tests: a cache that pretends to be another build. */
    static FactCache open(Path root, String version) {
        return new FactCache(root, version, root);
    }

    /** For tests: as {@link #open(Path, String)}, for the work tree at {@code treeRoot}. */
    static FactCache open(Path root, String version, Path treeRoot) {
        return new FactCache(root, version, treeRoot);
    }

    /** The cache for a source tree, where {@link CacheLocation} puts it. */
    public static FactCache forTree(Path treeRoot) {
        return new FactCache(CacheLocation.forTree(treeRoot), CacheVersion.current(), treeRoot);
    }

    /** The work tree this cache was opened for (its own root when opened by path): whose index a review reads. */
    Path treeRoot() {
        return treeRoot;
    }

    public Path root() {
        return root;
    }

    public String version() {
        return version;
    }

    /** Git's blob id: SHA-1 of {@code "blob <length>\0"} and the bytes, in lower-case hex. */
    public static String blobId(byte[] content) {
        return ObjectIds.of(GitObject.BLOB, content).name();
    }

    public Optional<FileFacts> get(String blobId, String path) {
        Optional<byte[]> payload = payload(blobId, path);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FactsCodec.decode(payload.get()));
        } catch (CorruptCacheException e) {
            discard(entry(blobId, path));
            return Optional.empty();
        }
    }

    /** Stores the facts of {@code path} at content {@code blobId}; false when it could not. */
    public boolean put(String blobId, String path, FileFacts facts) {
        return putPayload(blobId, path, FactsCodec.encode(facts));
    }

    /** The encoded facts, checked against their frame; empty on a miss or a bad entry (which is deleted). */
    Optional<byte[]> payload(String blobId, String path) {
        Path entry = entry(blobId, path);
        try {
            return Optional.of(EntryFrame.open(version, Files.readAllBytes(entry)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CorruptCacheException e) {
            discard(entry);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps the facts an index entry held as a per-file entry, once an index holds another blob
     * for its path: going back to that content parses nothing. A payload that no longer
     * decodes is dropped.
     */
    void keepReplaced(TreeIndex.Entry replaced) {
        try {
            replaced.facts(new ParseWorkspace());
        } catch (CorruptCacheException e) {
            return;
        }
        putPayload(replaced.blobId(), replaced.path(), replaced.bytes());
    }

    boolean putPayload(String blobId, String path, byte[] payload) {
        try {
            AtomicFile.write(entry(blobId, path), EntryFrame.wrap(version, payload));
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The file of one entry; exposed to tests that garble it. */
    Path entry(String blobId, String path) {
        MessageDigest sha = CacheVersion.sha1();
        sha.update(blobId.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(sha.digest());
        return versionDir.resolve("objects").resolve(key.substring(0, 2)).resolve(key.substring(2));
    }

    /** Where the index of the tree at {@code treeRoot} lives, one per tree root and version. */
    Path treeIndexFile(Path treeRoot) {
        MessageDigest sha = CacheVersion.sha1();
        sha.update(treeRoot.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return versionDir.resolve("trees").resolve(HexFormat.of().formatHex(sha.digest(), 0, 10) + ".idx");
    }

    /** Removes every entry of every version ({@code tpsync cache clear}). */
    public void clear() throws IOException {
        removeTree(root);
    }

    /**
     * Removes what other versions wrote ({@code tpsync cache clear --old}): a new parser never
     * reads them, and a repository worked on across releases collects them. Returns what was
     * removed; none when no other version wrote here.
     */
    public List<OtherVersion> clearOtherVersions() throws IOException {
        List<OtherVersion> removed = otherVersionsWritten();
        for (OtherVersion other : removed) {
            removeTree(other.dir());
        }
        return removed;
    }

    /**
     * The directories other tpsync versions wrote under the root. Only those named as a version
     * names its own ({@code facts-v3-3f2a9c01d4e7}): the root also holds the warm-up's lock,
     * which a warm-up under way may hold.
     */
    private List<Path> otherVersions() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> !d.equals(versionDir) && Files.isDirectory(d)
                && VERSION_NAME.matcher(d.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static final java.util.regex.Pattern VERSION_NAME = java.util.regex.Pattern.compile("facts-v\\d+-[0-9a-f]+");

    /** A directory another tpsync version wrote: its size, and when a run last wrote to it. */
    public record OtherVersion(Path dir, long bytes, Instant lastWritten) {
    }

    /** The directories other tpsync versions wrote under the root, with their sizes. */
    public List<OtherVersion> otherVersionsWritten() throws IOException {
        List<OtherVersion> out = new ArrayList<>();
        for (Path dir : otherVersions()) {
            out.add(new OtherVersion(dir, sizeOf(dir), lastWritten(dir)));
        }
        return out;
    }

    /**
     * Removes the directories of other tpsync versions no run has written to for {@code unused}
     * (as of {@code now}): a version's runs write on every commit (the summary and slice of the
     * tree it makes), so a version unused that long has been replaced, and its ~1-1.5 GB per
     * kernel repository (facts, graphs, tree indexes) is never read again. A version still in
     * use beside this one (two builds of tpsync) keeps its directory. Returns what was removed.
     * Best effort: what cannot be removed stays for the next time.
     */
    public List<OtherVersion> removeUnusedVersions(Duration unused, Instant now) {
        List<OtherVersion> removed = new ArrayList<>();
        try {
            for (OtherVersion other : otherVersionsWritten()) {
                if (other.lastWritten().plus(unused).isBefore(now)) {
                    removeTree(other.dir());
                    removed.add(other);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for the next warm-up.
        }
        return removed;
    }

    /**
     * When a run last wrote to the version directory {@code dir}: the newest modification time of
     * it, of what it holds, and of what those directories hold. Every write makes or replaces a
     * file (AtomicFile renames), which changes its directory's time; per-file entries sit one
     * level deeper (objects/xx/), where their fan-out directory's time tells; graphs a run only
     * read are marked used in their own time (KeyedFiles.markUsed).
     */
    private static Instant lastWritten(Path dir) throws IOException {
        FileTime newest = Files.getLastModifiedTime(dir);
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                newest = newer(newest, Files.getLastModifiedTime(child));
                if (Files.isDirectory(child)) {
                    try (java.util.stream.Stream<Path> grandchildren = Files.list(child)) {
                        for (Path g : grandchildren.toList()) {
                            newest = newer(newest, Files.getLastModifiedTime(g));
                        }
                    }
                }
            }
        }
        return newest.toInstant();
    }

    private static FileTime newer(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long sizeOf(Path dir) throws IOException {
        long[] bytes = new long[1];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                bytes[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    private void removeTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(root)) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** What the cache holds, over all versions. */
    public Stats stats() throws IOException {
        long[] counts = new long[6];
        long[] bytes = new long[1];
        if (Files.exists(root)) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!name.startsWith(".tmp-")) {
                        kindOf(name).ifPresent(kind -> counts[kind]++);
                        bytes[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new Stats(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], bytes[0]);
    }

    /**
     * Which count of {@link Stats} a cache file adds to: 0 a per-file entry, 1 a tree index, 2 a
     * model, 3 a context summary, 4 a context slice, 5 a definition index. A model's tree content
     * (.tree) is part of the model, and the lists of trees ({@link ModelCache#WARM_REVISIONS},
     * {@link ContextSummaries#SUMMARISED_TREES}, {@link DefinitionIndexes#INDEXED_TREES}) belong to
     * their stores: none of them counts.
     */
    private static Optional<Integer> kindOf(String name) {
        if (name.endsWith(".tree") || name.equals(ModelCache.WARM_REVISIONS)
            || name.equals(ContextSummaries.SUMMARISED_TREES) || name.equals(DefinitionIndexes.INDEXED_TREES)) {
            return Optional.empty();
        }
        return Optional.of(name.endsWith(".idx") ? 1 : name.endsWith(".model") ? 2 : name.endsWith(".summary") ? 3
            : name.endsWith(".slice") ? 4 : name.endsWith(DefinitionIndexes.SUFFIX) ? 5 : 0);
    }

    /**
     * @param entries     per-file entries
     * @param treeIndexes per-tree index files (each also holds that tree's facts)
     * @param models      call graphs of whole trees and of context slices ({@link ModelCache})
     * @param summaries   context summaries of git trees ({@link ContextSummaries})
     * @param slices      context slices of git trees ({@link ContextSlices})
     * @param definitionIndexes where a git tree's names are defined ({@link DefinitionIndexes})
     * @param bytes       total size on disk
     */
    public record Stats(long entries, long treeIndexes, long models, long summaries, long slices,
                        long definitionIndexes, long bytes) {
    }

    private static void discard(Path entry) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            // the caller rewrites it anyway
        }
    }
}
