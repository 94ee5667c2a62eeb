package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Facts for the files of one tree through the cache, for {@link ParallelParser}; thread-safe.
 * Per file, cheapest first:
 * <ol>
 *   <li>stat matches the tree index (and is not racy): decode the facts packed in the index;
 *   <li>otherwise read and hash the file: same blob as the index (only touched), or a
 *       per-file entry ({@link FactCache}), decode those;
 *   <li>otherwise parse, and keep the result as a per-file entry too.
 * </ol>
 * {@link #finish()} then writes the new tree index when anything differs, and keeps the facts
 * the index drops (old versions of changed files) as per-file entries, so switching a branch
 * back and forth re-parses each changed file once.
 */
public final class CachedFactsSource implements ParallelParser.FactsSource {

    private final SourceTree tree;
    private final FactCache cache;
    private final Path indexFile;
    private final TreeIndex previous;
    private final long scanStartNanos;
    private final ConcurrentHashMap<String, TreeIndex.Entry> seen = new ConcurrentHashMap<>();
    private final Counts counts = new Counts();

    private CachedFactsSource(SourceTree tree, FactCache cache, Path indexFile, TreeIndex previous,
                              long scanStartNanos) {
        this.tree = tree;
        this.cache = cache;
        this.indexFile = indexFile;
        this.previous = previous;
        this.scanStartNanos = scanStartNanos;
    }

    /** Reads the tree's index (if any); the scan's start time is taken before anything is stat'ed. */
    public static CachedFactsSource open(SourceTree tree, FactCache cache) {
        long start = System.currentTimeMillis() * 1_000_000L;
        Path indexFile = cache.treeIndexFile(tree.root());
        return new CachedFactsSource(tree, cache, indexFile, TreeIndex.read(indexFile, cache.version()), start);
    }

    @Override
    public FileFacts facts(String path, ParseWorkspace workspace) throws IOException {
        Path file = tree.resolve(path);
        // Stat before reading: a write racing with the read leaves a newer mtime than recorded,
        // so the next run looks again.
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Optional<TreeIndex.Entry> old = previous.get(path);
        if (old.isPresent() && old.get().sameStat(size, mtime) && previous.trusted(old.get())) {
            Optional<FileFacts> facts = decode(old.get(), workspace);
            if (facts.isPresent()) {
                seen.put(path, old.get());
                counts.statHits.incrementAndGet();
                return facts.get();
            }
        }
        byte[] content = Files.readAllBytes(file);
        String blob = FactCache.blobId(content);
        if (old.isPresent() && old.get().blobId().equals(blob)) {
            Optional<FileFacts> facts = decode(old.get(), workspace);
            if (facts.isPresent()) {
                TreeIndex.Entry e = old.get();
                seen.put(path, new TreeIndex.Entry(path, size, mtime, blob, e.data(), e.crc()));
                counts.hashHits.incrementAndGet();
                return facts.get();
            }
        }
        Optional<byte[]> stored = cache.payload(blob, path);
        if (stored.isPresent()) {
            try {
                FileFacts facts = FactsCodec.decode(stored.get(), 0, stored.get().length, workspace.strings());
                seen.put(path, TreeIndex.Entry.of(path, size, mtime, blob, stored.get()));
                counts.entryHits.incrementAndGet();
                return facts;
            } catch (CorruptCacheException e) {
                // framed and checksummed yet undecodable: recompute and overwrite below
            }
        }
        workspace.use(content);
        FileFacts facts = StructureParser.parse(path, workspace);
        byte[] payload = FactsCodec.encode(facts);
        seen.put(path, TreeIndex.Entry.of(path, size, mtime, blob, payload));
        if (previous.size() > 0) {
            // A cold run's facts all go into the tree index; per-file entries are for changes.
            cache.putPayload(blob, path, payload);
        }
        counts.parsed.incrementAndGet();
        return facts;
    }

    /**
     * The {@link TreeKey} of {@code paths} as this run saw them; empty when a path was not seen
     * (its facts did not come through here).
     */
    public Optional<String> treeKey(List<String> paths) {
        return TreeKey.of(paths, path -> Optional.ofNullable(seen.get(path)).map(TreeIndex.Entry::blobId));
    }

    private static Optional<FileFacts> decode(TreeIndex.Entry e, ParseWorkspace workspace) {
        try {
            return Optional.of(e.facts(workspace));
        } catch (CorruptCacheException ex) {
            return Optional.empty();
        }
    }

    /**
     * Records what this run saw: rewrites the tree index when it changed, and keeps the facts
     * of replaced file versions as per-file entries. Best effort: failing to write the cache
     * never fails the analysis.
     */
    public void finish() {
        List<TreeIndex.Entry> entries = new ArrayList<>(seen.values());
        boolean changed = previous.size() == 0;
        for (TreeIndex.Entry e : entries) {
            Optional<TreeIndex.Entry> old = previous.get(e.path());
            if (old.isEmpty() || !old.get().sameStat(e.size(), e.mtimeNanos()) || e.data() != old.get().data()
                || !previous.trusted(old.get()) && e.mtimeNanos() < scanStartNanos - TreeIndex.RACY_NANOS) {
                // New stat data, new facts (an edit, or a corrupt payload recomputed), or a racy
                // entry that this run's index would trust. Entries with mtimes in the future stay
                // racy and must not force a rewrite on every run.
                changed = true;
            }
            if (old.isPresent() && !old.get().blobId().equals(e.blobId())) {
                cache.keepReplaced(old.get());
            }
        }
        // Files outside this run (a scan of a subdirectory) stay indexed while they exist.
        for (TreeIndex.Entry old : previous.entries()) {
            if (!seen.containsKey(old.path())) {
                if (Files.isRegularFile(tree.resolve(old.path()))) {
                    entries.add(old);
                } else {
                    changed = true;
                }
            }
        }
        if (!changed) {
            return;
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        try {
            TreeIndex.write(indexFile, cache.version(), scanStartNanos, entries);
        } catch (IOException | RuntimeException e) {
            // A read-only or full disk: the next run is cold again, still correct.
        }
    }

    /** How each file was served so far: for {@code -v} output and benchmarks. */
    public Counts counts() {
        return counts;
    }

    /** Thread-safe tallies of where facts came from. */
    public static final class Counts {
        final AtomicInteger statHits = new AtomicInteger();
        final AtomicInteger hashHits = new AtomicInteger();
        final AtomicInteger entryHits = new AtomicInteger();
        final AtomicInteger parsed = new AtomicInteger();

        /** Unchanged by stat data: facts from the tree index without reading the file. */
        public int statHits() {
            return statHits.get();
        }

        /** Read and hashed, content unchanged: facts from the tree index. */
        public int hashHits() {
            return hashHits.get();
        }

        /** Read and hashed, found as a per-file entry. */
        public int entryHits() {
            return entryHits.get();
        }

        public int parsed() {
            return parsed.get();
        }

        @Override
        public String toString() {
            return "stat hits " + statHits() + ", hash hits " + hashHits() + ", entry hits " + entryHits()
                + ", parsed " + parsed();
        }
    }
}
