package dev.tpsync.model;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The execution contexts over a {@link CodeModel}: can a function run in NMI, can it run
 * while RCU is not watching, is it on a tracepoint's hot path; each with the shortest
 * evidence chain. Computed once per model.
 */
public final class Contexts {

    /** How far the hot path reaches from a probe: the probe, its helpers and theirs. */
    private static final int HOT_PATH_DEPTH = 3;
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private static final Set<String> ENTRY_WATCH_PRIMITIVES = Set.of(
        "irqentry_enter", "irqentry_nmi_enter", "ct_nmi_enter", "ct_irq_enter", "rcu_nmi_enter", "rcu_irq_enter",
        "irqentry_enter_from_user_mode", "enter_from_user_mode", "syscall_enter_from_user_mode");

    private final CodeModel model;
    private final IdentityHashMap<FunctionDef, List<RcuIdleRegion>> regions = new IdentityHashMap<>();
    /** Generated probes by the template they come from, in node order. */
    private final IdentityHashMap<FunctionDef, List<Node>> probesOf = new IdentityHashMap<>();
    private final Reachability nmi;
    private final Reachability notWatching;
    private final Reachability hotPath;
    private final List<TracepointMachinery> machinery;
    private final TreeCapabilities capabilities;

    private final BiPredicate<String, String> sleeperBoundary;
    /**
     * Set once a search reached a function that sleeps directly which {@link #sleeperBoundary}
     * did not make a boundary: then these contexts reach more than the model's alone would.
     */
    private volatile boolean sparedSleeper;

    /**
     * Per node, computed when a search first asks (most of a kernel's million nodes are never
     * reached): bit {@link #KNOWN} set once computed, then {@link #PLUMBING} (switches context,
     * see isContextPlumbing) and {@link #WATCH} (makes RCU watch) in one array, {@link #BOUNDARY}
     * (ends a context) in the other, which depends on the sleeper predicate. The searches run on
     * two threads; an entry is a pure function of the node, so a race computes it twice, alike.
     */
    private final byte[] nodeTraits;
    private final byte[] boundaryTraits;
    private final BoundaryMatcher boundaries;
    private static final byte KNOWN = 1;
    private static final byte PLUMBING = 2;
    private static final byte WATCH = 4;
    private static final byte BOUNDARY = 2;

    /** Functions that call nmi_enter() or irqentry_nmi_enter(): what they call next runs in NMI. */
    private final List<FunctionDef> nmiEntering = new ArrayList<>();

    private Contexts(CodeModel model, BiPredicate<String, String> sleeperBoundary, Contexts previous) {
        this(model, sleeperBoundary, previous, true);
    }

    private Contexts(CodeModel model, BiPredicate<String, String> sleeperBoundary, Contexts previous,
                     boolean search) {
        this.model = model;
        this.sleeperBoundary = sleeperBoundary;
        for (int id = 0; id < model.nodeCount(); id++) {
            if (model.kind(id) == NodeKind.PROBE) {
                Node probe = model.node(id);
                probe.function().ifPresent(template -> probesOf.computeIfAbsent(template, k -> new ArrayList<>())
                    .add(probe));
            }
        }
        findRegions(previous);
        // A node a rebuilt model shares with the previous one (same object, same id) keeps its traits.
        nodeTraits = new byte[model.nodeCount()];
        boundaryTraits = new byte[model.nodeCount()];
        boundaries = new BoundaryMatcher(model.spec().contextBoundaries());
        if (previous != null) {
            int shared = Math.min(previous.model.nodeCount(), model.nodeCount());
            boolean sameSleepers = previous.sleeperBoundary == sleeperBoundary;
            for (int id = 0; id < shared; id++) {
                if (previous.model.node(id) == model.node(id)) {
                    nodeTraits[id] = previous.nodeTraits[id];
                    if (sameSleepers) {
                        boundaryTraits[id] = previous.boundaryTraits[id];
                    }
                }
            }
        }
        if (!search) {
            nmi = Reachability.none(model);
            notWatching = Reachability.none(model);
            hotPath = Reachability.none(model);
            machinery = machineryOf(model);
            capabilities = TreeCapabilities.of(model);
            return;
        }
        IntPredicate plumbing = id -> (traits(id) & PLUMBING) != 0;
        IntPredicate boundary = this::isBoundary;
        List<Reachability.Seed> otherArchEntries = new ArrayList<>();
        List<Reachability.Seed> primaryEntries = namedNmiEntrySeeds(otherArchEntries);
        otherArchEntries.addAll(nmiEnterSeeds());
        // The three searches only read the model: the NMI one (the largest) runs beside the others.
        java.util.concurrent.CompletableFuture<Reachability> nmiSearch = java.util.concurrent.CompletableFuture
            .supplyAsync(() -> Reachability.compute(model, List.of(primaryEntries, otherArchEntries),
                EnumSet.allOf(EdgeKind.class), UNLIMITED, plumbing, boundary));
        // Code that makes RCU watch itself (entry code, irq_enter wrappers) ends the not-watching
        // context: its own region, if it has one, is seeded separately.
        this.notWatching = Reachability.compute(model, List.of(notWatchingSeeds()),
            EnumSet.of(EdgeKind.CALL, EdgeKind.MACRO, EdgeKind.CALLBACK, EdgeKind.PROBE, EdgeKind.TRACEPOINT,
                EdgeKind.TRACEPOINT_RCUIDLE), UNLIMITED, plumbing, id -> isBoundary(id) || (traits(id) & WATCH) != 0);
        this.hotPath = Reachability.compute(model, List.of(hotPathSeeds()), EnumSet.of(EdgeKind.CALL, EdgeKind.MACRO),
            HOT_PATH_DEPTH, node -> false, boundary);
        this.nmi = nmiSearch.join();
        this.machinery = machineryOf(model);
        this.capabilities = TreeCapabilities.of(model);
    }

    private static List<TracepointMachinery> machineryOf(CodeModel model) {
        List<TracepointMachinery> found = new ArrayList<>();
        for (Node n : model.named("__DO_TRACE")) {
            n.function().flatMap(TracepointMachinery::of).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    public static Contexts compute(CodeModel model) {
        return new Contexts(model, (file, name) -> true, null);
    }

    /**
     * As {@link #compute(CodeModel)}, but a function that sleeps is a boundary only where
     * {@code sleeperBoundary} accepts its file and name. Patch review passes the sleepers of the
     * base tree: a sleeping call a patch adds to NMI-reachable code is a hazard to report, not
     * proof that the path is never taken, and must not cut off (and so "resolve") what lies behind it.
     */
    public static Contexts compute(CodeModel model, BiPredicate<String, String> sleeperBoundary) {
        return new Contexts(model, sleeperBoundary, null);
    }

    /**
     * As {@link #compute(CodeModel, BiPredicate)}, reusing what {@code previous} found for the
     * code both models share: the model a review rebuilds after a patch keeps the nodes and facts
     * objects of untouched code, and only the touched files are examined again. The result is
     * the same as computing from scratch.
     */
    public static Contexts compute(CodeModel model, BiPredicate<String, String> sleeperBoundary, Contexts previous) {
        return new Contexts(model, sleeperBoundary, previous);
    }

    /**
     * The contexts of {@code model} with nothing reached: its regions, machinery and capabilities
     * as {@link #compute(CodeModel)} finds them, and no NMI, RCU-not-watching or hot-path chains.
     * Review judges a change to code no context reaches in the whole tree (see
     * {@link ContextSummary}) on a model of the touched files and the tree's reference files,
     * where a search would see only part of the graph.
     */
    public static Contexts unreached(CodeModel model) {
        return new Contexts(model, (file, name) -> true, null, false);
    }

    /**
     * These contexts as a search of this model alone finds them, every function that sleeps
     * directly a boundary: themselves, unless a review's sleeper predicate spared one they
     * reached (a sleeping call a patch added to reached code), then searched again. What is
     * kept for the tree after a change (its summary and slice) must be that tree's own: the
     * review of the next commit checks its slice against its summary exactly.
     */
    public Contexts alone() {
        return sparedSleeper ? new Contexts(model, (file, name) -> true, this) : this;
    }

    /** Whether {@link #alone()} searches again: a search reached a sleeping function the predicate spared. */
    public boolean sparedSleeper() {
        return sparedSleeper;
    }

    private int traits(int id) {
        byte t = nodeTraits[id];
        if (t == 0) {
            t = (byte) (KNOWN | (isContextPlumbing(id) ? PLUMBING : 0) | (makesRcuWatch(id) ? WATCH : 0));
            nodeTraits[id] = t;
        }
        return t;
    }

    private boolean isBoundary(int id) {
        byte t = boundaryTraits[id];
        if (t == 0) {
            t = (byte) (KNOWN | (boundaries.matches(model.node(id).name()) || mayDirectlySleep(id) ? BOUNDARY : 0));
            boundaryTraits[id] = t;
        }
        return (t & BOUNDARY) != 0;
    }

    /**
     * Whether the function {@code name} defined in {@code file} is a boundary here because it
     * sleeps directly. Review's sleeper predicate for the trees after a patch asks the base tree
     * this, one function at a time and only for functions a search reaches: a pass over every
     * function's calls beforehand cost a kernel hook run 0.3 s on its critical path.
     */
    public boolean sleepsDirectly(String file, String name) {
        for (Node n : model.named(name)) {
            if (n.file().equals(file) && mayDirectlySleep(n.id())) {
                return true;
            }
        }
        return false;
    }

    public CodeModel model() {
        return model;
    }

    public Optional<EvidenceChain> nmiChain(Node node) {
        return nmi.chain(node.id());
    }

    public Optional<EvidenceChain> notWatchingChain(Node node) {
        return notWatching.chain(node.id());
    }

    public Optional<EvidenceChain> hotPathChain(Node node) {
        return hotPath.chain(node.id());
    }

    public Optional<EvidenceChain> nmiChain(FunctionDef fn) {
        return chainOf(fn, this::nmiChain);
    }

    public Optional<EvidenceChain> notWatchingChain(FunctionDef fn) {
        return chainOf(fn, this::notWatchingChain);
    }

    public Optional<EvidenceChain> hotPathChain(FunctionDef fn) {
        return chainOf(fn, this::hotPathChain);
    }

    /**
     * The chain of {@code fn}'s own node; for a probe template (the DECLARE_EVENT_CLASS body of
     * include/trace/perf.h) whose macro node nothing calls, the shortest chain of the probes it
     * generates: the template's code runs as those probes.
     */
    private Optional<EvidenceChain> chainOf(FunctionDef fn, Function<Node, Optional<EvidenceChain>> chain) {
        Optional<EvidenceChain> own = model.nodeOf(fn).flatMap(chain);
        if (own.isPresent()) {
            return own;
        }
        return probesOf.getOrDefault(fn, List.of()).stream().map(chain).flatMap(Optional::stream)
            .min(Comparator.comparingInt(EvidenceChain::length));
    }

    /** Cheap membership tests (no chain is built), for comparing two models. */
    public boolean inNmi(Node node) {
        return inNmi(node.id());
    }

    public boolean inNotWatching(Node node) {
        return inNotWatching(node.id());
    }

    public boolean inHotPath(Node node) {
        return inHotPath(node.id());
    }

    /** As {@link #inNmi(Node)}, by node id: a pass over every node need not read the nodes. */
    public boolean inNmi(int node) {
        return nmi.reaches(node);
    }

    public boolean inNotWatching(int node) {
        return notWatching.reaches(node);
    }

    public boolean inHotPath(int node) {
        return hotPath.reaches(node);
    }

    public int nmiReachableCount() {
        return nmi.reachedCount();
    }

    public int notWatchingCount() {
        return notWatching.reachedCount();
    }

    public int hotPathCount() {
        return hotPath.reachedCount();
    }

    /** Regions of {@code fn} where RCU is not watching. */
    public List<RcuIdleRegion> regionsIn(FunctionDef fn) {
        return regions.getOrDefault(fn, List.of());
    }

    public Optional<RcuIdleRegion> regionAt(FunctionDef fn, int line) {
        return regionsIn(fn).stream().filter(r -> r.contains(line)).findFirst();
    }

    /** The tree's __DO_TRACE definitions (one per #if branch). */
    public List<TracepointMachinery> machinery() {
        return machinery;
    }

    public TreeCapabilities capabilities() {
        return capabilities;
    }

    // ------------------------------------------------------------------ regions

    /**
     * Regions and NMI-entering functions, from the facts of every function; with a previous
     * result, from the facts of files it did not have, plus what it found in files still here.
     */
    private void findRegions(Contexts previous) {
        if (previous == null) {
            // File by file, as model.functions() lists them, without first copying ~800k into a list.
            for (FileFacts f : model.files()) {
                f.functions().forEach(this::examine);
            }
            return;
        }
        FileChanges changes = FileChanges.between(previous.model.files(), model.files());
        Set<FunctionDef> gone = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        changes.gone().forEach(f -> gone.addAll(f.functions()));
        previous.regions.forEach((fn, found) -> {
            if (!gone.contains(fn)) {
                regions.put(fn, found);
            }
        });
        for (FunctionDef fn : previous.nmiEntering) {
            if (!gone.contains(fn)) {
                nmiEntering.add(fn);
            }
        }
        for (FileFacts f : changes.added()) {
            f.functions().forEach(this::examine);
        }
    }

    private void examine(FunctionDef fn) {
        // Every region and NMI entry below starts at a sync event or a configured marker call;
        // most of a kernel's ~800k functions have neither.
        if (fn.events().isEmpty() && model.spec().notWatchingRegions().isEmpty()) {
            return;
        }
        List<RcuIdleRegion> found = new ArrayList<>();
        idleRegions(fn, found);
        entryRegions(fn, found);
        configuredRegions(fn, model.spec().notWatchingRegions(), found);
        if (!found.isEmpty()) {
            regions.put(fn, List.copyOf(found));
        }
        for (SyncEvent e : fn.events()) {
            if (e.kind() == SyncKind.NMI_ENTER) {
                nmiEntering.add(fn);
                return;
            }
        }
    }

    private static void idleRegions(FunctionDef fn, List<RcuIdleRegion> out) {
        List<SyncEvent> events = fn.events();
        for (int i = 0; i < events.size(); i++) {
            SyncEvent e = events.get(i);
            if (e.kind() != SyncKind.IDLE_ENTER) {
                continue;
            }
            int end = fn.endLine();
            for (int j = i + 1; j < events.size(); j++) {
                if (events.get(j).kind() == SyncKind.IDLE_EXIT) {
                    end = events.get(j).line();
                    break;
                }
            }
            out.add(new RcuIdleRegion(fn, e.line(), end, e.primitive() + "()", RcuIdleRegion.Kind.IDLE));
        }
    }

    /** Entry code (noinstr, DEFINE_IDTENTRY_RAW) runs before irqentry_*enter() with RCU not watching. */
    private static void entryRegions(FunctionDef fn, List<RcuIdleRegion> out) {
        boolean entryCode = fn.hasAttribute("noinstr")
            || (fn.kind() == FunctionKind.MACRO_DEFINED && fn.macro().startsWith("DEFINE_IDTENTRY_")
                && !fn.macro().equals("DEFINE_IDTENTRY_IRQ") && !fn.macro().equals("DEFINE_IDTENTRY_SYSVEC"));
        if (!entryCode) {
            return;
        }
        for (SyncEvent e : fn.events()) {
            if ((e.kind() == SyncKind.NMI_ENTER || e.kind() == SyncKind.RCU_WATCH_ENTER)
                && ENTRY_WATCH_PRIMITIVES.contains(e.primitive())) {
                out.add(new RcuIdleRegion(fn, fn.line(), e.line(), "entry code before " + e.primitive() + "()",
                    RcuIdleRegion.Kind.ENTRY));
                return;
            }
        }
    }

    private static void configuredRegions(FunctionDef fn, List<ContextSpec.RegionMarkers> markers,
                                          List<RcuIdleRegion> out) {
        for (ContextSpec.RegionMarkers m : markers) {
            int open = -1;
            for (CallSite c : fn.calls()) {
                if (c.callee().equals(m.enter()) && open < 0) {
                    open = c.line();
                } else if (c.callee().equals(m.exit()) && open >= 0) {
                    out.add(new RcuIdleRegion(fn, open, c.line(), m.enter() + "()", RcuIdleRegion.Kind.CONFIGURED));
                    open = -1;
                }
            }
            if (open >= 0) {
                out.add(new RcuIdleRegion(fn, open, fn.endLine(), m.enter() + "()", RcuIdleRegion.Kind.CONFIGURED));
            }
        }
    }

    // ------------------------------------------------------------------ seeds

    /**
     * Functions that switch context (they call nmi_enter(), ct_irq_enter(), ct_idle_enter()...):
     * a chain through them explains less than one through the work they bracket.
     */
    private boolean isContextPlumbing(int node) {
        Optional<FunctionDef> fn = model.node(node).function();
        if (fn.isEmpty()) {
            return false;
        }
        for (SyncEvent e : fn.get().events()) {
            switch (e.kind()) {
                case NMI_ENTER, NMI_EXIT, RCU_WATCH_ENTER, RCU_WATCH_EXIT, IDLE_ENTER, IDLE_EXIT -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Calls that sleep: a function making one is never run in NMI or idle in a working kernel. */
    private static final Set<String> SLEEPERS = Set.of(
        "might_sleep", "mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable", "down", "down_read",
        "down_write", "down_interruptible", "msleep", "ssleep", "usleep_range", "schedule", "schedule_timeout",
        "wait_for_completion", "wait_for_completion_timeout", "synchronize_rcu", "synchronize_srcu",
        "synchronize_rcu_tasks_trace", "cond_resched", "vunmap", "vfree", "flush_work", "cancel_work_sync");

    /**
     * The names of the functions of {@code file} that sleep directly (call a sleeping primitive
     * by name), as {@link #mayDirectlySleep} tells them: what a review's sleeper predicate asks
     * of a tree about them ({@link #sleepsDirectly}).
     */
    public static Set<String> directSleepers(FileFacts file) {
        Set<String> out = new java.util.TreeSet<>();
        for (FunctionDef fn : file.functions()) {
            if (callsSleeper(fn)) {
                out.add(fn.name());
            }
        }
        return out;
    }

    /** Whether {@code fn} (a function, not a macro's body) calls a sleeping primitive by name. */
    private static boolean callsSleeper(FunctionDef fn) {
        return fn.kind() != FunctionKind.MACRO_BODY && bodyCallsSleeper(fn);
    }

    /** Whether the body of {@code fn}, a function's or a function-like macro's, calls a sleeping primitive by name. */
    public static boolean bodyCallsSleeper(FunctionDef fn) {
        for (CallSite c : fn.calls()) {
            if (!c.indirect() && SLEEPERS.contains(c.callee())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A function that calls a sleeping primitive unconditionally in its own body is a boundary:
     * it is reached (a rule may still flag it), but the context is not carried through it, since
     * the path that led there is one a working kernel does not take in NMI. This is what keeps
     * name-based reachability from flowing through error paths into all of mm/.
     */
    private boolean mayDirectlySleep(int node) {
        Optional<FunctionDef> fn = model.node(node).function();
        if (fn.isEmpty() || !callsSleeper(fn.get())) {
            return false;
        }
        // Asked last: review's predicate looks the function up in the base tree's sleepers.
        boolean boundary = sleeperBoundary.test(fn.get().file(), fn.get().name());
        if (!boundary) {
            sparedSleeper = true;
        }
        return boundary;
    }

    private boolean makesRcuWatch(int node) {
        Optional<FunctionDef> fn = model.node(node).function();
        return fn.isPresent() && fn.get().kind() != FunctionKind.MACRO_BODY && fn.get().events().stream()
            .anyMatch(e -> e.kind() == SyncKind.RCU_WATCH_ENTER || e.kind() == SyncKind.NMI_ENTER);
    }

    /** Named entries in generic and primary-arch code; other architectures' go to {@code otherArch}. */
    private List<Reachability.Seed> namedNmiEntrySeeds(List<Reachability.Seed> otherArch) {
        List<Reachability.Seed> seeds = new ArrayList<>();
        for (String entry : model.spec().nmiEntryFunctions()) {
            for (Node n : byArchPreference(model.named(entry))) {
                if (!n.isFunctionLike()) {
                    continue;
                }
                FunctionDef fn = n.function().orElseThrow();
                String how = fn.macro().isEmpty() ? "NMI entry point" : "NMI entry point (" + fn.macro() + ")";
                Reachability.Seed seed = new Reachability.Seed(n.id(),
                    List.of(new ChainHop(n.file(), n.line(), n.name(), how)), false);
                (archRank(n.file()) <= 1 ? seeds : otherArch).add(seed);
            }
        }
        return seeds;
    }

    /** Whatever a function calls after nmi_enter()/irqentry_nmi_enter() runs in NMI. */
    private List<Reachability.Seed> nmiEnterSeeds() {
        List<Reachability.Seed> seeds = new ArrayList<>();
        for (FunctionDef fn : byArchPreference(nmiEntering)) {
            Optional<SyncEvent> enter = fn.events().stream().filter(e -> e.kind() == SyncKind.NMI_ENTER).findFirst();
            if (enter.isEmpty() || fn.kind() == FunctionKind.MACRO_BODY || fn.name().contains("nmi_enter")) {
                continue;
            }
            ChainHop start = new ChainHop(fn.file(), enter.get().line(), fn.name(),
                enter.get().primitive() + "(): NMI context from here");
            seedCallsAfter(fn, enter.get().line(), Integer.MAX_VALUE, start, seeds);
        }
        return seeds;
    }

    private List<Reachability.Seed> notWatchingSeeds() {
        List<Reachability.Seed> seeds = new ArrayList<>();
        for (FunctionDef regionFunction : byArchPreference(regions.keySet())) {
            for (RcuIdleRegion region : regions.get(regionFunction)) {
                FunctionDef fn = region.function();
                ChainHop start = new ChainHop(fn.file(), region.fromLine(), fn.name(),
                    region.opener() + ": RCU is not watching until line " + region.toLine());
                seedCallsAfter(fn, region.fromLine(), region.toLine(), start, seeds);
            }
        }
        // Probes of an rcuidle tracepoint are called from where RCU may not be watching.
        List<Node> rcuidleCallers = new ArrayList<>();
        for (int id : model.sourcesOf(EdgeKind.TRACEPOINT_RCUIDLE)) {
            rcuidleCallers.add(model.node(id));
        }
        for (int id : byArchPreference(rcuidleCallers).stream().mapToInt(Node::id).toArray()) {
            for (int e = model.outStart(id); e < model.outEnd(id); e++) {
                if (model.edgeKind(e) != EdgeKind.TRACEPOINT_RCUIDLE) {
                    continue;
                }
                Node caller = model.node(id);
                Edge edge = model.edge(id, e);
                Node tp = model.node(edge.to());
                seeds.add(new Reachability.Seed(tp.id(), List.of(
                    new ChainHop(edge.file(), edge.line(), caller.name(),
                        "calls " + tp.name() + "_rcuidle(): RCU may not be watching here"),
                    new ChainHop(tp.file(), tp.line(), tp.name(), "tracepoint declared here")), false));
            }
        }
        return seeds;
    }

    private List<Reachability.Seed> hotPathSeeds() {
        List<Reachability.Seed> seeds = new ArrayList<>();
        for (Node n : model.named("__DO_TRACE")) {
            seeds.add(new Reachability.Seed(n.id(), List.of(new ChainHop(n.file(), n.line(), n.name(),
                "tracepoint core: runs on every tracepoint hit")), false));
        }
        for (int id = 0; id < model.nodeCount(); id++) {
            if (model.kind(id) != NodeKind.TRACEPOINT) {
                continue;
            }
            Node tp = model.node(id);
            for (int e = model.outStart(tp.id()); e < model.outEnd(tp.id()); e++) {
                if (model.edgeKind(e) != EdgeKind.PROBE) {
                    continue;
                }
                Edge edge = model.edge(tp.id(), e);
                Node probe = model.node(edge.to());
                seeds.add(new Reachability.Seed(probe.id(), () -> probeHops(tp, probe, edge),
                    probe.kind() != NodeKind.PROBE));
            }
        }
        return seeds;
    }

    /** How a probe seed starts its chain: the tracepoint, then the probe generated or registered for it. */
    private static List<ChainHop> probeHops(Node tp, Node probe, Edge edge) {
        boolean generated = probe.kind() == NodeKind.PROBE;
        String note = generated
            ? "probe of " + tp.name() + "(), generated from " + probe.file() + ":" + probe.line()
            : "probe registered for " + tp.name() + "() at " + edge.file() + ":" + edge.line();
        return List.of(new ChainHop(tp.file(), tp.line(), tp.name(), "tracepoint declared here"),
            new ChainHop(generated ? tp.file() : edge.file(), generated ? tp.line() : edge.line(), probe.name(), note));
    }

    /**
     * Generic code first, then the primary architecture's (x86 unless configured), then other
     * architectures, each in file order: when two chains are equally short the reviewer gets the
     * one in code most of them read.
     */
    private <T> List<T> byArchPreference(java.util.Collection<T> items) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparingInt((T t) -> archRank(fileOf(t))).thenComparing(t -> fileOf(t))
            .thenComparingInt(Contexts::lineOf));
        return sorted;
    }

    private static String fileOf(Object item) {
        return item instanceof FunctionDef f ? f.file() : ((Node) item).file();
    }

    private static int lineOf(Object item) {
        return item instanceof FunctionDef f ? f.line() : ((Node) item).line();
    }

    private int archRank(String file) {
        if (!file.startsWith("arch/")) {
            return 0;
        }
        return file.startsWith(model.spec().primaryArch() + "/") ? 1 : 2;
    }

    /** Seeds every resolved call of {@code fn} on lines in (from, to) with a two-hop prefix. */
    private void seedCallsAfter(FunctionDef fn, int from, int to, ChainHop start, List<Reachability.Seed> seeds) {
        Optional<Node> self = model.nodeOf(fn);
        if (self.isEmpty()) {
            return;
        }
        int id = self.get().id();
        for (int e = model.outStart(id); e < model.outEnd(id); e++) {
            Edge edge = model.edge(id, e);
            if (edge.kind() == EdgeKind.CALL || edge.kind() == EdgeKind.MACRO) {
                // One edge per callee keeps only the first call's line; a later call of the
                // same function may be the one inside the range.
                int line = firstCallIn(fn, model.node(edge.to()).name(), from, to);
                if (line < 0) {
                    continue;
                }
                edge = new Edge(edge.from(), edge.to(), edge.kind(), edge.file(), line);
            } else if (edge.line() <= from || edge.line() >= to || !edge.file().equals(fn.file())) {
                continue;
            }
            Node target = model.node(edge.to());
            String note = switch (edge.kind()) {
                case TRACEPOINT, TRACEPOINT_RCUIDLE -> "tracepoint hit in " + fn.name() + "()";
                default -> "called from " + fn.name() + "()";
            };
            seeds.add(new Reachability.Seed(target.id(),
                List.of(start, new ChainHop(edge.file(), edge.line(), target.name(), note)), false));
        }
    }

    /** The line of the first direct call of {@code callee} in {@code fn} on a line in (from, to), or -1. */
    private static int firstCallIn(FunctionDef fn, String callee, int from, int to) {
        for (CallSite call : fn.calls()) {
            if (!call.indirect() && call.line() > from && call.line() < to && call.callee().equals(callee)) {
                return call.line();
            }
        }
        return -1;
    }
}
