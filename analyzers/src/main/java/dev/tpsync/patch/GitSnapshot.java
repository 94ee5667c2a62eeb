package dev.tpsync.patch;

import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.input.InputException;
import dev.tpsync.source.FileContent;
import dev.tpsync.source.SourceTree;
import dev.tpsync.source.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A git revision as a {@link TreeSnapshot}. Most files of a revision are also in the work
 * tree unchanged; reading those from disk (checked by blob id) is much faster than
 * inflating 55,000 objects, so a file is read from the repository only when it differs.
 *
 * <p>The revision's file list and the index's stat data are read when first needed: a review
 * that only reads the files a patch touches (an edit that moves code, see
 * {@code ReviewEngine.layoutOnly}) looks those few up one by one instead of walking a kernel's
 * 55,000 paths and its 8 MB index.
 */
public final class GitSnapshot implements TreeSnapshot {

    private final GitRepo repo;
    private final String rev;
    private final ObjectId tree;
    private final Path workTree;
    private volatile Map<String, String> blobIds;
    /** Stat data from the index: a matching work-tree file is read without hashing it. */
    private volatile Map<String, GitRepo.IndexStat> indexStats;

    public GitSnapshot(GitRepo repo, String rev) {
        this.repo = repo;
        this.rev = rev;
        this.tree = repo.treeOf(rev);
        this.workTree = workTreeOf(repo);
    }

    private static Path workTreeOf(GitRepo repo) {
        try {
            return repo.workTree();
        } catch (InputException bare) {
            return null;
        }
    }

    /** Every .c and .h file of the revision by path, walked once. */
    private Map<String, String> blobIds() {
        Map<String, String> ids = blobIds;
        if (ids == null) {
            synchronized (this) {
                if (blobIds == null) {
                    blobIds = repo.sourceFiles(tree);
                }
                ids = blobIds;
            }
        }
        return ids;
    }

    private Map<String, GitRepo.IndexStat> indexStats() {
        Map<String, GitRepo.IndexStat> stats = indexStats;
        if (stats == null) {
            synchronized (this) {
                if (indexStats == null) {
                    indexStats = workTree == null ? Map.of() : repo.indexStats();
                }
                stats = indexStats;
            }
        }
        return stats;
    }

    /**
     * The blob id of {@code path}: of a .c or .h file from the walked list once there is one,
     * else by a lookup of its own; of any other file (a Makefile, a Kconfig, documentation, a
     * script) by a lookup, once. Review judges only the first, but applies every file's hunks
     * as git does, and a commit that touches a Makefile beside its code is the common case.
     */
    private String idOf(String path) {
        if (!SourceTree.isSource(path)) {
            return otherFiles.computeIfAbsent(path, p -> repo.blobIdAt(tree, p)).orElse(null);
        }
        Map<String, String> ids = blobIds;
        return ids != null ? ids.get(path) : repo.sourceBlobId(tree, path).orElse(null);
    }

    /** The blob ids of the files other than .c and .h read so far (none where the tree has no file). */
    private final Map<String, Optional<String>> otherFiles = new ConcurrentHashMap<>();

    @Override
    public Optional<String> revisionId() {
        return Optional.of(tree.name());
    }

    @Override
    public List<String> sourcePaths() {
        return List.copyOf(blobIds().keySet());
    }

    @Override
    public Optional<String> read(String path) {
        return readBytes(path).map(FileContent::decode);
    }

    /**
     * The blob's bytes: from the work tree when the file there is that blob (its stat matches
     * the git index, or its content hashes to the id), from the object database otherwise.
     */
    @Override
    public Optional<byte[]> readBytes(String path) {
        String id = idOf(path);
        if (id == null) {
            return Optional.empty();
        }
        if (workTree != null) {
            Path file = workTree.resolve(path);
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (attrs.isRegularFile()) {
                    // Hashing one file is cheaper than reading the index for its stat data.
                    Map<String, GitRepo.IndexStat> stats = indexStats;
                    GitRepo.IndexStat stat = stats == null ? null : stats.get(path);
                    byte[] bytes = Files.readAllBytes(file);
                    if (stat != null && stat.describes(id, attrs) && bytes.length == stat.length()) {
                        return Optional.of(bytes);
                    }
                    if (GitRepo.blobIdOf(bytes).equals(id)) {
                        return Optional.of(bytes);
                    }
                }
            } catch (IOException e) {
                // Fall back to the object database below.
            }
        }
        return Optional.of(repo.blobBytes(id));
    }

    /**
     * A work-tree file whose stat matches the git index entry of the blob is read straight into
     * the workspace's buffer (a whole-tree review reads 1.2 GB this way without an array per
     * file); anything else goes through {@link #readBytes}.
     */
    @Override
    public boolean readInto(String path, ParseWorkspace workspace) {
        String id = blobIds().get(path);
        GitRepo.IndexStat stat = indexStats().get(path);
        if (id != null && workTree != null && stat != null) {
            Path file = workTree.resolve(path);
            try {
                if (stat.describes(id, Files.readAttributes(file, BasicFileAttributes.class))) {
                    workspace.read(file);
                    if (workspace.length() == stat.length()) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // Read it the careful way below.
            }
        }
        return TreeSnapshot.super.readInto(path, workspace);
    }

    @Override
    public Optional<String> blobId(String path) {
        return Optional.ofNullable(blobIds().get(path));
    }

    @Override
    public Optional<Map<String, Optional<String>>> sourceChangesSince(String otherTree, int most) {
        return repo.sourceChanges(otherTree, tree, most);
    }

    @Override
    public String describe() {
        return rev;
    }
}
