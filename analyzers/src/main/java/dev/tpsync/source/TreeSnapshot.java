package dev.tpsync.source;

import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.patch.FileSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A C tree as it is at one point: a directory on disk, a git revision, the index. It lists
 * its .c/.h files, reads them, and may know a content id (the git blob id) that the fact
 * cache can key on without reading the file.
 */
public interface TreeSnapshot {

    /** Tree-relative paths of its .c and .h files, sorted. */
    List<String> sourcePaths();

    /** The text of {@code path} (ISO-8859-1); empty when absent. */
    Optional<String> read(String path);

    /** The bytes of {@code path}; empty when absent. For parsing without a text copy of the file. */
    default Optional<byte[]> readBytes(String path) {
        return read(path).map(FileContent::encode);
    }

    /**
     * Puts the bytes of {@code path} into {@code workspace} to be parsed; false when absent.
     * A snapshot that can read the file in place reads it into the workspace's own buffer.
     */
    default boolean readInto(String path, ParseWorkspace workspace) {
        Optional<byte[]> bytes = readBytes(path);
        bytes.ifPresent(workspace::use);
        return bytes.isPresent();
    }

    /** The git blob id of {@code path} when known without reading it. */
    Optional<String> blobId(String path);

    /** What to call this snapshot in a report: a directory, "HEAD", a commit id. */
    String describe();

    /** The snapshot as a {@link FileSource}, to apply patches onto. */
    default FileSource files() {
        return this::read;
    }

    /**
     * The id of the revision this snapshot is (a git tree id), when it is one: the model cache
     * notes the revisions a hook run will find warm, and the launcher matches HEAD against them.
     */
    default Optional<String> revisionId() {
        return Optional.empty();
    }

    /**
     * The .c and .h files that differ between the git tree {@code otherTree} and this
     * revision's, each with its blob id here (none where this one lacks it), sorted by path;
     * empty when more than {@code most} differ, or either is not a git tree of one repository.
     */
    default Optional<Map<String, Optional<String>>> sourceChangesSince(String otherTree, int most) {
        return Optional.empty();
    }
}
