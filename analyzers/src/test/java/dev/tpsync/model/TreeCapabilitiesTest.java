package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Read-side APIs found by what a tree's headers define, not by its version. */
class TreeCapabilitiesTest {

    @Test
    void aClassicSrcuHeaderOffersNoFastLiteOrNmiSafeReaders() {
        TreeCapabilities caps = FixtureTrees.contexts("caps-srcu-classic").capabilities();
        // The header's comment names srcu_read_lock_fast() and srcu_read_lock_nmisafe(): mentions are not definitions.
        assertThat(caps).isEqualTo(new TreeCapabilities(false, false, false, false, true));
        assertThat(caps.hotPathAlternatives()).containsExactly(
            "a preemption-disabled section with synchronize_rcu() on the update side");
        assertThat(caps.nmiSafeAlternatives()).containsExactly(
            "a preemption-disabled (RCU-sched) section with synchronize_rcu() on the update side");
        assertThat(String.join(" ", caps.nmiSafeAlternatives())).doesNotContain("nmisafe");
    }

    @Test
    void aFastSrcuHeaderOffersEveryFlavour() {
        TreeCapabilities caps = FixtureTrees.contexts("caps-srcu-fast").capabilities();
        assertThat(caps).isEqualTo(new TreeCapabilities(true, true, true, true, false));
        assertThat(caps.hotPathAlternatives()).first().asString().startsWith("srcu_read_lock_fast()");
        assertThat(caps.nmiSafeAlternatives()).containsExactly("srcu_read_lock_fast()",
            "srcu_read_lock_nmisafe() (never mixed with plain readers of the same srcu_struct)",
            "a preemption-disabled (RCU-sched) section with synchronize_rcu() on the update side");
    }
}
