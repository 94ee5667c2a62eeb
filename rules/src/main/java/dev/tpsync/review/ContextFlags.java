package dev.tpsync.review;

import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * Which contexts each function is in (NMI, RCU not watching, tracepoint hot path), keyed by
 * file and name so two models of the same tree can be compared: a patch that makes existing
 * code NMI-reachable changes the flags of functions it never touched.
 */
final class ContextFlags {

    static final int NMI = 1;
    static final int NOT_WATCHING = 2;
    static final int HOT = 4;

    /** File to function name to flags; two levels so that no key strings are built per lookup. */
    private final Map<String, Map<String, Integer>> flags = new HashMap<>();

    ContextFlags(CodeModel model, Contexts contexts) {
        for (Node n : model.nodes()) {
            if (!n.isFunctionLike()) {
                continue;
            }
            int f = (contexts.inNmi(n) ? NMI : 0) | (contexts.inNotWatching(n) ? NOT_WATCHING : 0)
                | (contexts.inHotPath(n) ? HOT : 0);
            if (f != 0) {
                flags.computeIfAbsent(n.file(), k -> new HashMap<>()).merge(n.name(), f, (a, b) -> a | b);
            }
        }
    }

    int of(String file, String name) {
        Map<String, Integer> inFile = flags.get(file);
        return inFile == null ? 0 : inFile.getOrDefault(name, 0);
    }

    static String key(String file, String name) {
        return file + '\0' + name;
    }
}
