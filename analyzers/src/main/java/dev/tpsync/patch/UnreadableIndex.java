package dev.tpsync.patch;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Says why tpsync could not read a git index ({@link GitIndex}), and how to make it readable. Git
 * can write two forms tpsync (like JGit) does not read: a split index (the index holds only recent
 * changes, the rest is in a {@code sharedindex.<id>} file: {@code git update-index --split-index}, {@code core.splitIndex})
 * and a sparse index (directories outside a cone sparse checkout collapsed into one entry:
 * {@code git sparse-checkout --sparse-index}). Both can be turned back without losing anything.
 */
final class UnreadableIndex {

    /** The extension a split index starts with: the id of its shared index. */
    private static final byte[] LINK = "link".getBytes(StandardCharsets.US_ASCII);
    /** The (empty) extension that marks a sparse index. */
    private static final byte[] SPARSE_DIRECTORIES = {'s', 'd', 'i', 'r', 0, 0, 0, 0};

    private UnreadableIndex() {
    }

    /** The error for {@code cause}, raised reading {@code index} of the repository whose git directory is {@code gitDir}. */
    static InputException explain(Path index, Path gitDir, IOException cause) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(index);
        } catch (IOException e) {
            return new InputException("cannot read the git index " + index + ": " + e.getMessage());
        }
        if (isSparse(bytes)) {
            return new InputException("the git index " + index + " is a sparse index, which tpsync cannot read;"
                + " run 'git sparse-checkout init --no-sparse-index' (the checkout stays sparse) and try again");
        }
        if (isSplit(bytes, gitDir)) {
            return new InputException("the git index " + index + " is split (git update-index --split-index or"
                + " core.splitIndex), which tpsync cannot read; run 'git update-index --no-split-index'"
                + " (and 'git config core.splitIndex false') and try again");
        }
        return new InputException("cannot read the git index " + index + " (" + cause.getMessage()
            + "); run 'git status' to check the repository, or review a range or --patches instead");
    }

    private static boolean isSparse(byte[] index) {
        return indexOf(index, SPARSE_DIRECTORIES) >= 0;
    }

    /** A 'link' extension, and the shared index it names beside the index: file names only make the first one likely. */
    private static boolean isSplit(byte[] index, Path gitDir) {
        if (indexOf(index, LINK) < 0) {
            return false;
        }
        try (Stream<Path> files = Files.list(gitDir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("sharedindex."));
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        // Past the 12-byte header: extensions follow the entries.
        outer:
        for (int i = 12; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
