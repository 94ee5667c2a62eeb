package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which edits of one file a context summary can judge: only changes to what unreached functions call. */
class UnreachedChangeTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String PATH = "drivers/misc/widget.c";

    private static final String BASE = """
        static struct widget_ops ops = {
        	.read = widget_read,
        };

        static int widget_read(struct widget *w)
        {
        	return widget_fetch(w);
        }

        int widget_probe(struct widget *w)
        {
        	w->ops = &ops;
        	return 0;
        }
        """;

    private static final ContextSummary NOTHING_REACHED = new ContextSummary(new java.util.TreeMap<>(), List.of());

    @Test
    void changingWhatAnUnreachedFunctionCallsQualifies() {
        assertThat(judgeable(BASE.replace("\treturn 0;", "\tmight_sleep();\n\treturn 0;"))).isTrue();
        assertThat(judgeable(BASE.replace("\treturn widget_fetch(w);", "\treturn 0;"))).isTrue();
        assertThat(judgeable(BASE.replace("\treturn 0;", "\trcu_read_lock();\n\trcu_read_unlock();\n\treturn 0;")))
            .isTrue();
    }

    @Test
    void movingAStoreToAMemberNoCallerIsLinkedToQualifies() {
        assertThat(judgeable("\n\n" + BASE.replace("\treturn 0;", "\tschedule();\n\treturn 0;"))).isTrue();
    }

    @Test
    void aFunctionSomeContextReachesMayMoveButNotChange() {
        ContextSummary probeReached = new ContextSummary(
            new java.util.TreeMap<>(java.util.Map.of(PATH, new TreeSet<>(List.of("widget_probe")))), List.of());
        String readChanged = BASE.replace("\treturn widget_fetch(w);", "\tmight_sleep();\n\treturn widget_fetch(w);");
        String probeChanged = BASE.replace("\treturn 0;", "\tschedule();\n\treturn 0;");

        assertThat(UnreachedChange.between(parse(BASE), parse(readChanged), probeReached, SPEC))
            .as("widget_read changed, widget_probe moved down a line").isTrue();
        assertThat(UnreachedChange.between(parse(BASE), parse(probeChanged), probeReached, SPEC)).isFalse();
    }

    @Test
    void aFileReachedAsAWholeTakesNoChange() {
        ContextSummary wholeFile = new ContextSummary(
            new java.util.TreeMap<>(java.util.Map.of(PATH, new TreeSet<>(List.of(ContextSummary.WHOLE_FILE)))),
            List.of());

        assertThat(UnreachedChange.between(parse(BASE), parse(BASE.replace("\treturn 0;", "\tschedule();\n\treturn 0;")),
            wholeFile, SPEC)).isFalse();
    }

    @Test
    void changedDefinitionsDoNot() {
        assertThat(judgeable(BASE + "\nvoid widget_remove(void)\n{\n}\n")).as("a global definition added").isFalse();
        assertThat(judgeable(BASE.replace("int widget_probe", "static int widget_probe"))).as("made static").isFalse();
        assertThat(judgeable(BASE.replace("int widget_probe", "#ifdef CONFIG_WIDGET\nint widget_probe")
            .replace("\treturn 0;\n}\n", "\treturn 0;\n}\n#endif\n"))).as("put under #if").isFalse();
    }

    @Test
    void definitionsNoOtherFileSeesMayComeAndGoInAFileNothingReaches() {
        String helper = "\nstatic void widget_note(void)\n{\n\tmight_sleep();\n}\n";
        assertThat(judgeable(BASE.replace("\treturn 0;", "\twidget_note();\n\treturn 0;") + helper))
            .as("a static helper added and called").isTrue();
        assertThat(judgeable(BASE.replace("widget_read", "widget_get"))).as("a static function renamed").isTrue();
        assertThat(judgeable("#define WIDGET_MAX(a, b) ((a) > (b) ? (a) : (b))\n" + BASE)).as("a macro").isTrue();
        assertThat(judgeable(BASE + helper.replace("static ", ""))).as("seen by other files").isFalse();
        assertThat(UnreachedChange.between(StructureParser.parse("drivers/misc/widget.h", BASE),
            StructureParser.parse("drivers/misc/widget.h", BASE + helper), NOTHING_REACHED, SPEC))
            .as("a header's static inline is everyone's").isFalse();
        ContextSummary probeReached = new ContextSummary(
            new java.util.TreeMap<>(java.util.Map.of(PATH, new TreeSet<>(List.of("widget_probe")))), List.of());
        assertThat(UnreachedChange.between(parse(BASE), parse(BASE + helper), probeReached, SPEC))
            .as("in a file a context reaches").isFalse();
        String path = "arch/x86/events/widget.c";
        String pmu = "static struct x86_pmu pmu = {\n\t.handle_irq = widget_irq,\n};\n";
        assertThat(UnreachedChange.between(StructureParser.parse(path, pmu), StructureParser.parse(path,
            pmu + "\nstatic int widget_irq(void)\n{\n\treturn 0;\n}\n"), NOTHING_REACHED, SPEC))
            .as("the function a linked store names: the PMU's interrupt handler from now on").isFalse();
    }

    @Test
    void registeringAProbeOrACallbackDoesNot() {
        assertThat(judgeable(BASE.replace("\treturn 0;", "\tregister_trace_sched_switch(widget_read, NULL);\n\treturn 0;")))
            .isFalse();
        assertThat(judgeable(BASE.replace("\treturn 0;", "\tregister_nmi_handler(NMI_LOCAL, widget_read, 0, \"w\");\n"
            + "\treturn 0;"))).isFalse();
    }

    @Test
    void seedingAContextDoesNot() {
        assertThat(judgeable(BASE.replace("\treturn 0;", "\tct_idle_enter();\n\tct_idle_exit();\n\treturn 0;")))
            .as("an idle region").isFalse();
        assertThat(judgeable(BASE.replace("\treturn 0;", "\tnmi_enter();\n\tnmi_exit();\n\treturn 0;")))
            .as("NMI entered").isFalse();
        assertThat(judgeable(BASE.replace("\treturn 0;", "\ttrace_widget_rcuidle(w);\n\treturn 0;")))
            .as("an rcuidle tracepoint").isFalse();
        assertThat(judgeable(BASE.replace("int widget_probe", "int exc_nmi"))).as("an NMI entry by name").isFalse();
    }

    @Test
    void aLinkedCallbackStoreMayMoveButNotChange() {
        String path = "arch/x86/events/widget.c";
        String base = "static struct x86_pmu pmu = {\n\t.handle_irq = widget_irq,\n};\n\n"
            + "static int widget_irq(void)\n{\n\treturn 0;\n}\n\nstatic int widget_other_irq(void)\n{\n"
            + "\treturn 1;\n}\n";
        String changed = base.replace("\treturn 0;", "\tschedule();\n\treturn 0;");
        String moved = "/* A widget PMU. */\n\n" + changed;
        String restored = changed.replace(".handle_irq = widget_irq", ".handle_irq = widget_other_irq");
        String added = changed.replace("};", "\t.handle_irq = widget_other_irq,\n};");

        assertThat(UnreachedChange.between(StructureParser.parse(path, base), StructureParser.parse(path, changed),
            NOTHING_REACHED, SPEC)).as("the store where it was").isTrue();
        assertThat(UnreachedChange.between(StructureParser.parse(path, base), StructureParser.parse(path, moved),
            NOTHING_REACHED, SPEC)).as("the store moved down two lines").isTrue();
        assertThat(UnreachedChange.between(StructureParser.parse(path, base), StructureParser.parse(path, restored),
            NOTHING_REACHED, SPEC)).as("another function stored").isFalse();
        assertThat(UnreachedChange.between(StructureParser.parse(path, base), StructureParser.parse(path, added),
            NOTHING_REACHED, SPEC)).as("a second store").isFalse();
    }

    @Test
    void declaringATracepointOrTouchingTraceEventHeadersDoesNot() {
        String tracepoint = "TRACE_EVENT(widget,\n\tTP_PROTO(int v),\n\tTP_ARGS(v),\n\tTP_STRUCT__entry(__field(int, v)),\n"
            + "\tTP_fast_assign(__entry->v = v;),\n\tTP_printk(\"%d\", __entry->v)\n);\n";
        assertThat(judgeable(tracepoint + BASE)).isFalse();
        assertThat(UnreachedChange.between(StructureParser.parse("include/trace/events/widget.h", BASE),
            StructureParser.parse("include/trace/events/widget.h", BASE.replace("\treturn 0;", "\tschedule();\n\treturn 0;")),
            NOTHING_REACHED, SPEC)).isFalse();
    }

    private static boolean judgeable(String after) {
        return UnreachedChange.between(parse(BASE), parse(after), NOTHING_REACHED, SPEC);
    }

    private static FileFacts parse(String text) {
        return StructureParser.parse(PATH, text);
    }
}
