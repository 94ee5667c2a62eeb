package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link ContextSummary} of git trees, keyed by the tree id, the {@link ContextSpec}, the cache
 * version and the model code: what lets a pre-commit hook judge a change to code no context
 * reaches without loading the tree. A review writes the summary of its base and of the tree its
 * change makes (the index's tree), so the hook on the next commit finds its HEAD's.
 *
 * <p>One small file per key under {@code <version>/summaries/} (the reached functions by file
 * and the reference files' slimmed facts), framed and checked by {@link TreeKeyedStore}: a file
 * that is short, garbled or of another format is deleted and not used; the {@link #KEEP} used
 * last are kept.
 */
public final class ContextSummaries {

    static final String FORMAT = "summary-v3";
    private static final int MAGIC = 0x54505353; // "TPSS"
    static final int KEEP = 8;
    /**
     * The git trees whose summary a run kept or used, newest first (any spec): the launcher reads it to
     * tell a pre-commit hook run that will not load the tree from one that may parse it all
     * (it compiles with C1 only for the first: see the launcher).
     */
    static final String SUMMARISED_TREES = "summarised-trees";
    private static final int TREES_KEPT = 16;

    private final TreeKeyedStore<ContextSummary> store;

    private ContextSummaries(Path dir, String version) {
        this.store = new TreeKeyedStore<>(dir, version, FORMAT, MAGIC, ".summary", KEEP, new Codec(new FactsEncodings()),
            tree -> KeyedFiles.noteFirst(dir.resolve(SUMMARISED_TREES), tree, TREES_KEPT));
    }

    /** The summaries beside {@code facts}' entries, for the same version. */
    public static ContextSummaries of(FactCache facts) {
        return new ContextSummaries(facts.root().resolve(facts.version()).resolve("summaries"), facts.version());
    }

    /** The summary of the git tree {@code treeId} read with {@code spec}, when one was kept and is intact. */
    public Optional<ContextSummary> read(String treeId, ContextSpec spec) {
        return store.read(treeId, spec);
    }

    /** Whether a summary of {@code treeId} is kept (it may still turn out damaged when read). */
    public boolean has(String treeId, ContextSpec spec) {
        return store.has(treeId, spec);
    }

    /** Whether the one kept for {@code treeId} is whole (checked, not decoded); a damaged one is removed. */
    public boolean intact(String treeId, ContextSpec spec) {
        return store.intact(treeId, spec);
    }

    /** Keeps {@code summary} for the git tree {@code treeId}. Best effort, like every cache write. */
    public boolean write(String treeId, ContextSpec spec, ContextSummary summary) {
        return store.write(treeId, spec, summary);
    }

    Path file(String treeId, ContextSpec spec) {
        return store.file(treeId, spec);
    }

    /** The reached functions by file, then each reference file's facts as {@link FactsCodec} writes them. */
    private static final class Codec implements TreeKeyedStore.Codec<ContextSummary> {

        /** What the summaries read decoded their references from: the summary a run leaves is mostly its base's. */
        private final FactsEncodings encodings;

        Codec(FactsEncodings encodings) {
            this.encodings = encodings;
        }

        @Override
        public void write(ContextSummary summary, DataOutputStream out) throws IOException {
            out.writeInt(summary.reached().size());
            for (var file : summary.reached().entrySet()) {
                KeyedFiles.writeString(out, file.getKey());
                out.writeInt(file.getValue().size());
                for (String function : file.getValue()) {
                    KeyedFiles.writeString(out, function);
                }
            }
            out.writeInt(summary.references().size());
            for (FileFacts f : summary.references()) {
                encodings.write(f, out);
            }
        }

        @Override
        public ContextSummary read(ByteBuffer in) throws CorruptCacheException {
            TreeMap<String, SortedSet<String>> reached = new TreeMap<>();
            for (int i = KeyedFiles.count(in); i > 0; i--) {
                String file = KeyedFiles.readString(in);
                TreeSet<String> functions = new TreeSet<>();
                for (int j = KeyedFiles.count(in); j > 0; j--) {
                    functions.add(KeyedFiles.readString(in));
                }
                reached.put(file, functions);
            }
            FactsEncodings.Frames frames = FactsEncodings.Frames.read(in, KeyedFiles.count(in));
            FileFacts[] references = new FileFacts[frames.size()];
            for (int i = 0; i < references.length; i++) {
                references[i] = FactsCodec.decode(in.array(), frames.at()[i], frames.length()[i]);
            }
            ContextSummary summary = new ContextSummary(reached, Arrays.asList(references));
            encodings.decoded(references, in.array(), frames);
            return summary;
        }
    }
}
