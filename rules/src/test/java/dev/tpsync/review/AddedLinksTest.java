package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import org.junit.jupiter.api.Test;

/** Which probes and callbacks an edit registers anew, and when a slice resolves them as the tree does. */
class AddedLinksTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String PATH = "arch/x86/events/widget.c";

    private static final String BASE = """
        static void widget_probe(void *data, bool preempt)
        {
        }

        static int widget_init(void)
        {
        	return 0;
        }
        """;

    private static FileFacts parse(String text) {
        return StructureParser.parse(PATH, text);
    }

    private static String registering(String line) {
        return BASE.replace("\treturn 0;", line + "\n\treturn 0;");
    }

    @Test
    void theNamesOfRegistrationsAndLinkingStoresTheEditAdds() {
        String registered = registering("\tregister_trace_sched_switch(widget_probe, NULL);");

        assertThat(AddedLinks.names(parse(BASE), parse(registered), SPEC)).containsExactly("widget_probe");
        assertThat(AddedLinks.names(parse(registered), parse("\n\n" + registered), SPEC))
            .as("moved, not added").isEmpty();
        assertThat(AddedLinks.names(parse(registered), parse(BASE), SPEC)).as("taken away").isEmpty();
        assertThat(AddedLinks.names(parse(BASE), parse(registering("\tregister_nmi_handler(NMI_LOCAL, widget_nmi, 0, \"w\");")),
            SPEC)).containsExactly("widget_nmi");
        assertThat(AddedLinks.names(parse(BASE), parse("static struct x86_pmu pmu = {\n\t.handle_irq = widget_irq,\n};\n"
            + BASE), SPEC)).as("a store to a linked member").containsExactly("widget_irq");
    }

    @Test
    void aSliceVouchesForWhatTheFileDefinesOrReachedCodeCalls() {
        ContextSlice slice = IdleSlices.reaching("\twidget_shared(0);\n", SPEC);

        assertThat(AddedLinks.vouchedFor(parse(BASE),
            parse(registering("\tregister_trace_sched_switch(widget_probe, NULL);")), slice, SPEC)).isTrue();
        assertThat(AddedLinks.vouchedFor(parse(BASE),
            parse(registering("\tregister_trace_sched_switch(widget_shared, NULL);")), slice, SPEC))
            .as("every definition of a name reached code calls is in the slice").isTrue();
        assertThat(AddedLinks.vouchedFor(parse(BASE),
            parse(registering("\tregister_trace_sched_switch(probe_elsewhere, NULL);")), slice, SPEC)).isFalse();
    }
}
