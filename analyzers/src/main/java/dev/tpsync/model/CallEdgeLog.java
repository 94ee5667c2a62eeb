package dev.tpsync.model;

import java.util.List;

/**
 * The call edges a build resolved, as the parallel tasks made them: node {@code n}'s chunk
 * {@code n / chunk} holds, from {@code start[n]} up to the next node's start (or the end of the
 * chunk), the edges its calls made and the callbacks its registering calls linked. A rebuild
 * copies these instead of resolving again. The lists are the build's own, not copies: the
 * model's CSR arrays are laid out from them. {@code dependencies[c]} holds the names the calls
 * of chunk {@code c} depend on (see ModelBuilder.dependencies): a rebuild takes the whole
 * chunk when none of them changed (a null filter: never). A log made from a cached graph is
 * not {@code complete}: it lacks the callbacks registering calls linked (see
 * ModelBuilder.restoreIncremental).
 */
record CallEdgeLog(List<ModelBuilder.EdgeList> parts, int chunk, int[] start, NameFilter[] dependencies,
                   boolean complete) {

    ModelBuilder.EdgeList part(int node) {
        return parts.get(node / chunk);
    }

    int from(int node) {
        return start[node];
    }

    int to(int node) {
        int next = node + 1;
        return next < start.length && next % chunk != 0 ? start[next] : part(node).size();
    }
}
