package dev.tpsync.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.review.BaseSleeping;
import dev.tpsync.review.ReviewEngine.Sleepers;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SleeperDriftTest {

    @Test
    void aFunctionThatStartsSleepingDriftsUntilItStopsAgain() {
        SleeperDrift drift = new SleeperDrift();
        assertThat(drift.baseSleeping()).isSameAs(BaseSleeping.SAME);

        drift.after(Map.of("drivers/a.c", new Sleepers(Set.of(), Set.of("a_wait"))));
        BaseSleeping base = drift.baseSleeping();
        assertThat(base.drifted()).isEqualTo(Map.of("drivers/a.c", Set.of("a_wait")));
        assertThat(base.atBase()).as("a_wait did not sleep in the base").isEqualTo(Map.of("drivers/a.c", Set.of()));

        // Judged against the base tree, not the patch before: back as it was, nothing drifts.
        drift.after(Map.of("drivers/a.c", new Sleepers(Set.of("a_wait"), Set.of())));
        assertThat(drift.baseSleeping().same()).isTrue();
    }

    @Test
    void aFunctionThatStopsSleepingDriftsTooAndTheBaseSleepersAreThoseBeforeTheFirstPatch() {
        SleeperDrift drift = new SleeperDrift();

        drift.after(Map.of("kernel/b.c", new Sleepers(Set.of("b_sync", "b_keep"), Set.of("b_keep"))));
        drift.after(Map.of("kernel/b.c", new Sleepers(Set.of("b_keep"), Set.of("b_keep", "b_new"))));

        BaseSleeping base = drift.baseSleeping();
        assertThat(base.drifted()).isEqualTo(Map.of("kernel/b.c", Set.of("b_sync", "b_new")));
        assertThat(base.atBase()).isEqualTo(Map.of("kernel/b.c", Set.of("b_sync", "b_keep")));
    }
}
