package dev.tpsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store reads every object of a repository as JGit does: loose, packed whole, packed as
 * deltas on an offset (git's default) or on an id, through chains, and resolves abbreviations.
 */
class ObjectDatabaseTest {

    @TempDir
    Path work;
    GitCli git;

    @BeforeEach
    void history() throws Exception {
        git = new GitCli(work);
        git.run("init", "-q");
        Path file = work.resolve("kernel/trace/trace_preemptirq.c");
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        // Twenty versions of a growing file and of its directory's trees: material for delta chains.
        for (int v = 0; v < 20; v++) {
            for (int line = 0; line < 40; line++) {
                text.append("\ttrace_irq_enable_rcuidle(CALLER_ADDR").append(v).append(", ").append(line).append(");\n");
            }
            Files.writeString(file, text);
            Files.writeString(work.resolve("kernel/trace/v" + v + ".h"), "#define V " + v + "\n");
            git.run("add", "-A");
            git.run("commit", "-qm", "version " + v);
        }
    }

    /** Writes {@code text} to {@code path} and commits it, loose. */
    private void commit(String path, String text) throws Exception {
        Files.writeString(work.resolve(path), text);
        git.run("add", "-A");
        git.run("commit", "-qm", "add " + path);
    }

    private List<ObjectId> allObjects() throws Exception {
        List<ObjectId> ids = new ArrayList<>();
        for (String line : git.run("rev-list", "--objects", "--all").split("\n")) {
            ids.add(ObjectId.fromString(line.substring(0, 40)));
        }
        return ids;
    }

    private void assertReadsEveryObjectAsJGit() throws Exception {
        List<ObjectId> ids = allObjects();
        assertThat(ids).hasSizeGreaterThan(60);
        try (Repository jgit = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             ObjectReader reader = jgit.newObjectReader();
             ObjectDatabase store = new ObjectDatabase(work.resolve(".git/objects"))) {
            for (ObjectId id : ids) {
                ObjectLoader expected = reader.open(id);
                GitObject read = store.read(id).orElseThrow();
                assertThat(read.type()).as(id.name()).isEqualTo(expected.getType());
                assertThat(read.data()).as(id.name()).isEqualTo(expected.getCachedBytes());
            }
        }
    }

    @Test
    void readsLooseObjects() throws Exception {
        assertThat(packs()).isEmpty();
        assertReadsEveryObjectAsJGit();
    }

    @Test
    void readsAPackOfOffsetDeltasWithLongChains() throws Exception {
        git.run("repack", "-adfq", "--depth=50", "--window=50");
        assertThat(packs()).hasSize(1);
        assertThat(git.run("verify-pack", "-v", packs().get(0).toString())).contains("chain length = 2");
        assertReadsEveryObjectAsJGit();
    }

    @Test
    void readsAPackOfDeltasOnIds() throws Exception {
        git.run("-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--depth=50");
        assertReadsEveryObjectAsJGit();
    }

    @Test
    void readsLooseObjectsBesideSeveralPacks() throws Exception {
        git.run("repack", "-adq");
        commit("kernel/trace/new.c", "void new(void)\n{\n}\n");
        git.run("repack", "-dq");
        commit("kernel/trace/newer.c", "void newer(void)\n{\n}\n");
        assertThat(packs()).hasSize(2);
        assertReadsEveryObjectAsJGit();
    }

    @Test
    void resolvesAbbreviationsAsJGit() throws Exception {
        git.run("repack", "-adq");
        commit("loose.c", "int loose;\n");
        try (Repository jgit = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             ObjectReader reader = jgit.newObjectReader();
             ObjectDatabase store = new ObjectDatabase(work.resolve(".git/objects"))) {
            for (ObjectId id : allObjects()) {
                for (int length : new int[] {2, 3, 7, 40}) {
                    AbbreviatedObjectId prefix = AbbreviatedObjectId.fromString(id.name().substring(0, length));
                    Set<ObjectId> expected = new TreeSet<>(reader.resolve(prefix));
                    assertThat(new TreeSet<>(store.resolve(prefix, 256))).as(prefix.name()).isEqualTo(expected);
                }
                assertThat(new StoreObjectReader(store, jgit::newObjectReader).abbreviate(id, 7))
                    .isEqualTo(reader.abbreviate(id, 7));
            }
        }
    }

    @Test
    void oneStoreServesSeveralThreadsAtOnce() throws Exception {
        // A staged review reads HEAD's tree on the summary thread while the main thread diffs.
        git.run("repack", "-adfq", "--depth=50");
        List<ObjectId> ids = allObjects();
        try (Repository jgit = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             ObjectReader reader = jgit.newObjectReader();
             ObjectDatabase store = new ObjectDatabase(work.resolve(".git/objects"))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<byte[]>> reads = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (ObjectId id : ids) {
                        reads.add(pool.submit(() -> store.read(id).orElseThrow().data()));
                    }
                }
                for (int i = 0; i < reads.size(); i++) {
                    ObjectId id = ids.get(i % ids.size());
                    assertThat(reads.get(i).get()).as(id.name()).isEqualTo(reader.open(id).getCachedBytes());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void anAbsentObjectIsEmpty() throws Exception {
        git.run("repack", "-adq");
        try (ObjectDatabase store = new ObjectDatabase(work.resolve(".git/objects"))) {
            assertThat(store.read(ObjectId.fromString("0123456789012345678901234567890123456789"))).isEmpty();
        }
    }

    @Test
    void aDamagedLooseObjectOrPackIsUnreadableAndJGitIsAskedInstead() throws Exception {
        ObjectId head = ObjectId.fromString(git.run("rev-parse", "HEAD").strip());
        Path loose = work.resolve(".git/objects/" + head.name().substring(0, 2) + "/" + head.name().substring(2));
        loose.toFile().setWritable(true);
        Files.write(loose, "not zlib".getBytes(StandardCharsets.US_ASCII));
        try (Repository jgit = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             ObjectDatabase store = new ObjectDatabase(work.resolve(".git/objects"))) {
            assertThatThrownBy(() -> store.read(head)).isInstanceOf(UnreadableObjectException.class)
                .hasMessageContaining("loose object " + head.name() + " is damaged");
            // JGit's reader then says what it says about such an object.
            StoreObjectReader reader = new StoreObjectReader(store, jgit::newObjectReader);
            assertThatThrownBy(() -> reader.open(head)).isInstanceOf(IOException.class)
                .isNotInstanceOf(UnreadableObjectException.class);
        }
    }

    @Test
    void aPackIndexCutShortIsUnreadable() throws Exception {
        git.run("repack", "-adq");
        Path idx = packs().get(0);
        Path cut = work.resolve("cut.idx");
        byte[] bytes = Files.readAllBytes(idx);
        Files.write(cut, java.util.Arrays.copyOf(bytes, 2000));
        assertThatThrownBy(() -> PackIndex.open(cut)).isInstanceOf(UnreadableObjectException.class)
            .hasMessageContaining("cut short");
        Files.write(cut, new byte[4000]);
        assertThatThrownBy(() -> PackIndex.open(cut)).isInstanceOf(UnreadableObjectException.class)
            .hasMessageContaining("not of version 2");
    }

    private List<Path> packs() throws IOException {
        Path dir = work.resolve(".git/objects/pack");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".idx")).sorted().toList();
        }
    }
}
