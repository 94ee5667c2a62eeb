package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains do not depend on how many threads parsed the tree. ParallelParser parses fewer
 * than 64 files on the calling thread, so the tree here is the nmi-perf, rcuidle and
 * registration fixtures plus 80 watchdog drivers that each register a static NMI handler
 * of the same name: enough files for the pool, and 80 statics that must each stay in
 * their own file.
 */
class DeterminismTest {

    private static final int DRIVERS = 80;

    @Test
    void sameChainsWithOneAndTwoParseJobs(@TempDir Path dir) throws IOException {
        for (String tree : List.of("nmi-perf", "rcuidle", "registration")) {
            copyTree(FixtureTrees.tree(tree), dir);
        }
        Path drivers = Files.createDirectories(dir.resolve("drivers/watchdog"));
        for (int i = 0; i < DRIVERS; i++) {
            Files.writeString(drivers.resolve(String.format("wd%02d.c", i)), String.format("""
                // SPDX-License-Identifier: GPL-2.0
                #include <asm/nmi.h>

                static int wd_nmi(unsigned int cmd, struct pt_regs *regs)
                {
                	return wd%02d_pet(regs);
                }

                int wd%02d_pet(struct pt_regs *regs)
                {
                	rcu_read_lock();
                	rcu_read_unlock();
                	return NMI_HANDLED;
                }

                static int __init wd_init(void)
                {
                	return register_nmi_handler(NMI_LOCAL, wd_nmi, 0, "wd%02d");
                }
                """, i, i, i));
        }

        List<String> sequential = describe(FixtureTrees.build(dir, 1));
        List<String> parallel = describe(FixtureTrees.build(dir, 2));

        assertThat(parallel).containsExactlyElementsOf(sequential);
        assertThat(describe(FixtureTrees.build(dir, 2))).containsExactlyElementsOf(sequential);

        // Each registration links its own file's static wd_nmi, and each reaches its own wdNN_pet.
        Contexts contexts = FixtureTrees.build(dir, 2);
        Node nmiHandle = FixtureTrees.function(contexts, "nmi_handle");
        assertThat(FixtureTrees.edges(contexts, nmiHandle, EdgeKind.CALLBACK))
            .filteredOn(e -> e.startsWith("wd_nmi ")).hasSize(DRIVERS)
            .allSatisfy(e -> assertThat(e).matches("wd_nmi \\((drivers/watchdog/wd\\d\\d\\.c)\\) @\\1:\\d+"));
        assertThat(contexts.nmiChain(FixtureTrees.function(contexts, "wd42_pet")).orElseThrow().summary())
            .isEqualTo("exc_nmi -> default_do_nmi -> nmi_handle -> wd_nmi -> wd42_pet");
    }

    /** Every node with its three chains, in node order. */
    private static List<String> describe(Contexts contexts) {
        List<String> out = new ArrayList<>();
        for (Node n : contexts.model().nodes()) {
            out.add(n.id() + " " + n.kind() + " " + n.name() + " " + n.file() + ":" + n.line()
                + "\n  nmi " + render(contexts.nmiChain(n))
                + "\n  idle " + render(contexts.notWatchingChain(n))
                + "\n  hot " + render(contexts.hotPathChain(n)));
        }
        out.add("counts " + contexts.nmiReachableCount() + " " + contexts.notWatchingCount() + " "
            + contexts.hotPathCount() + " edges " + contexts.model().edgeCount());
        return out;
    }

    private static String render(Optional<EvidenceChain> chain) {
        return chain.map(c -> c.hops() + (c.indirect() ? " indirect" : "")).orElse("-");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(f, target);
                } else {
                    // The trees share the tracepoint core headers; they must agree.
                    assertThat(Files.readString(target)).as(target.toString()).isEqualTo(Files.readString(f));
                }
            }
        }
    }
}
