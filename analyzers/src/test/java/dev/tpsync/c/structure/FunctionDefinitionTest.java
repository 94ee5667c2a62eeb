package dev.tpsync.c.structure;

import static dev.tpsync.c.FrontendFixtures.lineOf;
import static dev.tpsync.c.structure.StructureTestSupport.function;
import static dev.tpsync.c.structure.StructureTestSupport.names;
import static dev.tpsync.c.structure.StructureTestSupport.parse;
import static dev.tpsync.c.structure.StructureTestSupport.parseFixture;
import static dev.tpsync.c.structure.StructureTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tpsync.c.FrontendFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionDefinitionTest {

    @Test
    void aStrayByteBeforeADefinitionDoesNotHideIt() {
        for (String stray : new String[] {"@", "`", "\u007f", "\u00c2\u00a0"}) {
            FileFacts facts = parse("int x;\n" + stray + "\nvoid widget(void)\n{\n\tsynchronize_rcu();\n}\n");
            assertThat(names(facts)).as("after %s", stray).containsExactly("widget");
            assertThat(function(facts, "widget").events()).as("after %s", stray).hasSize(1);
        }
    }

    @Nested
    class OrdinaryFunctions {

        private final String src = FrontendFixtures.read("functions.c");
        private final FileFacts facts = parseFixture("functions.c");

        @Test
        void findsExactlyTheFunctionDefinitions() {
            assertThat(names(facts)).containsExactly("gadget_plain", "gadget_inline", "gadget_noinstr",
                "gadget_notrace", "gadget_always", "gadget_setup", "gadget_idle", "gadget_noinline", "gadget_lock",
                "gadget_attr_before", "gadget_attr_after", "gadget_lookup", "gadget_table", "gadget_oldstyle",
                "gadget_multiline");
            assertThat(facts.functions()).allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FunctionKind.FUNCTION);
                assertThat(f.macro()).isEmpty();
                assertThat(f.params()).isEmpty();
                assertThat(f.generates()).isEmpty();
                assertThat(f.condition()).isEmpty();
                assertThat(f.file()).isEqualTo("frontend/functions.c");
            });
            assertThat(facts.diagnostics()).isEmpty();
            assertThat(facts.tracepoints()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            "gadget_plain, static",
            "gadget_inline, static inline",
            "gadget_noinstr, noinstr",
            "gadget_notrace, static notrace",
            "gadget_always, static __always_inline",
            "gadget_setup, static __init",
            "gadget_idle, __cpuidle",
            "gadget_noinline, static noinline",
            "gadget_lock, static __acquires",
            "gadget_attr_before, static __attribute__",
            "gadget_attr_after, static __attribute__",
            "gadget_table, static const const",
        })
        void attributesFromTheHeader(String name, String expected) {
            assertThat(function(facts, name).attributes()).containsExactlyInAnyOrder(expected.split(" "));
        }

        @Test
        void staticAndAttributeQueries() {
            FunctionDef noinstr = function(facts, "gadget_noinstr");
            assertThat(noinstr.isStatic()).isFalse();
            assertThat(noinstr.hasAttribute("noinstr")).isTrue();
            assertThat(function(facts, "gadget_always").isStatic()).isTrue();
            assertThat(function(facts, "gadget_lookup").attributes()).isEmpty();
            assertThat(function(facts, "gadget_oldstyle").attributes()).isEmpty();
        }

        @Test
        void lineSpanRunsFromTheNameToTheClosingBrace() {
            FunctionDef plain = function(facts, "gadget_plain");
            assertThat(plain.line()).isEqualTo(lineOf(src, "fn: gadget_plain"));
            assertThat(plain.endLine()).isEqualTo(lineOf(src, "end: gadget_plain"));
            FunctionDef multi = function(facts, "gadget_multiline");
            assertThat(multi.line()).isEqualTo(lineOf(src, "fn: gadget_multiline"));
            assertThat(multi.endLine()).isEqualTo(lineOf(src, "end: gadget_multiline"));
            assertThat(multi.spans(multi.line() + 3)).isTrue();
            assertThat(multi.spans(multi.endLine() + 1)).isFalse();
            // The name line, not the line of the return type, for a split header.
            assertThat(function(facts, "gadget_table").line()).isEqualTo(lineOf(src, "fn: gadget_table"));
            assertThat(function(facts, "gadget_oldstyle").line()).isEqualTo(lineOf(src, "fn: gadget_oldstyle"));
        }

        @Test
        void everyFunctionLineIsMarkedInTheFixture() {
            for (FunctionDef f : facts.functions()) {
                String marker = f.name().equals("gadget_lock") ? "fn-trailer: gadget_lock" : "fn: " + f.name();
                int markLine = lineOf(src, marker);
                if (f.name().equals("gadget_lock")) {
                    assertThat(f.line()).isEqualTo(markLine - 1);
                } else {
                    assertThat(f.line()).as(f.name()).isEqualTo(markLine);
                }
            }
        }
    }

    @Nested
    class NotFunctions {

        @Test
        void aggregatesInitializersCompoundLiteralsAndPrototypes() {
            FileFacts facts = parse("""
                struct s { int a; };
                enum e { A, B };
                union u { int a; long b; };
                struct s named_init = { .a = 1 };
                static int table[] = { 1, 2 };
                static struct s *p = &(struct s){ .a = 2 };
                static const struct s arr[] = { [0] = { .a = 1 }, };
                int proto(int a);
                static void proto2(void) __attribute__((unused));
                typedef struct { int x; } anon_t;
                struct s __randomize_layout_s { int y; };
                """);
            assertThat(facts.functions()).isEmpty();
            assertThat(facts.diagnostics()).isEmpty();
        }

        @Test
        void controlStatementAtFileScopeAfterUnbalancedPreprocessingIsNotAFunction() {
            // Brace depth drops to 0 inside a body when an #if leaves it unbalanced; the
            // '{' of an if/for/while/switch that then looks top-level must not be a function.
            FileFacts facts = parse("""
                if (a) {
                	x();
                }
                for (i = 0; i < n; i++) {
                }
                while (busy()) {
                }
                switch (k) {
                }
                do {
                } while (0);
                """);
            assertThat(facts.functions()).isEmpty();
        }

        @Test
        void functionPointerReturningFunctionIsMissed() {
            // Known limit: a declarator that is itself parenthesised is not recognised.
            FileFacts facts = parse("void (*pick(int k))(int)\n{\n\treturn 0;\n}\n");
            assertThat(facts.functions()).isEmpty();
        }
    }

    @Nested
    class MacroDefinedHeaders {

        private final String src = FrontendFixtures.read("macro_headers.c");
        private final FileFacts facts = parseFixture("macro_headers.c");

        @ParameterizedTest
        @CsvSource({
            "exc_widget, DEFINE_IDTENTRY_RAW",
            "sys_widgetctl, SYSCALL_DEFINE3",
            "sys_widget_yield, SYSCALL_DEFINE0",
            "compat_sys_widgetctl, COMPAT_SYSCALL_DEFINE2",
            "bpf_widget_peek, BPF_CALL_2",
            "widget_irq, DEFINE_IDTENTRY_IRQ",
        })
        void macroHeaderGivesTheFunctionNameAndRecordsTheMacro(String name, String macro) {
            FunctionDef f = function(facts, name);
            assertThat(f.kind()).isEqualTo(FunctionKind.MACRO_DEFINED);
            assertThat(f.macro()).isEqualTo(macro);
            assertThat(f.line()).isEqualTo(lineOf(src, "fn: " + name));
        }

        @Test
        void onlyTheMacroHeadersAndTheUppercaseFunction() {
            assertThat(names(facts)).containsExactly("exc_widget", "sys_widgetctl", "sys_widget_yield",
                "compat_sys_widgetctl", "bpf_widget_peek", "widget_irq", "WIDGET_RESET");
            FunctionDef reset = function(facts, "WIDGET_RESET");
            assertThat(reset.kind()).isEqualTo(FunctionKind.FUNCTION);
            assertThat(reset.macro()).isEmpty();
            assertThat(function(facts, "widget_irq").attributes()).containsExactly("__visible");
        }

        @Test
        void macroHeaderBodyIsScanned() {
            assertThat(function(facts, "exc_widget").calls()).extracting(CallSite::callee)
                .containsExactly("widget_handle");
        }

        @Test
        void macroHeaderWhoseFirstArgumentIsNotANameIsNotAFunction() {
            assertThat(parse("DEFINE_THING(struct foo, bar)\n{\n}\n").functions()).isEmpty();
            assertThat(parse("DEFINE_THING(1)\n{\n}\n").functions()).isEmpty();
        }
    }

    @Nested
    class DefineBodies {

        private final String src = FrontendFixtures.read("defines.h");
        private final FileFacts facts = parseFixture("defines.h");

        @Test
        void onlyFunctionLikeDefinesWithABodyBecomePseudoFunctions() {
            assertThat(names(facts)).containsExactly("__DO_WIDGET", "DECLARE_WIDGET_CLASS", "WIDGET_VARIADIC",
                "WIDGET_CHECK", "WIDGET_CHECK");
            assertThat(facts.functions()).allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FunctionKind.MACRO_BODY);
                assertThat(f.macro()).isEmpty();
            });
        }

        @Test
        void paramsLinesAndEvents() {
            FunctionDef doWidget = function(facts, "__DO_WIDGET");
            assertThat(doWidget.params()).containsExactly("name", "args", "cond");
            assertThat(doWidget.line()).isEqualTo(lineOf(src, "#define __DO_WIDGET"));
            assertThat(doWidget.endLine()).isEqualTo(lineOf(src, "end: __DO_WIDGET"));
            assertThat(doWidget.generates()).isEmpty();
            assertThat(doWidget.events()).extracting(SyncEvent::kind, SyncEvent::primitive, SyncEvent::argument)
                .containsExactly(
                    tuple(SyncKind.SRCU_READ_LOCK, "srcu_read_lock_notrace",
                        "&widget_srcu"),
                    tuple(SyncKind.SRCU_READ_UNLOCK, "srcu_read_unlock_notrace",
                        "&widget_srcu"));
            assertThat(doWidget.condition()).isEqualTo("!defined(_WIDGET_DEFINES_H)");
        }

        @Test
        void defineThatDefinesAFunctionRecordsTheGeneratedName() {
            FunctionDef cls = function(facts, "DECLARE_WIDGET_CLASS");
            assertThat(cls.params()).containsExactly("call", "proto", "args");
            assertThat(cls.generates()).isEqualTo("perf_widget_##call");
            assertThat(cls.generatedPrefix()).isEqualTo("perf_widget_");
            assertThat(cls.events()).extracting(SyncEvent::kind)
                .containsExactly(SyncKind.PREEMPT_DISABLE, SyncKind.PREEMPT_ENABLE);
        }

        @Test
        void variadicParameter() {
            FunctionDef v = function(facts, "WIDGET_VARIADIC");
            assertThat(v.params()).containsExactly("fmt", "__VA_ARGS__");
            assertThat(v.calls()).extracting(CallSite::callee).containsExactly("widget_printf");
        }

        @Test
        void bothBranchesOfAnIfdefAreKeptWithTheirConditions() {
            assertThat(facts.functions()).filteredOn(f -> f.name().equals("WIDGET_CHECK"))
                .extracting(FunctionDef::condition)
                .containsExactly("!defined(_WIDGET_DEFINES_H) && defined(CONFIG_WIDGET_DEBUG)",
                    "!defined(_WIDGET_DEFINES_H) && else");
        }

        @Test
        void declareEventClassStyleDefine() {
            FunctionDef f = single("""
                #define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\\
                static notrace void							\\
                perf_trace_##call(void *__data, proto)					\\
                {									\\
                	struct trace_event_call *event_call = __data;			\\
                	perf_trace_run(event_call, args);				\\
                }
                """);
            assertThat(f.name()).isEqualTo("DECLARE_EVENT_CLASS");
            assertThat(f.generates()).isEqualTo("perf_trace_##call");
            assertThat(f.params()).containsExactly("call", "proto", "args", "tstruct", "assign", "print");
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.endLine()).isEqualTo(7);
        }
    }
}
