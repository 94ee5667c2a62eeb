package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a line of the file before a change is after it. */
class FilePatchTest {

    private static FilePatch only(String diff) {
        return UnifiedDiffParser.parse(diff).get(0);
    }

    @Test
    void linesMoveByTheHunksAboveThem() {
        // Two lines replaced by three at 3-4, one line added after line 10.
        FilePatch fp = only("""
                --- a/kernel/x.c
                +++ b/kernel/x.c
                @@ -2,4 +2,5 @@
                 two
                -three
                -four
                +THREE
                +FOUR
                +FOUR AND A HALF
                 five
                @@ -10,0 +12,1 @@
                +eleven and a half
                """);
        assertThat(fp.lineAfter(1)).isEqualTo(1);
        assertThat(fp.lineAfter(2)).isEqualTo(2);
        assertThat(fp.lineAfter(5)).isEqualTo(6);
        assertThat(fp.lineAfter(10)).isEqualTo(11);
        assertThat(fp.lineAfter(11)).isEqualTo(13);
        // A removed line goes where its hunk's new text stands.
        assertThat(fp.lineAfter(3)).isEqualTo(3);
        assertThat(fp.lineAfter(4)).isEqualTo(3);
    }

    @Test
    void aLineAddedAgainWithMoreIsFollowed() {
        // The call kept, a line put before it and a comment after it.
        FilePatch fp = only("""
                --- a/kernel/x.c
                +++ b/kernel/x.c
                @@ -15,3 +15,4 @@
                 \tct_idle_enter();
                -\ttrace_cpu_idle(0, smp_processor_id());
                +\tint x = 0;
                +\ttrace_cpu_idle(0, smp_processor_id()); /* moved */
                 \tarch_cpu_idle();
                """);
        assertThat(fp.lineAfter(16)).isEqualTo(17);
        assertThat(fp.lineAfter(17)).isEqualTo(18);
    }

    @Test
    void aStatementMovedToAnotherHunkIsFollowedThereUnlessTwoPlacesGetIt() {
        // synchronize_rcu() moved from line 29 to the end of the function, ten lines down.
        FilePatch moved = only("""
                --- a/kernel/events/core.c
                +++ b/kernel/events/core.c
                @@ -28,3 +28,2 @@
                 \tif (x) {
                -\t\tsynchronize_rcu();
                 \t\trcu_read_lock();
                @@ -40,2 +39,3 @@
                 \tperf_swevent_put_recursion_context(rctx);
                +\tsynchronize_rcu();
                 }
                """);
        assertThat(moved.lineAfter(29)).isEqualTo(40);
        assertThat(moved.lineAfter(30)).isEqualTo(29);

        FilePatch twice = only("""
                --- a/kernel/events/core.c
                +++ b/kernel/events/core.c
                @@ -28,3 +28,2 @@
                 \tif (x) {
                -\t\tsynchronize_rcu();
                 \t\trcu_read_lock();
                @@ -40,2 +39,4 @@
                 \tperf_swevent_put_recursion_context(rctx);
                +\tsynchronize_rcu();
                +\tsynchronize_rcu();
                 }
                """);
        assertThat(twice.lineAfter(29)).isEqualTo(29);
    }

    @Test
    void aRemovedLineWithNoPlaceToFollowItToIsFollowedNowhereThoughItsNearestLineIsKnown() {
        FilePatch twice = only("""
                --- a/kernel/events/core.c
                +++ b/kernel/events/core.c
                @@ -28,3 +28,5 @@
                 \tif (x) {
                -\t\tsynchronize_rcu();
                +\t\tctx = NULL;
                +\t\tsynchronize_rcu();
                +\t\tsynchronize_rcu();
                 \t\trcu_read_lock();
                """);
        assertThat(twice.followed(29)).as("added again twice in its hunk: neither is it").isEmpty();
        assertThat(twice.lineAfter(29)).isEqualTo(29);
        assertThat(twice.followed(28)).hasValue(28);
        assertThat(twice.followed(30)).hasValue(32);
        assertThat(twice.removedText(29)).hasValue("synchronize_rcu();");
        assertThat(twice.removedText(28)).as("a context line").isEmpty();
        assertThat(twice.linesAdding("synchronize_rcu(")).containsExactly(30, 31);
        assertThat(twice.addedOnce("ctx = NULL")).hasValue(29);
        assertThat(twice.addedOnce("")).isEmpty();
    }

    @Test
    void aLineAtTheTopAndLinesAfterADeletion() {
        FilePatch fp = only("""
                --- a/kernel/x.c
                +++ b/kernel/x.c
                @@ -0,0 +1,2 @@
                +// SPDX-License-Identifier: GPL-2.0
                +
                @@ -5,2 +6,0 @@
                -gone
                -gone too
                """);
        assertThat(fp.lineAfter(1)).isEqualTo(3);
        assertThat(fp.lineAfter(4)).isEqualTo(6);
        assertThat(fp.lineAfter(5)).isEqualTo(6);
        assertThat(fp.lineAfter(7)).isEqualTo(7);
    }
}
