package dev.tpsync.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.review.ReviewEngine.Sleepers;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SleeperDriftTest {

    private static SortedMap<String, SortedSet<String>> reached(String file, String... names) {
        SortedMap<String, SortedSet<String>> out = new TreeMap<>();
        out.put(file, new TreeSet<>(Set.of(names)));
        return out;
    }

    @Test
    void aFunctionThatStartsSleepingDriftsUntilItStopsAgain() {
        SleeperDrift drift = new SleeperDrift();
        assertThat(drift.none()).isTrue();

        drift.after(Map.of("drivers/a.c", new Sleepers(Set.of(), Set.of("a_wait"))));
        assertThat(drift.none()).isFalse();
        assertThat(drift.reachedIn(reached("drivers/a.c", "a_wait", "a_other"))).isTrue();
        assertThat(drift.reachedIn(reached("drivers/a.c", "a_other"))).isFalse();
        assertThat(drift.reachedIn(reached("drivers/b.c", "a_wait"))).isFalse();

        // Judged against the base tree, not the patch before: back as it was, nothing drifts.
        drift.after(Map.of("drivers/a.c", new Sleepers(Set.of("a_wait"), Set.of())));
        assertThat(drift.none()).isTrue();
    }

    @Test
    void aFunctionThatStopsSleepingDriftsToo() {
        SleeperDrift drift = new SleeperDrift();

        drift.after(Map.of("kernel/b.c", new Sleepers(Set.of("b_sync", "b_keep"), Set.of("b_keep"))));

        assertThat(drift.reachedIn(reached("kernel/b.c", "b_sync"))).isTrue();
        assertThat(drift.reachedIn(reached("kernel/b.c", "b_keep"))).isFalse();
    }
}
