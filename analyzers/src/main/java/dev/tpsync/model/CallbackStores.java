package dev.tpsync.model;

import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field stores of a tree that link callbacks ({@code .overflow_handler = foo}, see
 * {@link ContextSpec#callbackFields()}), by file. A kernel has ~650k field stores and a few
 * hundred of these: a rebuild after a patch carries them over and looks at the changed files
 * only, instead of scanning every store of the tree again for each patch of a series.
 * Files are keyed by identity, like {@link FileChanges}: a re-parsed file is a new object.
 */
final class CallbackStores {

    private final Map<FileFacts, List<FieldStore>> byFile;

    private CallbackStores(Map<FileFacts, List<FieldStore>> byFile) {
        this.byFile = byFile;
    }

    static CallbackStores of(List<FileFacts> files, ContextSpec spec) {
        Map<FileFacts, List<FieldStore>> byFile = new IdentityHashMap<>();
        files.forEach(f -> collect(f, spec, byFile));
        return new CallbackStores(byFile);
    }

    /** The stores of the tree after {@code changes}: those of gone files dropped, those of added files found. */
    CallbackStores after(FileChanges changes, ContextSpec spec) {
        Map<FileFacts, List<FieldStore>> byFile = new IdentityHashMap<>(this.byFile);
        changes.gone().forEach(byFile::remove);
        changes.added().forEach(f -> collect(f, spec, byFile));
        return new CallbackStores(byFile);
    }

    /** The callback-linking stores of {@code file}, in its order. */
    List<FieldStore> in(FileFacts file) {
        return byFile.getOrDefault(file, List.of());
    }

    private static void collect(FileFacts file, ContextSpec spec, Map<FileFacts, List<FieldStore>> out) {
        List<FieldStore> found = linking(file, spec);
        if (!found.isEmpty()) {
            out.put(file, found);
        }
    }

    /** The stores of {@code file} that link a callback, in its order (a kernel has ~650k stores, a few hundred of these). */
    static List<FieldStore> linking(FileFacts file, ContextSpec spec) {
        List<FieldStore> found = List.of();
        for (FieldStore store : file.fieldStores()) {
            if (spec.linksCallback(store.field(), file.path())) {
                found = found.isEmpty() ? new ArrayList<>() : found;
                found.add(store);
            }
        }
        return found.isEmpty() ? found : List.copyOf(found);
    }
}
