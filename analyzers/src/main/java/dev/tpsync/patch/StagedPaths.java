package dev.tpsync.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The paths whose index entry differs from HEAD's tree (added, deleted, or another blob or
 * mode), found as {@code git diff --cached} finds them: a directory whose tree in the index
 * (its cache-tree id, or one hashed from its entries: {@link GitIndex#knownTree}) is still HEAD's
 * tree for it is not entered. After {@code git add} of one file of a kernel tree only the
 * directories on that file's path are read (a handful of tree objects, not ~5,000).
 */
final class StagedPaths {

    private final ObjectReader reader;
    private final GitIndex index;
    private final SortedSet<String> changed = new TreeSet<>();

    private StagedPaths(ObjectReader reader, GitIndex index) {
        this.reader = reader;
        this.index = index;
    }

    /** The changed paths between {@code head} (a tree id; empty before the first commit) and {@code index}. */
    static SortedSet<String> between(ObjectReader reader, Optional<ObjectId> head, GitIndex index) throws IOException {
        StagedPaths paths = new StagedPaths(reader, index);
        paths.directory(new byte[0], head, index.cacheRoot(), 0, index.size());
        return Collections.unmodifiableSortedSet(paths.changed);
    }

    /** A tree entry of HEAD: its name in its directory, mode and object. */
    private record TreeEntry(byte[] name, int mode, ObjectId id) {

        boolean isTree() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
        }
    }

    /**
     * {@code prefix} ("" or "a/b/"): HEAD's tree for it, its cache-tree node (see
     * {@link GitIndex#cacheChild}), and its index entries [lo, hi).
     */
    private void directory(byte[] prefix, Optional<ObjectId> head, int node, int lo, int hi) throws IOException {
        if (head.isPresent() && index.knownTree(prefix, node, lo, hi).equals(head)) {
            return;
        }
        List<TreeEntry> tree = head.isPresent() ? entries(head.get()) : List.of();
        List<GitIndex.Child> children = index.children(prefix, lo, hi);
        int t = 0;
        int c = 0;
        while (t < tree.size() || c < children.size()) {
            GitIndex.Child child = c < children.size() ? children.get(c) : null;
            int order = t == tree.size() ? 1 : child == null ? -1
                : compare(tree.get(t).name(), tree.get(t).isTree(), child.name(), child.directory());
            if (order < 0) {
                deleted(prefix, tree.get(t++));
                continue;
            }
            c++;
            if (order > 0) {
                for (int k = child.from(); k < child.to(); k++) {
                    changed.add(index.entry(k).path());
                }
            } else if (child.directory()) {
                directory(child.below(prefix), Optional.of(tree.get(t++).id()), index.cacheChild(node, child.name()),
                    child.from(), child.to());
            } else {
                GitIndex.Entry e = index.entry(child.from());
                TreeEntry was = tree.get(t++);
                if (e.mode() != was.mode() || !e.id().equals(was.id())) {
                    changed.add(e.path());
                }
            }
        }
    }

    /** Every file of HEAD's {@code entry} in {@code prefix} is gone from the index. */
    private void deleted(byte[] prefix, TreeEntry entry) throws IOException {
        String path = new String(prefix, StandardCharsets.UTF_8) + new String(entry.name(), StandardCharsets.UTF_8);
        if (!entry.isTree()) {
            changed.add(path);
            return;
        }
        byte[] below = (path + "/").getBytes(StandardCharsets.UTF_8);
        for (TreeEntry e : entries(entry.id())) {
            deleted(below, e);
        }
    }

    /** Git's order of tree entries: by name, a tree's name compared as if it ended in '/'. */
    private static int compare(byte[] a, boolean aTree, byte[] b, boolean bTree) {
        int common = Math.min(a.length, b.length);
        int c = Arrays.compareUnsigned(a, 0, common, b, 0, common);
        if (c != 0) {
            return c;
        }
        int nextA = a.length > common ? a[common] & 0xff : aTree ? '/' : 0;
        int nextB = b.length > common ? b[common] & 0xff : bTree ? '/' : 0;
        return Integer.compare(nextA, nextB);
    }

    /** The entries of a tree object: "mode SP name NUL id" each. */
    private List<TreeEntry> entries(ObjectId tree) throws IOException {
        byte[] raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
        List<TreeEntry> out = new ArrayList<>();
        int pos = 0;
        while (pos < raw.length) {
            int mode = 0;
            while (raw[pos] != ' ') {
                mode = (mode << 3) + (raw[pos++] - '0');
            }
            int nul = GitIndex.indexOf(raw, 0, ++pos);
            if (nul < 0 || nul + 1 + Constants.OBJECT_ID_LENGTH > raw.length) {
                throw new IOException("damaged tree object " + tree.name());
            }
            out.add(new TreeEntry(Arrays.copyOfRange(raw, pos, nul), mode, ObjectId.fromRaw(raw, nul + 1)));
            pos = nul + 1 + Constants.OBJECT_ID_LENGTH;
        }
        return out;
    }
}
