package dev.tpsync.patch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the patches of a series one after the other on top of a base tree. Patch i sees
 * the base with patches 1..i-1 applied; the result keeps, per patch, the before and after
 * contents of the files it touches and a view of the whole tree on either side.
 */
public final class SeriesApplier {

    private SeriesApplier() {
    }

    /** The applied series: one {@link AppliedPatch} per patch and whole-tree views around each. */
    public record AppliedSeries(FileSource base, List<AppliedPatch> patches, List<FileSource> treesAfter) {

        public AppliedSeries {
            patches = List.copyOf(patches);
            treesAfter = List.copyOf(treesAfter);
        }

        /** The tree patch {@code i} (0-based position) was applied to. */
        public FileSource treeBefore(int i) {
            return i == 0 ? base : treesAfter.get(i - 1);
        }

        /** The tree after patch {@code i} (0-based position). */
        public FileSource treeAfter(int i) {
            return treesAfter.get(i);
        }

        /** The tree with the whole series applied. */
        public FileSource result() {
            return treesAfter.isEmpty() ? base : treesAfter.get(treesAfter.size() - 1);
        }
    }

    public static AppliedSeries apply(PatchSeries series, FileSource base) {
        return apply(series.patches(), base);
    }

    public static AppliedSeries apply(List<Patch> patches, FileSource base) {
        List<AppliedPatch> applied = new ArrayList<>();
        List<FileSource> trees = new ArrayList<>();
        Map<String, Optional<String>> changes = new HashMap<>();
        FileSource tree = base;
        for (Patch p : patches) {
            AppliedPatch a = PatchApplier.apply(p, tree);
            applied.add(a);
            changes.putAll(a.after());
            tree = overlay(base, Map.copyOf(changes));
            trees.add(tree);
        }
        return new AppliedSeries(base, applied, trees);
    }

    private static FileSource overlay(FileSource base, Map<String, Optional<String>> changes) {
        return path -> changes.containsKey(path) ? changes.get(path) : base.read(path);
    }
}
