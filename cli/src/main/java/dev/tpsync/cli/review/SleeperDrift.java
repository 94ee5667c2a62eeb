package dev.tpsync.cli.review;

import dev.tpsync.review.ReviewEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The functions whose sleeping differs between a series' base tree and the tree its patches so
 * far leave: those that started or stopped calling a sleeping primitive directly, by file.
 *
 * <p>Why it matters: a series judged whole searches every tree after a patch with the base
 * tree's sleepers as boundaries; judged patch by patch ({@link PatchByPatch}), each patch's
 * trees are searched with the sleepers of the tree before it. The two searches go alike until
 * one reaches a function whose sleeping differs: only a step whose searches reach none of
 * these judges its patch as the series judged whole would.
 */
final class SleeperDrift {

    /** The base tree's sleepers of each file a patch so far touched. */
    private final Map<String, Set<String>> atBase = new HashMap<>();
    /** The functions of each such file whose sleeping differs from the base's now. */
    private final Map<String, Set<String>> drifted = new HashMap<>();

    /** Takes in a patch's files' sleepers before and after it. */
    void after(Map<String, ReviewEngine.Sleepers> patch) {
        patch.forEach((path, sleepers) -> {
            Set<String> base = atBase.computeIfAbsent(path, p -> sleepers.before());
            Set<String> differ = new TreeSet<>(base);
            differ.addAll(sleepers.after());
            differ.removeIf(name -> base.contains(name) && sleepers.after().contains(name));
            if (differ.isEmpty()) {
                drifted.remove(path);
            } else {
                drifted.put(path, differ);
            }
        });
    }

    /** Whether no function's sleeping differs from the base tree's. */
    boolean none() {
        return drifted.isEmpty();
    }

    /** Whether {@code reached} (functions by file, a context summary's) holds a function whose sleeping differs. */
    boolean reachedIn(SortedMap<String, SortedSet<String>> reached) {
        for (Map.Entry<String, Set<String>> file : drifted.entrySet()) {
            SortedSet<String> names = reached.get(file.getKey());
            if (names != null && file.getValue().stream().anyMatch(names::contains)) {
                return true;
            }
        }
        return false;
    }
}
