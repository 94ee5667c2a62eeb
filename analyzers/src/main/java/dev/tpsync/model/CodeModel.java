package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.TracepointDecl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole-tree code model: every function and pseudo-function as a node, the call graph
 * over them (compressed, since a kernel tree has millions of call sites), and the
 * tracepoints with their probes. Immutable once built by {@link ModelBuilder}; the
 * execution contexts are computed on top of it by {@link Contexts}.
 */
public final class CodeModel {

    private final List<FileFacts> files;
    private final List<Node> nodes;
    /** Node kinds by id (ordinals), for passes over every node that need no more than the kind. */
    private final byte[] kinds;
    private static final NodeKind[] KINDS = NodeKind.values();
    private final LayeredMap<String, List<Node>> nodesByName;
    private final LayeredMap<FunctionDef, Node> nodeOfFunction;
    private final Map<String, TracepointDecl> tracepoints;
    private final ContextSpec spec;
    // Out-edges in CSR form: edges of node n are [outStart[n], outStart[n+1]).
    private final int[] outStart;
    private final int[] edgeTo;
    private final int[] edgeLine;
    private final byte[] edgeKind;
    private final int[] edgeFile;
    private final List<String> edgeFiles;
    private final int[] unknownIndirectCalls;

    CodeModel(List<FileFacts> files, List<Node> nodes, byte[] kinds, LayeredMap<String, List<Node>> nodesByName,
              LayeredMap<FunctionDef, Node> nodeOfFunction, Map<String, TracepointDecl> tracepoints,
              ContextSpec spec, int[] outStart, int[] edgeTo, int[] edgeLine,
              byte[] edgeKind, int[] edgeFile, List<String> edgeFiles, int[] unknownIndirectCalls) {
        this.files = List.copyOf(files);
        // Not copied: only ModelBuilder makes a model, and it hands over a list it no longer
        // changes. Copying a kernel's ~800k nodes cost every review rebuild ~50 ms.
        this.nodes = Collections.unmodifiableList(nodes);
        this.kinds = kinds;
        this.nodesByName = nodesByName;
        this.nodeOfFunction = nodeOfFunction;
        this.tracepoints = tracepoints;
        this.spec = spec;
        this.outStart = outStart;
        this.edgeTo = edgeTo;
        this.edgeLine = edgeLine;
        this.edgeKind = edgeKind;
        this.edgeFile = edgeFile;
        this.edgeFiles = List.copyOf(edgeFiles);
        this.unknownIndirectCalls = unknownIndirectCalls;
    }

    public List<FileFacts> files() {
        return files;
    }

    public ContextSpec spec() {
        return spec;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The kind of node {@code id}, without reading the node. */
    public NodeKind kind(int id) {
        return KINDS[kinds[id]];
    }

    /** {@link Node#isFunctionLike()} of node {@code id}, without reading the node. */
    public boolean isFunctionLike(int id) {
        NodeKind k = kind(id);
        return k == NodeKind.FUNCTION || k == NodeKind.MACRO;
    }

    byte[] kinds() {
        return kinds;
    }

    /** Nodes with this name: functions, macros, {@code trace_<tp>} tracepoints, generated probes. */
    public List<Node> named(String name) {
        return nodesByName.getOrDefault(name, List.of());
    }

    public Optional<Node> nodeOf(FunctionDef function) {
        return Optional.ofNullable(nodeOfFunction.get(function));
    }

    public List<Edge> outEdges(int node) {
        int from = outStart[node];
        int to = outStart[node + 1];
        if (from == to) {
            return List.of();
        }
        List<Edge> out = new ArrayList<>(to - from);
        for (int e = from; e < to; e++) {
            out.add(edge(node, e));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The nodes with an out-edge of {@code kind}, in id order. One pass over the edges' kinds: a
     * pass node by node through their edges cost each of a hook run's contexts ~0.15 s on a
     * kernel's 3M edges, most of it before the loop was compiled.
     */
    public int[] sourcesOf(EdgeKind kind) {
        byte wanted = (byte) kind.ordinal();
        int[] out = new int[16];
        int count = 0;
        int node = 0;
        for (int e = 0; e < edgeKind.length; e++) {
            if (edgeKind[e] != wanted) {
                continue;
            }
            while (outStart[node + 1] <= e) {
                node++;
            }
            if (count == 0 || out[count - 1] != node) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = node;
            }
        }
        return Arrays.copyOf(out, count);
    }

    int outStart(int node) {
        return outStart[node];
    }

    int outEnd(int node) {
        return outStart[node + 1];
    }

    int edgeTarget(int e) {
        return edgeTo[e];
    }

    EdgeKind edgeKind(int e) {
        return EdgeKind.ofOrdinal(edgeKind[e]);
    }

    /** {@link #edgeKind}'s ordinal, for a pass over millions of edges. */
    byte edgeKindOrdinal(int e) {
        return edgeKind[e];
    }

    /** The line edge {@code e} is made on. */
    int edgeLine(int e) {
        return edgeLine[e];
    }

    /** The file edge {@code e} is made in (the call, the registration, the store). */
    String edgeFile(int e) {
        return edgeFiles.get(edgeFile[e]);
    }

    Edge edge(int from, int e) {
        return new Edge(from, edgeTo[e], EdgeKind.ofOrdinal(edgeKind[e]), edgeFiles.get(edgeFile[e]), edgeLine[e]);
    }

    LayeredMap<String, List<Node>> nodesByName() {
        return nodesByName;
    }

    LayeredMap<FunctionDef, Node> nodeOfFunction() {
        return nodeOfFunction;
    }

    /** The call graph as arrays, for the model cache. */
    public ModelEdges edges() {
        return new ModelEdges(nodes.size(), ModelEdges.signature(nodes), outStart, edgeTo, edgeLine, edgeKind, edgeFile,
            edgeFiles, unknownIndirectCalls, Optional.empty());
    }

    /** The files edges are made in, indexed by an edge's file number. */
    List<String> edgeFiles() {
        return edgeFiles;
    }

    public int edgeCount() {
        return edgeTo.length;
    }

    /** Calls through pointers or members this node makes that the model cannot follow. */
    public int unknownIndirectCalls(int node) {
        return unknownIndirectCalls[node];
    }

    public boolean isTracepoint(String name) {
        return tracepoints.containsKey(name);
    }

    public Optional<TracepointDecl> tracepoint(String name) {
        return Optional.ofNullable(tracepoints.get(name));
    }

    public Map<String, TracepointDecl> tracepoints() {
        return Collections.unmodifiableMap(tracepoints);
    }

    /** True when the tree defines a function or macro of this name (e.g. srcu_read_lock_fast). */
    public boolean defines(String symbol) {
        for (Node n : named(symbol)) {
            if (n.isFunctionLike()) {
                return true;
            }
        }
        return false;
    }

    /** All function-like definitions of the tree, in file order. */
    public List<FunctionDef> functions() {
        List<FunctionDef> all = new ArrayList<>();
        for (FileFacts f : files) {
            all.addAll(f.functions());
        }
        return all;
    }
}
