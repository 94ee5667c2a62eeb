package dev.tpsync.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Breadth-first reachability over the call graph from a set of seeds, keeping for every
 * reached node the edge it was first reached by. BFS order makes each chain a shortest one,
 * and seeds are processed in a fixed order so chains are the same on every run.
 */
public final class Reachability {

    /**
     * A start: a node and the hops that explain why it is in the context, made when a chain
     * through it is asked for. A kernel has ~6,000 probe seeds and reports a handful of chains:
     * writing every seed's notes up front was a fifth of computing the contexts of a slice.
     */
    public record Seed(int node, Supplier<List<ChainHop>> hops, boolean indirect) {

        public Seed(int node, List<ChainHop> prefix, boolean indirect) {
            this(node, constant(prefix), indirect);
        }

        private static Supplier<List<ChainHop>> constant(List<ChainHop> prefix) {
            List<ChainHop> copy = List.copyOf(prefix);
            return () -> copy;
        }

        /** The hops before the seed's node's own. */
        public List<ChainHop> prefix() {
            return List.copyOf(hops.get());
        }
    }

    private static final int UNREACHED = -2;
    private static final int SEED = -1;

    private final CodeModel model;
    private final List<Seed> seeds;
    private final int[] parentEdge;
    private final int[] parentNode;
    private final int[] seedIndex;
    private final int[] depth;

    private Reachability(CodeModel model, List<Seed> seeds) {
        this.model = model;
        this.seeds = List.copyOf(seeds);
        int n = model.nodeCount();
        parentEdge = new int[n];
        parentNode = new int[n];
        seedIndex = new int[n];
        depth = new int[n];
        Arrays.fill(parentEdge, UNREACHED);
    }

    /** Reaches nothing: the searches of a model whose code no context reaches (see {@link Contexts#unreached}). */
    static Reachability none(CodeModel model) {
        return new Reachability(model, List.of());
    }

    /**
     * Nodes reachable from seeds along edges whose kind is in {@code follow}, at most
     * {@code maxDepth} edges from a seed. Seeds come in tiers: a later tier only
     * reaches what the earlier ones did not (named NMI entry points explain a function better
     * than an arbitrary nmi_enter() caller). Among chains of equal length the one through
     * fewer {@code plumbing} nodes wins, so a chain shows the work, not the context switch.
     * A {@code boundary} node is reached but not gone through.
     */
    public static Reachability compute(CodeModel model, List<List<Seed>> tiers, Set<EdgeKind> follow, int maxDepth,
                                       IntPredicate plumbing, IntPredicate boundary) {
        List<Seed> all = new ArrayList<>();
        tiers.forEach(all::addAll);
        Reachability r = new Reachability(model, all);
        boolean[] followKind = new boolean[EdgeKind.values().length];
        follow.forEach(k -> followKind[k.ordinal()] = true);
        int offset = 0;
        for (List<Seed> tier : tiers) {
            r.runTier(offset, tier.size(), followKind, maxDepth, plumbing, boundary);
            offset += tier.size();
        }
        return r;
    }

    private void runTier(int firstSeed, int count, boolean[] followKind, int maxDepth, IntPredicate plumbing,
                         IntPredicate boundary) {
        int n = model.nodeCount();
        int[] cost = new int[n];
        Frontier frontier = new Frontier();
        for (int s = firstSeed; s < firstSeed + count; s++) {
            int node = seeds.get(s).node();
            if (parentEdge[node] == UNREACHED) {
                parentEdge[node] = SEED;
                seedIndex[node] = s;
                frontier.add(node);
            }
        }
        int level = 0;
        int[] bestCost = new int[n];
        boolean[] inNext = new boolean[n];
        while (frontier.size > 0 && level < maxDepth) {
            // Level-synchronous BFS: candidates of the next level compete on plumbing cost.
            Frontier next = new Frontier();
            for (int i = 0; i < frontier.size; i++) {
                int node = frontier.nodes[i];
                if (boundary.test(node)) {
                    continue;
                }
                for (int e = model.outStart(node); e < model.outEnd(node); e++) {
                    int target = model.edgeTarget(e);
                    if (!followKind[model.edgeKind(e).ordinal()]) {
                        continue;
                    }
                    int c = cost[node] + (plumbing.test(target) ? 1 : 0);
                    if (parentEdge[target] == UNREACHED) {
                        parentEdge[target] = e;
                        parentNode[target] = node;
                        seedIndex[target] = seedIndex[node];
                        depth[target] = level + 1;
                        bestCost[target] = c;
                        cost[target] = c;
                        inNext[target] = true;
                        next.add(target);
                    } else if (inNext[target] && c < bestCost[target]) {
                        parentEdge[target] = e;
                        parentNode[target] = node;
                        seedIndex[target] = seedIndex[node];
                        bestCost[target] = c;
                        cost[target] = c;
                    }
                }
            }
            for (int i = 0; i < next.size; i++) {
                inNext[next.nodes[i]] = false;
            }
            frontier = next;
            level++;
        }
    }

    /** The nodes of one BFS level, in the order they were reached (no boxing: a kernel level has ~100k). */
    private static final class Frontier {
        int[] nodes = new int[64];
        int size;

        void add(int node) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
            }
            nodes[size++] = node;
        }
    }

    public boolean reaches(int node) {
        return parentEdge[node] != UNREACHED;
    }

    public int reachedCount() {
        int count = 0;
        for (int p : parentEdge) {
            if (p != UNREACHED) {
                count++;
            }
        }
        return count;
    }

    /** The shortest chain from a seed to {@code node}, ending with {@code node}'s own hop. */
    public Optional<EvidenceChain> chain(int node) {
        if (!reaches(node)) {
            return Optional.empty();
        }
        List<ChainHop> reversed = new ArrayList<>();
        boolean indirect = false;
        int cur = node;
        while (parentEdge[cur] != SEED) {
            int e = parentEdge[cur];
            int from = parentNode[cur];
            Edge edge = model.edge(from, e);
            reversed.add(hop(edge));
            indirect |= edge.kind().isIndirect() && model.node(edge.to()).kind() != NodeKind.PROBE;
            cur = from;
        }
        Seed seed = seeds.get(seedIndex[cur]);
        List<ChainHop> hops = new ArrayList<>(seed.prefix());
        Collections.reverse(reversed);
        hops.addAll(reversed);
        return Optional.of(new EvidenceChain(hops, indirect || seed.indirect()));
    }

    private ChainHop hop(Edge edge) {
        Node from = model.node(edge.from());
        Node to = model.node(edge.to());
        String note = switch (edge.kind()) {
            case CALL -> "called from " + from.name() + "()";
            case MACRO -> "macro used in " + from.name();
            case CALLBACK -> "callback of " + from.name() + "(), registered here";
            case TRACEPOINT -> "tracepoint hit in " + from.name() + "()";
            case TRACEPOINT_RCUIDLE -> "rcuidle tracepoint hit in " + from.name() + "(): RCU may not be watching";
            case PROBE -> to.kind() == NodeKind.PROBE
                ? "probe of " + from.name() + "(), generated from " + to.file() + ":" + to.line()
                : "probe registered for " + from.name() + "() here";
            case DO_TRACE -> "__DO_TRACE() runs the probes of " + from.name() + "()";
        };
        return new ChainHop(edge.file(), edge.line(), to.name(), note);
    }
}
