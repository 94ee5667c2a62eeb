package dev.tpsync.c.structure;

import static dev.tpsync.c.FrontendFixtures.lineOf;
import static dev.tpsync.c.structure.StructureTestSupport.callees;
import static dev.tpsync.c.structure.StructureTestSupport.function;
import static dev.tpsync.c.structure.StructureTestSupport.parseFixture;
import static dev.tpsync.c.structure.StructureTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.FrontendFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallSiteTest {

    private final String src = FrontendFixtures.read("calls.c");
    private final FunctionDef run = function(parseFixture("calls.c"), "widget_run");

    private CallSite call(String callee) {
        List<CallSite> found = run.calls().stream().filter(c -> c.callee().equals(callee)).toList();
        assertThat(found).as("calls to %s", callee).hasSize(1);
        return found.get(0);
    }

    @Test
    void callsInSourceOrderWithoutKeywords() {
        assertThat(callees(run)).containsExactly("widget_ready", "widget_kick", "widget_step", "widget_busy",
            "cpu_relax", "start", "stop", "fp", "start", "widget_count", "widget_done", "outer", "inner");
    }

    @Test
    void positionIsTheCalleeToken() {
        CallSite ready = call("widget_ready");
        assertThat(ready.line()).isEqualTo(lineOf(src, "call: widget_ready"));
        assertThat(ready.column()).isEqualTo(6);
        CallSite kick = call("widget_kick");
        assertThat(kick.line()).isEqualTo(lineOf(src, "call: widget_kick"));
        assertThat(kick.column()).isEqualTo(3);
    }

    @Test
    void argumentTextIsFoldedAndSplitAtTopLevelCommas() {
        CallSite kick = call("widget_kick");
        assertThat(kick.argsText()).isEqualTo("w, 1, \"a, b\"");
        assertThat(kick.args()).containsExactly("w", "1", "\"a, b\"");
        assertThat(kick.arg(2)).isEqualTo("\"a, b\"");
        assertThat(kick.arg(3)).isEmpty();
        CallSite step = call("widget_step");
        assertThat(step.argsText()).isEqualTo("w->queue[m], (m + 1) * 2");
        assertThat(step.args()).containsExactly("w->queue[m]", "(m + 1) * 2");
        assertThat(call("cpu_relax").argsText()).isEmpty();
        assertThat(call("cpu_relax").args()).isEmpty();
        assertThat(call("widget_done").args()).containsExactly("w", "outer(inner(m))");
    }

    @Test
    void longArgumentTextIsShortened() {
        String longArg = "a".repeat(300);
        FunctionDef f = single("void f(void)\n{\n\tg(" + longArg + ", 1);\n}\n");
        assertThat(f.calls().get(0).argsText()).hasSizeLessThanOrEqualTo(160);
    }

    @Test
    void indirectCallsThroughMembersAndPointers() {
        assertThat(run.calls()).filteredOn(CallSite::indirect).extracting(CallSite::callee)
            .containsExactly("start", "stop", "fp", "start");
        assertThat(run.calls()).filteredOn(c -> !c.indirect()).extracting(CallSite::callee)
            .doesNotContain("start", "stop", "fp");
        CallSite fp = call("fp");
        assertThat(fp.line()).isEqualTo(lineOf(src, "call: fp"));
        assertThat(fp.argsText()).isEqualTo("m");
    }

    @Test
    void callInsideIfdefIsConditional() {
        assertThat(call("widget_count").conditional()).isTrue();
        assertThat(run.calls()).filteredOn(CallSite::conditional).extracting(CallSite::callee)
            .containsExactly("widget_count");
    }

    @Test
    void keywordsAndOperatorsAreNotCalls() {
        FunctionDef f = single("""
            int f(int x)
            {
            	if (x) return sizeof(x);
            	while (x) x--;
            	for (;;) break;
            	switch (x) { case 1: return (int)(x); }
            	return __builtin_expect(x, 0) + likely(x) + unlikely(x) + typeof_unqual_helper(x);
            	asm volatile("nop");
            	return _Generic(x, int: 1) + __alignof__(x) + offsetof(struct s, m);
            }
            """);
        assertThat(callees(f)).containsExactly("typeof_unqual_helper");
    }
}
