package dev.tpsync.rules.spi;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import java.util.List;

/**
 * What a rule may read: the whole-tree model and contexts (so a patch to one file is judged
 * with reachability from the rest), and the functions it should report on (the whole tree
 * for a scan; for a review, the functions of the files a patch touched, those whose context it
 * changed, and the callers of a function it made sleep or wait for a grace period, or stop).
 */
public interface RuleContext {

    CodeModel model();

    Contexts contexts();

    List<FunctionDef> functionsToCheck();

    /** False when reviewing a patch without its tree (--no-tree): findings carry lower confidence. */
    boolean treeAvailable();
}
