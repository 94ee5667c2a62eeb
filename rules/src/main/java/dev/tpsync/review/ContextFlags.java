package dev.tpsync.review;

import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import java.util.BitSet;

/**
 * Which contexts each function is in (NMI, RCU not watching, tracepoint hot path), by node
 * id. A model rebuilt after a patch keeps the ids of everything the patch did not touch, so
 * two images of the tree compare id by id: a patch that makes existing code NMI-reachable
 * changes the flags of functions it never touched.
 */
final class ContextFlags {

    static final int NMI = 1;
    static final int NOT_WATCHING = 2;
    static final int HOT = 4;

    private final byte[] flags;

    ContextFlags(CodeModel model, Contexts contexts) {
        flags = new byte[model.nodeCount()];
        for (int id = 0; id < flags.length; id++) {
            if (model.isFunctionLike(id)) {
                flags[id] = (byte) ((contexts.inNmi(id) ? NMI : 0) | (contexts.inNotWatching(id) ? NOT_WATCHING : 0)
                    | (contexts.inHotPath(id) ? HOT : 0));
            }
        }
    }

    int of(int node) {
        return node < flags.length ? flags[node] : 0;
    }

    /**
     * Function nodes both images share (same node, same definition) whose flags differ. Nodes
     * only one image has belong to touched files, which are checked whole anyway.
     */
    static BitSet changed(CodeModel before, ContextFlags was, CodeModel after, ContextFlags is) {
        BitSet out = new BitSet();
        int shared = Math.min(before.nodeCount(), after.nodeCount());
        for (int id = 0; id < shared; id++) {
            if (was.of(id) != is.of(id) && before.node(id) == after.node(id) && after.isFunctionLike(id)) {
                out.set(id);
            }
        }
        return out;
    }
}
