package dev.tpsync.patch;

import dev.tpsync.input.InputException;
import dev.tpsync.source.FileContent;
import dev.tpsync.source.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A git revision as a {@link TreeSnapshot}. Most files of a revision are also in the work
 * tree unchanged; reading those from disk (checked by blob id) is much faster than
 * inflating 55,000 objects, so a file is read from the repository only when it differs.
 */
public final class GitSnapshot implements TreeSnapshot {

    private final GitRepo repo;
    private final String rev;
    private final Map<String, String> blobIds;
    private final Path workTree;

    public GitSnapshot(GitRepo repo, String rev) {
        this.repo = repo;
        this.rev = rev;
        this.blobIds = repo.sourceFiles(rev);
        this.workTree = workTreeOf(repo);
        this.indexStats = workTree == null ? Map.of() : repo.indexStats();
    }

    /** Stat data from the index: a matching work-tree file is read without hashing it. */
    private final Map<String, GitRepo.IndexStat> indexStats;

    private static Path workTreeOf(GitRepo repo) {
        try {
            return repo.workTree();
        } catch (InputException bare) {
            return null;
        }
    }

    @Override
    public List<String> sourcePaths() {
        return List.copyOf(blobIds.keySet());
    }

    @Override
    public Optional<String> read(String path) {
        String id = blobIds.get(path);
        if (id == null) {
            return Optional.empty();
        }
        if (workTree != null) {
            Path file = workTree.resolve(path);
            try {
                GitRepo.IndexStat stat = indexStats.get(path);
                if (stat != null && stat.blobId().equals(id) && Files.isRegularFile(file)
                    && Files.size(file) == stat.length()
                    && Files.getLastModifiedTime(file).toInstant().equals(stat.modified())) {
                    return Optional.of(FileContent.read(file));
                }
                if (Files.isRegularFile(file)) {
                    byte[] bytes = Files.readAllBytes(file);
                    try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
                        if (f.idFor(Constants.OBJ_BLOB, bytes).name().equals(id)) {
                            return Optional.of(FileContent.decode(bytes));
                        }
                    }
                }
            } catch (IOException e) {
                // Fall back to the object database below.
            }
        }
        return Optional.of(repo.blobText(id));
    }

    @Override
    public Optional<String> blobId(String path) {
        return Optional.ofNullable(blobIds.get(path));
    }

    @Override
    public String describe() {
        return rev;
    }
}
