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

    private final Map<String, Integer> flags = new HashMap<>();

    ContextFlags(CodeModel model, Contexts contexts) {
        for (Node n : model.nodes()) {
            if (!n.isFunctionLike()) {
                continue;
            }
            int f = (contexts.inNmi(n) ? NMI : 0) | (contexts.inNotWatching(n) ? NOT_WATCHING : 0)
                | (contexts.inHotPath(n) ? HOT : 0);
            if (f != 0) {
                flags.merge(key(n.file(), n.name()), f, (a, b) -> a | b);
            }
        }
    }

    int of(String file, String name) {
        return flags.getOrDefault(key(file, name), 0);
    }

    static String key(String file, String name) {
        return file + '\0' + name;
    }
}
