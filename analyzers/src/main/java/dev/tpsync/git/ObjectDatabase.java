package dev.tpsync.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A repository's {@code objects} directory, read-only: the packs (their indexes mapped, listed
 * once on the first read), then loose objects. No alternates: a repository
 * with {@code objects/info/alternates} is left to JGit (see {@link RepositoryLayout}).
 * Thread-safe.
 */
public final class ObjectDatabase implements AutoCloseable {

    private final Path objects;
    private final LooseObjects loose;
    private List<PackFile> packs;

    public ObjectDatabase(Path objects) {
        this.objects = objects;
        this.loose = new LooseObjects(objects);
    }

    /**
     * The object {@code id}; empty when neither a loose file nor a pack holds it.
     *
     * @throws UnreadableObjectException when it is there but damaged or of a form not read here
     */
    public Optional<GitObject> read(AnyObjectId id) throws IOException {
        // Packs first, as git looks: a lookup in a mapped index is cheaper than the failed open
        // (and its exception) of a loose file, and a tree walk over HEAD reads thousands of packed trees.
        // The pack that held the last object first, as git and JGit do: a run's objects mostly
        // lie together, and a miss in a kernel clone's pack of ten million objects touches ~20
        // pages of its 280 MB index.
        PackFile last = lastHit;
        if (last != null) {
            Optional<GitObject> found = last.read(id, this);
            if (found.isPresent()) {
                return found;
            }
        }
        for (PackFile pack : packs()) {
            if (pack == last) {
                continue;
            }
            Optional<GitObject> found = pack.read(id, this);
            if (found.isPresent()) {
                lastHit = pack;
                return found;
            }
        }
        return loose.read(id);
    }

    /** The pack of the last object found in one (threads race on it harmlessly: it only orders the search). */
    private volatile PackFile lastHit;

    /** The ids starting with {@code prefix}, at most {@code limit} of them. */
    public Set<ObjectId> resolve(AbbreviatedObjectId prefix, int limit) throws IOException {
        Set<ObjectId> out = new LinkedHashSet<>();
        loose.addMatches(prefix, out, limit);
        for (PackFile pack : packs()) {
            pack.addMatches(prefix, out, limit);
        }
        return Collections.unmodifiableSet(out);
    }

    private synchronized List<PackFile> packs() throws IOException {
        if (packs == null) {
            List<PackFile> open = new ArrayList<>();
            Path dir = objects.resolve("pack");
            if (Files.isDirectory(dir)) {
                List<Path> indexes = new ArrayList<>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "pack-*.idx")) {
                    files.forEach(indexes::add);
                }
                Collections.sort(indexes);
                try {
                    for (Path idx : indexes) {
                        String name = idx.getFileName().toString();
                        Path pack = dir.resolve(name.substring(0, name.length() - 4) + ".pack");
                        if (Files.isRegularFile(pack)) {
                            open.add(PackFile.open(pack, idx));
                        }
                    }
                } catch (IOException e) {
                    closeAll(open);
                    throw e;
                }
            }
            packs = List.copyOf(open);
        }
        return packs;
    }

    private static void closeAll(List<PackFile> packs) {
        for (PackFile p : packs) {
            try {
                p.close();
            } catch (IOException e) {
                // Read-only files: nothing to lose.
            }
        }
    }

    @Override
    public synchronized void close() {
        lastHit = null;
        if (packs != null) {
            closeAll(packs);
            packs = List.of();
        }
    }
}
