package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which files' facts one tree state has and another has not, by identity: review keeps the
 * facts objects of untouched files from one patch to the next, so a re-parsed file is a new
 * object (and its old version a gone one) even when its path stays.
 *
 * @param gone  facts of the earlier state that the later one no longer has, in its order
 * @param added facts of the later state that the earlier one did not have, in its order
 */
record FileChanges(List<FileFacts> gone, List<FileFacts> added) {

    static FileChanges between(List<FileFacts> before, List<FileFacts> after) {
        Set<FileFacts> was = identitySet(before);
        Set<FileFacts> is = identitySet(after);
        List<FileFacts> gone = new ArrayList<>();
        for (FileFacts f : before) {
            if (!is.contains(f)) {
                gone.add(f);
            }
        }
        List<FileFacts> added = new ArrayList<>();
        for (FileFacts f : after) {
            if (!was.contains(f)) {
                added.add(f);
            }
        }
        return new FileChanges(gone, added);
    }

    private static Set<FileFacts> identitySet(List<FileFacts> files) {
        Set<FileFacts> set = Collections.newSetFromMap(new IdentityHashMap<>(files.size()));
        set.addAll(files);
        return set;
    }
}
