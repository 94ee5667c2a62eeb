package dev.tpsync.rules.spi;

/**
 * A rule: reads the model through a {@link RuleContext} and reports findings. Built-in rules,
 * rules from jars (ServiceLoader), declarative YAML rules and single-file Java rules all
 * implement this one interface. A rule never sees raw text, only the model.
 */
public interface Rule {

    /** Everything a user sees about the rule; the single source for docs, SARIF and explain. */
    RuleMetadata metadata();

    /** Reports the findings among {@link RuleContext#functionsToCheck()}. */
    void check(RuleContext context, FindingSink sink);

    /**
     * True when the rule uses the lines and columns of code only to compare them with each
     * other (inside a region, after an unregister, on the same call), never as numbers of their
     * own: then an edit that moves code without changing it or its order cannot change what
     * the rule finds, and review skips such edits without loading the tree. The built-in and
     * declarative rules promise this; a plugin rule that does not say so is assumed not to.
     */
    default boolean positionIndependent() {
        return false;
    }

    /**
     * False when what the rule finds in a function depends on the rest of the tree only through
     * that function's contexts (chains, regions) and through the tree's tracepoint declarations,
     * {@code __DO_TRACE} definitions, read-side capabilities and which definitions wait for
     * probes ({@code tracepoint_synchronize_unregister()}). Then review judges a change to code no
     * context reaches from the touched files and a summary of the tree, without loading it
     * (see ContextSummary). The built-in and declarative rules promise this; a plugin rule that
     * does not say so is assumed to read the whole tree.
     */
    default boolean readsWholeTree() {
        return true;
    }
}
