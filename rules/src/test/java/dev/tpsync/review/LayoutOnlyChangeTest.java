package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.StructureParser;
import org.junit.jupiter.api.Test;

/**
 * Which edits only move code: the same facts once lines and columns are ranks. Anything that
 * changes a call, an event, a definition or how positions compare with each other is not.
 */
class LayoutOnlyChangeTest {

    private static final String PATH = "kernel/sched/idle.c";

    private static final String IDLE = """
        static void cpu_idle_poll(void)
        {
        	ct_idle_enter();
        	local_irq_enable();
        	while (!need_resched())
        		cpu_relax();
        	ct_idle_exit();
        	trace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());
        }

        void do_idle(void)
        {
        	cpu_idle_poll();
        }
        """;

    @Test
    void commentsBlankLinesAndIndentationOnlyMoveCode() {
        assertLayoutOnly(IDLE.replace("static void cpu_idle_poll", "/*\n * Poll.\n */\nstatic void cpu_idle_poll"));
        assertLayoutOnly(IDLE.replace("\tlocal_irq_enable();\n", "\n\tlocal_irq_enable(); /* irqs on */\n\n"));
        assertLayoutOnly(IDLE.replace("\tct_idle_exit();", "        ct_idle_exit();"));
        assertLayoutOnly(IDLE.replace("PWR_EVENT_EXIT,", "PWR_EVENT_EXIT, /* wrapped */").replace("\n}\n\nvoid",
            "\n}\n\n\n\nvoid"));
        assertLayoutOnly(IDLE.replace("void do_idle(void)\n{", "void do_idle(void)\n{\n\tint unused = 1;\n"));
    }

    @Test
    void theSameTextIsLayoutOnly() {
        assertLayoutOnly(IDLE);
    }

    @Test
    void aCallAddedRemovedOrRenamedIsNot() {
        assertNotLayoutOnly(IDLE.replace("\tcpu_idle_poll();\n", "\tcpu_idle_poll();\n\tschedule_idle();\n"));
        assertNotLayoutOnly(IDLE.replace("\tlocal_irq_enable();\n", ""));
        assertNotLayoutOnly(IDLE.replace("trace_cpu_idle(", "trace_cpu_idle_rcuidle("));
    }

    @Test
    void changedArgumentsOrDefinitionsAreNot() {
        assertNotLayoutOnly(IDLE.replace("PWR_EVENT_EXIT", "PWR_EVENT_ENTER"));
        assertNotLayoutOnly(IDLE.replace("static void cpu_idle_poll", "void cpu_idle_poll"));
        assertNotLayoutOnly(IDLE.replace("void do_idle(void)\n{\n\tcpu_idle_poll();\n}\n",
            "#ifdef CONFIG_IDLE\nvoid do_idle(void)\n{\n\tcpu_idle_poll();\n}\n#endif\n"));
        assertNotLayoutOnly(IDLE.replace("void do_idle", "void do_idle_loop"));
    }

    @Test
    void joiningTwoCallsOntoOneLineIsNot() {
        // Whether a call is inside a region is decided by lines: two lines made one compare
        // differently, though both lists keep their order.
        assertNotLayoutOnly(IDLE.replace("\tct_idle_enter();\n\tlocal_irq_enable();",
            "\tct_idle_enter(); local_irq_enable();"));
        // The same, the other way: an argument call wrapped onto a line of its own.
        assertNotLayoutOnly(IDLE.replace("smp_processor_id());", "\n\t\t       smp_processor_id());"));
    }

    @Test
    void aCallMovedAcrossTheRegionBoundaryIsNot() {
        assertNotLayoutOnly(IDLE.replace("\tct_idle_exit();\n\ttrace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());",
            "\ttrace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());\n\tct_idle_exit();"));
    }

    @Test
    void twoCallsOnOneLineSwappedInColumnAreNot() {
        String oneLine = IDLE.replace("\tct_idle_enter();\n\tlocal_irq_enable();",
            "\tct_idle_enter(); local_irq_enable();");
        assertLayoutOnly(oneLine, oneLine.replace("\tct_idle_enter(); local_irq_enable();",
            "\tct_idle_enter();    local_irq_enable();"));
        assertNotLayoutOnly(oneLine, oneLine.replace("\tct_idle_enter(); local_irq_enable();",
            "\tlocal_irq_enable(); ct_idle_enter();"));
    }

    private static void assertLayoutOnly(String after) {
        assertLayoutOnly(IDLE, after);
    }

    private static void assertNotLayoutOnly(String after) {
        assertNotLayoutOnly(IDLE, after);
    }

    private static void assertLayoutOnly(String before, String after) {
        assertThat(LayoutOnlyChange.between(StructureParser.parse(PATH, before), StructureParser.parse(PATH, after)))
            .as("layout only:\n%s", after).isTrue();
    }

    private static void assertNotLayoutOnly(String before, String after) {
        assertThat(LayoutOnlyChange.between(StructureParser.parse(PATH, before), StructureParser.parse(PATH, after)))
            .as("not layout only:\n%s", after).isFalse();
    }
}
