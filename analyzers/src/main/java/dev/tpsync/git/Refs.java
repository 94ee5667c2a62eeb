package dev.tpsync.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * HEAD, resolved as git's files backend stores refs: {@code HEAD} in the (worktree's) git
 * directory, a branch as a loose file under {@code refs/} of the common directory or a line of
 * {@code packed-refs}. Empty on an unborn branch (no commit yet).
 */
public final class Refs {

    private static final int MAX_SYMBOLIC = 5;

    private final RepositoryLayout layout;

    public Refs(RepositoryLayout layout) {
        this.layout = layout;
    }

    /**
     * The commit HEAD names, empty before the first commit.
     *
     * @throws IOException when a ref file is not what git writes (the caller asks JGit)
     */
    public Optional<ObjectId> head() throws IOException {
        String name = "HEAD";
        for (int hop = 0; hop <= MAX_SYMBOLIC; hop++) {
            Optional<String> value = loose(name);
            if (value.isEmpty()) {
                return packed(name);
            }
            String v = value.get();
            if (v.startsWith("ref:")) {
                name = v.substring(4).strip();
                if (!name.startsWith("refs/")) {
                    throw new IOException("HEAD points outside refs/: " + name);
                }
                continue;
            }
            if (!ObjectId.isId(v)) {
                throw new IOException("ref " + name + " holds '" + v + "'");
            }
            return Optional.of(ObjectId.fromString(v));
        }
        throw new IOException("HEAD is a chain of more than " + MAX_SYMBOLIC + " symbolic refs");
    }

    /** A loose ref's content, stripped; per-worktree refs live in the worktree's git directory. */
    private Optional<String> loose(String name) throws IOException {
        boolean perWorktree = name.equals("HEAD") || name.startsWith("refs/bisect/")
            || name.startsWith("refs/worktree/") || name.startsWith("refs/rewritten/");
        Path file = (perWorktree ? layout.gitDir() : layout.commonDir()).resolve(name);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<ObjectId> packed(String name) throws IOException {
        Path file = layout.commonDir().resolve("packed-refs");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() > 41 && line.charAt(40) == ' ' && line.startsWith(name, 41)
                        && line.length() == 41 + name.length()) {
                    String hex = line.substring(0, 40);
                    if (!ObjectId.isId(hex)) {
                        throw new IOException("packed-refs has a damaged line for " + name);
                    }
                    return Optional.of(ObjectId.fromString(hex));
                }
            }
        }
        return Optional.empty();
    }
}
