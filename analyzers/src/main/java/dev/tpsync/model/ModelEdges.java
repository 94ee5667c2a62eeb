package dev.tpsync.model;

import java.util.List;
import java.util.Optional;

/**
 * The call graph of a built model as plain arrays: what the model cache keeps so that a run
 * on a tree it has seen skips resolving millions of calls. Nodes are not stored; they are
 * made again from the facts, in the same order, and {@code nodeSignature} proves they came
 * out the same. The arrays belong to the model: read them, never change them.
 *
 * @param nodeCount       nodes of the model the edges belong to
 * @param nodeSignature   a hash of every node's kind, name, file and line, in order
 * @param outStart        CSR row starts: node {@code n}'s edges are {@code [outStart[n], outStart[n + 1])}
 * @param edgeFiles       file names, indexed by {@code edgeFile}
 * @param unknownIndirect calls through pointers per node
 * @param rebuildLog      what a rebuild reuses beyond the graph, when the model was built for review
 */
public record ModelEdges(int nodeCount, long nodeSignature, int[] outStart, int[] edgeTo, int[] edgeLine,
                         byte[] edgeKind, int[] edgeFile, List<String> edgeFiles, int[] unknownIndirect,
                         Optional<RebuildLog> rebuildLog) {

    public ModelEdges {
        edgeFiles = List.copyOf(edgeFiles);
    }

    public int edgeCount() {
        return edgeTo.length;
    }

    /** The signature of a node list: kind, name, file and line of every node, in order. */
    static long signature(List<Node> nodes) {
        long h = 1125899906842597L;
        for (Node n : nodes) {
            h = 31 * h + n.kind().ordinal();
            h = 31 * h + n.name().hashCode();
            h = 31 * h + n.file().hashCode();
            h = 31 * h + n.line();
        }
        return h;
    }
}
