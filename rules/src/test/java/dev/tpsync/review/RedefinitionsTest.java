package dev.tpsync.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which names an edit redefines, and which of them a slice cannot vouch for. */
class RedefinitionsTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String PATH = "drivers/misc/widget.c";

    private static final String BASE = """
        static int widget_read(struct widget *w)
        {
        	return widget_fetch(w);
        }

        int widget_probe(struct widget *w)
        {
        	return widget_read(w);
        }
        """;

    private static Set<String> redefined(String after) {
        return Redefinitions.between(Map.of(PATH, parse(BASE)), Map.of(PATH, parse(after))).names();
    }

    private static FileFacts parse(String text) {
        return StructureParser.parse(PATH, text);
    }

    @Test
    void changingBodiesOrMovingDefinitionsRedefinesNothing() {
        assertThat(redefined(BASE.replace("return widget_fetch(w);", "might_sleep();\n\treturn 0;"))).isEmpty();
        assertThat(redefined("\n\n" + BASE)).isEmpty();
        String swapped = BASE.substring(BASE.indexOf("int widget_probe")) + "\n" + BASE.substring(0,
            BASE.indexOf("int widget_probe"));
        assertThat(redefined(swapped)).as("the same definitions in another order").isEmpty();
    }

    @Test
    void addingRemovingRenamingOrChangingHowResolutionSeesADefinitionRedefinesItsName() {
        assertThat(redefined(BASE + "\nstatic void widget_helper(void)\n{\n}\n")).containsExactly("widget_helper");
        assertThat(redefined(BASE.replace("widget_read(struct", "widget_get(struct")))
            .containsExactlyInAnyOrder("widget_read", "widget_get");
        assertThat(redefined(BASE.replace("static int widget_read", "int widget_read")))
            .as("no longer static: visible to every file").containsExactly("widget_read");
        assertThat(redefined("#ifdef CONFIG_WIDGET\n" + BASE + "#endif\n"))
            .as("inside #if now").containsExactlyInAnyOrder("widget_read", "widget_probe");
        assertThat(redefined(BASE + "\nstatic int widget_read(struct widget *w)\n{\n\treturn 0;\n}\n"))
            .as("a second definition").containsExactly("widget_read");
    }

    @Test
    void onlyANameADefinitionWasTakenFromCanBringBackOthers() {
        Redefinitions renamed = Redefinitions.between(Map.of(PATH, parse(BASE)),
            Map.of(PATH, parse(BASE.replace("widget_read(struct", "widget_get(struct"))));
        Redefinitions nowGlobal = Redefinitions.between(Map.of(PATH, parse(BASE)),
            Map.of(PATH, parse(BASE.replace("static int widget_read", "int widget_read"))));

        assertThat(renamed.takenAmong(Set.of("widget_read", "widget_get", "other"))).containsExactly("widget_read");
        assertThat(nowGlobal.takenAmong(Set.of("widget_read"))).as("the static one is gone").containsExactly("widget_read");
    }

    @Test
    void theSliceVouchesForNamesReachedCodeCallsButNeverForTheMachineryOrADeclaredTracepoint() {
        ContextSlice slice = IdleSlices.reaching("\twidget_fetch(0);\n", SPEC);
        String withFetch = BASE + "\nint widget_fetch(struct widget *w)\n{\n\treturn 0;\n}\n"
            + "\nstatic void widget_helper(void)\n{\n}\n";
        Redefinitions added = Redefinitions.between(Map.of(PATH, parse(BASE)), Map.of(PATH, parse(withFetch)));
        Redefinitions machinery = Redefinitions.between(Map.of(PATH, parse(BASE)),
            Map.of(PATH, parse(BASE + "\nvoid nmi_handle(void)\n{\n}\n")));
        Redefinitions tracing = Redefinitions.between(Map.of(PATH, parse(BASE)),
            Map.of(PATH, parse(BASE + "\nvoid trace_widget(void)\n{\n}\n")));

        assertThat(added.unvouched(slice, SPEC, Set.of(), List.of(parse(BASE)), List.of(parse(withFetch))))
            .contains(Set.of("widget_helper"));
        assertThat(machinery.unvouched(slice, SPEC, Set.of(), List.of(), List.of())).as("a callback invoker")
            .isEmpty();
        assertThat(tracing.unvouched(slice, SPEC, Set.of("widget"), List.of(), List.of()))
            .as("trace_widget() calls the tracepoint widget").isEmpty();
        assertThat(tracing.unvouched(slice, SPEC, Set.of("widget_read"), List.of(), List.of()))
            .as("no tracepoint widget: a plain function, like trace_hardirqs_on()").contains(Set.of("trace_widget"));
    }

    @Test
    void aNameMayStandForATracepointOnlyWhenItsTracepointIsDeclaredOrItIsTheMachinerys() {
        Set<String> declared = Set.of("irq_enable", "sched_switch");

        assertThat(Redefinitions.mayStandForTracepoint("trace_irq_enable", declared, SPEC)).isTrue();
        assertThat(Redefinitions.mayStandForTracepoint("trace_irq_enable_rcuidle", declared, SPEC)).isTrue();
        assertThat(Redefinitions.mayStandForTracepoint("__tracepoint_anything", declared, SPEC))
            .as("a tracepoint's object, which registrations name").isTrue();
        assertThat(Redefinitions.mayStandForTracepoint("trace_event_raw_event_sched_switch", declared, SPEC))
            .as("a probe template's name").isTrue();
        assertThat(Redefinitions.mayStandForTracepoint("perf_trace_sched_switch", declared, SPEC)).isTrue();

        assertThat(Redefinitions.mayStandForTracepoint("trace_hardirqs_on", declared, SPEC)).isFalse();
        assertThat(Redefinitions.mayStandForTracepoint("trace_irq_enable_enabled", declared, SPEC))
            .as("only the call and its rcuidle variant become tracepoint edges").isFalse();
        assertThat(Redefinitions.mayStandForTracepoint("trace_", declared, SPEC)).isFalse();
        assertThat(Redefinitions.mayStandForTracepoint("widget_read", declared, SPEC)).isFalse();
    }

    @Test
    void aNameIsUnseenWhenNoFunctionOfTheSliceCallsRegistersOrStoresIt() {
        ContextSlice slice = IdleSlices.reaching("\twidget_fetch(0);\n\tregister_trace_widget(widget_probe, NULL);\n",
            SPEC);
        java.util.function.Predicate<String> unseen = Redefinitions.unseenBy(slice, SPEC, Set.of("widget_new"));

        assertThat(unseen.test("widget_new")).isTrue();
        assertThat(unseen.test("widget_fetch")).as("called").isFalse();
        assertThat(unseen.test("widget_probe")).as("registered").isFalse();
        assertThat(unseen.test("nmi_handle")).as("the machinery's").isFalse();
        assertThat(unseen.test("trace_widget_new")).as("the tracepoint widget_new's call").isFalse();
        assertThat(unseen.test("trace_widget_note")).as("a plain function: no tracepoint widget_note").isTrue();
    }

    @Test
    void aRegistrationOrALinkingStoreNamingARedefinedNameIsFound() {
        FileFacts registers = StructureParser.parse("arch/x86/events/pmu.c",
            "static int pmu_init(void)\n{\n\tregister_nmi_handler(NMI_LOCAL, pmu_handler, 0, \"pmu\");\n\treturn 0;\n}\n");
        FileFacts stores = StructureParser.parse("kernel/events/widget.c",
            "void widget_setup(struct perf_event *e)\n{\n\te->overflow_handler = widget_overflow;\n}\n");
        FileFacts unlinked = StructureParser.parse("kernel/events/other.c",
            "void other_setup(struct widget *w)\n{\n\tw->read = widget_overflow;\n}\n");

        assertThat(Redefinitions.registeredOrStored(Set.of("pmu_handler"), List.of(registers), SPEC)).isTrue();
        assertThat(Redefinitions.registeredOrStored(Set.of("pmu_other"), List.of(registers), SPEC)).isFalse();
        assertThat(Redefinitions.registeredOrStored(Set.of("widget_overflow"), List.of(stores), SPEC)).isTrue();
        assertThat(Redefinitions.registeredOrStored(Set.of("widget_overflow"), List.of(unlinked), SPEC))
            .as("a store to a member no invoker is linked to").isFalse();
    }
}
