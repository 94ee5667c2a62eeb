package dev.tpsync.patch;

import dev.tpsync.git.ConfigChain;
import dev.tpsync.git.GitObject;
import dev.tpsync.git.ObjectIds;
import dev.tpsync.git.ObjectDatabase;
import dev.tpsync.git.Refs;
import dev.tpsync.git.RepositoryAttributes;
import dev.tpsync.git.RepositoryLayout;
import dev.tpsync.git.StoreObjectReader;
import dev.tpsync.input.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.SystemReader;

/**
 * A git repository as tpsync needs it: the commits of a range as patches, file contents at
 * a revision or in the index, the C sources of a tree with their blob ids (cache keys), and
 * the staged change. Opened from a work tree (also a linked worktree) or a git dir (also
 * bare). Blob text follows the ISO-8859-1 convention. Problems with what the user named
 * (a range, a revision, a missing work tree) are {@link InputException}s.
 *
 * <p>A work tree of the layout git makes by default ({@link RepositoryLayout}) is read without
 * JGit's repository for what a pre-commit hook needs (HEAD, the index, a few trees and blobs,
 * the configuration): its objects through {@link ObjectDatabase}, whose pack indexes are mapped
 * and searched in place where JGit first reads each whole (280 MB for a kernel clone with its
 * history). JGit's repository is opened when something else is asked (a range's commits, a
 * revision other than HEAD) or the store cannot read an object.
 */
public final class GitRepo implements AutoCloseable {

    /** The plain layout this repository was found in; null when JGit found it. */
    private final RepositoryLayout layout;
    /** Objects of the plain layout; null when JGit reads them. */
    private final ObjectDatabase objects;
    /** The environment the plain layout was found in (for the configuration's files). */
    private final Map<String, String> env;
    private final StoreObjectReader.Fallback fallback = new JGitReader();
    private Repository repo;

    private GitRepo(Repository repo) {
        this.layout = null;
        this.objects = null;
        this.env = Map.of();
        this.repo = repo;
    }

    private GitRepo(RepositoryLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.objects = new ObjectDatabase(layout.objects());
        this.env = Map.copyOf(env);
    }

    /**
     * Starts JGit's one-time set-up on a daemon thread: finding and reading the system and user
     * configuration (JGit asks {@code git} where the system file is), its file snapshot and
     * message-bundle statics. Opening a repository does all that first, ~40 ms of a review of
     * commits; started before the command line is parsed it overlaps with that. Safe to race with
     * {@link #open}: JGit's system reader is shared and thread-safe, and any failure here is the
     * real open's to report.
     */
    public static void warmUpInBackground() {
        startWarmUp(new WarmUp());
    }

    /**
     * As {@link #warmUpInBackground}, for a staged review, which reads a plain repository without
     * JGit's repository or user configuration: the statics of what it still uses (SHA-1 from the
     * security providers, config parsing, the system reader and its logger, the diff formatter).
     * Paired on 6.1, reached code: 0.96-0.98x in three pairings.
     */
    public static void warmUpStagedInBackground() {
        startWarmUp(new StagedWarmUp());
    }

    private static void startWarmUp(Runnable work) {
        Thread warmUp = new Thread(work, "tpsync-git-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The warm-up's work. A class, not a lambda: the process's first lambda sets up the JDK's
     * method-handle machinery (~5 ms), which then fell to the main thread; JGit's set-up needs
     * it first on the warm-up thread.
     */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                // The user configuration's parent is the system one; both come with their snapshots.
                SystemReader.getInstance().getUserConfig();
            } catch (IOException | ConfigInvalidException | RuntimeException e) {
                // Opening the repository reads the same files and says what is wrong.
            }
        }
    }

    /** The staged review's warm-up (see {@link #warmUpStagedInBackground}); a class for the reason above. */
    private static final class StagedWarmUp implements Runnable {
        @Override
        public void run() {
            try {
                Constants.newMessageDigest();
                new Config().fromText("[core]\n\trepositoryformatversion = 0\n");
                SystemReader.getInstance();
                new DiffFormatter(java.io.OutputStream.nullOutputStream()).close();
            } catch (ConfigInvalidException | RuntimeException e) {
                // Only a warm-up: the review meets anything real itself.
            }
        }
    }

    /** Opens the repository containing {@code dir}, honouring GIT_DIR and friends. */
    public static GitRepo open(Path dir) {
        return open(dir, System.getenv());
    }

    /** As {@link #open(Path)}, in the environment {@code env}. */
    static GitRepo open(Path dir, Map<String, String> env) {
        Optional<RepositoryLayout> plain = RepositoryLayout.find(dir, env);
        if (plain.isPresent()) {
            return new GitRepo(plain.get(), env);
        }
        return openWithJGit(dir);
    }

    /** Opens the repository containing {@code dir} through JGit alone, as every layout git makes is. */
    static GitRepo openWithJGit(Path dir) {
        // Absolute: findGitDir walks up with getParentFile(), which ends at once on a relative path.
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment()
            .findGitDir(dir.toAbsolutePath().normalize().toFile());
        if (builder.getGitDir() == null) {
            throw new NotARepository("not a git repository: " + dir + " (nor any parent)");
        }
        return new GitRepo(build(builder, dir));
    }

    /** Opens the repository whose git directory is {@code gitDir} (a bare repository works). */
    public static GitRepo openGitDir(Path gitDir) {
        return new GitRepo(build(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).readEnvironment(), gitDir));
    }

    private static Repository build(FileRepositoryBuilder builder, Path where) {
        try {
            return builder.setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new NotARepository("not a git repository: " + where + " (" + e.getMessage() + ")");
        }
    }

    /** JGit's repository, opened from the plain layout on first need. */
    private synchronized Repository jgit() {
        if (repo == null) {
            repo = build(new FileRepositoryBuilder().setGitDir(layout.gitDir().toFile())
                .setWorkTree(layout.workTree().toFile()).setIndexFile(layout.indexFile().toFile()), layout.workTree());
        }
        return repo;
    }

    /** A reader of this repository's objects; safe to use from one thread, cheap to make. */
    private ObjectReader reader() {
        return objects != null ? new StoreObjectReader(objects, fallback) : repo.newObjectReader();
    }

    /** What the store cannot read, JGit reads. A class, not a lambda (see {@link WarmUp}). */
    private final class JGitReader implements StoreObjectReader.Fallback {
        @Override
        public ObjectReader newReader() {
            return jgit().newObjectReader();
        }
    }

    @Override
    public void close() {
        if (objects != null) {
            objects.close();
        }
        Repository r;
        synchronized (this) {
            r = repo;
        }
        if (r != null) {
            r.close();
        }
    }

    /** The work tree; a bare repository has none. */
    public Path workTree() {
        if (layout != null) {
            return layout.workTree();
        }
        try {
            return repo.getWorkTree().toPath();
        } catch (NoWorkTreeException e) {
            throw bare("has no work tree; use --tree DIR");
        }
    }

    /**
     * The commits of {@code A..B} (either side may be empty for HEAD, a single revision is that
     * one commit), oldest first. Merges are skipped with a note; the base commit is A.
     */
    public PatchSeries range(String range) {
        if (range.contains("...")) {
            throw new InputException("bad range '" + range + "': symmetric ranges (A...B) are not supported;"
                    + " use A..B with commits of this repository");
        }
        int dots = range.indexOf("..");
        Matcher parentExcluded = PARENT_EXCLUDED.matcher(range);
        if (dots < 0 && range.endsWith("^!")) {
            // git's "this commit alone": what a lone revision is here, said without the note.
            RevCommit c = parse(range, commit(range, range.substring(0, range.length() - 2)));
            Optional<ObjectId> parent = c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).getId());
            return walk(range, parent, c.getId(), new ArrayList<>());
        }
        if (dots < 0 && parentExcluded.matches()) {
            // git's X^-n: X^n..X, the commits a merge brought in by its n-th parent (default 1).
            String rev = parentExcluded.group(1);
            String n = parentExcluded.group(2).isEmpty() ? "1" : parentExcluded.group(2);
            return walk(range, Optional.of(commit(range, rev + "^" + n)), commit(range, rev), new ArrayList<>());
        }
        if (dots < 0) {
            RevCommit c = parse(range, commit(range, range));
            Optional<ObjectId> parent = c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).getId());
            return walk(range, parent, c.getId(), loneRevisionNotes(range, c));
        }
        String from = range.substring(0, dots).isEmpty() ? Constants.HEAD : range.substring(0, dots);
        String to = range.substring(dots + 2).isEmpty() ? Constants.HEAD : range.substring(dots + 2);
        ObjectId fromId = commit(range, from);
        ObjectId toId = commit(range, to);
        return walk(range, Optional.of(fromId), toId, new ArrayList<>());
    }

    /**
     * A note when a lone revision names a branch that HEAD has moved past ({@code review
     * origin/master}): git format-patch reads that as "the commits since", a review as that one
     * commit, which a developer who meant the first is told how to ask for.
     */
    private List<String> loneRevisionNotes(String rev, RevCommit commit) {
        List<String> notes = new ArrayList<>();
        try {
            Repository repo = jgit();
            // The name before any ~n or ^: a branch, a tag, an upstream (@{u}).
            Ref ref = repo.findRef(withoutShorthands(rev, rev).split("[~^]", 2)[0]);
            ObjectId head = repo.resolve(Constants.HEAD);
            if (ref == null || ref.getName().equals(Constants.HEAD) || head == null || head.equals(commit.getId())) {
                return notes;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                if (walk.isMergedInto(walk.parseCommit(commit.getId()), walk.parseCommit(head))) {
                    notes.add("reviewed the one commit " + rev + " names; for the commits after it, give '" + rev
                            + "..'");
                }
            }
        } catch (IOException e) {
            // Only a note: leave it out.
        }
        return notes;
    }

    /**
     * A range's commits cut into lines of descent, in order: a commit whose parent is not the
     * commit before it (the first of a branch a skipped merge brought in) starts a line, whose
     * base is that parent (none for a root commit). Each line applies onto its base as git made
     * it; one line for a range without merges.
     */
    public List<PatchSeries> linesOf(PatchSeries range) {
        List<PatchSeries> lines = new ArrayList<>();
        List<Patch> line = new ArrayList<>();
        Optional<String> base = Optional.empty();
        String previous = null;
        try (RevWalk walk = new RevWalk(jgit())) {
            for (Patch p : range.patches()) {
                RevCommit c = walk.parseCommit(ObjectId.fromString(p.commitId()));
                Optional<String> parent = c.getParentCount() == 0 ? Optional.empty()
                        : Optional.of(c.getParent(0).getId().name());
                if (line.isEmpty() || !parent.equals(Optional.ofNullable(previous))) {
                    if (!line.isEmpty()) {
                        lines.add(new PatchSeries(line, base, List.of()));
                    }
                    line = new ArrayList<>();
                    base = parent;
                }
                line.add(p);
                previous = p.commitId();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!line.isEmpty()) {
            lines.add(new PatchSeries(line, base, List.of()));
        }
        return lines;
    }

    /**
     * The newest of {@code start} and its first parents, at most {@code most}, whose subject is
     * {@code subject} and which changes exactly {@code paths} (a patch already applied here: the
     * commit a b4 review branch or {@code b4 shazam} made of it); its id. Empty also when
     * {@code start} is no commit here.
     */
    public Optional<String> recentCommitOf(String start, String subject, java.util.Set<String> paths, int most) {
        ObjectId head = resolveOrNull(start + "^{commit}");
        if (head == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(jgit()); ObjectReader reader = reader()) {
            RevCommit c = walk.parseCommit(head);
            for (int seen = 0; seen < most; seen++) {
                if (c.getParentCount() != 1) {
                    return Optional.empty();
                }
                RevCommit parent = walk.parseCommit(c.getParent(0));
                if (c.getShortMessage().strip().equals(subject) && changedPaths(reader, parent, c).equals(paths)) {
                    return Optional.of(c.getId().name());
                }
                c = parent;
            }
        } catch (IOException e) {
            // A commit that cannot be read (a shallow clone's boundary): look back no further.
        }
        return Optional.empty();
    }

    /** The paths whose entries differ between the trees of {@code from} and {@code to}. */
    private static java.util.Set<String> changedPaths(ObjectReader reader, RevCommit from, RevCommit to)
            throws IOException {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(from.getTree());
            tw.addTree(to.getTree());
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
        }
        return paths;
    }

    /**
     * The trees of HEAD and of its first parents, newest first: at most {@code most}, and none
     * past a merge (a merge's tree is the last) or a root commit; empty before the first commit.
     * What a hook run on a HEAD no run has seen looks back along for a tree whose summary is kept.
     */
    public List<String> linearHistoryTrees(int most) {
        List<String> trees = new ArrayList<>();
        ObjectId head = resolveOrNull(Constants.HEAD + "^{commit}");
        if (head == null) {
            return trees;
        }
        try (RevWalk walk = new RevWalk(jgit())) {
            RevCommit c = walk.parseCommit(head);
            while (trees.size() < most) {
                trees.add(c.getTree().getId().name());
                if (c.getParentCount() != 1) {
                    break;
                }
                c = walk.parseCommit(c.getParent(0).getId());
            }
        } catch (IOException e) {
            // A commit that cannot be read (a shallow clone's boundary): look back no further.
        }
        return trees;
    }

    /** {@code @{u}..HEAD}, or {@code HEAD~1..HEAD} with a note when the branch has no upstream. */
    public PatchSeries defaultRange() {
        ObjectId head = resolve(Constants.HEAD);
        if (head == null) {
            throw new InputException("repository " + gitDir() + " has no commits yet; commit first or"
                    + " use --staged");
        }
        List<String> notes = new ArrayList<>();
        Optional<ObjectId> upstream = upstream();
        if (upstream.isPresent()) {
            return walk("@{u}..HEAD", upstream, head, notes);
        }
        RevCommit headCommit = parse("HEAD", head);
        Optional<String> branch = currentBranch();
        notes.add((branch.isPresent() ? "no upstream branch for '" + branch.get() + "'"
                : "HEAD is detached (on no branch), so it has no upstream") + ": reviewing HEAD~1..HEAD; give a"
                + " range such as origin/master..HEAD");
        Optional<ObjectId> parent = headCommit.getParentCount() == 0 ? Optional.empty()
                : Optional.of(headCommit.getParent(0).getId());
        return walk("HEAD~1..HEAD", parent, head, notes);
    }

    /** The branch HEAD is on; empty when HEAD is detached. */
    private Optional<String> currentBranch() {
        try {
            String full = jgit().getFullBranch();
            return full != null && full.startsWith(Constants.R_HEADS)
                ? Optional.of(Repository.shortenRefName(full)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit HEAD's branch tracks; empty on a detached HEAD or a branch without an upstream. */
    private Optional<ObjectId> upstream() {
        return currentBranch().flatMap(this::trackingRef).map(this::resolve);
    }

    /**
     * The ref the branch named {@code branch} tracks ({@code refs/remotes/origin/master}, or
     * {@code refs/heads/master} for a branch that tracks a local one), when it has one that exists.
     */
    private Optional<String> trackingRef(String branch) {
        try {
            Repository repo = jgit();
            String tracking = new BranchConfig(repo.getConfig(), branch).getTrackingBranch();
            return tracking == null || repo.exactRef(tracking) == null ? Optional.empty() : Optional.of(tracking);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PatchSeries walk(String range, Optional<ObjectId> from, ObjectId to, List<String> notes) {
        List<RevCommit> commits = new ArrayList<>();
        Repository repo = jgit();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(to));
            // Without a bottom, "to" is a root commit and the walk yields just it.
            if (from.isPresent()) {
                walk.markUninteresting(walk.parseCommit(from.get()));
            }
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            for (RevCommit c : walk) {
                if (c.getParentCount() > 1) {
                    notes.add(SKIPPED_MERGE + c.abbreviate(12).name() + " (" + firstLine(c.getFullMessage()) + ")");
                } else {
                    commits.add(c);
                }
            }
            // JGit shows a shallow clone's boundary commit as a root; its diff would add the whole tree.
            java.util.Set<ObjectId> shallow = repo.getObjectDatabase().getShallowCommits();
            List<Patch> patches = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                RevCommit c = commits.get(i);
                if (c.getParentCount() == 0 && shallow.contains(c.getId())) {
                    throw shallow(range, c.getId());
                }
                if (c.getParentCount() == 0) {
                    refuseLargeRoot(c);
                }
                RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
                patches.add(toPatch(c, parent, i + 1, commits.size()));
            }
            if (patches.isEmpty()) {
                notes.add("no commits to review in " + range);
                return new PatchSeries(patches, from.map(ObjectId::name), notes);
            }
            // The series applies onto its first commit's parent: A itself when A is an ancestor of
            // B, the fork point when it is not (git log A..B shows B's side only), and nothing
            // (the empty tree) when the first commit is a root.
            RevCommit first = commits.get(0);
            Optional<String> base = first.getParentCount() == 0 ? Optional.empty()
                : Optional.of(first.getParent(0).getId().name());
            return new PatchSeries(patches, base, notes);
        } catch (MissingObjectException e) {
            throw shallow(range, e.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A root commit's diff adds every file of its tree: one that holds a whole project (a
     * kernel's first commit in a repository made from a release) is a scan of that tree, not a
     * patch to review, and formatting it would take gigabytes.
     */
    private void refuseLargeRoot(RevCommit root) throws IOException {
        int files = 0;
        try (ObjectReader reader = reader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(root.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (++files > ROOT_FILES) {
                    throw new InputException("commit " + root.abbreviate(12).name() + " is a root commit that adds more"
                        + " than " + ROOT_FILES + " files: its review would be a scan of the whole tree; use 'tpsync scan'"
                        + " on a checkout of it, or review the commits after it (" + root.abbreviate(12).name() + "..)");
                }
            }
        }
    }

    /** How a range's note on a merge it left out begins. */
    private static final String SKIPPED_MERGE = "skipped merge ";

    /** The most files a root commit may add and still be reviewed as a patch. */
    static final int ROOT_FILES = 5_000;

    private static InputException shallow(String range, ObjectId commit) {
        return new InputException("cannot review " + range + ": the parent of commit " + commit.abbreviate(12).name()
                + " was not fetched (shallow clone); fetch more history (git fetch --deepen=N) or give a range"
                + " inside the fetched history");
    }

    private Patch toPatch(RevCommit c, RevCommit parent, int index, int total) throws IOException {
        String diff;
        try (ObjectReader reader = reader()) {
            AbstractTreeIterator a = parent == null ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, parent.getTree());
            diff = format(a, new CanonicalTreeParser(null, reader, c.getTree()));
        }
        String full = c.getFullMessage();
        String subject = firstLine(full);
        int nl = full.indexOf('\n');
        String body = nl < 0 ? "" : full.substring(nl + 1).strip();
        PersonIdent who = c.getAuthorIdent();
        return new Patch(index, total, subject, subject, who.getName() + " <" + who.getEmailAddress() + ">", "",
                c.getId().name(), body, diff, UnifiedDiffParser.parse(diff));
    }

    /**
     * How alike two files must be, in percent, to be a rename: git's default (diff -M), where
     * JGit's is 60, so a move that git shows as a rename (a file moved with lines added) is one
     * here too, and a finding's file is followed to its new name.
     */
    private static final int GIT_RENAME_SCORE = 50;

    private String format(AbstractTreeIterator a, AbstractTreeIterator b) throws IOException {
        return format(a, b, TreeFilter.ALL);
    }

    private String format(AbstractTreeIterator a, AbstractTreeIterator b, TreeFilter paths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setRepository(jgit());
            f.setDetectRenames(true);
            f.getRenameDetector().setRenameScore(GIT_RENAME_SCORE);
            f.setDiffComparator(RawTextComparator.DEFAULT);
            f.setPathFilter(paths);
            f.format(a, b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #format}'s diff without JGit's repository: what {@link DiffFormatter#scan} does,
     * with the repository's attributes given to the tree walk, which the formatter's own walk has
     * only from a {@link Repository} (a {@code diff} attribute in {@code info/attributes} decides
     * how a file is shown). {@code GitRepoStoreTest} holds the two to the same bytes.
     */
    private String formatFromStore(ObjectReader reader, AbstractTreeIterator a, AbstractTreeIterator b, TreeFilter paths)
            throws IOException {
        Config config = config();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out); TreeWalk walk = new TreeWalk(reader)) {
            f.setReader(reader, config);
            f.setDetectRenames(true);
            f.getRenameDetector().setRenameScore(GIT_RENAME_SCORE);
            f.setDiffComparator(RawTextComparator.DEFAULT);
            walk.setAttributesNodeProvider(new RepositoryAttributes(gitDir(), config, home()));
            walk.addTree(a);
            walk.addTree(b);
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(paths, TreeFilter.ANY_DIFF));
            List<DiffEntry> entries = DiffEntry.scan(walk);
            RenameDetector renames = f.getRenameDetector();
            renames.reset();
            renames.addAll(entries);
            f.format(renames.compute());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * The repository's configuration: the plain layout's files layered as JGit layers them
     * ({@link ConfigChain}), or JGit's own when a file includes another or JGit opened the repository.
     */
    private Config config() {
        Config c = config;
        if (c == null) {
            c = layout == null ? repo.getConfig()
                : ConfigChain.over(layout.configText(), env, home()).orElseGet(() -> jgit().getConfig());
            config = c;
        }
        return c;
    }

    private volatile Config config;

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** A JGit index in memory of the {@code changed} paths' entries and every .gitattributes above them. */
    private static DirCache changedEntries(GitIndex index, SortedSet<String> changed) {
        SortedSet<String> paths = new TreeSet<>(changed);
        for (String path : changed) {
            paths.add(".gitattributes");
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                paths.add(path.substring(0, slash + 1) + ".gitattributes");
            }
        }
        DirCache inCore = DirCache.newInCore();
        DirCacheBuilder builder = inCore.builder();
        for (String path : paths) {
            index.entry(path.getBytes(StandardCharsets.UTF_8)).ifPresent(e -> {
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(FileMode.fromBits(e.mode()));
                entry.setObjectId(e.id());
                entry.setLength(e.size());
                entry.setLastModified(e.modified());
                builder.add(entry);
            });
        }
        builder.finish();
        return inCore;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** File contents at a revision (commit, tag or tree). */
    public FileSource at(String rev) {
        ObjectId tree = tree(rev);
        return path -> fileAt(tree, path).map(id -> {
            try {
                return blob(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The blob of the regular file at {@code path} in {@code tree}, looked up alone. */
    private Optional<ObjectId> fileAt(ObjectId tree, String path) {
        return entryAt(tree, path, type -> type == FileMode.TYPE_FILE);
    }

    /** The object at {@code path} in {@code tree}, looked up alone, when {@code wanted} takes its type. */
    private Optional<ObjectId> entryAt(ObjectId tree, String path, java.util.function.IntPredicate wanted) {
        try (ObjectReader reader = reader(); TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            if (tw == null || !wanted.test(tw.getRawMode(0) & FileMode.TYPE_MASK)) {
                return Optional.empty();
            }
            return Optional.of(tw.getObjectId(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path to blob id of every .c and .h file in the tree of {@code rev}, sorted by path. */
    public Map<String, String> sourceFiles(String rev) {
        return sourceFiles(tree(rev));
    }

    /** The tree of {@code rev}; an unknown revision is an input error. */
    ObjectId treeOf(String rev) {
        return tree(rev);
    }

    /** The blob id of {@code path} in {@code tree} when it is a .c or .h file there; one lookup, not a walk. */
    Optional<String> sourceBlobId(ObjectId tree, String path) {
        if (!(path.endsWith(".c") || path.endsWith(".h"))) {
            return Optional.empty();
        }
        return fileAt(tree, path).map(ObjectId::name);
    }

    /**
     * The blob id of any file at {@code path} in {@code tree}: a regular file, or a symbolic link
     * (whose blob is its target's name, which is what git diffs); one lookup, not a walk.
     */
    Optional<String> blobIdAt(ObjectId tree, String path) {
        return entryAt(tree, path, type -> type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK)
            .map(ObjectId::name);
    }

    /**
     * The .c and .h files that differ between the git trees {@code from} and {@code to}, each
     * with its blob id in {@code to} (none where {@code to} lacks it), sorted by path; empty when
     * more than {@code most} differ or {@code from} is not a tree here (pruned, say). Only the
     * subtrees whose ids differ are walked: a commit apart costs a few tree objects.
     */
    Optional<Map<String, Optional<String>>> sourceChanges(String from, ObjectId to, int most) {
        Map<String, Optional<String>> changed = new TreeMap<>();
        try (ObjectReader reader = reader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(ObjectId.fromString(from));
            tw.addTree(to);
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF,
                OrTreeFilter.create(PathSuffixFilter.create(".c"), PathSuffixFilter.create(".h"))));
            while (tw.next()) {
                boolean before = (tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
                boolean after = (tw.getRawMode(1) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
                if (!before && !after) {
                    continue;
                }
                if (changed.size() == most) {
                    return Optional.empty();
                }
                changed.put(tw.getPathString(), after ? Optional.of(tw.getObjectId(1).name()) : Optional.empty());
            }
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
        return Optional.of(changed);
    }

    Map<String, String> sourceFiles(ObjectId tree) {
        Map<String, String> files = new TreeMap<>();
        try (ObjectReader reader = reader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            tw.setFilter(OrTreeFilter.create(PathSuffixFilter.create(".c"), PathSuffixFilter.create(".h")));
            while (tw.next()) {
                if ((tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
                    files.put(tw.getPathString(), tw.getObjectId(0).name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(files);
    }

    /**
     * The staged change: the index against HEAD, or against the empty tree before the first commit.
     * Worked out once per repository object (the index is read once, too).
     */
    public Patch staged() {
        if (staged == null) {
            staged = stagedChange();
        }
        return staged;
    }

    private Patch staged;

    private Patch stagedChange() {
        try (ObjectReader reader = reader()) {
            GitIndex index = readIndex();
            index.firstUnmergedPath().ifPresent(path -> {
                throw new InputException("the index has unmerged paths (" + path + "); resolve the conflicts and"
                    + " 'git add' the result, then review the staged change");
            });
            ObjectId head = headTreeId();
            SortedSet<String> changed = StagedPaths.between(reader, Optional.ofNullable(head), index);
            String diff = "";
            if (!changed.isEmpty()) {
                // JGit writes the diff (renames, modes, diff attributes) from an in-core index of the
                // changed entries and the .gitattributes files above them.
                AbstractTreeIterator a = head == null ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, head);
                AbstractTreeIterator b = new DirCacheIterator(changedEntries(index, changed));
                TreeFilter paths = PathFilterGroup.createFromStrings(changed);
                diff = layout != null ? formatFromStore(reader, a, b, paths) : format(a, b, paths);
            }
            // The name and address JGit's PersonIdent(Repository) takes: the committer, from
            // GIT_COMMITTER_* or user.* (not the PersonIdent itself: its time zone costs ~5 ms).
            UserConfig user = config().get(UserConfig.KEY);
            String name = user.getCommitterName();
            String author = name.isEmpty() ? "" : name + " <" + user.getCommitterEmail() + ">";
            return new Patch(1, 1, "staged changes", "staged changes", author, "", "", "", diff,
                    UnifiedDiffParser.parse(diff));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The work tree, or the git directory of a bare repository: where a fact cache belongs. */
    public Path workTreeOrGitDir() {
        return layout == null && repo.isBare() ? repo.getDirectory().toPath() : workTree();
    }

    /**
     * What the index knows about a work-tree file: its blob id and the size and modification
     * time it had when staged. A file whose size and time still match (and that was not
     * modified in the same tick the index was written, git's "racy clean" case) has that
     * content without being read and hashed.
     */
    public record IndexStat(String blobId, long length, java.time.Instant modified) {

        /**
         * True when this entry is blob {@code id} and {@code attrs}, of its work-tree file, are
         * what git recorded: the file is that blob, as far as git itself trusts a stat.
         */
        public boolean describes(String id, java.nio.file.attribute.BasicFileAttributes attrs) {
            return blobId.equals(id) && attrs.isRegularFile() && attrs.size() == length
                && attrs.lastModifiedTime().toInstant().equals(modified);
        }
    }

    /** Index entries of .c/.h files that are safe to trust by stat; racily clean ones are left out. */
    public Map<String, IndexStat> indexStats() {
        Map<String, IndexStat> out = new java.util.HashMap<>();
        try {
            // Stats decide which files are not read: only an index whose checksum holds is trusted.
            Path indexFile = indexFile();
            GitIndex index = readIndex(indexFile, true);
            java.time.Instant indexTime = Files.getLastModifiedTime(indexFile).toInstant();
            for (GitIndex.Entry e : index.entries()) {
                String path = e.path();
                if (e.stage() != 0 || e.smudged() || !(path.endsWith(".c") || path.endsWith(".h"))) {
                    continue;
                }
                java.time.Instant modified = e.modified();
                if (!modified.isBefore(indexTime)) {
                    continue;
                }
                out.put(path, new IndexStat(e.id().name(), e.size(), modified));
            }
        } catch (IOException | org.eclipse.jgit.errors.NoWorkTreeException | InputException e) {
            // Only a shortcut (files whose stat git vouches for are not hashed): an index JGit
            // cannot read (split, sparse) leaves every file to be read.
            return Map.of();
        }
        return out;
    }

    /** The id of HEAD's tree, empty before the first commit; safe on a thread beside other reads. */
    public Optional<String> headTree() {
        return Optional.ofNullable(headTreeId()).map(ObjectId::name);
    }

    /**
     * HEAD's tree, or null before the first commit: resolved once per repository object (a staged
     * review asks on two threads and four times; a run does not move HEAD).
     */
    private ObjectId headTreeId() {
        ObjectId id = headTree;
        if (id == null) {
            id = layout != null ? headTreeFromStore() : resolve(Constants.HEAD + "^{tree}");
            headTree = id;
        }
        return id;
    }

    /** HEAD's tree read from the plain layout's refs and commit; JGit resolves what is not plain there. */
    private ObjectId headTreeFromStore() {
        try (ObjectReader reader = reader()) {
            Optional<ObjectId> commit = new Refs(layout).head();
            if (commit.isEmpty()) {
                return null;
            }
            byte[] raw = reader.open(commit.get(), Constants.OBJ_COMMIT).getCachedBytes(Integer.MAX_VALUE);
            // A commit starts "tree <hex>\n" (git's fsck insists on it).
            if (raw.length >= 46 && raw[45] == '\n' && new String(raw, 0, 5, StandardCharsets.US_ASCII).equals("tree ")) {
                String hex = new String(raw, 5, 40, StandardCharsets.US_ASCII);
                if (ObjectId.isId(hex)) {
                    return ObjectId.fromString(hex);
                }
            }
        } catch (IOException e) {
            // A ref or commit not as git writes it: JGit's resolution says what is wrong.
        }
        return resolve(Constants.HEAD + "^{tree}");
    }

    /** Null until asked, and while there is no commit; a race only resolves it twice. */
    private volatile ObjectId headTree;

    /** False in a repository with no commit yet. */
    public boolean hasCommits() {
        return headTreeId() != null;
    }

    /** What {@link #staged()} is compared against: HEAD, or nothing before the first commit. */
    public FileSource stagedBase() {
        return headTreeId() == null ? FileSource.empty() : at(Constants.HEAD);
    }

    /** File contents as staged in the index (stage 0; conflicted paths read as absent). */
    public FileSource index() {
        GitIndex index = readIndex();
        return path -> index.entry(path.getBytes(StandardCharsets.UTF_8))
            .filter(e -> (e.mode() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE)
            .map(e -> {
                try {
                    return blob(e.id());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
    }

    /** The blob id git would give the work tree file at {@code path}, without filters; empty if missing. */
    public Optional<String> blobIdOfWorkingFile(String path) {
        Path top = workTree();
        Path file = top.resolve(path).normalize();
        if (!file.startsWith(top) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(blobIdOf(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The id of the tree a commit of the index would have (nothing is written), or empty when the
     * index has conflicts. Reuses the index {@link #staged()} read; subtrees the index's cache
     * extension still knows are not hashed again.
     */
    public Optional<String> indexTree() {
        return readIndex().treeId().map(ObjectId::name);
    }

    /** Read once per repository object, as git reads it for a diff: its trailing checksum unchecked. */
    private GitIndex index;

    private GitIndex readIndex() {
        if (index == null) {
            Path file;
            try {
                file = indexFile();
            } catch (NoWorkTreeException e) {
                throw bare("has no index; review a range or use --patches");
            }
            index = readIndex(file, false);
        }
        return index;
    }

    private GitIndex readIndex(Path file, boolean checkTrailer) {
        try {
            return GitIndex.read(file, checkTrailer);
        } catch (IOException e) {
            throw UnreadableIndex.explain(file, gitDir(), e);
        }
    }

    /** The git directory (a linked worktree's own). */
    private Path gitDir() {
        return layout != null ? layout.gitDir() : repo.getDirectory().toPath();
    }

    /** The index file, honouring GIT_INDEX_FILE; a bare repository has none. */
    private Path indexFile() {
        return layout != null ? layout.indexFile() : repo.getIndexFile().toPath();
    }

    private InputException bare(String what) {
        return new InputException("repository " + gitDir() + " is bare and " + what);
    }

    /** The git blob id of {@code text} (ISO-8859-1, byte for byte, as tpsync reads blobs). */
    public static String blobIdOf(String text) {
        return blobIdOf(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The git blob id of {@code content}. */
    static String blobIdOf(byte[] content) {
        return ObjectIds.of(GitObject.BLOB, content).name();
    }

    /** The text of a blob (ISO-8859-1, byte for byte); safe to call from several threads. */
    public String blobText(String blobId) {
        try {
            return blob(ObjectId.fromString(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a blob, possibly shared with JGit's caches: never modify them. Thread-safe. */
    public byte[] blobBytes(String blobId) {
        try {
            return blobBytes(ObjectId.fromString(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] blobBytes(ObjectId id) throws IOException {
        try (ObjectReader reader = reader()) {
            return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        }
    }

    private String blob(ObjectId id) throws IOException {
        return new String(blobBytes(id), StandardCharsets.ISO_8859_1);
    }

    private ObjectId tree(String rev) {
        ObjectId id = rev.equals(Constants.HEAD) ? headTreeId() : resolveOrNull(rev + "^{tree}");
        if (id == null) {
            throw new InputException("unknown revision '" + rev + "'; use a commit of this repository (e.g. --base"
                    + " origin/master)");
        }
        return id;
    }

    private ObjectId commit(String range, String rev) {
        ObjectId id = resolveOrNull(withoutShorthands(range, rev) + "^{commit}");
        if (id == null) {
            throw new InputException("bad range '" + range + "': unknown revision '" + rev
                    + "'; use A..B with commits of this repository");
        }
        return id;
    }

    /** git's {@code X^-n} (n defaults to 1): {@code X^n..X}. */
    private static final Pattern PARENT_EXCLUDED = Pattern.compile("(.+)\\^-(\\d*)");

    /** A branch's upstream in a revision: {@code @{u}}, {@code topic@{upstream}~2}, in any case. */
    private static final Pattern UPSTREAM = Pattern.compile("(.*?)@\\{(?i:u|upstream)\\}(.*)");

    /**
     * {@code rev} with what git resolves and JGit does not written out: a branch's upstream
     * ({@code @{u}}, {@code topic@{upstream}}: JGit knows neither the short form nor a branch
     * that tracks another local branch, remote ".", which it takes for HEAD), and {@code @}
     * alone for HEAD ({@code @~1}).
     */
    private String withoutShorthands(String range, String rev) {
        Matcher m = UPSTREAM.matcher(rev);
        if (m.matches()) {
            boolean ofHead = m.group(1).isEmpty() || m.group(1).equals("HEAD") || m.group(1).equals("@");
            String branch = ofHead ? currentBranch().orElseThrow(() -> new InputException("bad range '" + range
                    + "': HEAD is detached (on no branch), so it has no upstream; name the base"
                    + " (origin/master..HEAD)")) : m.group(1);
            if (!ofHead && resolveOrNull(Constants.R_HEADS + branch) == null) {
                throw new InputException("bad range '" + range + "': there is no branch '" + branch + "'");
            }
            String tracking = trackingRef(branch).orElseThrow(() -> new InputException("bad range '" + range
                    + "': branch '" + branch + "' has no upstream; set one (git branch -u origin/master) or name"
                    + " the base (origin/master..HEAD)"));
            return tracking + m.group(2);
        }
        if (rev.equals("@") || rev.startsWith("@~") || rev.startsWith("@^")) {
            return Constants.HEAD + rev.substring(1);
        }
        return rev;
    }

    private RevCommit parse(String rev, ObjectId id) {
        try (RevWalk walk = new RevWalk(jgit())) {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectId resolve(String rev) {
        return resolveOrNull(rev);
    }

    /** Resolves a revision; null for anything git would call an unknown or bad revision. */
    private ObjectId resolveOrNull(String rev) {
        try {
            return jgit().resolve(rev);
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                 | org.eclipse.jgit.errors.IncorrectObjectTypeException | MissingObjectException e) {
            // Missing: e.g. HEAD~1 in a shallow clone, which git also calls an unknown revision.
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
