package dev.tpsync.model;

/**
 * A call-graph edge.
 *
 * @param from  caller node id
 * @param to    callee node id
 * @param kind  why
 * @param file  where the edge is made (the call, the registration)
 * @param line  the line of that place
 */
public record Edge(int from, int to, EdgeKind kind, String file, int line) {
}
