package dev.tpsync.rules.plugin;

import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;

/**
 * A rule from a jar or a Java file, with its origin stamped on its metadata. A plugin that
 * throws is the plugin's fault, not tpsync's: its failure becomes a one-line input error
 * naming the rule and where it came from.
 */
final class PluginRule implements Rule {

    private final Rule delegate;
    private final RuleMetadata metadata;

    private PluginRule(Rule delegate, RuleMetadata metadata) {
        this.delegate = delegate;
        this.metadata = metadata;
    }

    static Rule of(Rule rule, String origin) {
        RuleMetadata m;
        try {
            m = rule.metadata();
        } catch (RuntimeException | LinkageError e) {
            throw new InputException(origin + ": " + rule.getClass().getName() + ".metadata() failed: " + e);
        }
        if (m == null) {
            throw new InputException(origin + ": " + rule.getClass().getName() + ".metadata() returned null");
        }
        return new PluginRule(rule, m.withOrigin(origin));
    }

    @Override
    public RuleMetadata metadata() {
        return metadata;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        try {
            delegate.check(context, sink);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new InputException("rule '" + metadata.id() + "' from " + metadata.origin() + " failed: " + e);
        }
    }

    @Override
    public boolean positionIndependent() {
        try {
            return delegate.positionIndependent();
        } catch (RuntimeException | LinkageError e) {
            throw new InputException("rule '" + metadata.id() + "' from " + metadata.origin()
                + " failed in positionIndependent(): " + e);
        }
    }

    @Override
    public boolean readsWholeTree() {
        try {
            return delegate.readsWholeTree();
        } catch (RuntimeException | LinkageError e) {
            throw new InputException("rule '" + metadata.id() + "' from " + metadata.origin()
                + " failed in readsWholeTree(): " + e);
        }
    }

    /** The plugin's own object, for tests and diagnostics. */
    Rule delegate() {
        return delegate;
    }
}
