package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.concurrent.Futures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every definition of a tree's function names, asked name by name: what a wider slice takes in
 * ({@link ContextSlice#withDefinitionsOf}), whose calls to follow may run a hundred deep. Made
 * from a tree's facts ({@link #of}), or read through a kept index of where each name is defined
 * ({@code dev.tpsync.cache.IndexedDefinitions}), which reads only the files that define the
 * names asked.
 */
public interface Definitions {

    /** The definitions of {@code name} in the tree, in its path order (a file's in its order). */
    List<Definition> of(String name);

    /** A definition in the tree, with its file's facts. */
    record Definition(FileFacts file, FunctionDef function) {
    }

    /** The definitions of {@code tree}, the facts of every source file of a tree in path order. */
    static Definitions of(List<FileFacts> tree) {
        return InMemory.of(tree);
    }

    /**
     * Definitions by name from every file's facts. Most of a kernel's ~700k names have one
     * definition, which is stored as it is: a list for each would be ~700k more objects on a
     * hook run.
     */
    final class InMemory implements Definitions {
        /** By name, in the first half of the files and in the second: each half on a core. */
        private final Map<String, Object> first;
        private final Map<String, Object> second;

        private InMemory(Map<String, Object> first, Map<String, Object> second) {
            this.first = first;
            this.second = second;
        }

        static InMemory of(List<FileFacts> tree) {
            int half = tree.size() / 2;
            CompletableFuture<Map<String, Object>> second = CompletableFuture.supplyAsync(
                () -> byName(tree.subList(half, tree.size())));
            Map<String, Object> first = byName(tree.subList(0, half));
            return new InMemory(first, Futures.join(second));
        }

        private static Map<String, Object> byName(List<FileFacts> files) {
            int functions = 0;
            for (FileFacts f : files) {
                functions += f.functions().size();
            }
            Map<String, Object> out = new HashMap<>(functions * 4 / 3 + 1);
            for (FileFacts f : files) {
                List<FunctionDef> fns = f.functions();
                for (int i = 0; i < fns.size(); i++) {
                    Definition d = new Definition(f, fns.get(i));
                    Object was = out.putIfAbsent(d.function().name(), d);
                    if (was instanceof Definition one) {
                        List<Definition> both = new ArrayList<>(2);
                        both.add(one);
                        both.add(d);
                        out.put(d.function().name(), both);
                    } else if (was != null) {
                        @SuppressWarnings("unchecked")
                        List<Definition> more = (List<Definition>) was;
                        more.add(d);
                    }
                }
            }
            return out;
        }

        @Override
        public List<Definition> of(String name) {
            List<Definition> a = in(first, name);
            List<Definition> b = in(second, name);
            if (b.isEmpty() || a.isEmpty()) {
                return a.isEmpty() ? b : a;
            }
            List<Definition> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }

        @SuppressWarnings("unchecked")
        private static List<Definition> in(Map<String, Object> byName, String name) {
            Object found = byName.get(name);
            return found == null ? List.of() : found instanceof Definition d ? List.of(d) : (List<Definition>) found;
        }
    }
}
