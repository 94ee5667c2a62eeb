package dev.tpsync.cli.review;

import dev.tpsync.review.BaseSleeping;
import dev.tpsync.review.ReviewEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions whose sleeping differs between a series' base tree and the tree its patches so
 * far leave: those that started or stopped calling a sleeping primitive directly, by file.
 *
 * <p>Why it matters: a series judged whole searches every tree after a patch with the base
 * tree's sleepers as boundaries; judged patch by patch ({@link PatchByPatch}), each patch is
 * judged on the tree the one before leaves, whose sleepers may differ. The review of each patch
 * takes the base's word on these ({@link BaseSleeping}), so the two searches agree.
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

    /** The base tree's word on the functions whose sleeping differs now. */
    BaseSleeping baseSleeping() {
        if (drifted.isEmpty()) {
            return BaseSleeping.SAME;
        }
        Map<String, Set<String>> base = new HashMap<>();
        drifted.keySet().forEach(path -> base.put(path, Set.copyOf(atBase.get(path))));
        Map<String, Set<String>> differ = new HashMap<>();
        drifted.forEach((path, names) -> differ.put(path, Set.copyOf(names)));
        return new BaseSleeping(differ, base);
    }
}
