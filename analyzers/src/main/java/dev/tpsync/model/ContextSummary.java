package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What review needs of a tree to judge a change to code that no context reaches, without
 * loading the tree: the functions a context (NMI, RCU not watching, a tracepoint's hot path)
 * reaches, by file, and the facts of the tree's reference files, those that declare tracepoints,
 * define {@code __DO_TRACE} or a read-side capability ({@link TreeCapabilities#DEFINITIONS}), or
 * define a function that waits for probes ({@code tracepoint_synchronize_unregister()}).
 *
 * <p>Why that is enough: a patch that keeps every definition of its files alike (the rebuild
 * keeps their nodes), or in a file no context reaches adds or removes only definitions no other
 * file's calls resolve to ({@link ModelBuilder#isFileLocal}), declares or registers nothing and
 * seeds no context (no idle, NMI or RCU-watching events, no rcuidle tracepoint) changes only the
 * out-edges of its files' functions (those a context reaches may only move: their edges stay).
 * When the tree reaches none of the changed functions, no search goes through them, so
 * every context is what it was, nothing elsewhere changes flags, and rules that do not read the
 * whole tree find in those functions what they find on a model of their files and the reference
 * files, where every chain is empty ({@link Contexts#unreached}).
 *
 * @param reached    per file where a context reaches any node, the names of the functions and
 *                   macros it reaches there ({@link #WHOLE_FILE} for any other node: a
 *                   tracepoint, a probe); a superset is safe: it only sends more changes the long
 *                   way
 * @param references the reference files' tracepoint declarations and the definitions that make
 *                   them references, in path order
 */
public record ContextSummary(SortedMap<String, SortedSet<String>> reached, List<FileFacts> references) {

    /** Stands for a reached node of a file that is not a function (a tracepoint, a probe): all of it counts. */
    public static final String WHOLE_FILE = "";

    public ContextSummary {
        // Copied in order (a TreeMap and TreeSets made from sorted ones are built without a
        // comparison): a kernel's summary has ~7,500 names in ~1,100 files, and every hook run
        // makes two summaries.
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
        copy.putAll(reached);
        copy.replaceAll((file, names) -> Collections.unmodifiableSortedSet(new TreeSet<>(names)));
        reached = Collections.unmodifiableSortedMap(copy);
        references = List.copyOf(references);
    }

    /** The summary of the tree {@code contexts} were computed on. */
    public static ContextSummary of(Contexts contexts) {
        return new ContextSummary(reachedIn(contexts), PathOrder.sorted(contexts.model().files().stream()
            .filter(ContextSummary::isReference).map(ContextSummary::slim).toList()));
    }

    /** What {@link #reached} is for the model {@code contexts} were computed on. */
    public static SortedMap<String, SortedSet<String>> reachedIn(Contexts contexts) {
        CodeModel model = contexts.model();
        // By hash first: ~16k reached nodes in ~1,100 files of a kernel, then sorted once per file.
        Map<String, SortedSet<String>> reached = new HashMap<>();
        for (int id = 0; id < model.nodeCount(); id++) {
            if (contexts.inNmi(id) || contexts.inNotWatching(id) || contexts.inHotPath(id)) {
                Node n = model.node(id);
                reached.computeIfAbsent(n.file(), f -> new TreeSet<>()).add(n.isFunctionLike() ? n.name() : WHOLE_FILE);
            }
        }
        return new TreeMap<>(reached);
    }

    /** Files with a node some context reaches. */
    public SortedSet<String> reachedFiles() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(reached.keySet()));
    }

    /** Whether a context reaches a function or macro named {@code function} in {@code file}, or the file as a whole. */
    public boolean reaches(String file, String function) {
        SortedSet<String> names = reached.get(file);
        return names != null && (names.contains(function) || names.contains(WHOLE_FILE));
    }

    /**
     * Whether {@code e} starts or ends a context where it stands: an idle, NMI or RCU-watching
     * event, or an rcuidle tracepoint. A change that adds or drops one can change what every
     * search reaches.
     */
    public static boolean seeds(SyncEvent e) {
        return SEEDING.contains(e.kind()) || e.isRcuidleTracepoint();
    }

    private static final Set<SyncKind> SEEDING = EnumSet.of(SyncKind.IDLE_ENTER, SyncKind.IDLE_EXIT,
        SyncKind.RCU_WATCH_ENTER, SyncKind.RCU_WATCH_EXIT, SyncKind.NMI_ENTER, SyncKind.NMI_EXIT);

    /** Whether {@code f} is one of the files every judgement of unreached code needs. */
    public static boolean isReference(FileFacts f) {
        if (!f.tracepoints().isEmpty()) {
            return true;
        }
        // Indexed loops here and below: every function of a kernel passes here when a hook run
        // summarises or slices its tree, compiled by C1 alone, which allocates the iterator of
        // every for-each and the pipeline of every stream (~50 MB a run).
        List<FunctionDef> functions = f.functions();
        for (int i = 0; i < functions.size(); i++) {
            if (isReference(functions.get(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isReference(FunctionDef fn) {
        if (fn.name().equals("__DO_TRACE") || TreeCapabilities.DEFINITIONS.contains(fn.name())) {
            return true;
        }
        List<SyncEvent> events = fn.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == SyncKind.TRACEPOINT_SYNC_UNREGISTER) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a reference file is kept for: its tracepoint declarations and the definitions that
     * made it one. The rest is never read (a rule asks which definitions of a name wait for
     * probes, not which do not), and leaving it out makes a kernel's summary ~5x smaller.
     */
    private static FileFacts slim(FileFacts f) {
        return new FileFacts(f.path(), f.lines(), f.functions().stream().filter(ContextSummary::isReference).toList(),
            f.tracepoints(), List.of(), List.of());
    }

    /**
     * The summary of the tree after a change of only unreached code: the same reached files, and
     * each changed file's new facts among the references when it is one.
     */
    public ContextSummary withChanged(Collection<FileFacts> changed) {
        return withChanged(reached, changed);
    }

    /**
     * The summary of the tree after a change whose contexts reach {@code reached}: the
     * references with each changed file's new facts among them when it is one (the rest of the
     * tree's files, and so its other references, are what they were).
     */
    public ContextSummary withChanged(SortedMap<String, SortedSet<String>> reached, Collection<FileFacts> changed) {
        List<FileFacts> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (FileFacts f : changed) {
            if (isReference(f)) {
                kept.add(slim(f));
            } else {
                dropped.add(f.path());
            }
        }
        return new ContextSummary(reached, PathOrder.with(PathOrder.without(references, dropped), kept));
    }

    /**
     * The files of the model that judges {@code touched}: the reference files with the touched
     * files' facts in their place, in path order (the order a whole tree's model has them in).
     */
    public List<FileFacts> modelFiles(Collection<FileFacts> touched) {
        return PathOrder.with(references, touched);
    }
}
