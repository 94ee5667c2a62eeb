package dev.tpsync.cache;

import dev.tpsync.model.ContextSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DefinitionIndex} of the last git trees whose facts a run read whole, under
 * {@code <version>/definitions/}, framed and checked as {@link TreeKeyedStore} does (~10 MB on
 * 6.1). A run on another tree uses the newest one with the files that differ between the two
 * trees read apart ({@link IndexedDefinitions}): the hook on every commit after a warm-up finds
 * it, HEAD having moved by those commits only.
 */
public final class DefinitionIndexes {

    static final String FORMAT = "definitions-v2";
    private static final int MAGIC = 0x54505344; // "TPSD"
    /** Two: the newest, and the one before it while a run reads it. */
    static final int KEEP = 2;
    static final String SUFFIX = ".definitions";
    /** The trees indexed, newest first: what a run on any tree starts from. */
    static final String INDEXED_TREES = "indexed-trees";

    private final Path dir;
    private final TreeKeyedStore<DefinitionIndex> store;

    private DefinitionIndexes(Path dir, String version) {
        this.dir = dir;
        this.store = new TreeKeyedStore<>(dir, version, FORMAT, MAGIC, SUFFIX, KEEP, new Codec(),
            tree -> KeyedFiles.noteFirst(dir.resolve(INDEXED_TREES), tree, KEEP));
    }

    /** The indexes beside {@code facts}' entries, for the same version. */
    public static DefinitionIndexes of(FactCache facts) {
        return new DefinitionIndexes(facts.root().resolve(facts.version()).resolve("definitions"), facts.version());
    }

    /** The newest index kept and intact, of any tree. */
    public Optional<DefinitionIndex> newest(ContextSpec spec) {
        for (String tree : indexedTrees()) {
            Optional<DefinitionIndex> index = store.read(tree, spec);
            if (index.isPresent() && index.get().tree().equals(tree)) {
                return index;
            }
        }
        return Optional.empty();
    }

    private List<String> indexedTrees() {
        try {
            return Files.readAllLines(dir.resolve(INDEXED_TREES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Keeps {@code index}. Best effort, like every cache write. */
    public boolean write(DefinitionIndex index, ContextSpec spec) {
        return store.write(index.tree(), spec, index);
    }

    Path file(String tree, ContextSpec spec) {
        return store.file(tree, spec);
    }

    private static final class Codec implements TreeKeyedStore.Codec<DefinitionIndex> {
        @Override
        public void write(DefinitionIndex index, DataOutputStream out) throws IOException {
            index.write(out);
        }

        @Override
        public DefinitionIndex read(ByteBuffer in) throws CorruptCacheException {
            return DefinitionIndex.read(in);
        }
    }
}
