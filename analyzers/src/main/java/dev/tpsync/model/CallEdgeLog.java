package dev.tpsync.model;

/**
 * The call edges a build resolved, in the order it resolved them: function node {@code n}
 * made the edges {@code [start[n], start[n + 1])} of {@code edges} (its calls and the
 * callbacks its registering calls link). A rebuild copies these instead of resolving again.
 */
record CallEdgeLog(int[] start, ModelBuilder.EdgeList edges) {
}
