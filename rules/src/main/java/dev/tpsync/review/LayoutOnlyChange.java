package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.TracepointDecl;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Tells whether an edit to one file changed only where its code sits: the facts before and
 * after are the same once every line is replaced by its rank among the file's lines, and every
 * column by its rank among the columns on its line. Such an edit (comments, blank lines,
 * re-wrapped expressions, statements that call nothing) keeps every function, call, event and
 * their order, so the model has the same nodes and edges, every context is the same, and a
 * rule that compares positions only with each other finds the same fingerprints at the same
 * severities: review has nothing to report and need not load the tree.
 *
 * <p>Ranks rather than no positions at all: whether a call lies inside an RCU-idle region, or
 * after an unregister, is decided by comparing lines (and columns on one line), and an edit
 * that moves a call across {@code ct_idle_enter()} keeps both lists' orders but changes that.
 * Diagnostics are left out: the model and the rules never read them.
 */
final class LayoutOnlyChange {

    private LayoutOnlyChange() {
    }

    /** True when {@code before} and {@code after} differ only in positions, as described above. */
    static boolean between(FileFacts before, FileFacts after) {
        if (!before.path().equals(after.path())) {
            return false;
        }
        Positions was = Positions.of(before);
        Positions is = Positions.of(after);
        return sameFunctions(before.functions(), was, after.functions(), is)
            && sameTracepoints(before.tracepoints(), was, after.tracepoints(), is)
            && sameStores(before.fieldStores(), was, after.fieldStores(), is);
    }

    private static boolean sameFunctions(List<FunctionDef> a, Positions pa, List<FunctionDef> b, Positions pb) {
        return pairwise(a, b, (x, y) -> x.name().equals(y.name()) && x.kind() == y.kind()
            && x.file().equals(y.file())
            && pa.line(x.line()) == pb.line(y.line()) && pa.line(x.endLine()) == pb.line(y.endLine())
            && x.attributes().equals(y.attributes()) && x.macro().equals(y.macro())
            && x.params().equals(y.params()) && x.generates().equals(y.generates())
            && x.condition().equals(y.condition())
            && pairwise(x.calls(), y.calls(), (c, d) -> sameCall(c, pa, d, pb))
            && pairwise(x.events(), y.events(), (e, f) -> sameEvent(e, pa, f, pb)));
    }

    private static boolean sameCall(CallSite x, Positions pa, CallSite y, Positions pb) {
        return x.callee().equals(y.callee()) && x.indirect() == y.indirect() && x.conditional() == y.conditional()
            && pa.samePlace(x.line(), x.column(), pb, y.line(), y.column()) && x.argsText().equals(y.argsText());
    }

    private static boolean sameEvent(SyncEvent x, Positions pa, SyncEvent y, Positions pb) {
        return x.kind() == y.kind() && x.primitive().equals(y.primitive()) && x.argument().equals(y.argument())
            && x.guard().equals(y.guard()) && x.condition().equals(y.condition())
            && pa.samePlace(x.line(), x.column(), pb, y.line(), y.column());
    }

    private static boolean sameTracepoints(List<TracepointDecl> a, Positions pa, List<TracepointDecl> b,
                                           Positions pb) {
        return pairwise(a, b, (x, y) -> x.name().equals(y.name()) && x.eventClass().equals(y.eventClass())
            && x.macro().equals(y.macro()) && x.file().equals(y.file()) && pa.line(x.line()) == pb.line(y.line()));
    }

    private static boolean sameStores(List<FieldStore> a, Positions pa, List<FieldStore> b, Positions pb) {
        return pairwise(a, b, (x, y) -> x.field().equals(y.field()) && x.value().equals(y.value())
            && x.function().equals(y.function()) && pa.line(x.line()) == pb.line(y.line()));
    }

    /** Same length, and {@code same} holds for the elements at each index. */
    private static <T> boolean pairwise(List<T> a, List<T> b, BiPredicate<T, T> same) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same.test(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ranks of one file's positions: each line among all lines the facts mention, each
     * column among the columns of calls and events on its line.
     */
    private static final class Positions {
        private final int[] lines;
        private final Map<Integer, int[]> columnsByLine;

        private Positions(int[] lines, Map<Integer, int[]> columnsByLine) {
            this.lines = lines;
            this.columnsByLine = columnsByLine;
        }

        static Positions of(FileFacts facts) {
            IntBag lines = new IntBag();
            Map<Integer, IntBag> columns = new HashMap<>();
            for (FunctionDef fn : facts.functions()) {
                lines.add(fn.line());
                lines.add(fn.endLine());
                for (CallSite c : fn.calls()) {
                    lines.add(c.line());
                    columns.computeIfAbsent(c.line(), k -> new IntBag()).add(c.column());
                }
                for (SyncEvent e : fn.events()) {
                    lines.add(e.line());
                    columns.computeIfAbsent(e.line(), k -> new IntBag()).add(e.column());
                }
            }
            facts.tracepoints().forEach(t -> lines.add(t.line()));
            facts.fieldStores().forEach(s -> lines.add(s.line()));
            Map<Integer, int[]> columnsByLine = new HashMap<>();
            columns.forEach((line, bag) -> columnsByLine.put(line, bag.distinctSorted()));
            return new Positions(lines.distinctSorted(), columnsByLine);
        }

        int line(int line) {
            return Arrays.binarySearch(lines, line);
        }

        boolean samePlace(int line, int column, Positions other, int otherLine, int otherColumn) {
            return line(line) == other.line(otherLine)
                && Arrays.binarySearch(columnsByLine.get(line), column)
                == Arrays.binarySearch(other.columnsByLine.get(otherLine), otherColumn);
        }
    }

    /** A growable list of ints, sorted and made distinct once at the end. */
    private static final class IntBag {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] distinctSorted() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n == 0 || sorted[i] != sorted[n - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }
}
