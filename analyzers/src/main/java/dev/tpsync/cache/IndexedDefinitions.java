package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.ChangedDefinitions;
import dev.tpsync.model.Definitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The definitions of a git tree through the {@link DefinitionIndex} of a tree near it: a name's
 * files from the index, overlaid ({@link ChangedDefinitions}) by the files that differ between
 * the two trees ({@code changed}: each with its blob id in this tree, or none where it is gone),
 * whose facts are read and searched whole. Facts are read on first use, through
 * {@code factsOf} (path, blob id), once per file. Not thread-safe: a slice is widened on one
 * thread.
 */
public final class IndexedDefinitions implements Definitions {

    private final DefinitionIndex index;
    private final Map<String, Optional<String>> changed;
    private final BiFunction<String, String, FileFacts> factsOf;
    private final Definitions definitions;
    /** The blob id of every file whose facts were read, by path. */
    private final Map<String, String> blobs = new HashMap<>();
    private final Map<String, FileFacts> read = new HashMap<>();

    /**
     * @param index   of a tree near this one
     * @param changed the source files that differ from the index's tree, with their blob ids
     *                here (none for a file this tree lacks)
     * @param factsOf the facts of a file at a blob id
     */
    public IndexedDefinitions(DefinitionIndex index, Map<String, Optional<String>> changed,
                              BiFunction<String, String, FileFacts> factsOf) {
        this.index = index;
        this.changed = Map.copyOf(changed);
        this.factsOf = factsOf;
        this.definitions = new ChangedDefinitions(this::inIndex, this.changed.keySet(), this::changedNow);
    }

    @Override
    public List<Definition> of(String name) {
        return definitions.of(name);
    }

    /** The blob id of a file whose facts a definition came from. */
    public Optional<String> blobId(String path) {
        return Optional.ofNullable(blobs.get(path));
    }

    /** How many files' facts were read so far. */
    public int filesRead() {
        return read.size();
    }

    /**
     * The definitions of {@code name} in the index's files that did not change: a changed
     * file's facts are of its blob here, and {@link #facts} keeps one per path.
     */
    private List<Definition> inIndex(String name) {
        List<Definition> out = new ArrayList<>();
        for (int file : index.filesDefining(name)) {
            String path = index.path(file);
            if (!changed.containsKey(path)) {
                FileFacts f = facts(path, index.blobId(file));
                for (FunctionDef fn : f.functions()) {
                    if (fn.name().equals(name)) {
                        out.add(new Definition(f, fn));
                    }
                }
            }
        }
        return out;
    }

    /** The facts of the changed files this tree has, in path order. */
    private List<FileFacts> changedNow() {
        List<FileFacts> out = new ArrayList<>();
        new TreeMap<>(changed).forEach((path, blob) -> blob.ifPresent(id -> out.add(facts(path, id))));
        return out;
    }

    private FileFacts facts(String path, String blob) {
        FileFacts f = read.get(path);
        if (f == null) {
            f = factsOf.apply(path, blob);
            read.put(path, f);
            blobs.put(path, blob);
        }
        return f;
    }
}
