package org.example.tpsync;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Optional;

/** A jar-packaged tpsync rule: trace_printk() left in a tracepoint probe or its helpers. */
public final class TracePrintkInProbeRule implements Rule {

    private static final RuleMetadata METADATA = new RuleMetadata(
        "trace-printk-in-probe",
        Severity.WARNING,
        Confidence.HIGH,
        "trace_printk() on a tracepoint hot path",
        "trace_printk() is a debugging aid: it writes to the ring buffer on every call, and a kernel "
            + "built with it prints a banner at boot. In a probe it runs on every event.",
        List.of("Documentation/trace/debugging.rst"),
        "static void probe(void *data, int v)\n{\n\ttrace_printk(\"v=%d\\n\", v);\n}",
        "static void probe(void *data, int v)\n{\n\t/* add a proper TRACE_EVENT instead */\n}",
        "");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        for (FunctionDef fn : context.functionsToCheck()) {
            Optional<EvidenceChain> hot = context.contexts().hotPathChain(fn);
            if (hot.isEmpty()) {
                continue;
            }
            for (CallSite c : fn.calls()) {
                if (c.callee().equals("trace_printk")) {
                    sink.report(Findings.at(METADATA, fn, c.line(), c.column(), "trace_printk(" + c.argsText() + ")")
                        .message("trace_printk() in " + fn.name() + "(), on a tracepoint hot path")
                        .chain(hot, "trace_printk() here")
                        .suggestion("remove it before submitting, or add a TRACE_EVENT")
                        .build());
                }
            }
        }
    }
}
