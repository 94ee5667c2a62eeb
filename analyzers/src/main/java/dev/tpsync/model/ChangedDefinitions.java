package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions of a tree some of whose files changed since a tree whose definitions are at
 * hand: a series judged patch by patch widens the slice of the tree each patch applies to,
 * while the definitions it can read cheaply (a kept index) are of the series' base. The base's
 * definitions in the changed files are dropped and theirs as they are now put in, so a name
 * an earlier patch defined, moved or took away is found where that patch left it.
 */
public final class ChangedDefinitions implements Definitions {

    private final Definitions before;
    private final Map<String, Optional<FileFacts>> changed;
    private final Map<String, List<Definition>> inChanged = new HashMap<>();

    /**
     * @param before  the definitions of the tree before the changes
     * @param changed each changed source file by path, with its facts now (none for a file
     *                the changes deleted)
     */
    public ChangedDefinitions(Definitions before, Map<String, Optional<FileFacts>> changed) {
        this.before = before;
        this.changed = Map.copyOf(changed);
        for (Optional<FileFacts> file : this.changed.values()) {
            file.ifPresent(f -> {
                for (FunctionDef fn : f.functions()) {
                    inChanged.computeIfAbsent(fn.name(), n -> new ArrayList<>()).add(new Definition(f, fn));
                }
            });
        }
    }

    @Override
    public List<Definition> of(String name) {
        List<Definition> out = new ArrayList<>();
        for (Definition d : before.of(name)) {
            if (!changed.containsKey(d.file().path())) {
                out.add(d);
            }
        }
        List<Definition> more = inChanged.getOrDefault(name, List.of());
        if (!more.isEmpty()) {
            out.addAll(more);
            // Path order, as the tree's; the sort is stable, so a file's keep their order.
            out.sort(Comparator.comparing(d -> d.file().path()));
        }
        return out;
    }
}
