package dev.tpsync.c.structure;

import dev.tpsync.c.Diagnostic;
import java.util.List;

/**
 * Everything the front end extracts from one file. Pure function of the file's content
 * and path, so it can be cached by content hash and computed in any order.
 */
public record FileFacts(String path, int lines, List<FunctionDef> functions, List<TracepointDecl> tracepoints,
                        List<FieldStore> fieldStores, List<Diagnostic> diagnostics) {

    public FileFacts {
        functions = List.copyOf(functions);
        tracepoints = List.copyOf(tracepoints);
        fieldStores = List.copyOf(fieldStores);
        diagnostics = List.copyOf(diagnostics);
    }

    public static FileFacts empty(String path) {
        return new FileFacts(path, 0, List.of(), List.of(), List.of(), List.of());
    }
}
