package dev.tpsync.git;

import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * An {@link ObjectDatabase} as JGit's tree parsers, tree walks and diff formatter read objects.
 * An object it cannot read (absent: a partial clone's; damaged; a form not read here) is read
 * by JGit's own reader, which also raises JGit's errors for it. Holds no state of its own, so
 * one instance serves every thread.
 */
public final class StoreObjectReader extends ObjectReader {

    /** JGit's reader for what the store cannot read; opened on first need. */
    public interface Fallback {
        ObjectReader newReader();
    }

    /** More candidates than an abbreviation is ever lengthened over. */
    private static final int MAX_CANDIDATES = 256;

    private final ObjectDatabase objects;
    private final Fallback fallback;

    public StoreObjectReader(ObjectDatabase objects, Fallback fallback) {
        this.objects = objects;
        this.fallback = fallback;
    }

    @Override
    public ObjectReader newReader() {
        return new StoreObjectReader(objects, fallback);
    }

    @Override
    public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
        return objects.resolve(id, MAX_CANDIDATES);
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        Optional<GitObject> found;
        try {
            found = objects.read(id);
        } catch (UnreadableObjectException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            try (ObjectReader jgit = fallback.newReader()) {
                ObjectLoader loader = jgit.open(id, typeHint);
                return new ObjectLoader.SmallObject(loader.getType(), loader.getCachedBytes(Integer.MAX_VALUE));
            }
        }
        GitObject o = found.get();
        if (typeHint != OBJ_ANY && o.type() != typeHint) {
            throw new IncorrectObjectTypeException(id.copy(), typeHint);
        }
        return new ObjectLoader.SmallObject(o.type(), o.data());
    }

    @Override
    public Set<ObjectId> getShallowCommits() throws IOException {
        try (ObjectReader jgit = fallback.newReader()) {
            return jgit.getShallowCommits();
        }
    }

    @Override
    public void close() {
        // The store belongs to its repository, which closes it.
    }
}
