package dev.tpsync.model;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.SyncEventClassifier;
import dev.tpsync.c.structure.TracepointDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the {@link CodeModel} from per-file facts: nodes for every definition, tracepoint
 * and generated probe, then call edges by name with C's scoping (a {@code static} function
 * is visible only in its file), macro invocations, the registration idioms of the
 * {@link ContextSpec}, and tracepoint-to-probe edges.
 */
public final class ModelBuilder {

    private final ContextSpec spec;
    /** Whose calls register a callback or probe: the one test of it, the slice's as well. */
    private final ContextSpec.Registrars registrars;
    private final List<Node> nodes = new ArrayList<>();
    /**
     * Each node's kind by id, beside {@code nodes}: the model answers kind queries from it, so
     * the passes over every node (probes, tracepoints, context flags) read a byte array instead
     * of a million scattered Node objects (a 10-patch review spent up to 1 s more there when the
     * collector had laid the nodes out apart from their list).
     */
    private byte[] kinds = new byte[1024];
    private LayeredMap<String, List<Node>> byName = LayeredMap.byEquality();
    private LayeredMap<FunctionDef, Node> nodeOf = LayeredMap.byIdentity();
    private final Map<String, TracepointDecl> tracepoints = new LinkedHashMap<>();
    private final Map<String, Node> tracepointNodes = new HashMap<>();
    /** Resolution to local-header definitions per caller directory and name. */
    private final Map<String, Map<String, int[]>> localResolutionCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Global resolution per caller area (generic, arch/x86, tools, ...) and name. */
    private final Map<String, Map<String, int[]>> resolutionCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> edgeFiles = new ArrayList<>();
    private final Map<String, Integer> edgeFileIndex = new HashMap<>();
    private EdgeList edges = new EdgeList();
    private int[] unknownIndirect;
    /** The model this one is rebuilt from, or null for a build from scratch. */
    private final IncrementalModel previous;
    /** What a rebuild changed against {@code previous}: set by functionNodesFromPrevious. */
    private FileChanges changes;
    private Replay replay;
    private final AtomicInteger replayedFunctions = new AtomicInteger();

    /** Whether to record, per chunk of functions, the names its calls depend on (for rebuilds). */
    private final boolean trackDependencies;
    private NameFilter[] chunkDependencies;

    /** Function nodes per parallel task; also how {@link CallEdgeLog} finds a node's list. */
    private final int chunk;
    private static final int CALL_CHUNK = 8192;

    private final Set<String> unbuiltFiles;
    /** The architecture generic code is read against when several define a function ({@code arch/x86}). */
    private final String primaryArch;

    private ModelBuilder(ContextSpec spec, IncrementalModel previous, boolean trackDependencies, int chunk) {
        this.spec = spec;
        this.registrars = spec.registrars();
        this.unbuiltFiles = Set.copyOf(spec.unbuiltFiles());
        this.primaryArch = spec.primaryArch();
        this.previous = previous;
        this.trackDependencies = trackDependencies;
        this.chunk = chunk;
    }

    public static CodeModel build(List<FileFacts> files, ContextSpec spec) {
        return build(files, spec, Runtime.getRuntime().availableProcessors());
    }

    /** Builds the model; call edges are resolved by {@code jobs} threads, with the same result for any number. */
    public static CodeModel build(List<FileFacts> files, ContextSpec spec, int jobs) {
        return new ModelBuilder(spec, null, false, CALL_CHUNK).run(files, Math.max(1, jobs)).model();
    }

    /**
     * The model of {@code files} with the call graph of a previous build of the same facts
     * (from the model cache): nodes are made as a build makes them, edges are taken as they
     * are. Empty when the nodes do not come out as they did for {@code edges}.
     */
    public static Optional<CodeModel> restore(List<FileFacts> files, ContextSpec spec, ModelEdges edges) {
        return new ModelBuilder(spec, null, false, CALL_CHUNK).restoreInto(files, edges);
    }

    /**
     * As {@link #restore}, for review: the restored model with a call-edge log made from its
     * graph, so it can be rebuilt after a patch. The graph keeps each function's own call edges
     * (CALL, MACRO, TRACEPOINT*) in the order they were made; the callbacks a registering call
     * linked start at other nodes and are not told apart, so the log is marked incomplete and
     * rebuilds resolve registering functions again.
     */
    public static Optional<IncrementalModel> restoreIncremental(List<FileFacts> files, ContextSpec spec,
                                                                ModelEdges edges) {
        Optional<RebuildLog> kept = edges.rebuildLog().filter(l -> l.fits(edges.nodeCount()));
        int chunk = kept.map(RebuildLog::chunk).orElse(CALL_CHUNK);
        ModelBuilder b = new ModelBuilder(spec, null, true, chunk);
        Optional<CodeModel> model = b.restoreInto(files, edges);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        CodeModel m = model.get();
        int n = m.nodeCount();
        int[] logStart = new int[n];
        List<EdgeList> parts = new ArrayList<>();
        int[] registering = kept.map(RebuildLog::registeringNodes).orElse(NONE);
        int r = 0;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            // Each chunk's list sized first and filled by runs: grown by doubling and filled edge
            // by edge, the ~4M call edges of a kernel cost a restore ~180 MB of copies and ~0.2 s.
            EdgeList out = EdgeList.withCapacity(loggedEdges(m, kept, registering, r, from, to));
            for (int id = from; id < to; id++) {
                logStart[id] = out.size();
                if (!m.node(id).isFunctionLike()) {
                    continue;
                }
                if (r < registering.length && registering[r] == id) {
                    // Its calls' edges as the build made them, the callbacks it linked included.
                    RebuildLog log = kept.get();
                    for (int e = log.rangeStart()[r]; e < log.rangeStart()[r + 1]; e++) {
                        out.add(log.edgeFrom()[e], log.edgeTo()[e], EdgeKind.ofOrdinal(log.edgeKind()[e]),
                            log.edgeFile()[e], log.edgeLine()[e]);
                    }
                    r++;
                    continue;
                }
                int end = m.outEnd(id);
                for (int e = m.outStart(id); e < end; ) {
                    if (!logged(m.edgeKindOrdinal(e))) {
                        e++;
                        continue;
                    }
                    int run = e + 1;
                    while (run < end && logged(m.edgeKindOrdinal(run))) {
                        run++;
                    }
                    out.addRun(id, edges, e, run);
                    e = run;
                }
            }
            parts.add(out);
        }
        NameFilter[] dependencies = new NameFilter[parts.size()];
        kept.ifPresent(log -> {
            for (int c = 0; c < dependencies.length; c++) {
                long[] words = log.dependencyWords()[c];
                dependencies[c] = words == null ? null : NameFilter.of(words);
            }
        });
        CallEdgeLog log = new CallEdgeLog(parts, chunk, logStart, dependencies, kept.isPresent());
        return Optional.of(new IncrementalModel(m, log, b.namesInLocalHeaders, 0, CallbackStores.of(files, spec),
            b.tracepointNodes));
    }

    /** The kinds of edge a function's own calls make: those a build's call log holds. */
    private static final int LOGGED_KINDS = 1 << EdgeKind.CALL.ordinal() | 1 << EdgeKind.MACRO.ordinal()
        | 1 << EdgeKind.TRACEPOINT.ordinal() | 1 << EdgeKind.TRACEPOINT_RCUIDLE.ordinal();

    private static boolean logged(byte kind) {
        return (LOGGED_KINDS >>> kind & 1) != 0;
    }

    /**
     * How many edges {@link #restoreIncremental} logs for nodes {@code [from, to)}, the
     * {@code r}th of {@code registering} being the first there may be.
     */
    private static int loggedEdges(CodeModel m, Optional<RebuildLog> kept, int[] registering, int r, int from,
                                   int to) {
        int count = 0;
        for (int id = from; id < to; id++) {
            if (!m.node(id).isFunctionLike()) {
                continue;
            }
            if (r < registering.length && registering[r] == id) {
                count += kept.get().rangeStart()[r + 1] - kept.get().rangeStart()[r];
                r++;
                continue;
            }
            for (int e = m.outStart(id); e < m.outEnd(id); e++) {
                if (logged(m.edgeKindOrdinal(e))) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * What a rebuild of {@code model} restored from the cache reuses: its chunks' dependency
     * filters and its registering functions' edges. Empty when its log is not complete itself.
     */
    static Optional<RebuildLog> rebuildLogOf(IncrementalModel model) {
        CallEdgeLog log = model.log();
        if (!log.complete()) {
            return Optional.empty();
        }
        long[][] words = new long[log.dependencies().length][];
        for (int c = 0; c < words.length; c++) {
            words[c] = log.dependencies()[c] == null ? null : log.dependencies()[c].words();
        }
        CodeModel m = model.model();
        ContextSpec.Registrars registrars = m.spec().registrars();
        List<Integer> registering = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        EdgeList edges = new EdgeList();
        for (int id = 0; id < m.nodeCount(); id++) {
            Node node = m.node(id);
            if (!node.isFunctionLike() || !registrars.calledBy(node.function().orElseThrow())) {
                continue;
            }
            registering.add(id);
            starts.add(edges.size());
            edges.addRange(log.part(id), log.from(id), log.to(id));
        }
        starts.add(edges.size());
        return Optional.of(new RebuildLog(log.chunk(), words,
            registering.stream().mapToInt(Integer::intValue).toArray(),
            starts.stream().mapToInt(Integer::intValue).toArray(),
            edges.fromArray(), edges.toArray(), edges.lineArray(), edges.fileArray(), edges.kindArray()));
    }

    private Optional<CodeModel> restoreInto(List<FileFacts> files, ModelEdges edges) {
        functionNodesFromScratch(files);
        tracepoints(files);
        probeNodes();
        if (nodes.size() != edges.nodeCount() || ModelEdges.signature(nodes) != edges.nodeSignature()
            || edges.outStart().length != nodes.size() + 1 || edges.unknownIndirect().length != nodes.size()) {
            return Optional.empty();
        }
        return Optional.of(new CodeModel(files, nodes, Arrays.copyOf(kinds, nodes.size()), byName, nodeOf,
            tracepoints, spec, edges.outStart(),
            edges.edgeTo(), edges.edgeLine(), edges.edgeKind(), edges.edgeFile(), edges.edgeFiles(),
            edges.unknownIndirect()));
    }

    /** Builds the model and keeps what {@link #rebuild} needs to redo it cheaply after a patch. */
    static IncrementalModel buildIncremental(List<FileFacts> files, ContextSpec spec, int jobs) {
        return buildIncremental(files, spec, jobs, CALL_CHUNK);
    }

    /** With {@code chunk} functions per task: tests use small chunks to exercise whole-chunk reuse on small trees. */
    static IncrementalModel buildIncremental(List<FileFacts> files, ContextSpec spec, int jobs, int chunk) {
        return new ModelBuilder(spec, null, true, chunk).run(files, Math.max(1, jobs));
    }

    /**
     * The model of {@code files} built from {@code previous}. Nodes keep their ids: the functions
     * of changed files become new nodes at the end and their old nodes are marked
     * {@link NodeKind#REMOVED}; the calls of every other function are copied unless they name
     * something changed code defines (or defined). The result has the nodes and edges a build
     * from scratch gives, in another order (tests compare the two).
     */
    static IncrementalModel rebuild(IncrementalModel previous, List<FileFacts> files, int jobs) {
        return new ModelBuilder(previous.model().spec(), previous, true, previous.log().chunk()).run(files,
            Math.max(1, jobs));
    }

    private IncrementalModel run(List<FileFacts> files, int jobs) {
        if (previous == null) {
            functionNodesFromScratch(files);
        } else {
            functionNodesFromPrevious(files);
        }
        tracepoints(files);
        boolean probesAsBefore = probesAsBefore();
        List<Node> probes = probesAsBefore ? probeNodesAsBefore() : probeNodes();
        unknownIndirect = new int[nodes.size()];
        // Every file gets its index now, so the parallel phase only reads the file table.
        files.forEach(f -> fileIndex(f.path()));
        if (previous != null) {
            replay = new Replay();
        }
        EdgeList head = edges;
        int[] logStart = new int[nodes.size()];
        chunkDependencies = new NameFilter[(nodes.size() + chunk - 1) / chunk];
        List<EdgeList> callParts = parallelCallEdges(nodes.size(), jobs, logStart);
        // What follows the calls (probe bodies, __DO_TRACE, callback fields) goes after them.
        edges = new EdgeList();
        int[] lastSource = new int[nodes.size()];
        Arrays.fill(lastSource, -1);
        if (probesAsBefore && probeCallsAsBefore(probes)) {
            probeCallEdgesAsBefore(probes, edges);
        } else {
            probeCallEdges(probes, lastSource, edges);
        }
        tracepointEdges();
        CallbackStores callbacks = previous == null ? CallbackStores.of(files, spec)
            : previous.callbackStores().after(changes, spec);
        for (FileFacts f : files) {
            for (FieldStore store : callbacks.in(f)) {
                callbackField(store, f.path());
            }
        }
        List<EdgeList> sequence = new ArrayList<>();
        sequence.add(head);
        sequence.addAll(callParts);
        sequence.add(edges);
        CodeModel model = EdgeList.toModel(sequence, files, nodes, Arrays.copyOf(kinds, nodes.size()), byName, nodeOf,
            tracepoints, spec, edgeFiles, unknownIndirect);
        CallEdgeLog log = new CallEdgeLog(callParts, chunk, logStart, chunkDependencies, true);
        return new IncrementalModel(model, log, namesInLocalHeaders, replayedFunctions.get(), callbacks,
            tracepointNodes);
    }

    private void functionNodesFromScratch(List<FileFacts> files) {
        int functions = 0;
        for (FileFacts f : files) {
            functions += f.functions().size();
        }
        byName = LayeredMap.byEquality(functions);
        List<FunctionDef> defined = new ArrayList<>(functions);
        for (FileFacts f : files) {
            for (FunctionDef fn : f.functions()) {
                if (!userSpaceOnly(fn)) {
                    defined.add(fn);
                    unlistedFunction(fn);
                }
            }
        }
        // The two indexes of a kernel's ~800k functions are independent, and each costs a few
        // hundred milliseconds of cache misses (nodeOf also makes an identity hash per
        // definition): nodeOf fills on another thread while the name lists fill here.
        int count = defined.size();
        CompletableFuture<LayeredMap<FunctionDef, Node>> byDefinition = CompletableFuture.supplyAsync(() -> {
            LayeredMap<FunctionDef, Node> map = LayeredMap.byIdentity(count);
            for (int id = 0; id < count; id++) {
                map.put(defined.get(id), nodes.get(id));
            }
            return map;
        });
        // Most names have one definition: its list is a singleton made with one lookup (a kernel
        // has ~700k names; a lookup and a put for each cost a restore ~0.1 s), and ownList turns
        // it into a list that can grow when a second definition comes.
        for (int id = 0; id < count; id++) {
            Node node = nodes.get(id);
            if (byName.putIfAbsent(node.name(), List.of(node)) != null) {
                ownList(node.name()).add(node);
            }
        }
        nodeOf = byDefinition.join();
    }

    /**
     * Starts from the previous model's nodes: the functions of files whose facts are no longer
     * in the tree (by identity) are removed, those of new facts appended. A function of a
     * re-parsed file that resolution sees exactly as before (see {@link Resolvable}) keeps its
     * node's id: calls of it elsewhere stay linked, and its name does not count as changed. A
     * patch to kernel/events/core.c re-parses some 600 functions that the rest of the tree calls;
     * had each got a new node, every function calling one of them would be resolved again.
     */
    private void functionNodesFromPrevious(List<FileFacts> files) {
        CodeModel old = previous.model();
        nodes.addAll(old.nodes());
        kinds = Arrays.copyOf(old.kinds(), old.nodeCount() + 1024);
        byName = old.nodesByName().layer();
        sharedLists = true;
        nodeOf = old.nodeOfFunction().layer();
        namesInLocalHeaders.addAll(previous.namesInLocalHeaders());
        for (int i = 0; i < old.edgeFiles().size(); i++) {
            fileIndex(old.edgeFiles().get(i));
        }
        changes = FileChanges.between(old.files(), files);
        Map<FunctionDef, Node> kept = keptNodes(changes);
        Set<Node> reused = Collections.newSetFromMap(new IdentityHashMap<>());
        reused.addAll(kept.values());
        for (FileFacts f : changes.gone()) {
            for (FunctionDef fn : f.functions()) {
                Node gone = nodeOf.get(fn);
                if (gone != null) {
                    nodeOf.remove(fn);
                    if (!reused.contains(gone)) {
                        remove(gone);
                    }
                }
            }
        }
        for (FileFacts f : changes.added()) {
            for (FunctionDef fn : f.functions()) {
                if (userSpaceOnly(fn)) {
                    continue;
                }
                Node previousNode = kept.get(fn);
                if (previousNode != null) {
                    nodeOf.put(fn, replace(previousNode, fn.file(), fn.line(), Optional.of(fn)));
                } else {
                    Node node = addFunction(fn);
                    nodeOf.put(fn, node);
                    changedNames.add(node.name());
                }
            }
        }
    }

    /**
     * What name resolution reads of a definition (see {@link #resolve}): its name, whether it is
     * a macro, {@code static}, and inside an {@code #if}. Its file is the re-parsed file's path.
     */
    private record Resolvable(String name, NodeKind kind, boolean isStatic, boolean conditional) {
        static Resolvable of(FunctionDef fn) {
            return new Resolvable(fn.name(), nodeKindOf(fn), fn.isStatic(), !fn.condition().isEmpty());
        }

        // Written out, as a record would compute them: the generated ones bootstrap method
        // handles at their first call, ~7 ms of a pre-commit hook's rebuild.
        @Override
        public boolean equals(Object o) {
            return o instanceof Resolvable r && name.equals(r.name) && kind == r.kind && isStatic == r.isStatic
                && conditional == r.conditional;
        }

        @Override
        public int hashCode() {
            int h = name.hashCode();
            h = 31 * h + kind.hashCode();
            h = 31 * h + Boolean.hashCode(isStatic);
            return 31 * h + Boolean.hashCode(conditional);
        }
    }

    /**
     * For each function of a re-parsed file (same path before and after), the previous node it
     * takes over: the first one not yet taken, in file order, that resolution sees alike.
     */
    private Map<FunctionDef, Node> keptNodes(FileChanges changes) {
        Map<String, FileFacts> goneByPath = new HashMap<>();
        changes.gone().forEach(f -> goneByPath.put(f.path(), f));
        Map<FunctionDef, Node> kept = new IdentityHashMap<>();
        for (FileFacts now : changes.added()) {
            FileFacts was = goneByPath.remove(now.path());
            if (was == null) {
                continue;
            }
            Map<Resolvable, ArrayDeque<Node>> free = new HashMap<>();
            for (FunctionDef fn : was.functions()) {
                Node n = nodeOf.get(fn);
                if (n != null) {
                    free.computeIfAbsent(Resolvable.of(fn), k -> new ArrayDeque<>()).add(n);
                }
            }
            for (FunctionDef fn : now.functions()) {
                if (userSpaceOnly(fn)) {
                    continue;
                }
                ArrayDeque<Node> same = free.get(Resolvable.of(fn));
                if (same != null && !same.isEmpty()) {
                    kept.put(fn, same.poll());
                }
            }
        }
        return kept;
    }

    private Node addFunction(FunctionDef fn) {
        Node node = unlistedFunction(fn);
        ownList(node.name()).add(node);
        return node;
    }

    /** The kind of node a definition makes: a macro body's is MACRO. */
    private static NodeKind nodeKindOf(FunctionDef fn) {
        return fn.kind() == FunctionKind.MACRO_BODY ? NodeKind.MACRO : NodeKind.FUNCTION;
    }

    /** The node of {@code fn}, not yet in its name's list. */
    private Node unlistedFunction(FunctionDef fn) {
        Node node = newNode(fn.name(), nodeKindOf(fn), fn.file(), fn.line(), Optional.of(fn));
        if (isLocalHeader(fn.file())) {
            namesInLocalHeaders.add(fn.name());
        }
        return node;
    }

    /** One node per tracepoint; a rebuild keeps the node of a tracepoint that is still declared. */
    private void tracepoints(List<FileFacts> files) {
        if (previous != null && declaresNoTracepoint(changes.gone()) && declaresNoTracepoint(changes.added())) {
            // The declarations, their order and their nodes are the previous model's.
            tracepoints.putAll(previous.model().tracepoints());
            tracepointNodes.putAll(previous.tracepointNodes());
            tracepointsAsBefore = true;
            return;
        }
        for (FileFacts f : files) {
            for (TracepointDecl tp : f.tracepoints()) {
                TracepointDecl known = tracepoints.get(tp.name());
                if (known == null || (!known.hasEventClass() && tp.hasEventClass())) {
                    tracepoints.put(tp.name(), tp);
                }
            }
        }
        Map<String, TracepointDecl> oldDecls = previous == null ? Map.of() : previous.model().tracepoints();
        for (TracepointDecl tp : tracepoints.values()) {
            Optional<Node> kept = previousNode("trace_" + tp.name(), NodeKind.TRACEPOINT);
            if (kept.isEmpty()) {
                tracepointNodes.put(tp.name(), add("trace_" + tp.name(), NodeKind.TRACEPOINT, tp.file(), tp.line(),
                    Optional.empty()));
            } else if (oldDecls.get(tp.name()) == tp) {
                tracepointNodes.put(tp.name(), kept.get());
                continue;
            } else {
                tracepointNodes.put(tp.name(), replace(kept.get(), tp.file(), tp.line(), Optional.empty()));
            }
            if (previous != null) {
                changedTracepoint(tp.name());
            }
        }
        for (String gone : oldDecls.keySet()) {
            if (!tracepoints.containsKey(gone)) {
                previousNode("trace_" + gone, NodeKind.TRACEPOINT).ifPresent(this::remove);
                changedTracepoint(gone);
            }
        }
    }

    private static boolean declaresNoTracepoint(List<FileFacts> files) {
        for (FileFacts f : files) {
            if (!f.tracepoints().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Calls of trace_<tp>() resolve anew when the tracepoint appears, goes, or moves. */
    private void changedTracepoint(String tp) {
        changedNames.add("trace_" + tp);
        changedNames.add("trace_" + tp + "_rcuidle");
    }

    /** The node of this name and kind the previous model had (tracepoints and probes are unique by name). */
    private Optional<Node> previousNode(String name, NodeKind kind) {
        if (previous == null) {
            return Optional.empty();
        }
        for (Node n : named(name)) {
            if (n.kind() == kind && n.id() < previous.model().nodeCount()) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private List<Node> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /**
     * Definitions the configuration does not build: those under {@code #ifndef __KERNEL__}
     * (a user-space build of a header) and those in the spec's unbuilt files (by default Tiny
     * RCU / Tiny SRCU, the !SMP twins of functions Tree RCU defines under the same names, and
     * the slab allocators other than SLUB).
     */
    private boolean userSpaceOnly(FunctionDef fn) {
        return fn.condition().contains("!defined(__KERNEL__)") || unbuiltFiles.contains(fn.file());
    }

    private Node add(String name, NodeKind kind, String file, int line, Optional<FunctionDef> def) {
        Node node = newNode(name, kind, file, line, def);
        ownList(name).add(node);
        return node;
    }

    private Node newNode(String name, NodeKind kind, String file, int line, Optional<FunctionDef> def) {
        Node node = new Node(nodes.size(), name, kind, file, line, def);
        nodes.add(node);
        if (node.id() >= kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.max(1024, kinds.length * 2));
        }
        kinds[node.id()] = (byte) kind.ordinal();
        return node;
    }

    /** Marks a node of the previous model removed: it keeps its id, loses its name's lookup and its edges. */
    private void remove(Node node) {
        nodes.set(node.id(), new Node(node.id(), node.name(), NodeKind.REMOVED, node.file(), node.line(),
            Optional.empty()));
        kinds[node.id()] = (byte) NodeKind.REMOVED.ordinal();
        List<Node> list = ownList(node.name());
        list.removeIf(n -> n.id() == node.id());
        if (list.isEmpty()) {
            byName.remove(node.name());
            ownedLists.remove(node.name());
        }
        if (node.isFunctionLike()) {
            changedNames.add(node.name());
        }
    }

    /** The same node (same id) with a new place or definition: a moved tracepoint, a probe of a changed template. */
    private Node replace(Node node, String file, int line, Optional<FunctionDef> def) {
        Node moved = new Node(node.id(), node.name(), node.kind(), file, line, def);
        nodes.set(node.id(), moved);
        List<Node> list = ownList(node.name());
        list.replaceAll(n -> n.id() == node.id() ? moved : n);
        return moved;
    }

    /**
     * The list of nodes named {@code name}, safe to change. A rebuild starts from the previous
     * model's lists, which that model still uses: a list is copied the first time it changes.
     * A build makes a name's first list an immutable singleton; it is copied in the same way.
     */
    private List<Node> ownList(String name) {
        if (sharedLists && ownedLists.add(name)) {
            List<Node> copy = new ArrayList<>(byName.getOrDefault(name, List.of()));
            byName.put(name, copy);
            return copy;
        }
        List<Node> list = byName.get(name);
        if (list == null) {
            list = new ArrayList<>(1);
            byName.put(name, list);
        } else if (!(list instanceof ArrayList)) {
            list = new ArrayList<>(list);
            byName.put(name, list);
        }
        return list;
    }

    private boolean sharedLists;
    private final Set<String> ownedLists = new HashSet<>();
    /** Names whose definitions a rebuild added, removed or moved: calls of them resolve anew. */
    private final Set<String> changedNames = new HashSet<>();

    /** Whether a rebuild's tracepoint declarations came over as they were (see {@link #tracepoints}). */
    private boolean tracepointsAsBefore;

    /**
     * Whether this rebuild's probes are the previous model's: the same tracepoint declarations,
     * and no changed file defines a probe template. A slice review's rebuild spent a third of
     * its time making ~3,600 probes and their edges again, the same ones.
     */
    private boolean probesAsBefore() {
        if (previous == null || !tracepointsAsBefore) {
            return false;
        }
        Set<String> templates = new HashSet<>();
        spec.probeTemplates().forEach(t -> templates.add(t.macro()));
        for (List<FileFacts> side : List.of(changes.gone(), changes.added())) {
            for (FileFacts f : side) {
                for (FunctionDef fn : f.functions()) {
                    if (templates.contains(fn.name())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The previous model's probes, in the order {@link #probeNodes} made them, and its edges
     * from each tracepoint to them: a tracepoint's edges to generated probes come first among
     * its edges, in template order (they were made before any call's), each at the
     * declaration (a registration naming a generated probe would make one elsewhere).
     */
    private List<Node> probeNodesAsBefore() {
        CodeModel old = previous.model();
        List<Node> probes = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (TracepointDecl tp : tracepoints.values()) {
            if (!tp.hasEventClass()) {
                continue;
            }
            Node tpNode = tracepointNodes.get(tp.name());
            for (int e = old.outStart(tpNode.id()); e < old.outEnd(tpNode.id()); e++) {
                int target = old.edgeTarget(e);
                if (old.edgeKind(e) == EdgeKind.PROBE && old.kind(target) == NodeKind.PROBE
                    && old.edgeLine(e) == tp.line() && old.edgeFile(e).equals(tp.file())) {
                    edges.add(tpNode.id(), target, EdgeKind.PROBE, fileIndex(tp.file()), tp.line());
                    if (seen.add(target)) {
                        probes.add(old.node(target));
                    }
                }
            }
        }
        return probes;
    }

    /** Whether the probes' calls resolve as before: no name a template calls was defined anew, moved or removed. */
    private boolean probeCallsAsBefore(List<Node> probes) {
        Set<FunctionDef> templates = Collections.newSetFromMap(new IdentityHashMap<>());
        probes.forEach(p -> templates.add(p.function().orElseThrow()));
        for (FunctionDef template : templates) {
            if (registrars.calledBy(template)) {
                // Its registrations' edges start at other nodes: they are made again with the calls.
                return false;
            }
            List<String> names = new ArrayList<>();
            dependencies(template, names);
            if (names.stream().anyMatch(changedNames::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The previous model's edges of each probe's calls, in the order {@link #callEdges} made them. */
    private void probeCallEdgesAsBefore(List<Node> probes, EdgeList edges) {
        CodeModel old = previous.model();
        for (Node probe : probes) {
            for (int e = old.outStart(probe.id()); e < old.outEnd(probe.id()); e++) {
                EdgeKind kind = old.edgeKind(e);
                if (kind == EdgeKind.CALL || kind == EdgeKind.MACRO || kind == EdgeKind.TRACEPOINT
                    || kind == EdgeKind.TRACEPOINT_RCUIDLE) {
                    edges.add(probe.id(), old.edgeTarget(e), kind, fileIndex(old.edgeFile(e)), old.edgeLine(e));
                }
            }
            unknownIndirect[probe.id()] = old.unknownIndirectCalls(probe.id());
        }
    }

    /** One probe node per (template, event class): perf_trace_<class>, trace_event_raw_event_<class>. */
    private List<Node> probeNodes() {
        List<FunctionDef> templates = new ArrayList<>();
        for (ContextSpec.ProbeTemplate t : spec.probeTemplates()) {
            for (Node n : byName.getOrDefault(t.macro(), List.of())) {
                FunctionDef def = n.function().orElseThrow();
                if (t.isDefinedBy(def)) {
                    templates.add(def);
                }
            }
        }
        List<Node> probes = new ArrayList<>();
        Map<String, Node> byProbeName = new HashMap<>();
        for (TracepointDecl tp : tracepoints.values()) {
            if (!tp.hasEventClass()) {
                continue;
            }
            Node tpNode = tracepointNodes.get(tp.name());
            for (FunctionDef template : templates) {
                String name = template.generatedPrefix() + tp.eventClass();
                Node probe = byProbeName.get(name);
                if (probe == null) {
                    probe = probeNode(name, template);
                    byProbeName.put(name, probe);
                    probes.add(probe);
                }
                edges.add(tpNode.id(), probe.id(), EdgeKind.PROBE, fileIndex(tp.file()), tp.line());
            }
        }
        if (previous != null) {
            CodeModel old = previous.model();
            for (int id = 0; id < old.nodeCount(); id++) {
                if (old.kind(id) == NodeKind.PROBE && !byProbeName.containsKey(old.node(id).name())) {
                    remove(old.node(id));
                }
            }
        }
        return probes;
    }

    private Node probeNode(String name, FunctionDef template) {
        Optional<Node> kept = previousNode(name, NodeKind.PROBE);
        if (kept.isEmpty()) {
            return add(name, NodeKind.PROBE, template.file(), template.line(), Optional.of(template));
        }
        if (kept.get().function().orElse(null) == template) {
            return kept.get();
        }
        return replace(kept.get(), template.file(), template.line(), Optional.of(template));
    }

    private void tracepointEdges() {
        List<Node> doTrace = byName.getOrDefault("__DO_TRACE", List.of());
        for (Node tp : tracepointNodes.values()) {
            for (Node d : doTrace) {
                edges.add(tp.id(), d.id(), EdgeKind.DO_TRACE, fileIndex(tp.file()), tp.line());
            }
        }
    }

    /**
     * Resolves the calls of function nodes [0, count) on {@code jobs} threads. Each chunk of nodes
     * gets its own edge list; the lists come back in chunk order, so the edges (and every chain
     * built on them) are the same for any number of jobs.
     */
    private List<EdgeList> parallelCallEdges(int count, int jobs, int[] logStart) {
        // lastSource[t] == n means n already has an edge to t. Entries name source nodes, which
        // are unique across chunks, so a thread reuses one array for all its chunks: a fresh one
        // per chunk would be ~100 arrays of a million ints on a kernel tree.
        java.util.concurrent.ConcurrentLinkedQueue<int[]> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<java.util.concurrent.Callable<EdgeList>> tasks = new ArrayList<>();
        for (int start = 0; start < count; start += chunk) {
            int from = start;
            int to = Math.min(count, start + chunk);
            tasks.add(() -> {
                int c = from / chunk;
                if (replay != null && replay.reuseChunk(c, from, to, logStart)) {
                    chunkDependencies[c] = previous.log().dependencies()[c];
                    return previous.log().parts().get(c);
                }
                EdgeList out = EdgeList.forChunk();
                int[] lastSource = spare.poll();
                if (lastSource == null) {
                    lastSource = new int[nodes.size()];
                    Arrays.fill(lastSource, -1);
                }
                NameFilter chunkDeps = trackDependencies ? new NameFilter() : null;
                List<String> deps = new ArrayList<>();
                for (int id = from; id < to; id++) {
                    // Where this function's edges start in its chunk's list: see CallEdgeLog.
                    logStart[id] = out.size();
                    Node node = nodes.get(id);
                    if (!node.isFunctionLike()) {
                        continue;
                    }
                    deps.clear();
                    if (trackDependencies) {
                        dependencies(node.function().orElseThrow(), deps);
                        deps.forEach(chunkDeps::add);
                    }
                    if (replay == null || !replay.copy(id, deps, out)) {
                        callEdges(node, lastSource, out);
                    }
                }
                chunkDependencies[c] = chunkDeps;
                spare.add(lastSource);
                return out;
            });
        }
        List<EdgeList> parts = new ArrayList<>();
        if (jobs == 1) {
            for (java.util.concurrent.Callable<EdgeList> t : tasks) {
                try {
                    parts.add(t.call());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return parts;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tpsync-model");
            t.setDaemon(true);
            return t;
        });
        try {
            for (java.util.concurrent.Future<EdgeList> f : pool.invokeAll(tasks)) {
                parts.add(f.get());
            }
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the model", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("building the model failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What a rebuild copies from the previous model. Node ids are kept, so a function that is
     * still there calls what it called before unless one of the names its calls depend on
     * (see {@link #dependencies}) was defined, removed or moved by the change: otherwise its
     * logged edges are copied as they are. A registering function is resolved again when the
     * log is incomplete (made from a cached graph, which does not tell its callbacks apart).
     */
    private final class Replay {
        private final CodeModel old;
        private final CallEdgeLog log;
        private final int oldCount;

        Replay() {
            old = previous.model();
            log = previous.log();
            oldCount = old.nodeCount();
        }

        /**
         * Takes a whole chunk of the previous build (its edge list, as it is) when no node in it
         * changed and none of the names its calls depend on did.
         */
        boolean reuseChunk(int c, int from, int to, int[] logStart) {
            NameFilter[] deps = log.dependencies();
            if (to > oldCount || c >= deps.length || deps[c] == null) {
                return false;
            }
            for (String name : changedNames) {
                if (deps[c].mayContain(name)) {
                    return false;
                }
            }
            int functions = 0;
            for (int id = from; id < to; id++) {
                if (old.node(id) != nodes.get(id)) {
                    return false;
                }
                functions += nodes.get(id).isFunctionLike() ? 1 : 0;
            }
            System.arraycopy(log.start(), from, logStart, from, to - from);
            for (int id = from; id < to; id++) {
                unknownIndirect[id] = old.unknownIndirectCalls(id);
            }
            replayedFunctions.addAndGet(functions);
            return true;
        }

        /**
         * Copies the calls of function node {@code id} from the previous model; false when they
         * must be resolved. {@code deps} are the names its calls depend on (a rebuild always
         * records them).
         */
        boolean copy(int id, List<String> deps, EdgeList out) {
            if (id >= oldCount || old.node(id) != nodes.get(id)) {
                return false;
            }
            for (String name : deps) {
                if (changedNames.contains(name)) {
                    return false;
                }
            }
            if (!log.complete() && registrars.calledBy(nodes.get(id).function().orElseThrow())) {
                return false;
            }
            EdgeList logged = log.part(id);
            int from = log.from(id);
            int to = log.to(id);
            for (int e = from; e < to; e++) {
                if (!nodes.get(logged.to(e)).isFunctionLike() && nodes.get(logged.to(e)).kind() != NodeKind.TRACEPOINT) {
                    return false;
                }
            }
            out.addRange(logged, from, to);
            unknownIndirect[id] = old.unknownIndirectCalls(id);
            replayedFunctions.incrementAndGet();
            return true;
        }
    }

    /**
     * The names the edges of {@code fn}'s calls depend on: each callee, and for a registering
     * call the registered function, the tracepoint (as trace_<tp>) or the invoking function.
     * A rebuild resolves the calls again only when one of these names changed.
     */
    private void dependencies(FunctionDef fn, List<String> out) {
        for (CallSite call : fn.calls()) {
            if (call.indirect()) {
                continue;
            }
            String callee = call.callee();
            out.add(callee);
            if (!registrars.madeBy(callee)) {
                continue;
            }
            for (ContextSpec.CallbackRegistration r : spec.callbackRegistrations()) {
                if (!r.isMadeBy(callee)) {
                    continue;
                }
                out.add(identifierOf(call.arg(r.functionArgument())));
                out.add(r.invokedFrom().isEmpty() ? "trace_" + registeredTracepoint(r, call) : r.invokedFrom());
            }
        }
    }

    /**
     * The call edges of the generated probes, in order. Every probe of a template has the
     * template's calls from the template's file, so they resolve alike: one kernel has ~3,600
     * probes of two templates, and resolving each anew was a third of a rebuild. A probe's edges
     * are its template's first probe's, from itself, unless the template registers something
     * (those edges start elsewhere) or calls a probe by name (a probe has no edge to itself).
     */
    private void probeCallEdges(List<Node> probes, int[] lastSource, EdgeList edges) {
        Map<FunctionDef, int[]> firstOfTemplate = new IdentityHashMap<>();
        for (Node probe : probes) {
            FunctionDef template = probe.function().orElseThrow();
            int[] first = firstOfTemplate.get(template);
            if (first != null) {
                for (int e = first[0]; e < first[1]; e++) {
                    edges.add(probe.id(), edges.to(e), edges.kindOf(e), edges.file(e), edges.line(e));
                }
                unknownIndirect[probe.id()] = unknownIndirect[first[2]];
                continue;
            }
            int start = edges.size();
            callEdges(probe, lastSource, edges);
            if (!registrars.calledBy(template) && callsNoProbe(template)) {
                firstOfTemplate.put(template, new int[] {start, edges.size(), probe.id()});
            }
        }
    }

    /** Whether no call of {@code fn} names a probe: then no probe's calls resolve to itself. */
    private boolean callsNoProbe(FunctionDef fn) {
        for (CallSite call : fn.calls()) {
            for (Node n : named(call.callee())) {
                if (n.kind() == NodeKind.PROBE) {
                    return false;
                }
            }
        }
        return true;
    }

    private void callEdges(Node node, int[] lastSource, EdgeList edges) {
        FunctionDef fn = node.function().orElseThrow();
        List<String> params = fn.params();
        int fileIdx = fileIndex(fn.file());
        Caller caller = Caller.of(fn.file());
        for (CallSite call : fn.calls()) {
            if (call.indirect()) {
                if (node.id() < unknownIndirect.length) {
                    unknownIndirect[node.id()]++;
                }
                continue;
            }
            String callee = call.callee();
            if (!params.isEmpty() && params.contains(callee)) {
                continue;
            }
            if (registrars.madeBy(callee)) {
                registration(call, fn, edges);
            }
            if (callee.startsWith("trace_")) {
                String tp = SyncEventClassifier.tracepointName(callee);
                Node tpNode = tracepointNodes.get(tp);
                if (tpNode != null && (callee.equals("trace_" + tp) || callee.equals("trace_" + tp + "_rcuidle"))) {
                    EdgeKind kind = callee.endsWith("_rcuidle") ? EdgeKind.TRACEPOINT_RCUIDLE : EdgeKind.TRACEPOINT;
                    edges.add(node.id(), tpNode.id(), kind, fileIdx, call.line());
                    continue;
                }
            }
            for (int target : resolve(callee, caller)) {
                if (lastSource[target] == node.id() || target == node.id()) {
                    continue;
                }
                lastSource[target] = node.id();
                EdgeKind kind = nodes.get(target).kind() == NodeKind.MACRO ? EdgeKind.MACRO : EdgeKind.CALL;
                edges.add(node.id(), target, kind, fileIdx, call.line());
            }
        }
    }

    /** Where a call is made from, computed once per function: resolution depends only on this. */
    private record Caller(String file, String directory, String area) {
        static Caller of(String file) {
            return new Caller(file, ModelBuilder.directory(file), ModelBuilder.area(file));
        }
    }

    /** register_nmi_handler(type, fn, ...), register_trace_foo(fn, data), tracepoint_probe_register(tp, fn, ...). */
    private void registration(CallSite call, FunctionDef caller, EdgeList edges) {
        for (ContextSpec.CallbackRegistration r : spec.callbackRegistrations()) {
            if (!r.isMadeBy(call.callee())) {
                continue;
            }
            String fnName = identifierOf(call.arg(r.functionArgument()));
            if (fnName.isEmpty()) {
                continue;
            }
            int[] targets = resolve(fnName, Caller.of(caller.file()));
            List<Node> sources = new ArrayList<>();
            EdgeKind kind = EdgeKind.CALLBACK;
            if (r.invokedFrom().isEmpty()) {
                Node tpNode = tracepointNodes.get(registeredTracepoint(r, call));
                if (tpNode != null) {
                    sources.add(tpNode);
                }
                kind = EdgeKind.PROBE;
            } else {
                sources.addAll(functionsNamed(r.invokedFrom()));
            }
            for (Node source : sources) {
                if (!sameConfiguration(caller.file(), source.file())) {
                    continue;
                }
                for (int target : targets) {
                    edges.add(source.id(), target, kind, fileIndex(caller.file()), call.line());
                }
            }
        }
    }


    /**
     * The names {@code f} defines outside any {@code #if} (none for null): a call or
     * registration of one from the file resolves to the file's own definitions (see resolve).
     */
    public static Set<String> unconditionalNames(FileFacts f) {
        Set<String> names = new HashSet<>();
        if (f != null) {
            for (FunctionDef fn : f.functions()) {
                if (fn.condition().isEmpty()) {
                    names.add(fn.name());
                }
            }
        }
        return names;
    }

    /**
     * The tracepoint a call of {@code callee} stands for when one of that name is declared:
     * "trace_foo" and "trace_foo_rcuidle" -> "foo" (see callEdges); anything else -> "".
     */
    public static String tracepointCalled(String callee) {
        if (!callee.startsWith("trace_")) {
            return "";
        }
        String tp = callee.substring("trace_".length());
        return tp.endsWith("_rcuidle") ? tp.substring(0, tp.length() - "_rcuidle".length()) : tp;
    }

    /** The tracepoint a probe registration names: register_trace_<tp>(...), or tracepoint_probe_register(&__tracepoint_<tp>, ...). */
    public static String registeredTracepoint(ContextSpec.CallbackRegistration r, CallSite call) {
        return r.registrar().endsWith("_") ? call.callee().substring(r.registrar().length()) : tracepointOf(call.arg(0));
    }

    private void callbackField(FieldStore store, String file) {
        for (ContextSpec.CallbackField cf : spec.callbackFields()) {
            if (!cf.links(store.field(), file)) {
                continue;
            }
            int[] targets = resolve(store.value(), Caller.of(file));
            for (Node source : functionsNamed(cf.invokedFrom())) {
                if (!sameConfiguration(file, source.file())) {
                    continue;
                }
                for (int target : targets) {
                    edges.add(source.id(), target, EdgeKind.CALLBACK, fileIndex(file), store.line());
                }
            }
        }
    }

    private List<Node> functionsNamed(String name) {
        List<Node> out = new ArrayList<>();
        for (Node n : byName.getOrDefault(name, List.of())) {
            if (n.isFunctionLike()) {
                out.add(n);
            }
        }
        return out;
    }

    /** "&foo", "(void *)foo", "foo" -> "foo"; anything else -> "": the name a registration or store resolves. */
    public static String identifierOf(String arg) {
        String s = arg.trim();
        while (s.startsWith("(")) {
            int close = s.indexOf(')');
            if (close < 0) {
                return "";
            }
            s = s.substring(close + 1).trim();
        }
        if (s.startsWith("&")) {
            s = s.substring(1).trim();
        }
        return s.matches("[A-Za-z_][A-Za-z0-9_]*") ? s : "";
    }

    /** "&__tracepoint_foo" -> "foo". */
    private static String tracepointOf(String arg) {
        String id = identifierOf(arg);
        return id.startsWith("__tracepoint_") ? id.substring("__tracepoint_".length()) : "";
    }

    /**
     * Candidates for a call of {@code name} from {@code callerFile}: definitions in the same
     * file win (that is how C resolves a static); otherwise every visible definition, limited
     * to the caller's architecture and kept apart from user-space code under tools/ and scripts/.
     */
    private int[] resolve(String name, Caller caller) {
        List<Node> all = byName.get(name);
        if (all == null) {
            return NONE;
        }
        int[] same = all.size() > MANY_DEFINITIONS ? sameFileIndexed(name, all, caller.file())
            : sameFileScan(all, caller.file());
        if (same.length > 0) {
            if (!allConditional(same)) {
                return same;
            }
            // Same-file definitions inside #if branches (the "#else #define trace_hardirqs_on()
            // do { } while (0)" stub) do not hide the real one: the other configuration links there.
            int[] global = resolutionCache.computeIfAbsent(caller.area(),
                a -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(name,
                k -> visible(all, caller.area()));
            return java.util.stream.IntStream.concat(java.util.Arrays.stream(same),
                java.util.Arrays.stream(global)).distinct().toArray();
        }
        if (namesInLocalHeaders.contains(name)) {
            int[] local = localResolutionCache.computeIfAbsent(caller.directory(),
                d -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(name,
                k -> localHeaderDefinitions(all, caller.directory()));
            if (local.length > 0) {
                return local;
            }
        }
        return resolutionCache.computeIfAbsent(caller.area(), a -> new java.util.concurrent.ConcurrentHashMap<>())
            .computeIfAbsent(name, k -> visible(all, caller.area()));
    }

    private boolean allConditional(int[] ids) {
        for (int id : ids) {
            if (nodes.get(id).function().map(f -> f.condition().isEmpty()).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    /** Above this many definitions of one name (static helpers such as probe, show, init) look up by file. */
    private static final int MANY_DEFINITIONS = 16;

    /** Names with a definition in a header outside include/, found once before edges are resolved. */
    private final Set<String> namesInLocalHeaders = new HashSet<>();

    /** For names with many definitions: file to the ids defined there. */
    private final Map<String, Map<String, int[]>> definitionsByFile = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] sameFileScan(List<Node> all, String file) {
        int same = 0;
        for (Node n : all) {
            if (n.isFunctionLike() && n.file().equals(file)) {
                same++;
            }
        }
        if (same == 0) {
            return NONE;
        }
        int[] out = new int[same];
        int i = 0;
        for (Node n : all) {
            if (n.isFunctionLike() && n.file().equals(file)) {
                out[i++] = n.id();
            }
        }
        return out;
    }

    private int[] sameFileIndexed(String name, List<Node> all, String file) {
        Map<String, int[]> byFile = definitionsByFile.computeIfAbsent(name, k -> {
            Map<String, List<Integer>> grouped = new HashMap<>();
            for (Node n : all) {
                if (n.isFunctionLike()) {
                    grouped.computeIfAbsent(n.file(), f -> new ArrayList<>()).add(n.id());
                }
            }
            Map<String, int[]> out = new HashMap<>();
            grouped.forEach((f, ids) -> out.put(f, ids.stream().mapToInt(Integer::intValue).toArray()));
            return out;
        });
        return byFile.getOrDefault(file, NONE);
    }

    private static final int[] NONE = new int[0];

    /**
     * A header outside an include/ directory (kernel/sched/sched.h, drivers/acpi/acpica/acutils.h)
     * is included by its neighbours only: its definitions are visible in its own directory, and
     * there they shadow the global ones.
     */
    private static int[] localHeaderDefinitions(List<Node> all, String callerDir) {
        return all.stream().filter(n -> n.isFunctionLike() && isLocalHeader(n.file())
            && callerDir.startsWith(directory(n.file()))).mapToInt(Node::id).toArray();
    }

    static boolean isLocalHeader(String file) {
        return file.endsWith(".h") && !file.startsWith("include/") && !file.contains("/include/");
    }

    private static String directory(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash + 1);
    }

    /**
     * The model reads the tree as one configuration would: generic code sees generic and x86
     * definitions (another architecture's only when neither exists), and code under arch/X
     * sees generic and arch/X. Without this a generic call such as flush_tlb_kernel_range()
     * would fan out to every architecture's copy.
     */
    private int[] visible(List<Node> all, String area) {
        List<Node> kernel = new ArrayList<>();
        List<Node> otherArch = new ArrayList<>();
        boolean userSpace = isUserSpaceArea(area);
        for (Node n : all) {
            if (!n.isFunctionLike() || !isGloballyVisible(n)) {
                continue;
            }
            String nodeArea = area(n.file());
            if (userSpace != isUserSpaceArea(nodeArea) || (userSpace && !area.equals(nodeArea))) {
                continue;
            }
            boolean nodeArch = nodeArea.startsWith("arch/");
            String home = area.startsWith("arch/") ? area : primaryArch;
            if (!nodeArch || nodeArea.equals(home)) {
                kernel.add(n);
            } else if (!area.startsWith("arch/")) {
                otherArch.add(n);
            }
        }
        List<Node> out = kernel.isEmpty() ? otherArch : withoutAsmGenericFallbacks(kernel);
        out.sort(Comparator.comparingInt((Node n) -> archRank(area(n.file()))).thenComparing(Node::file));
        return out.stream().mapToInt(Node::id).toArray();
    }

    /**
     * A callback registered in arch/Y code is invoked by generic code only in a Y kernel: keep
     * the edge when the registration is generic or primary-arch code, or in the invoker's own arch.
     */
    private boolean sameConfiguration(String registrationFile, String invokerFile) {
        String reg = area(registrationFile);
        return !reg.startsWith("arch/") || reg.equals(primaryArch) || reg.equals(area(invokerFile));
    }

    /**
     * include/asm-generic/ is what an architecture gets when it does not define a primitive
     * itself (arch_spin_lock, __switch_to_asm, ...): when the architecture's own definition is
     * among the candidates, the asm-generic one is not in the build.
     */
    private static List<Node> withoutAsmGenericFallbacks(List<Node> candidates) {
        boolean archOwn = candidates.stream().anyMatch(n -> n.file().startsWith("arch/"));
        if (!archOwn) {
            return candidates;
        }
        List<Node> out = new ArrayList<>(candidates.size());
        for (Node n : candidates) {
            if (!n.file().startsWith("include/asm-generic/")) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean isGloballyVisible(Node n) {
        if (n.file().endsWith(".h")) {
            return !isLocalHeader(n.file());
        }
        return !isFileLocal(n.function().orElseThrow());
    }

    /**
     * Whether only calls from {@code fn}'s own file resolve to it: a {@code static} function or a
     * {@code #define} of a file that is not a header. A change that adds or removes one changes
     * the edges of that file's functions alone.
     */
    public static boolean isFileLocal(FunctionDef fn) {
        return !fn.file().endsWith(".h") && (nodeKindOf(fn) != NodeKind.FUNCTION || fn.isStatic());
    }

    private int archRank(String area) {
        if (!area.startsWith("arch/")) {
            return 0;
        }
        return area.equals(primaryArch) ? 1 : 2;
    }

    private static boolean isUserSpaceArea(String area) {
        return area.equals("tools") || area.equals("scripts") || area.equals("samples")
            || area.equals("Documentation") || area.equals("usr");
    }

    /** "arch/x86" for arch/x86/..., "tools" for tools/..., "" for the rest of the kernel. */
    static String area(String file) {
        if (file.startsWith("arch/")) {
            int slash = file.indexOf('/', 5);
            return slash < 0 ? "arch" : file.substring(0, slash);
        }
        int slash = file.indexOf('/');
        String top = slash < 0 ? "" : file.substring(0, slash);
        return isUserSpaceArea(top) ? top : "";
    }

    private int fileIndex(String file) {
        Integer idx = edgeFileIndex.get(file);
        if (idx == null) {
            idx = edgeFiles.size();
            edgeFiles.add(file);
            edgeFileIndex.put(file, idx);
        }
        return idx;
    }

    /** Edges collected in arrays, then laid out in CSR form by source node. */
    static final class EdgeList {
        /** What the call edges of a chunk of 8,192 functions about fill on a kernel. */
        private static final int CHUNK_CAPACITY = 1 << 16;
        private int[] from;
        private int[] to;
        private int[] line;
        private int[] file;
        private byte[] kind;
        private int size;

        /**
         * Small at first: a restore or rebuild makes several lists that stay short, and 1.1 MB of
         * zeroed arrays each was ~8 MB of a hook run's allocation.
         */
        EdgeList() {
            this(1 << 10);
        }

        private EdgeList(int capacity) {
            from = new int[capacity];
            to = new int[capacity];
            line = new int[capacity];
            file = new int[capacity];
            kind = new byte[capacity];
        }

        /** A list for the call edges of a chunk being resolved: sized for it, not grown to it. */
        static EdgeList forChunk() {
            return new EdgeList(CHUNK_CAPACITY);
        }

        /** A list for {@code capacity} edges, known beforehand. */
        static EdgeList withCapacity(int capacity) {
            return new EdgeList(Math.max(1, capacity));
        }

        int size() {
            return size;
        }

        int from(int e) {
            return from[e];
        }

        int to(int e) {
            return to[e];
        }

        int file(int e) {
            return file[e];
        }

        int line(int e) {
            return line[e];
        }

        EdgeKind kindOf(int e) {
            return EdgeKind.ofOrdinal(kind[e]);
        }

        int[] fromArray() {
            return Arrays.copyOf(from, size);
        }

        int[] toArray() {
            return Arrays.copyOf(to, size);
        }

        int[] lineArray() {
            return Arrays.copyOf(line, size);
        }

        int[] fileArray() {
            return Arrays.copyOf(file, size);
        }

        byte[] kindArray() {
            return Arrays.copyOf(kind, size);
        }

        /** Adds edges {@code [start, end)} of {@code other} as they are. */
        void addRange(EdgeList other, int start, int end) {
            for (int e = start; e < end; e++) {
                add(other.from[e], other.to[e], EdgeKind.ofOrdinal(other.kind[e]), other.file[e], other.line[e]);
            }
        }

        void add(int f, int t, EdgeKind k, int fileIdx, int ln) {
            room(1);
            from[size] = f;
            to[size] = t;
            line[size] = ln;
            file[size] = fileIdx;
            kind[size] = (byte) k.ordinal();
            size++;
        }

        /** Adds edges {@code [start, end)} of a cached graph's arrays, all from node {@code f}. */
        void addRun(int f, ModelEdges edges, int start, int end) {
            int n = end - start;
            room(n);
            Arrays.fill(from, size, size + n, f);
            System.arraycopy(edges.edgeTo(), start, to, size, n);
            System.arraycopy(edges.edgeLine(), start, line, size, n);
            System.arraycopy(edges.edgeFile(), start, file, size, n);
            System.arraycopy(edges.edgeKind(), start, kind, size, n);
            size += n;
        }

        private void room(int n) {
            if (size + n <= from.length) {
                return;
            }
            int cap = Math.max(size + n, from.length * 2);
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
            line = Arrays.copyOf(line, cap);
            file = Arrays.copyOf(file, cap);
            kind = Arrays.copyOf(kind, cap);
        }

        /** Lays the edges of {@code sequence}, in order, out in CSR form by source node (a stable sort). */
        static CodeModel toModel(List<EdgeList> sequence, List<FileFacts> files, List<Node> nodes, byte[] kinds,
                                 LayeredMap<String, List<Node>> byName, LayeredMap<FunctionDef, Node> nodeOf,
                                 Map<String, TracepointDecl> tracepoints, ContextSpec spec, List<String> edgeFiles,
                                 int[] unknownIndirect) {
            int n = nodes.size();
            int[] start = new int[n + 1];
            int total = 0;
            for (EdgeList list : sequence) {
                for (int e = 0; e < list.size; e++) {
                    start[list.from[e] + 1]++;
                }
                total += list.size;
            }
            for (int i = 0; i < n; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, n);
            int[] outTo = new int[total];
            int[] outLine = new int[total];
            int[] outFile = new int[total];
            byte[] outKind = new byte[total];
            for (EdgeList list : sequence) {
                for (int e = 0; e < list.size; e++) {
                    int slot = fill[list.from[e]]++;
                    outTo[slot] = list.to[e];
                    outLine[slot] = list.line[e];
                    outFile[slot] = list.file[e];
                    outKind[slot] = list.kind[e];
                }
            }
            return new CodeModel(files, nodes, kinds, byName, nodeOf, tracepoints, spec, start, outTo, outLine,
                outKind, outFile, edgeFiles, unknownIndirect);
        }
    }
}
