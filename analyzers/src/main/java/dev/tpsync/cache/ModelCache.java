package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.model.ModelEdges;
import dev.tpsync.model.RebuildLog;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The call graph of whole-tree models, keyed by the tree's content (every path with its blob
 * id, from the fact cache), the {@link ContextSpec}, the cache version and a hash of the
 * model-building code ({@link CacheVersion#modelCode}). Resolving the calls
 * of a kernel tree is most of a warm run; with this a run on a tree it has seen makes the
 * nodes from the facts and maps the edges from one file.
 *
 * <p>One file per key under {@code <version>/models/}: a header, the arrays, a CRC32C of
 * everything before it. A file that is short, garbled, of another format or for other nodes
 * is ignored (and deleted), and the model is built. Written atomically; only the few built or
 * used last are kept, since a kernel's graph is tens of megabytes.
 */
public final class ModelCache {

    static final String FORMAT = "model-v2";
    private static final int MAGIC = 0x5450534d; // "TPSM"
    private static final int KEEP = 3;
    /**
     * Slices' graphs kept (~2 MB each on a kernel): a hook run on reached code keeps two, its
     * base's and the one it leaves for the next commit; a series reviewed patch by patch one for
     * each patch judged on a slice whose model the patch before did not leave (up to nine for
     * ten patches), which must not push out the hook's.
     */
    private static final int KEEP_SLICES = 16;
    /** How many files apart a kept model may be from a review's base and still be rebuilt to it. */
    static final int NEAR = 32;
    private static final String CONTENT = ".tree";

    private final Path dir;
    private final String version;

    private final int keep;

    private ModelCache(Path dir, String version, int keep) {
        this.dir = dir;
        this.version = version;
        this.keep = keep;
    }

    /** The model store beside {@code facts}' entries, for the same version. */
    public static ModelCache of(FactCache facts) {
        return new ModelCache(facts.root().resolve(facts.version()).resolve("models"), facts.version(), KEEP);
    }

    /**
     * The store of the models review builds of context slices ({@link dev.tpsync.model.ContextSlice}
     * with the touched files whole), beside the whole trees' and pruned apart from them: a hook
     * run again on the same HEAD for the same files (after a fix, say) restores its slice's
     * model, and the whole tree's graphs the long way needs are not pushed out.
     */
    public static ModelCache forSlices(FactCache facts) {
        return new ModelCache(facts.root().resolve(facts.version()).resolve("slice-models"), facts.version(),
            KEEP_SLICES);
    }

    /**
     * The model of {@code files} (whose content {@code key} names, see {@link TreeKey#ofSlice}) as
     * review rebuilds it after a patch: the cached graph when the cache has it, built on
     * {@code jobs} threads and kept otherwise.
     */
    public IncrementalModel incrementalModelOf(String key, List<FileFacts> files, ContextSpec spec, int jobs) {
        return loadIncremental(key, files, spec).orElseGet(() -> {
            IncrementalModel built = IncrementalModel.build(files, spec, jobs);
            store(key, spec, built.cacheableEdges());
            return built;
        });
    }

    /**
     * Keeps {@code model}, whose nodes are numbered as a build of its files numbers them, for the
     * content {@code key} names, unless a model is kept for it already. Best effort.
     */
    public void keep(String key, ContextSpec spec, IncrementalModel model) {
        if (!Files.exists(file(key, spec))) {
            store(key, spec, model.cacheableEdges());
        }
    }

    /** Whether a model is kept for the content {@code key} names (it may still turn out damaged when read). */
    public boolean has(String key, ContextSpec spec) {
        return Files.isRegularFile(file(key, spec));
    }

    /**
     * The model of {@code files} (whose content {@code treeKey} names): the cached graph when the
     * cache has it, built on {@code jobs} threads and kept otherwise.
     */
    public CodeModel modelOf(String treeKey, List<FileFacts> files, ContextSpec spec, int jobs) {
        return load(treeKey, files, spec).orElseGet(() -> {
            CodeModel built = ModelBuilder.build(files, spec, jobs);
            store(treeKey, spec, built.edges());
            return built;
        });
    }

    /**
     * The model of a review's base, {@code files} at {@code tree}: the cached graph when the
     * cache has it; otherwise, when it has the graph of a tree at most {@link #NEAR} files away
     * and {@code factsAt} has the facts of those files there (path, blob id), that model
     * restored and rebuilt to this tree, as review rebuilds after a patch. A hook run on the
     * commit after the one the last run built pays a rebuild (~0.3 s on a kernel) instead of a
     * build (~3 s). A rebuilt model is not kept: its nodes are numbered as the rebuild left
     * them, not as a build from the facts makes them. Otherwise built, and kept with its content.
     *
     * <p>{@code revision} (a git tree id, when the base is a revision) is noted as warm when a
     * run on it, or on the commit after it, will find a graph: see {@link #WARM_REVISIONS}.
     */
    public IncrementalModel incrementalModelOf(TreeContent tree, Optional<String> revision, List<FileFacts> files,
                                               ContextSpec spec, int jobs,
                                               BiFunction<String, String, Optional<FileFacts>> factsAt) {
        String key = tree.key();
        Optional<IncrementalModel> kept = loadIncremental(key, files, spec);
        if (kept.isPresent()) {
            revision.ifPresent(r -> noteWarm(r, file(key, spec)));
            return kept.get();
        }
        Optional<Candidate> near = nearest(tree, spec);
        Optional<IncrementalModel> rebuilt = near.flatMap(n -> rebuiltFrom(n.content(), tree, files, spec, jobs,
            factsAt));
        if (rebuilt.isPresent()) {
            if (near.get().distance() <= NEAR - HEADROOM) {
                revision.ifPresent(r -> noteWarm(r, modelFileOf(near.get().file())));
            }
            return rebuilt.get();
        }
        IncrementalModel built = IncrementalModel.build(files, spec, jobs);
        if (store(key, spec, built.cacheableEdges())) {
            keepContent(file(key, spec), tree);
            revision.ifPresent(r -> noteWarm(r, file(key, spec)));
        }
        return built;
    }

    /**
     * The revisions (git tree ids, newest first) whose review found their base's graph kept, or
     * one at most {@code NEAR - HEADROOM} files away: a review of the same revision, or of the
     * commit after it (if that commit touches at most {@link #HEADROOM} source files), will not
     * build a graph. Each line is a tree id and the name of the graph file such a run finds
     * (pruning deletes graphs, not lines: the launcher checks that the file is still there). The
     * launcher reads it to size a pre-commit hook's heap and compiler: a run that finds a graph
     * allocates at most ~2.2 GB on a kernel, one that builds it far more.
     */
    static final String WARM_REVISIONS = "warm-revisions";
    private static final int HEADROOM = 8;
    private static final int WARM_KEPT = 16;

    /** Puts {@code revision} first in {@link #WARM_REVISIONS}, with {@code graph}, the graph its runs find. Best effort. */
    private void noteWarm(String revision, Path graph) {
        KeyedFiles.noteFirst(dir.resolve(WARM_REVISIONS), revision + " " + graph.getFileName(), WARM_KEPT);
    }

    /** The kept tree content nearest to {@code tree} (at most {@link #NEAR} files away) whose model is for {@code spec}. */
    private Optional<Candidate> nearest(TreeContent tree, ContextSpec spec) {
        List<Distant> near = new ArrayList<>();
        for (Path contentFile : contentFiles()) {
            tree.distanceTo(contentFile, NEAR).ifPresent(d -> near.add(new Distant(contentFile, d)));
        }
        // Nearest first, newest first among equals (the sort is stable). Whether a content is for
        // this spec and model code is known from its key, a hash of the whole tree (~40 ms on a
        // kernel): only the nearest are read whole and hashed, usually one.
        near.sort(Comparator.comparingInt(Distant::distance));
        for (Distant d : near) {
            Optional<TreeContent> content = TreeContent.read(d.file());
            if (content.isPresent() && modelFileOf(d.file()).equals(file(content.get().key(), spec))) {
                return Optional.of(new Candidate(d.file(), content.get(), d.distance()));
            }
        }
        return Optional.empty();
    }

    /** A kept content file at most {@link #NEAR} paths from the tree asked for. */
    private record Distant(Path file, int distance) {
    }

    private record Candidate(Path file, TreeContent content, int distance) {
    }

    /** The model of {@code near} (facts of our files where the blobs agree), rebuilt to {@code files}. */
    private Optional<IncrementalModel> rebuiltFrom(TreeContent near, TreeContent tree, List<FileFacts> files,
                                                   ContextSpec spec, int jobs,
                                                   BiFunction<String, String, Optional<FileFacts>> factsAt) {
        Map<String, FileFacts> ours = new HashMap<>(files.size() * 2);
        files.forEach(f -> ours.put(f.path(), f));
        List<FileFacts> thereFiles = new ArrayList<>(near.blobs().size());
        for (Map.Entry<String, String> there : near.blobs().entrySet()) {
            String path = there.getKey();
            Optional<FileFacts> facts = there.getValue().equals(tree.blobs().get(path))
                ? Optional.ofNullable(ours.get(path)) : factsAt.apply(path, there.getValue());
            if (facts.isEmpty()) {
                return Optional.empty();
            }
            thereFiles.add(facts.get());
        }
        return loadIncremental(near.key(), thereFiles, spec).map(model -> model.rebuild(files, jobs));
    }

    /** Kept tree contents, newest first. */
    private List<Path> contentFiles() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(CONTENT)).sorted(
                Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static Path modelFileOf(Path contentFile) {
        String name = contentFile.getFileName().toString();
        return contentFile.resolveSibling(name.substring(0, name.length() - CONTENT.length()) + ".model");
    }

    private static Path contentFileOf(Path modelFile) {
        String name = modelFile.getFileName().toString();
        return modelFile.resolveSibling(name.substring(0, name.length() - ".model".length()) + CONTENT);
    }

    /** Keeps {@code tree} beside its model. Best effort: without it the model is only found by its key. */
    private static void keepContent(Path modelFile, TreeContent tree) {
        try {
            AtomicFile.write(contentFileOf(modelFile), tree::writeTo);
        } catch (IOException | UncheckedIOException e) {
            // Only the nearest-tree search loses it.
        }
    }

    /** The model of {@code files} (whose content {@code treeKey} names) from the cache, if it has it. */
    Optional<CodeModel> load(String treeKey, List<FileFacts> files, ContextSpec spec) {
        return load(treeKey, spec, edges -> ModelBuilder.restore(files, spec, edges));
    }

    /** As {@link #load}, as a model review can rebuild after each patch. */
    Optional<IncrementalModel> loadIncremental(String treeKey, List<FileFacts> files, ContextSpec spec) {
        return load(treeKey, spec, edges -> ModelBuilder.restoreIncremental(files, spec, edges));
    }

    /** Reads the graph and makes a model with it; a file that does not make one is deleted. */
    private <M> Optional<M> load(String treeKey, ContextSpec spec, Function<ModelEdges, Optional<M>> restore) {
        Path file = file(treeKey, spec);
        try {
            Optional<M> model = read(file).flatMap(restore);
            if (model.isEmpty() && Files.exists(file)) {
                Files.deleteIfExists(file);
            }
            if (model.isPresent()) {
                KeyedFiles.markUsed(file); // pruning keeps the graphs used last; the launcher reads the dates
            }
            return model;
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Keeps a model's graph for the tree {@code treeKey} names. Best effort, like every cache write. */
    boolean store(String treeKey, ContextSpec spec, ModelEdges edges) {
        try {
            AtomicFile.write(file(treeKey, spec), out -> write(edges, out));
            prune();
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    Path file(String treeKey, ContextSpec spec) {
        return KeyedFiles.of(dir, FORMAT, version, treeKey, spec, ".model");
    }

    private void write(ModelEdges e, OutputStream sink) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new java.util.zip.CheckedOutputStream(sink, crc));
        out.writeInt(MAGIC);
        KeyedFiles.writeString(out, FORMAT);
        out.writeInt(e.nodeCount());
        out.writeLong(e.nodeSignature());
        out.writeInt(e.edgeCount());
        out.writeInt(e.edgeFiles().size());
        for (String f : e.edgeFiles()) {
            KeyedFiles.writeString(out, f);
        }
        writeInts(out, e.outStart());
        writeInts(out, e.unknownIndirect());
        writeInts(out, e.edgeTo());
        writeInts(out, e.edgeLine());
        writeInts(out, e.edgeFile());
        out.write(e.edgeKind());
        out.writeBoolean(e.rebuildLog().isPresent());
        if (e.rebuildLog().isPresent()) {
            writeRebuildLog(e.rebuildLog().get(), out);
        }
        out.flush();
        sink.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    private static void writeRebuildLog(RebuildLog log, DataOutputStream out) throws IOException {
        out.writeInt(log.chunk());
        out.writeInt(log.dependencyWords().length);
        for (long[] words : log.dependencyWords()) {
            out.writeBoolean(words != null);
            if (words != null) {
                ByteBuffer buf = ByteBuffer.allocate(words.length * 8);
                buf.asLongBuffer().put(words);
                out.write(buf.array());
            }
        }
        out.writeInt(log.registeringNodes().length);
        out.writeInt(log.edgeTo().length);
        writeInts(out, log.registeringNodes());
        writeInts(out, log.rangeStart());
        writeInts(out, log.edgeFrom());
        writeInts(out, log.edgeTo());
        writeInts(out, log.edgeLine());
        writeInts(out, log.edgeFile());
        out.write(log.edgeKind());
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        // Big-endian, in bulk: an int at a time ran interpreted on a hook run, ~8 ms for a slice's model.
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        IntBuffer ints = buf.asIntBuffer();
        for (int at = 0; at < values.length; at += ints.capacity()) {
            int n = Math.min(ints.capacity(), values.length - at);
            ints.clear();
            ints.put(values, at, n);
            out.write(buf.array(), 0, n * Integer.BYTES);
        }
    }

    /** The graph in {@code file}; empty when there is none or it is not a whole, current one. */
    static Optional<ModelEdges> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 32 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            CRC32C crc = new CRC32C();
            crc.update(map.slice(0, (int) size - 8));
            if (crc.getValue() != map.getLong((int) size - 8)) {
                return Optional.empty();
            }
            ByteBuffer in = map.slice(0, (int) size - 8);
            if (in.getInt() != MAGIC || !FORMAT.equals(KeyedFiles.readString(in))) {
                return Optional.empty();
            }
            int nodes = in.getInt();
            long signature = in.getLong();
            int edges = in.getInt();
            int fileCount = in.getInt();
            if (nodes < 0 || edges < 0 || fileCount < 0) {
                return Optional.empty();
            }
            List<String> files = new ArrayList<>(fileCount);
            for (int i = 0; i < fileCount; i++) {
                files.add(KeyedFiles.readString(in));
            }
            int[] outStart = ints(in, nodes + 1);
            int[] indirect = ints(in, nodes);
            int[] to = ints(in, edges);
            int[] line = ints(in, edges);
            int[] fileIdx = ints(in, edges);
            byte[] kind = new byte[edges];
            in.get(kind);
            Optional<RebuildLog> log = in.get() != 0 ? Optional.of(readRebuildLog(in)) : Optional.empty();
            if (in.hasRemaining() || outStart[nodes] != edges) {
                return Optional.empty();
            }
            return Optional.of(new ModelEdges(nodes, signature, outStart, to, line, kind, fileIdx, files, indirect,
                log));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** A rebuild log as written; a garbled one throws what {@link #read} takes for a miss. */
    private static RebuildLog readRebuildLog(ByteBuffer in) {
        int chunk = in.getInt();
        int chunks = in.getInt();
        if (chunks < 0 || chunks > in.remaining()) {
            throw new IllegalArgumentException("chunk count " + chunks);
        }
        long[][] words = new long[chunks][];
        for (int c = 0; c < chunks; c++) {
            if (in.get() != 0) {
                words[c] = new long[RebuildLog.FILTER_WORDS];
                in.asLongBuffer().get(words[c]);
                in.position(in.position() + words[c].length * 8);
            }
        }
        int registering = in.getInt();
        int edges = in.getInt();
        if (registering < 0 || edges < 0 || (long) registering * 8 + (long) edges * 17 > in.remaining()) {
            throw new IllegalArgumentException("rebuild log sizes");
        }
        int[] nodes = ints(in, registering);
        int[] starts = ints(in, registering + 1);
        int[] from = ints(in, edges);
        int[] to = ints(in, edges);
        int[] line = ints(in, edges);
        int[] file = ints(in, edges);
        byte[] kind = new byte[edges];
        in.get(kind);
        return new RebuildLog(chunk, words, nodes, starts, from, to, line, file, kind);
    }

    private static int[] ints(ByteBuffer in, int count) {
        int[] out = new int[count];
        in.asIntBuffer().get(out);
        in.position(in.position() + count * 4);
        return out;
    }

    /** Keeps the models built or used last: {@link #KEEP} of whole trees, {@link #KEEP_SLICES} of slices. */
    private void prune() throws IOException {
        KeyedFiles.keepUsedLast(dir, ".model", keep);
        for (Path content : contentFiles()) {
            if (!Files.exists(modelFileOf(content))) {
                Files.deleteIfExists(content); // its model was pruned or found damaged
            }
        }
    }
}
