package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Facts of a git revision's files (a review's base tree) through the cache, by blob id; for
 * {@code ParallelParser}, thread-safe. Per file, cheapest first:
 * <ol>
 *   <li>the work tree's index ({@link TreeIndex}, what a scan keeps) has the path at the same
 *       blob: decode those facts;
 *   <li>a per-file entry ({@link FactCache}) for the blob: decode that;
 *   <li>otherwise parse, and keep the result as a per-file entry.
 * </ol>
 * The index is one mapped file; one file per entry cost a hook run on a kernel ~55,000
 * opens and reads, about a second of system time on this project's VMs. {@link #finish} adds
 * the files the index lacked to it (without stat data, so a scan hashes them before trusting
 * them) once they are many: after a commit or two a few per-file entries are cheaper than
 * rewriting ~180 MB, after a rebase they are not. The versions it replaces are kept as per-file
 * entries, as a scan keeps the ones it replaces, so going back parses nothing. Cached facts
 * come with their functions' calls left in the payload until read ({@link
 * dev.tpsync.c.structure.DeferredCalls}): a review reads those of a few thousand functions.
 */
public final class SnapshotFacts {

    /** Below this many misses (or a hundredth of the tree) the index is not rewritten. */
    static final int REWRITE_MISSES = 64;

    /** The size of an entry that has no stat data: no file has it, so a scan never trusts it by stat. */
    static final long NO_STAT = -1;

    private final FactCache cache;
    private final Path indexFile;
    private final TreeIndex index;
    private final Map<String, TreeIndex.Entry> missed = new ConcurrentHashMap<>();
    private final AtomicInteger served = new AtomicInteger();

    private SnapshotFacts(FactCache cache, Path indexFile, TreeIndex index) {
        this.cache = cache;
        this.indexFile = indexFile;
        this.index = index;
    }

    /** Reads the index of the cache's work tree, if there is a sound one. */
    public static SnapshotFacts open(FactCache cache) {
        Path indexFile = cache.treeIndexFile(cache.treeRoot());
        return new SnapshotFacts(cache, indexFile, TreeIndex.read(indexFile, cache.version()));
    }

    /**
     * Starts reading the work tree's index into memory on a thread of its own, front to back,
     * for a caller that will read the facts of a few thousand files scattered over it (a slice
     * widened through a definition index): when the file's pages are out of the page cache, each
     * of those reads would wait for the disk on its own (11.6 s once on 6.1 for 3,400 files,
     * where reading the whole 185 MB file takes ~1-4 s). A daemon: the run does not wait for it.
     */
    public void prefetchInBackground() {
        Thread loading = new Thread(index::load, "tpsync-index-prefetch");
        loading.setDaemon(true);
        loading.start();
    }

    /** The facts of {@code path} at {@code blobId}; {@code parse} makes them when the cache has none. */
    public FileFacts facts(String path, String blobId, ParseWorkspace workspace,
                           Function<ParseWorkspace, FileFacts> parse) {
        Optional<FileFacts> cached = lookup(path, blobId, workspace, true);
        if (cached.isPresent()) {
            return cached.get();
        }
        FileFacts facts = parse.apply(workspace);
        byte[] payload = FactsCodec.encode(facts);
        cache.putPayload(blobId, path, payload);
        missed.put(path, TreeIndex.Entry.of(path, NO_STAT, 0, blobId, payload));
        return facts;
    }

    /**
     * The facts of {@code path} at {@code blobId} if the index or a per-file entry has them; a
     * model a few files from this tree is rebuilt from them ({@link ModelCache}).
     */
    public Optional<FileFacts> cached(String path, String blobId, ParseWorkspace workspace) {
        return lookup(path, blobId, workspace, false);
    }

    /** From the index, else from a per-file entry ({@code keep}: and noted for the index). */
    private Optional<FileFacts> lookup(String path, String blobId, ParseWorkspace workspace, boolean keep) {
        Optional<TreeIndex.Entry> indexed = index.get(path);
        if (indexed.isPresent() && indexed.get().blobId().equals(blobId)) {
            try {
                FileFacts facts = indexed.get().factsDeferringCalls(workspace);
                if (keep) {
                    served.incrementAndGet();
                }
                return Optional.of(facts);
            } catch (CorruptCacheException e) {
                // One damaged payload: served below, and replaced in the index once it is rewritten.
            }
        }
        Optional<byte[]> stored = cache.payload(blobId, path);
        if (stored.isPresent()) {
            try {
                FileFacts facts = FactsCodec.decodeDeferringCalls(ByteBuffer.wrap(stored.get()), stored.get(),
                    stored.get().length, workspace.strings());
                if (keep) {
                    missed.put(path, TreeIndex.Entry.of(path, NO_STAT, 0, blobId, stored.get()));
                }
                return Optional.of(facts);
            } catch (CorruptCacheException e) {
                // Framed and checksummed yet undecodable: the caller parses (and overwrites) it.
            }
        }
        return Optional.empty();
    }

    /** Files served from the index so far. */
    public int fromIndex() {
        return served.get();
    }

    /** Files the index did not have at their blob so far. */
    public int missed() {
        return missed.size();
    }

    /**
     * Adds what the index lacked to it when that was much, keeping every entry it had for other
     * paths. Best effort: failing to write the cache never fails the review.
     */
    public void finish() {
        int total = served.get() + missed.size();
        if (missed.isEmpty() || index.size() > 0 && missed.size() < Math.max(REWRITE_MISSES, total / 100)) {
            return;
        }
        Map<String, TreeIndex.Entry> entries = new TreeMap<>();
        index.entries().forEach(e -> entries.put(e.path(), e));
        for (TreeIndex.Entry replaced : missed.values()) {
            // What the index had for the path (the work tree's version, if a scan put it there)
            // stays as a per-file entry: the next scan reads it instead of parsing again.
            TreeIndex.Entry old = entries.put(replaced.path(), replaced);
            if (old != null && !old.blobId().equals(replaced.blobId())) {
                cache.keepReplaced(old);
            }
        }
        try {
            TreeIndex.write(indexFile, cache.version(), index.size() > 0 ? index.scanStartNanos() : 0,
                entries.values());
        } catch (IOException | RuntimeException e) {
            // A read-only or full disk: the next run reads per-file entries again, still correct.
        }
    }
}
