package dev.tpsync.model;

import dev.tpsync.c.structure.FunctionDef;
import java.util.Optional;

/**
 * A call-graph node: a function, a macro body, a tracepoint or a generated probe.
 *
 * @param id       index in the model
 * @param name     function name, macro name, {@code trace_<tp>} or generated probe name
 * @param function the definition behind it; for a generated probe, its template
 */
public record Node(int id, String name, NodeKind kind, String file, int line, Optional<FunctionDef> function) {

    public boolean isFunctionLike() {
        return kind == NodeKind.FUNCTION || kind == NodeKind.MACRO;
    }
}
