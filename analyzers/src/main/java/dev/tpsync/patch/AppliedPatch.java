package dev.tpsync.patch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of applying one patch: for every path it touches, the content before and after
 * (empty = the file does not exist on that side), in patch order. A rename touches both
 * paths: the old one disappears, the new one appears, and {@code renamedFrom} maps new to
 * old; copies are in {@code copiedFrom}. Binary changes cannot be applied from the text and
 * are listed in {@code binaryPaths} without contents.
 */
public record AppliedPatch(Patch patch, Map<String, Optional<String>> before, Map<String, Optional<String>> after,
                           Map<String, String> renamedFrom, Map<String, String> copiedFrom, List<String> binaryPaths) {

    public AppliedPatch {
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
        renamedFrom = Collections.unmodifiableMap(new LinkedHashMap<>(renamedFrom));
        copiedFrom = Collections.unmodifiableMap(new LinkedHashMap<>(copiedFrom));
        binaryPaths = List.copyOf(binaryPaths);
    }

    /** The paths whose content the patch changes (adds, modifies, deletes, renames away). */
    public List<String> touchedPaths() {
        return List.copyOf(after.keySet());
    }
}
