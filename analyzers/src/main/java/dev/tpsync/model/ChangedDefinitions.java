package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The definitions of a tree some of whose files changed since a tree whose definitions are at
 * hand: the definitions there in the changed files are dropped, and theirs as they are now put
 * in, so a name a change defined, moved or took away is found where the change left it. A
 * series judged patch by patch widens the slice of the tree each patch applies to while the
 * definitions it can read cheaply are of the series' base; a kept definition index
 * ({@code dev.tpsync.cache.IndexedDefinitions}) is of a tree near the one asked about. Not
 * thread-safe: a slice is widened on one thread.
 */
public final class ChangedDefinitions implements Definitions {

    private final Definitions before;
    private final Set<String> changed;
    private final Supplier<List<FileFacts>> now;
    /** The definitions in the changed files that are there, by name; made on first use. */
    private Map<String, List<Definition>> inChanged;

    /**
     * @param before  the definitions of the tree before the changes
     * @param changed each changed source file by path, with its facts now (none for a file
     *                the changes deleted)
     */
    public ChangedDefinitions(Definitions before, Map<String, Optional<FileFacts>> changed) {
        this(before, Set.copyOf(changed.keySet()),
            () -> changed.values().stream().flatMap(Optional::stream).toList());
    }

    /**
     * As {@link #ChangedDefinitions(Definitions, Map)}, the facts of the changed files that
     * are there read from {@code now} when a name is first asked for (reading them costs).
     */
    public ChangedDefinitions(Definitions before, Set<String> changed, Supplier<List<FileFacts>> now) {
        this.before = before;
        this.changed = Set.copyOf(changed);
        this.now = now;
    }

    @Override
    public List<Definition> of(String name) {
        List<Definition> out = new ArrayList<>();
        for (Definition d : before.of(name)) {
            if (!changed.contains(d.file().path())) {
                out.add(d);
            }
        }
        List<Definition> more = inChanged().getOrDefault(name, List.of());
        if (!more.isEmpty()) {
            out.addAll(more);
            // Path order, as the tree's; the sort is stable, so a file's keep their order.
            out.sort(Comparator.comparing(d -> d.file().path()));
        }
        return out;
    }

    private Map<String, List<Definition>> inChanged() {
        if (inChanged == null) {
            inChanged = new HashMap<>();
            for (FileFacts f : now.get()) {
                for (FunctionDef fn : f.functions()) {
                    inChanged.computeIfAbsent(fn.name(), n -> new ArrayList<>()).add(new Definition(f, fn));
                }
            }
        }
        return inChanged;
    }
}
