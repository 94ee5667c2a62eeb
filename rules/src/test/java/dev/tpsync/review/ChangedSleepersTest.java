package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which functions a patch made sleep or make a grace-period call, or stop: their callers are judged again. */
class ChangedSleepersTest {

    private static final String PATH = "lib/widget.c";

    private static final String BASE = """
        static void widget_flush(struct widget *w)
        {
        	mutex_lock(&w->lock);
        	widget_drain(w);
        	mutex_unlock(&w->lock);
        }

        bool widget_ready(struct widget *w)
        {
        	return READ_ONCE(w->ready);
        }

        void widget_retire(struct widget *w)
        {
        	kfree(w);
        }
        """;

    private static Set<String> madeToSleep(String after) {
        return ChangedSleepers.between(List.of(parse(BASE)), List.of(parse(after)));
    }

    private static FileFacts parse(String text) {
        return StructureParser.parse(PATH, text);
    }

    @Test
    void aFunctionThatStartsToSleepOrToWaitForOrQueueAGracePeriodHasChanged() {
        assertThat(madeToSleep(BASE.replace("return READ_ONCE(w->ready);", "might_sleep();\n\treturn w->ready;")))
            .containsExactly("widget_ready");
        assertThat(madeToSleep(BASE.replace("\tkfree(w);", "\tsynchronize_rcu();\n\tkfree(w);")))
            .containsExactly("widget_retire");
        assertThat(madeToSleep(BASE.replace("\tkfree(w);", "\tcall_rcu(&w->rcu, widget_free_rcu);")))
            .containsExactly("widget_retire");
        assertThat(madeToSleep(BASE + "\nvoid widget_wait(struct widget *w)\n{\n\tmsleep(10);\n}\n"))
            .as("a new function that sleeps: its callers are new too, and touched or not, judged again")
            .containsExactly("widget_wait");
    }

    @Test
    void aFunctionLikeMacroMadeToSleepHasChangedToo() {
        String header = "#define widget_settle(w) widget_drain(w)\n";
        assertThat(ChangedSleepers.between(List.of(parse(header)),
            List.of(parse("#define widget_settle(w) do { widget_drain(w); msleep(1); } while (0)\n"))))
            .containsExactly("widget_settle");
    }

    @Test
    void aMacroThatExpandsToOtherCallsAndADefinitionAddedOrRemovedHaveChanged() {
        assertThat(ChangedSleepers.between(List.of(parse("#define widget_wait() do { } while (0)\n")),
            List.of(parse("#define widget_wait() widget_drain(1)\n"))))
            .as("a wrapper now forwarding to a helper, which may sleep").containsExactly("widget_wait");
        assertThat(madeToSleep(BASE + "\nvoid widget_extra(void)\n{\n}\n"))
            .as("another definition of a name may be the one linked (an override of a __weak default)")
            .containsExactly("widget_extra");
        assertThat(madeToSleep(BASE.substring(0, BASE.indexOf("bool widget_ready"))))
            .as("definitions removed").containsExactlyInAnyOrder("widget_ready", "widget_retire");
    }

    @Test
    void aFunctionThatStopsSleepingHasChangedToo() {
        assertThat(madeToSleep(BASE.replace("\tmutex_lock(&w->lock);\n", "").replace("\tmutex_unlock(&w->lock);\n", "")))
            .containsExactly("widget_flush");
    }

    @Test
    void aFunctionThatSleptBeforeOrStillDoesNotHasNotChanged() {
        assertThat(madeToSleep(BASE)).isEmpty();
        assertThat(madeToSleep(BASE.replace("widget_drain(w);", "widget_drain(w);\n\tmsleep(1);")))
            .as("widget_flush slept before").isEmpty();
        assertThat(madeToSleep(BASE.replace("\tkfree(w);", "\twidget_flush(w);\n\tkfree(w);")))
            .as("calls a sleeper, but sleeps in no body of its own: one hop is the rule's reach").isEmpty();
        assertThat(madeToSleep("\n\n" + BASE)).as("moved").isEmpty();
    }
}
