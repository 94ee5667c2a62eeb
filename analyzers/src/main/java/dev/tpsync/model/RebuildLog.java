package dev.tpsync.model;

/**
 * What a rebuild needs, beyond the call graph, to reuse the work of a cached model: which
 * names each chunk's calls depend on, and the edges every registering function's calls made.
 * The graph files a callback edge under the function that invokes the callback, not the one
 * that registered it, so without these a model restored from the cache had to resolve every
 * registering function again, and could take no chunk whole. The arrays belong to the log:
 * read them, never change them.
 *
 * @param chunk            function nodes per chunk of the build (see CallEdgeLog)
 * @param dependencyWords  per chunk, the words of its {@link NameFilter}; null where unknown
 * @param registeringNodes ids of the registering functions, ascending
 * @param rangeStart       their edges are {@code [rangeStart[i], rangeStart[i + 1])} of the edge arrays
 */
public record RebuildLog(int chunk, long[][] dependencyWords, int[] registeringNodes, int[] rangeStart,
                         int[] edgeFrom, int[] edgeTo, int[] edgeLine, int[] edgeFile, byte[] edgeKind) {

    /** Words of one dependency filter. */
    public static final int FILTER_WORDS = NameFilter.WORDS;

    /** True when the arrays fit together and a model of {@code nodeCount} nodes. */
    boolean fits(int nodeCount) {
        int chunks = chunk <= 0 ? -1 : (nodeCount + chunk - 1) / chunk;
        if (dependencyWords.length != chunks || rangeStart.length != registeringNodes.length + 1
            || rangeStart[0] != 0 || rangeStart[registeringNodes.length] != edgeTo.length
            || edgeFrom.length != edgeTo.length || edgeLine.length != edgeTo.length
            || edgeFile.length != edgeTo.length || edgeKind.length != edgeTo.length) {
            return false;
        }
        for (long[] words : dependencyWords) {
            if (words != null && words.length != NameFilter.WORDS) {
                return false;
            }
        }
        for (int i = 0; i < registeringNodes.length; i++) {
            if (registeringNodes[i] < 0 || registeringNodes[i] >= nodeCount
                || i > 0 && registeringNodes[i] <= registeringNodes[i - 1] || rangeStart[i + 1] < rangeStart[i]) {
                return false;
            }
        }
        int kinds = EdgeKind.values().length;
        for (int e = 0; e < edgeTo.length; e++) {
            if (edgeFrom[e] < 0 || edgeFrom[e] >= nodeCount || edgeTo[e] < 0 || edgeTo[e] >= nodeCount
                || edgeKind[e] < 0 || edgeKind[e] >= kinds) {
                return false;
            }
        }
        return true;
    }
}
