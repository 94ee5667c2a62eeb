package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.Definitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The definitions of a git tree through the {@link DefinitionIndex} of a tree near it: a name's
 * files from the index, but for the files that differ between the two trees ({@code changed}:
 * each with its blob id in this tree, or none where it is gone), whose facts are read and
 * searched whole. Facts are read on first use, through {@code factsOf} (path, blob id), once per
 * file. Not thread-safe: a slice is widened on one thread.
 */
public final class IndexedDefinitions implements Definitions {

    private final DefinitionIndex index;
    private final Map<String, Optional<String>> changed;
    private final BiFunction<String, String, FileFacts> factsOf;
    /** The blob id of every file whose facts were read, by path. */
    private final Map<String, String> blobs = new HashMap<>();
    private final Map<String, FileFacts> read = new HashMap<>();
    /** The definitions in the changed files that are there, by name; made on first use. */
    private Map<String, List<Definition>> inChanged;

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
    }

    @Override
    public List<Definition> of(String name) {
        List<Definition> out = new ArrayList<>();
        for (int file : index.filesDefining(name)) {
            String path = index.path(file);
            if (!changed.containsKey(path)) {
                addNamed(name, facts(path, index.blobId(file)), out);
            }
        }
        List<Definition> more = inChanged().getOrDefault(name, List.of());
        if (!more.isEmpty()) {
            out.addAll(more);
            // Path order, as the tree's; stable, so a file's keep their order.
            out.sort(Comparator.comparing(d -> d.file().path()));
        }
        return out;
    }

    /** The blob id of a file whose facts a definition came from. */
    public Optional<String> blobId(String path) {
        return Optional.ofNullable(blobs.get(path));
    }

    /** How many files' facts were read so far. */
    public int filesRead() {
        return read.size();
    }

    private Map<String, List<Definition>> inChanged() {
        if (inChanged == null) {
            inChanged = new HashMap<>();
            // Path order, so each name's list is in the tree's order.
            new TreeMap<>(changed).forEach((path, blob) -> blob.ifPresent(id -> {
                FileFacts f = facts(path, id);
                for (FunctionDef fn : f.functions()) {
                    inChanged.computeIfAbsent(fn.name(), n -> new ArrayList<>()).add(new Definition(f, fn));
                }
            }));
        }
        return inChanged;
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

    private static void addNamed(String name, FileFacts f, List<Definition> out) {
        for (FunctionDef fn : f.functions()) {
            if (fn.name().equals(name)) {
                out.add(new Definition(f, fn));
            }
        }
    }
}
