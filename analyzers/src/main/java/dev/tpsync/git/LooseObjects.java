package dev.tpsync.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The objects stored one per file, {@code objects/ab/cdef...}: zlib of "type size\0" and the
 * content. What {@code git add} and a commit write, so what a pre-commit hook reads first.
 */
final class LooseObjects {

    private final Path objects;

    LooseObjects(Path objects) {
        this.objects = objects;
    }

    Optional<GitObject> read(AnyObjectId id) throws IOException {
        String name = id.name();
        byte[] compressed;
        try {
            compressed = Files.readAllBytes(objects.resolve(name.substring(0, 2)).resolve(name.substring(2)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(inflate(name, compressed));
    }

    private static GitObject inflate(String name, byte[] compressed) throws UnreadableObjectException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] head = new byte[64];
            int n = inflater.inflate(head);
            int nul = 0;
            while (nul < n && head[nul] != 0) {
                nul++;
            }
            int space = 0;
            while (space < nul && head[space] != ' ') {
                space++;
            }
            if (nul == n || space == nul) {
                throw damaged(name);
            }
            int type = type(new String(head, 0, space, StandardCharsets.US_ASCII));
            long size = Long.parseLong(new String(head, space + 1, nul - space - 1,
                StandardCharsets.US_ASCII));
            if (type < 0 || size < 0 || size > Integer.MAX_VALUE - 8) {
                throw damaged(name);
            }
            byte[] data = new byte[(int) size];
            int have = Math.min(n - nul - 1, data.length);
            System.arraycopy(head, nul + 1, data, 0, have);
            if (n - nul - 1 > data.length) {
                throw damaged(name);
            }
            while (have < data.length && !inflater.finished()) {
                int got = inflater.inflate(data, have, data.length - have);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                have += got;
            }
            if (have != data.length || !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw damaged(name);
            }
            return new GitObject(type, data);
        } catch (DataFormatException | NumberFormatException e) {
            throw damaged(name);
        } finally {
            inflater.end();
        }
    }

    private static int type(String name) {
        return switch (name) {
            case "commit" -> GitObject.COMMIT;
            case "tree" -> GitObject.TREE;
            case "blob" -> GitObject.BLOB;
            case "tag" -> GitObject.TAG;
            default -> -1;
        };
    }

    private static UnreadableObjectException damaged(String name) {
        return new UnreadableObjectException("loose object " + name + " is damaged");
    }

    /** Adds the loose ids starting with {@code prefix} to {@code out}, up to {@code limit}. */
    void addMatches(AbbreviatedObjectId prefix, Set<ObjectId> out, int limit) throws IOException {
        String hex = prefix.name();
        if (hex.length() < 2) {
            return; // Not a directory's worth; JGit's loose lookup needs two digits too.
        }
        Path dir = objects.resolve(hex.substring(0, 2));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String rest = f.getFileName().toString();
                if (rest.length() != 38 || out.size() >= limit) {
                    continue;
                }
                String full = hex.substring(0, 2) + rest;
                if (ObjectId.isId(full)) {
                    ObjectId id = ObjectId.fromString(full);
                    if (prefix.prefixCompare(id) == 0) {
                        out.add(id);
                    }
                }
            }
        }
    }
}
