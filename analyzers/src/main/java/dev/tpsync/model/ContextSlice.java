package dev.tpsync.model;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.DeferredCalls;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.concurrent.Futures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The part of a tree whose model gives every context of the whole tree: what review needs to
 * judge a change to code a context reaches without loading the tree. It is kept function by
 * function: on 6.1, 17,194 of 781,352 functions in 5,110 files, whose model gives the whole
 * tree's reviews of changes to reached code (benchmarks/README.md, "Ninth session" and
 * "Fourteenth session").
 *
 * <p>Why: the searches start at seeds and follow out-edges, and a call resolves among the
 * definitions of its name only (see ModelBuilder). The slice holds every reached function; the
 * target of every out-edge of a reached node (a kept target set reproduces the edge: resolution
 * picks among candidates node by node, and every candidate it picked is there); every definition
 * of a name a reached function calls ({@link #reachedCallees}), so that a changed call of one
 * resolves among the same candidates as in the tree; the source, target and making function of
 * every indirect edge (probe and callback registrations, linked stores), wherever it is, since a
 * change may make its source reached; every function that registers a callback or probe, and
 * every callback-linking store, even those that made no edge (a change that defines the name
 * they register anew would make one), and every definition of a registrar's name; the functions
 * that seed a context (idle, NMI and
 * RCU-watching events, rcuidle tracepoints, configured region markers, named NMI entries) and
 * what the machinery is made of ({@code __DO_TRACE}, probe templates, callback invokers); the
 * reference functions ({@link ContextSummary}); every file's tracepoint declarations and
 * callback-linking stores. Review still checks the claim each time it uses a slice: the slice's
 * base model must reach what the {@link ContextSummary} says the tree reaches, and a function a
 * change makes reached may only call names of {@link #reachedCallees}, its own file's or a
 * tracepoint's; otherwise the change is judged on the whole tree. The file a change touches is
 * judged whole (review puts its full facts in the slice's place, or adds them), and a change
 * that defines names anew or takes definitions away is checked name by name (the rules'
 * Redefinitions).
 *
 * @param files          the slice's files by path, with their git blob ids
 * @param reachedCallees names reached functions (and functions that start a context) call, and names a
 *                       wider slice added ({@link #withDefinitionsOf}), whose every definition in
 *                       the tree the slice holds
 * @param facts          the facts of the slice's files, each with only the functions kept, in path
 *                       order
 * @param id             what names the models built from it, kept with it: drawn when the slice is
 *                       made from a whole tree ({@link #newId}; a content hash of its 17,000
 *                       functions cost a hook run ~12 ms), so two made apart never share one; derived
 *                       from its parent's for a slice made from another ({@link SliceLineage}), so
 *                       the same slice made again is named alike
 */
public record ContextSlice(SortedMap<String, String> files, SortedSet<String> reachedCallees, List<FileFacts> facts,
                           String id) {

    public ContextSlice {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        reachedCallees = Collections.unmodifiableSortedSet(new TreeSet<>(reachedCallees));
        facts = List.copyOf(facts);
        if (facts.size() != files.size()) {
            throw new IllegalArgumentException("a slice has the facts of each of its files: " + facts.size()
                + " facts for " + files.size() + " files");
        }
    }

    /** A new slice identity: 128 random bits, in hex. */
    public static String newId() {
        SplittableRandom random = new SplittableRandom();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /**
     * The slice of the tree {@code contexts} were computed on (the whole tree, so every name
     * reached code calls has all its definitions there), with each file's blob id from
     * {@code blobIdOf}; empty when a file of the slice has none (a tree not in git).
     */
    public static Optional<ContextSlice> of(Contexts contexts, Function<String, Optional<String>> blobIdOf) {
        CodeModel model = contexts.model();
        ContextSpec spec = model.spec();
        Map<String, FileFacts> byPath = new HashMap<>();
        model.files().forEach(f -> byPath.put(f.path(), f));
        Kept kept = new Kept();
        TreeSet<String> callees = new TreeSet<>();
        for (int id = 0; id < model.nodeCount(); id++) {
            boolean reached = contexts.inNmi(id) || contexts.inNotWatching(id) || contexts.inHotPath(id);
            // Edge by edge through the arrays: a kernel has ~3M edges, and a list per node costs.
            for (int e = model.outStart(id); e < model.outEnd(id); e++) {
                // Indirect edges (probes, callbacks) are kept whole wherever they are: a change
                // that makes their source reached must find them in the slice.
                boolean indirect = model.edgeKind(e).isIndirect();
                if (reached || indirect) {
                    kept.node(model.node(model.edgeTarget(e)));
                }
                if (indirect) {
                    kept.node(model.node(id));
                    Edge edge = model.edge(id, e);
                    kept.enclosing(byPath.get(edge.file()), edge.line());
                }
            }
            Node node = model.node(id);
            // A function that starts a context is held whether reached or not, and so is every
            // definition of what it calls: a call in its region is reached, and a change may
            // move one there.
            boolean seeding = !reached && node.function().isPresent() && seeds(node.function().get(), spec);
            if (!reached && !seeding) {
                continue;
            }
            kept.node(node);
            if (node.function().isEmpty()) {
                continue;
            }
            for (CallSite call : node.function().get().calls()) {
                if (!call.indirect()) {
                    callees.add(call.callee());
                }
            }
        }
        Set<String> everyDefinition = new HashSet<>(callees);
        everyDefinition.addAll(machineryNames(spec));
        // Every function of the tree passes here (~780k on a kernel): the second half of the
        // files beside the first (each file's part is a pure function of it), since on the way a
        // hook run keeps the slice of the tree its commit makes nothing else is left to do.
        List<FileFacts> all = model.files();
        int half = all.size() / 2;
        CompletableFuture<Optional<KeptFiles>> second = CompletableFuture.supplyAsync(
            () -> keptFiles(all.subList(half, all.size()), everyDefinition, kept, spec, blobIdOf));
        Optional<KeptFiles> first = keptFiles(all.subList(0, half), everyDefinition, kept, spec, blobIdOf);
        Optional<KeptFiles> rest = Futures.join(second);
        if (first.isEmpty() || rest.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, String> files = new TreeMap<>(first.get().blobs());
        files.putAll(rest.get().blobs());
        List<FileFacts> facts = new ArrayList<>(first.get().facts());
        facts.addAll(rest.get().facts());
        return Optional.of(new ContextSlice(files, callees, facts, newId()));
    }

    /**
     * The slice of the tree whose contexts {@code contexts} are, when they were computed on this
     * slice's model (a review's after it: a wider slice holds definitions the tree after needs
     * not), each file with the blob id this slice holds for it. Named from this slice: the
     * model's own contexts are a pure function of its content, so the same slice made again has
     * the same name. Contexts whose search spared a sleeping function ({@link Contexts#sparedSleeper})
     * depend on the predicate that spared it as well, which this slice's name does not hold:
     * their slice draws a name, so that it is never taken for the one the model's own contexts give.
     */
    public Optional<ContextSlice> slicedAnew(Contexts contexts) {
        return slicedAnew(contexts, Optional.empty());
    }

    /**
     * As {@link #slicedAnew(Contexts)}; a search that spared a sleeping function is named from
     * {@code searchedWith} as well, when given: what decided, beyond this slice's content, which
     * sleeping functions were boundaries (a series judged patch by patch: the series base's word
     * on the functions whose sleeping drifted, and the touched files' blob ids before the patch).
     */
    public Optional<ContextSlice> slicedAnew(Contexts contexts, Optional<List<String>> searchedWith) {
        String name;
        if (!contexts.sparedSleeper()) {
            name = new SliceLineage(id, "sliced anew").id();
        } else if (searchedWith.isPresent()) {
            SliceLineage lineage = new SliceLineage(id, "sliced anew, searched with");
            searchedWith.get().forEach(lineage::add);
            name = lineage.id();
        } else {
            name = newId();
        }
        return of(contexts, path -> Optional.ofNullable(files.get(path))).map(s -> new ContextSlice(s.files(),
            s.reachedCallees(), s.facts(), name));
    }

    /** The slice's part of some files: their blob ids by path, and their facts as the slice keeps them, in order. */
    private record KeptFiles(Map<String, String> blobs, List<FileFacts> facts) {
    }

    /** The part of the slice in {@code files}; empty when one of them that it keeps has no blob id. */
    private static Optional<KeptFiles> keptFiles(List<FileFacts> files, Set<String> everyDefinition, Kept kept,
                                                 ContextSpec spec, Function<String, Optional<String>> blobIdOf) {
        Map<String, String> blobs = new HashMap<>();
        List<FileFacts> facts = new ArrayList<>();
        ContextSpec.Registrars registrars = spec.registrars();
        // The cheap tests first. A function that registers a callback or probe is kept whether or
        // not the registration made an edge, so that review can tell whether a change that
        // defines a name anew gives one (see the rules' Redefinitions); every definition of a
        // registrar's own name too, so that a change may call a registrar wherever reached code is
        // (a call of one resolves there as in the tree).
        for (FileFacts f : files) {
            Set<String> names = kept.names(f.path());
            List<FunctionDef> functions = new ArrayList<>();
            for (FunctionDef fn : f.functions()) {
                if (everyDefinition.contains(fn.name()) || names.contains(fn.name()) || seeds(fn, spec)
                    || ContextSummary.isReference(fn) || registrars.calledBy(fn) || registrars.madeBy(fn.name())) {
                    functions.add(fn);
                }
            }
            List<FieldStore> stores = CallbackStores.linking(f, spec);
            if (functions.isEmpty() && f.tracepoints().isEmpty() && stores.isEmpty() && !kept.hasFile(f.path())) {
                continue;
            }
            Optional<String> blob = blobIdOf.apply(f.path());
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            blobs.put(f.path(), blob.get());
            facts.add(new FileFacts(f.path(), f.lines(), functions, f.tracepoints(), stores, f.diagnostics()));
        }
        return Optional.of(new KeptFiles(blobs, facts));
    }

    /** What a slice keeps of each file: functions by name, and files wanted for a node that is not a function. */
    private static final class Kept {
        private final Map<String, Set<String>> names = new HashMap<>();

        void node(Node node) {
            Set<String> inFile = names.computeIfAbsent(node.file(), f -> new HashSet<>());
            // A probe's definition is its template (include/trace/perf.h); a tracepoint has none.
            node.function().ifPresent(fn -> names.computeIfAbsent(fn.file(), f -> new HashSet<>()).add(fn.name()));
            if (node.function().isEmpty()) {
                inFile.add("");
            }
        }

        /** The functions of {@code file} around {@code line}: where a registration made an edge. */
        void enclosing(FileFacts file, int line) {
            if (file == null) {
                return;
            }
            for (FunctionDef fn : file.functions()) {
                if (fn.spans(line)) {
                    names.computeIfAbsent(file.path(), f -> new HashSet<>()).add(fn.name());
                }
            }
        }

        Set<String> names(String file) {
            return names.getOrDefault(file, Set.of());
        }

        boolean hasFile(String file) {
            return names.containsKey(file);
        }
    }

    /**
     * Names whose every definition the model's machinery looks up by name, and a slice holds:
     * the tracepoint core, the probe templates, the named NMI entries, the callback invokers and
     * the read-side capabilities.
     */
    public static Set<String> machineryNames(ContextSpec spec) {
        Set<String> out = new HashSet<>(spec.nmiEntryFunctions());
        out.add("__DO_TRACE");
        spec.probeTemplates().forEach(t -> out.add(t.macro()));
        spec.callbackRegistrations().forEach(r -> out.add(r.invokedFrom()));
        spec.callbackFields().forEach(cf -> out.add(cf.invokedFrom()));
        out.addAll(TreeCapabilities.DEFINITIONS);
        return out;
    }

    /** Whether {@code fn} starts a context: an idle, NMI or RCU-watching event, an rcuidle tracepoint, a configured region. */
    public static boolean seeds(FunctionDef fn, ContextSpec spec) {
        // Indexed: slicing asks this of each of a kernel's ~780k functions in a hook run compiled
        // by C1 alone, which allocates the iterator of every for-each (~60 MB here).
        List<SyncEvent> events = fn.events();
        for (int i = 0; i < events.size(); i++) {
            if (ContextSummary.seeds(events.get(i))) {
                return true;
            }
        }
        List<ContextSpec.RegionMarkers> regions = spec.notWatchingRegions();
        for (int i = 0; i < regions.size(); i++) {
            if (DeferredCalls.anyCallee(fn.calls(), regions.get(i).enter()::equals)) {
                return true;
            }
        }
        return false;
    }

    /**
     * This slice with the definitions a change that calls {@code names} from reached code needs:
     * every definition in the tree ({@code definitions}) of each of them, and so on for every
     * name those definitions call, but for names the slice holds every definition of already
     * ({@link #reachedCallees}, a registrar's, one the machinery looks up, a declared
     * tracepoint's call) and for a name a definition's own file defines outside {@code #if}
     * (its calls resolve there first: only that file's definitions are added). The names whose
     * every definition was added join {@link #reachedCallees}; files gain the functions of
     * those names, whole ones for files the slice did not hold (their tracepoints and linking
     * stores as every slice file has them), each with its blob id from {@code blobIdOf}.
     *
     * <p>Why it may stand for the tree: the functions added are unreached in the tree (no
     * reached function calls their names), so the base's contexts stay as the summary says, and
     * what the change makes reached through them calls names whose every candidate is there.
     * A definition the slice held without the base reaching it may be reached from now on too,
     * and call what the slice lacks: review checks every function the change makes reached on
     * the wider slice again, and names what it still lacks, for a wider one still. Empty when
     * the definitions called grow past {@link #MOST_ADDED} functions (a change that reaches that
     * much is judged on the whole tree), or when a file has no blob id.
     */
    public Optional<ContextSlice> withDefinitionsOf(Set<String> names, Definitions definitions, ContextSpec spec,
                                                     Function<String, Optional<String>> blobIdOf) {
        Set<String> machinery = machineryNames(spec);
        ContextSpec.Registrars registrars = spec.registrars();
        Set<String> declared = new HashSet<>();
        facts.forEach(f -> f.tracepoints().forEach(tp -> declared.add(tp.name())));
        // The files that gain functions, by path, with the names of those functions.
        Map<String, Gaining> added = new HashMap<>();
        Set<String> everyDefinition = new HashSet<>();
        Map<String, Set<String>> ownNames = new HashMap<>();
        // A name whose definitions the slice needs: all of them (file null), or only those of
        // its caller's file, which defines it outside #if.
        java.util.ArrayDeque<Wanted> work = new java.util.ArrayDeque<>();
        names.forEach(n -> work.add(new Wanted(n, null)));
        Set<Wanted> seen = new HashSet<>(work);
        int count = 0;
        while (!work.isEmpty()) {
            Wanted w = work.poll();
            if (w.file() == null) {
                everyDefinition.add(w.name());
            }
            if (machinery.contains(w.name())) {
                continue; // every definition of it is held (see of), and every edge the machinery makes
            }
            for (Definitions.Definition d : definitions.of(w.name())) {
                String path = d.file().path();
                if (w.file() != null && !path.equals(w.file())) {
                    continue;
                }
                if (++count > MOST_ADDED) {
                    return Optional.empty();
                }
                added.computeIfAbsent(path, p -> new Gaining(d.file(), new HashSet<>())).names().add(w.name());
                Set<String> own = ownNames.computeIfAbsent(path,
                    p -> ModelBuilder.unconditionalNames(d.file()));
                for (CallSite call : d.function().calls()) {
                    String callee = call.callee();
                    if (call.indirect() || reachedCallees.contains(callee) || registrars.madeBy(callee)
                        || declared.contains(ModelBuilder.tracepointCalled(callee))) {
                        continue;
                    }
                    Wanted next = own.contains(callee) ? new Wanted(callee, path) : new Wanted(callee, null);
                    if (seen.add(next)) {
                        work.add(next);
                    }
                }
            }
        }
        return withFunctions(added.values(), everyDefinition, spec, blobIdOf);
    }

    /** A name whose definitions a wider slice adds: all of them ({@code file} null), or those of one file. */
    private record Wanted(String name, String file) {
    }

    /** A file of the tree that gains functions in a wider slice: its facts, and the names it gains. */
    private record Gaining(FileFacts file, Set<String> names) {
    }

    /** At most this many definitions added for a change's calls: past it the whole tree judges the change. */
    static final int MOST_ADDED = 20_000;

    /**
     * This slice with the functions each of {@code gaining} gains, from its facts, and
     * {@code everyDefinition} among the reached callees; empty when a file it adds has no blob id.
     */
    private Optional<ContextSlice> withFunctions(Collection<Gaining> gaining, Set<String> everyDefinition,
                                                 ContextSpec spec, Function<String, Optional<String>> blobIdOf) {
        Map<String, FileFacts> held = new HashMap<>();
        facts.forEach(f -> held.put(f.path(), f));
        TreeMap<String, String> blobs = new TreeMap<>(this.files);
        List<FileFacts> put = new ArrayList<>();
        for (Gaining g : gaining) {
            FileFacts f = g.file();
            Set<String> keep = new HashSet<>(g.names());
            FileFacts was = held.get(f.path());
            if (was != null) {
                was.functions().forEach(fn -> keep.add(fn.name()));
            } else {
                Optional<String> blob = blobIdOf.apply(f.path());
                if (blob.isEmpty()) {
                    return Optional.empty();
                }
                blobs.put(f.path(), blob.get());
            }
            List<FunctionDef> functions = new ArrayList<>();
            for (FunctionDef fn : f.functions()) {
                if (keep.contains(fn.name())) {
                    functions.add(fn);
                }
            }
            put.add(new FileFacts(f.path(), f.lines(), functions, f.tracepoints(), CallbackStores.linking(f, spec),
                f.diagnostics()));
        }
        TreeSet<String> callees = new TreeSet<>(reachedCallees);
        callees.addAll(everyDefinition);
        // What the wider slice holds beyond this one: each gaining file's blob and the names it
        // gains (its functions kept are those and the ones held), and the names now held whole.
        SliceLineage lineage = new SliceLineage(id, "wider");
        TreeMap<String, Set<String>> gained = new TreeMap<>();
        gaining.forEach(g -> gained.put(g.file().path(), g.names()));
        gained.forEach((path, names) -> {
            lineage.add(path).add(blobs.get(path));
            new TreeSet<>(names).forEach(lineage::add);
        });
        lineage.add("every definition of");
        new TreeSet<>(everyDefinition).forEach(lineage::add);
        return Optional.of(new ContextSlice(blobs, callees, PathOrder.with(facts, put), lineage.id()));
    }

    /** The slice's facts with those of {@code whole} in their files' place, or added: in path order. */
    public List<FileFacts> factsWith(Collection<FileFacts> whole) {
        return PathOrder.with(facts, whole);
    }

    /**
     * The slice of the tree after a change judged on this one, on the whole tree's summary or as
     * one that only moves code: the same files and functions, the touched files of the slice
     * whole, with their new blob ids and facts ({@code changed}). Whole, since a change judged on
     * the slice may make any of their functions reached; a superset is safe: every name of
     * {@link #reachedCallees} already had all its definitions here, and a reached function of
     * another file resolves its other calls in its own file. Files the slice does not hold stay
     * out: nothing of them is needed.
     */
    public ContextSlice after(Map<String, String> newBlobIds, Collection<FileFacts> changed) {
        return after(newBlobIds, changed, false);
    }

    /**
     * As {@link #after(Map, Collection)}, for a change judged on this slice with its touched files
     * whole: those the slice did not hold are added whole too, since the change may have made
     * any of their functions reached (or a definition of theirs a candidate of reached code).
     */
    public ContextSlice afterJudged(Map<String, String> newBlobIds, Collection<FileFacts> changed) {
        return after(newBlobIds, changed, true);
    }

    /**
     * This slice without the files of {@code gone} (those a change deleted): a slice of the tree
     * after the change holds nothing of a file that is not there.
     */
    public ContextSlice without(Collection<String> gone) {
        if (gone.stream().noneMatch(files::containsKey)) {
            return this;
        }
        TreeMap<String, String> kept = new TreeMap<>(files);
        gone.forEach(kept::remove);
        SliceLineage lineage = new SliceLineage(id, "without");
        new TreeSet<>(gone).stream().filter(files::containsKey).forEach(lineage::add);
        return new ContextSlice(kept, reachedCallees, PathOrder.without(facts, gone), lineage.id());
    }

    private ContextSlice after(Map<String, String> newBlobIds, Collection<FileFacts> changed, boolean addMissing) {
        TreeMap<String, String> files = new TreeMap<>(this.files);
        List<FileFacts> put = new ArrayList<>();
        // The files put whole, by path: a file's facts are those of its blob.
        TreeMap<String, String> putBlobs = new TreeMap<>();
        for (FileFacts f : changed) {
            String blob = newBlobIds.get(f.path());
            if ((addMissing || this.files.containsKey(f.path())) && blob != null) {
                files.put(f.path(), blob);
                put.add(f);
                putBlobs.put(f.path(), blob);
            }
        }
        SliceLineage lineage = new SliceLineage(id, "after");
        putBlobs.forEach((path, blob) -> lineage.add(path).add(blob));
        return new ContextSlice(files, reachedCallees, PathOrder.with(facts, put), lineage.id());
    }
}
