package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tracepoints an edit declares otherwise, and when a slice makes their edges as the tree does. */
class TracepointChangesTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String HEADER = "include/trace/events/widget.h";

    private static String event(String name, String cls) {
        return "DEFINE_EVENT(" + cls + ", " + name + ",\n\tTP_PROTO(int v),\n\tTP_ARGS(v)\n);\n";
    }

    private static FileFacts header(String text) {
        return StructureParser.parse(HEADER, text);
    }

    @Test
    void declaredAnewTakenAwayOrInAnotherClassButNotMoved() {
        String base = event("widget_a", "widget_class") + event("widget_b", "widget_class");

        assertThat(TracepointChanges.between(header(base), header("\n\n" + base))).as("moved").isEmpty();
        assertThat(TracepointChanges.between(header(base), header(base + event("widget_c", "widget_class"))))
            .containsExactly("widget_c");
        assertThat(TracepointChanges.between(header(base), header(event("widget_a", "widget_class"))))
            .containsExactly("widget_b");
        assertThat(TracepointChanges.between(header(base), header(base.replace("widget_class, widget_b",
            "other_class, widget_b")))).containsExactly("widget_b");
    }

    @Test
    void probesRegisteredForAChangedTracepointMustBeInTheTouchedFilesAndVouchedFor() {
        ContextSlice slice = IdleSlices.of(List.of(), SPEC);
        String registers = "static void widget_probe(void *data, int v)\n{\n}\n\n"
            + "static int widget_init(void)\n{\n\treturn register_trace_widget_c(%s, NULL);\n}\n";
        FileFacts own = StructureParser.parse("drivers/misc/widget.c", String.format(registers, "widget_probe"));
        FileFacts elsewhere = StructureParser.parse("drivers/misc/widget.c", String.format(registers, "probe_elsewhere"));

        assertThat(TracepointChanges.vouchedFor(Set.of("widget_c"), List.of(), List.of(own), slice, SPEC)).isTrue();
        assertThat(TracepointChanges.vouchedFor(Set.of("widget_c"), List.of(), List.of(elsewhere), slice, SPEC))
            .isFalse();
        assertThat(TracepointChanges.vouchedFor(Set.of("widget_c"), List.of(own), List.of(), slice, SPEC))
            .as("a registration in a file the change does not touch").isFalse();
        assertThat(TracepointChanges.vouchedFor(Set.of("widget_d"), List.of(own), List.of(), slice, SPEC)).isTrue();
    }

    @Test
    void theTracepointARegistrationNames() {
        FileFacts f = StructureParser.parse("drivers/misc/widget.c", "static int widget_init(void)\n{\n"
            + "\tregister_trace_widget_c(widget_probe, NULL);\n"
            + "\ttracepoint_probe_register(&__tracepoint_widget_d, widget_probe, NULL);\n"
            + "\tregister_nmi_handler(NMI_LOCAL, widget_nmi, 0, \"w\");\n\treturn 0;\n}\n");

        assertThat(f.functions().get(0).calls().stream().map(c -> TracepointChanges.registeredTracepoint(c, SPEC)))
            .containsExactly("widget_c", "widget_d", "");
    }
}
