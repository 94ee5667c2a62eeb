package dev.tpsync.rules.engine;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import dev.tpsync.rules.spi.RuleContext;
import java.util.List;

/** The plain {@link RuleContext}: a model, its contexts and the functions to report on. */
public record AnalysisContext(CodeModel model, Contexts contexts, List<FunctionDef> functionsToCheck,
                              boolean treeAvailable) implements RuleContext {

    public AnalysisContext {
        functionsToCheck = List.copyOf(functionsToCheck);
    }

    /** A whole-tree scan: every function is checked. */
    public static AnalysisContext wholeTree(CodeModel model) {
        return new AnalysisContext(model, Contexts.compute(model), model.functions(), true);
    }
}
