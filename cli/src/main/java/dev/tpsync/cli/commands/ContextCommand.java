package dev.tpsync.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.options.TreeLoader;
import dev.tpsync.input.InputException;
import dev.tpsync.model.ChainHop;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.model.Node;
import dev.tpsync.model.NodeKind;
import dev.tpsync.model.RcuIdleRegion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync context}: why a function is NMI-reachable, RCU-idle or on a tracepoint hot path. */
@Command(name = "context",
    description = "Show the execution contexts of a function (NMI, RCU not watching, tracepoint hot path)"
        + " with the shortest chain of evidence for each.",
    mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  tpsync context perf_tp_event ~/src/linux", ExitCodes.HELP_SECTION})
public final class ContextCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "the function to explain")
    String function;

    @Parameters(index = "1", arity = "0..1", defaultValue = ".", paramLabel = "DIR", description = "tree (default: .)")
    Path dir;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @Option(names = "--config", paramLabel = "FILE",
        description = "configuration file whose contexts (extra NMI entry points, RCU-not-watching regions, "
            + "arch) apply (default: .tpsync.yaml at the tree root, when it exists)")
    Path config;

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new InputException("unknown --format '" + format + "' for context; use text or json");
        }
        // The contexts a scan of this tree judges by: the kernel's and the configured ones.
        ContextSpec contextSpec = RunSetup.prepare(RunSetup.Request.forRules(dir, Optional.ofNullable(config),
            List.of())).contextSpec();
        Contexts contexts = new TreeLoader(analysis, spec.commandLine().getErr()).contexts(dir, contextSpec);
        // Generated probes (perf_trace_<class>) appear in chains, so they can be asked about too.
        List<Node> nodes = contexts.model().named(function).stream()
            .filter(n -> n.isFunctionLike() || n.kind() == NodeKind.PROBE).toList();
        if (nodes.isEmpty()) {
            throw new InputException("no function named '" + function + "' in " + dir
                + "; check the spelling or the tree");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Node node : nodes) {
            results.add(describe(contexts, node));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            // Map.of iterates in a per-JVM order; the document must read the same on every run.
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schema", "tpsync-context/1");
            doc.put("function", function);
            doc.put("definitions", results);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            for (Node node : nodes) {
                printText(contexts, node, out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printText(Contexts contexts, Node node, PrintWriter out) {
        out.println(node.name() + " (" + node.file() + ":" + node.line() + ")");
        section(out, "NMI", contexts.nmiChain(node), "not reachable from NMI");
        section(out, "RCU not watching", contexts.notWatchingChain(node), "not reached while RCU is not watching");
        section(out, "tracepoint hot path", contexts.hotPathChain(node), "not on a tracepoint hot path");
        node.function().ifPresent(fn -> {
            for (RcuIdleRegion r : contexts.regionsIn(fn)) {
                out.println("  RCU-not-watching region: lines " + (r.fromLine() + 1) + "-" + (r.toLine() - 1)
                    + " after " + r.opener());
            }
        });
        out.println();
    }

    private static void section(PrintWriter out, String title, Optional<EvidenceChain> chain, String negative) {
        if (chain.isEmpty()) {
            out.println("  " + title + ": " + negative);
            return;
        }
        out.println("  " + title + ": reachable" + (chain.get().indirect() ? " (through a registered callback)" : ""));
        for (ChainHop hop : chain.get().hops()) {
            out.println("    " + hop.function() + "  " + hop.file() + ":" + hop.line() + "  " + hop.note());
        }
    }

    private static Map<String, Object> describe(Contexts contexts, Node node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", node.name());
        m.put("file", node.file());
        m.put("line", node.line());
        m.put("nmi", chainJson(contexts.nmiChain(node)));
        m.put("rcuNotWatching", chainJson(contexts.notWatchingChain(node)));
        m.put("tracepointHotPath", chainJson(contexts.hotPathChain(node)));
        List<Map<String, Object>> regions = new ArrayList<>();
        node.function().ifPresent(fn -> contexts.regionsIn(fn).forEach(r -> {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("fromLine", r.fromLine() + 1);
            region.put("toLine", r.toLine() - 1);
            region.put("opener", r.opener());
            region.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            regions.add(region);
        }));
        m.put("rcuNotWatchingRegions", regions);
        return m;
    }

    private static Map<String, Object> chainJson(Optional<EvidenceChain> chain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", chain.isPresent());
        chain.ifPresent(c -> {
            m.put("indirect", c.indirect());
            List<Map<String, Object>> hops = new ArrayList<>();
            for (ChainHop hop : c.hops()) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("function", hop.function());
                h.put("file", hop.file());
                h.put("line", hop.line());
                h.put("note", hop.note());
                hops.add(h);
            }
            m.put("chain", hops);
        });
        return m;
    }
}
