package dev.tpsync.rules.plugin;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.model.RcuIdleRegion;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule written in YAML: a call or a sync event, optionally only with an argument, only in
 * some execution contexts, only in some files, and not after a given call. The evidence is
 * the context's chain; the message and suggestion may name {@code {name}} (the call or
 * primitive), {@code {function}}, {@code {context}} and {@code {chain}}.
 */
public final class DeclarativeRule implements Rule {

    /** What the rule looks for: callee names, or a sync kind, or an exact primitive. */
    public record Pattern(List<String> calls, Optional<SyncKind> kind, Optional<String> primitive,
                          Optional<String> argument) {

        public Pattern {
            calls = List.copyOf(calls);
        }
    }

    private final RuleMetadata metadata;
    private final Pattern pattern;
    private final List<MatchContext> in;
    private final List<String> unlessAfter;
    private final List<String> files;
    private final String message;
    private final String suggestion;

    public DeclarativeRule(RuleMetadata metadata, Pattern pattern, List<MatchContext> in, List<String> unlessAfter,
                           List<String> files, String message, String suggestion) {
        this.metadata = metadata;
        this.pattern = pattern;
        this.in = List.copyOf(in);
        this.unlessAfter = List.copyOf(unlessAfter);
        this.files = List.copyOf(files);
        this.message = message;
        this.suggestion = suggestion;
    }

    @Override
    public RuleMetadata metadata() {
        return metadata;
    }

    /** Occurrences are ordered against each other and against events, never placed by number. */
    @Override
    public boolean positionIndependent() {
        return true;
    }

    /** A pattern is matched in the function; where it is, is read from the function's contexts. */
    @Override
    public boolean readsWholeTree() {
        return false;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        for (FunctionDef fn : context.functionsToCheck()) {
            if (!files.isEmpty() && files.stream().noneMatch(fn.file()::startsWith)) {
                continue;
            }
            for (Occurrence o : occurrences(fn)) {
                if (excused(fn, o)) {
                    continue;
                }
                Optional<Where> where = where(context.contexts(), fn, o.line());
                where.ifPresent(w -> report(fn, o, w, sink));
            }
        }
    }

    /** One place in a body that matches the pattern, with the text its fingerprint is made of. */
    private record Occurrence(String name, int line, int column, String anchor) {
    }

    /** The context a match is in, with the hops that prove it. */
    private record Where(String context, Optional<EvidenceChain> chain, List<Hop> localHops) {
    }

    private record Hop(int line, String note) {
    }

    private List<Occurrence> occurrences(FunctionDef fn) {
        List<Occurrence> out = new ArrayList<>();
        if (!pattern.calls().isEmpty()) {
            for (CallSite c : fn.calls()) {
                if (!c.indirect() && pattern.calls().contains(c.callee())
                    && pattern.argument().map(c.argsText()::contains).orElse(true)) {
                    out.add(new Occurrence(c.callee(), c.line(), c.column(), c.callee() + "(" + c.argsText() + ")"));
                }
            }
            return out;
        }
        for (SyncEvent e : fn.events()) {
            boolean kindMatches = pattern.kind().map(k -> k == e.kind()).orElse(true);
            boolean primitiveMatches = pattern.primitive().map(e.primitive()::equals).orElse(true);
            if (kindMatches && primitiveMatches && pattern.argument().map(e.argument()::contains).orElse(true)) {
                out.add(new Occurrence(e.primitive(), e.line(), e.column(), e.primitive() + "(" + e.argument() + ")"));
            }
        }
        return out;
    }

    /** {@code unless-after}: a call (or sync primitive) of that name earlier in the same body. */
    private boolean excused(FunctionDef fn, Occurrence o) {
        if (unlessAfter.isEmpty()) {
            return false;
        }
        for (CallSite c : fn.calls()) {
            if (unlessAfter.contains(c.callee()) && before(c.line(), c.column(), o)) {
                return true;
            }
        }
        for (SyncEvent e : fn.events()) {
            if (unlessAfter.contains(e.primitive()) && before(e.line(), e.column(), o)) {
                return true;
            }
        }
        return false;
    }

    private static boolean before(int line, int column, Occurrence o) {
        return line < o.line() || (line == o.line() && column < o.column());
    }

    /** The first of the wanted contexts the line is in; everywhere when none are wanted. */
    private Optional<Where> where(Contexts contexts, FunctionDef fn, int line) {
        if (in.isEmpty()) {
            return Optional.of(new Where("", Optional.empty(), List.of()));
        }
        for (MatchContext c : in) {
            Optional<Where> w = switch (c) {
                case NMI -> nmi(contexts, fn, line);
                case RCU_NOT_WATCHING -> notWatching(contexts, fn, line);
                case TRACEPOINT_HOT -> contexts.hotPathChain(fn).map(ch -> new Where(c.label(), Optional.of(ch),
                    List.of()));
            };
            if (w.isPresent()) {
                return w;
            }
        }
        return Optional.empty();
    }

    private static Optional<Where> nmi(Contexts contexts, FunctionDef fn, int line) {
        Optional<EvidenceChain> chain = contexts.nmiChain(fn);
        if (chain.isPresent()) {
            return Optional.of(new Where("nmi", chain, List.of()));
        }
        // The function itself enters NMI (nmi_enter() earlier in the body, no exit in between).
        SyncEvent entered = null;
        for (SyncEvent e : fn.events()) {
            if (e.line() >= line) {
                break;
            }
            if (e.kind() == SyncKind.NMI_ENTER) {
                entered = e;
            } else if (e.kind() == SyncKind.NMI_EXIT) {
                entered = null;
            }
        }
        return entered == null ? Optional.empty() : Optional.of(new Where("nmi", Optional.empty(),
            List.of(new Hop(entered.line(), entered.primitive() + "(): NMI context from here"))));
    }

    private static Optional<Where> notWatching(Contexts contexts, FunctionDef fn, int line) {
        Optional<RcuIdleRegion> region = contexts.regionAt(fn, line);
        if (region.isPresent()) {
            RcuIdleRegion r = region.get();
            return Optional.of(new Where("rcu-not-watching", Optional.empty(), List.of(new Hop(r.fromLine(),
                r.opener() + ": RCU is not watching until line " + r.toLine()))));
        }
        return contexts.notWatchingChain(fn).map(ch -> new Where("rcu-not-watching", Optional.of(ch), List.of()));
    }

    private void report(FunctionDef fn, Occurrence o, Where w, FindingSink sink) {
        Findings.Builder b = Findings.at(metadata, fn, o.line(), o.column(), o.anchor());
        for (Hop h : w.localHops()) {
            b.hop(fn.file(), h.line(), fn.name(), h.note());
        }
        String chainSummary = w.chain().map(EvidenceChain::summary).orElse(fn.name());
        b.chain(w.chain(), o.name() + "() here");
        b.message(fill(message, o, fn, w.context(), chainSummary));
        b.suggestion(fill(suggestion, o, fn, w.context(), chainSummary));
        sink.report(b.build());
    }

    private static String fill(String template, Occurrence o, FunctionDef fn, String context, String chain) {
        return template.replace("{name}", o.name()).replace("{function}", fn.name()).replace("{context}", context)
            .replace("{chain}", chain);
    }
}
