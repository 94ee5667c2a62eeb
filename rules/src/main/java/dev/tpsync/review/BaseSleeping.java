package dev.tpsync.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * How a series' base tree had the functions sleep whose sleeping the patches before the one
 * judged changed (those that started or stopped calling a sleeping primitive directly), by file.
 *
 * <p>Why: a series judged whole searches every tree after a patch with the base tree's sleepers
 * as boundaries (a sleeping call a patch adds to NMI-reached code is a hazard to report, not
 * proof the path is never run). A series judged patch by patch judges each patch on the tree
 * the one before leaves; where the two trees' sleepers differ, the search must still take the
 * base's word, or the two ways part.
 *
 * @param drifted  the functions whose sleeping differs from the base tree's, by file
 * @param atBase   the functions of those files that slept directly in the base tree, by file
 */
public record BaseSleeping(Map<String, Set<String>> drifted, Map<String, Set<String>> atBase) {

    /** No function's sleeping differs from the base's: each tree's own sleepers are the base's. */
    public static final BaseSleeping SAME = new BaseSleeping(Map.of(), Map.of());

    public BaseSleeping {
        drifted = Map.copyOf(drifted);
        atBase = Map.copyOf(atBase);
    }

    /** Whether no function's sleeping differs from the base tree's. */
    public boolean same() {
        return drifted.isEmpty();
    }

    /**
     * The drifted functions, each with the base's word on it, in a fixed order: what, with the
     * tree searched, decides which of its sleeping functions a search takes for boundaries.
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(drifted).forEach((file, names) -> new TreeSet<>(names).forEach(name -> {
            out.add(file);
            out.add(name);
            out.add(atBase.getOrDefault(file, Set.of()).contains(name) ? "slept" : "did not sleep");
        }));
        return out;
    }

    /**
     * {@code boundary} with the base tree's word on the drifted functions: a drifted function
     * that sleeps in the tree searched is a boundary only if it slept in the base too.
     */
    BiPredicate<String, String> over(BiPredicate<String, String> boundary) {
        if (same()) {
            return boundary;
        }
        return (file, name) -> drifted.getOrDefault(file, Set.of()).contains(name)
            ? atBase.getOrDefault(file, Set.of()).contains(name)
            : boundary.test(file, name);
    }
}
