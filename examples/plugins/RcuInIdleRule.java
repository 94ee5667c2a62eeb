import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.model.RcuIdleRegion;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A single-file tpsync rule: rcu_read_lock() where RCU is not watching (inside an idle
 * region of the same function, or in a function reached only from one). Run with
 * tpsync scan --plugin examples/plugins/RcuInIdleRule.java DIR
 */
public class RcuInIdleRule implements Rule {

    private static final RuleMetadata METADATA = new RuleMetadata(
        "rcu-in-idle",
        Severity.ERROR,
        Confidence.HIGH,
        "rcu_read_lock() where RCU is not watching (idle, entry code)",
        "Between ct_idle_enter() and ct_idle_exit() RCU does not watch this CPU: a read-side critical "
            + "section there protects nothing, and lockdep complains with 'RCU used illegally from idle CPU'.",
        List.of("Documentation/RCU/Design/Requirements/Requirements.rst (idle and RCU)"),
        "ct_idle_enter();\nrcu_read_lock();\n...",
        "rcu_read_lock();\n...\nrcu_read_unlock();\nct_idle_enter();",
        "");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        for (FunctionDef fn : context.functionsToCheck()) {
            for (SyncEvent e : fn.events()) {
                if (e.kind() != SyncKind.RCU_READ_LOCK) {
                    continue;
                }
                Optional<RcuIdleRegion> region = context.contexts().regionAt(fn, e.line());
                Optional<EvidenceChain> chain = context.contexts().notWatchingChain(fn);
                if (region.isEmpty() && chain.isEmpty()) {
                    continue;
                }
                Findings.Builder b = Findings.at(METADATA, fn, e.line(), e.column(), e.primitive() + "()");
                region.ifPresent(r -> b.hop(fn.file(), r.fromLine(), fn.name(),
                    r.opener() + ": RCU is not watching until line " + r.toLine()));
                sink.report(b.chain(region.isPresent() ? Optional.empty() : chain, e.primitive() + "() here")
                    .message(e.primitive() + "() while RCU is not watching this CPU")
                    .suggestion("move the read side out of the idle region, or wrap it in ct_irq_enter_irqson()/"
                        + "ct_irq_exit_irqson()")
                    .build());
            }
        }
    }
}
