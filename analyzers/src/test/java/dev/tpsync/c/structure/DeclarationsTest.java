package dev.tpsync.c.structure;

import static dev.tpsync.c.FrontendFixtures.lineOf;
import static dev.tpsync.c.structure.StructureTestSupport.parse;
import static dev.tpsync.c.structure.StructureTestSupport.parseFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tpsync.c.FrontendFixtures;
import org.junit.jupiter.api.Test;

/** File-level facts other than functions: tracepoint declarations and callback stores. */
class DeclarationsTest {

    @Test
    void tracepointDeclarations() {
        String src = FrontendFixtures.read("trace_events.h");
        FileFacts facts = parseFixture("trace_events.h");
        assertThat(facts.tracepoints())
            .extracting(TracepointDecl::name, TracepointDecl::eventClass, TracepointDecl::macro)
            .containsExactly(
                tuple("widget_raw", "", "DECLARE_TRACE"),
                tuple("widget_fire", "widget_fire", "TRACE_EVENT"),
                tuple("widget_start", "widget_class", "DEFINE_EVENT"),
                tuple("widget_stop", "widget_class", "DEFINE_EVENT_PRINT"),
                tuple("widget_maybe", "widget_maybe", "TRACE_EVENT_CONDITION"),
                tuple("widget_reg", "widget_reg", "TRACE_EVENT_FN"));
        for (TracepointDecl tp : facts.tracepoints()) {
            assertThat(tp.line()).as(tp.name()).isEqualTo(lineOf(src, "tp: " + tp.name()));
            assertThat(tp.file()).isEqualTo("frontend/trace_events.h");
        }
        assertThat(facts.tracepoints().get(0).hasEventClass()).isFalse();
        assertThat(facts.tracepoints().get(2).hasEventClass()).isTrue();
        assertThat(facts.functions()).isEmpty();
        assertThat(facts.diagnostics()).isEmpty();
    }

    @Test
    void tracepointMacroMentionedInsideAFunctionOrWithoutArgumentsIsNotADeclaration() {
        FileFacts facts = parse("""
            void f(void)
            {
            	TRACE_EVENT(not_here, x);
            }
            TRACE_EVENT;
            DEFINE_EVENT(only_class);
            DECLARE_TRACE("quoted");
            """);
        assertThat(facts.tracepoints()).isEmpty();
    }

    @Test
    void fieldStoresInInitializersAndBodies() {
        String src = FrontendFixtures.read("field_stores.c");
        FileFacts facts = parseFixture("field_stores.c");
        assertThat(facts.fieldStores()).extracting(FieldStore::field, FieldStore::value, FieldStore::function)
            .containsExactly(
                tuple("handler", "widget_handle", ""),
                tuple("inner", "widget_inner_fn", ""),
                tuple("last", "widget_last_fn", ""),
                tuple("overflow_handler", "widget_overflow", "widget_attach"),
                tuple("fire", "widget_fire_fn", "widget_attach"));
        for (FieldStore store : facts.fieldStores()) {
            assertThat(store.line()).as(store.field()).isEqualTo(lineOf(src, "store: " + store.field()));
        }
    }

    @Test
    void fileFactsCarryPathAndLineCount() {
        FileFacts facts = parse("int a;\n\nvoid f(void)\n{\n}\n");
        assertThat(facts.path()).isEqualTo("t.c");
        assertThat(facts.lines()).isEqualTo(5);
        assertThat(parse("").lines()).isZero();
        assertThat(FileFacts.empty("x.c").functions()).isEmpty();
    }
}
