package dev.tpsync.rules.spi;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import java.util.List;

/**
 * What a rule may read: the whole-tree model and contexts (so a patch to one file is judged
 * with reachability from the rest), and the functions it should report on (the whole tree
 * for a scan, the functions a patch touched for a review).
 */
public interface RuleContext {

    CodeModel model();

    Contexts contexts();

    List<FunctionDef> functionsToCheck();

    /** False when reviewing a patch without its tree (--no-tree): findings carry lower confidence. */
    boolean treeAvailable();
}
