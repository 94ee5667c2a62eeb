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
}
