package dev.tpsync.c.structure;

import static dev.tpsync.c.FrontendFixtures.lineOf;
import static dev.tpsync.c.structure.StructureTestSupport.function;
import static dev.tpsync.c.structure.StructureTestSupport.names;
import static dev.tpsync.c.structure.StructureTestSupport.parse;
import static dev.tpsync.c.structure.StructureTestSupport.parseFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.FrontendFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionalCompilationTest {

    private static final String A_NOT_B = "defined(CONFIG_WIDGET_A) && !defined(CONFIG_WIDGET_B)";

    private final String src = FrontendFixtures.read("ifdef.c");
    private final FileFacts facts = parseFixture("ifdef.c");

    private SyncEvent event(FunctionDef fn, String tracepoint) {
        return fn.events().stream().filter(e -> e.argument().equals(tracepoint)).findFirst().orElseThrow();
    }

    @Test
    void bothBranchesAreKeptAndDepthSurvivesABranchSpecificOpeningLine() {
        assertThat(names(facts)).containsExactly("widget_a_only", "widget_a_only", "widget_split", "widget_next",
            "widget_elif");
        assertThat(facts.diagnostics()).isEmpty();
        FunctionDef split = function(facts, "widget_split");
        assertThat(split.endLine()).isEqualTo(lineOf(src, "end: widget_split"));
        assertThat(function(facts, "widget_next").line()).isEqualTo(lineOf(src, "fn: widget_next"));
    }

    @Test
    void conditionsAreJoinedAndReportedOnFunctions() {
        List<FunctionDef> both = facts.functions().stream().filter(f -> f.name().equals("widget_a_only")).toList();
        assertThat(both.get(0).condition()).isEqualTo(A_NOT_B);
        assertThat(both.get(0).line()).isEqualTo(lineOf(src, "fn: widget_a_only"));
        assertThat(both.get(1).condition()).isEqualTo("else");
        assertThat(both.get(1).line()).isEqualTo(lineOf(src, "fn: widget_a_stub"));
        assertThat(function(facts, "widget_split").condition()).isEmpty();
        assertThat(function(facts, "widget_elif").condition()).isEqualTo("!defined(CONFIG_WIDGET_NONE)");
    }

    @Test
    void conditionsAreReportedOnEventsAndNest() {
        FunctionDef a = facts.functions().get(0);
        assertThat(a.events()).extracting(SyncEvent::kind, SyncEvent::condition).containsExactly(
            tuple(SyncKind.TRACEPOINT_CALL, A_NOT_B),
            tuple(SyncKind.RCU_READ_LOCK, A_NOT_B + " && defined(CONFIG_WIDGET_NESTED)"));
        assertThat(a.events().get(1).line()).isEqualTo(lineOf(src, "ev: nested"));
    }

    @Test
    void elifAndElseBranchesCarryTheirOwnConditions() {
        FunctionDef elif = function(facts, "widget_elif");
        assertThat(elif.calls()).extracting(CallSite::callee, CallSite::conditional).containsExactly(
            tuple("widget_high", true),
            tuple("widget_mid", true),
            tuple("widget_low", true));
    }

    @Test
    void eventsOfTheBranchSpecificIfAreGuardedAndTheEventAfterItIsNot() {
        FunctionDef split = function(facts, "widget_split");
        SyncEvent inner = event(split, "widget_inner");
        assertThat(inner.guard()).isIn("a", "b");
        assertThat(inner.condition()).isEmpty();
        SyncEvent after = event(split, "widget_after");
        assertThat(after.line()).isEqualTo(lineOf(src, "ev: after"));
        assertThat(after.guard()).isEmpty();
    }

    @Test
    void codeNoConfigurationCompilesIsNotRead() {
        FileFacts dead = parse("""
            #if 0
            void disabled(void)
            {
            	synchronize_rcu();
            }
            #endif
            void widget(void)
            {
            #if 0 /* kept for reference */
            	synchronize_rcu();
            #ifdef CONFIG_X
            	rcu_read_lock();
            #else
            	mutex_lock(&m);
            #endif
            #elif defined(CONFIG_Y)
            	widget_y();
            #else
            	widget_else();
            #endif
            #if 1
            	widget_one();
            #else
            	widget_never();
            #endif
            }
            #if 0
            static void split(int a) {
            #else
            static void split(void) {
            #endif
            	split_body();
            }
            """);
        assertThat(names(dead)).containsExactly("widget", "split");
        assertThat(dead.diagnostics()).isEmpty();
        assertThat(function(dead, "widget").calls()).extracting(CallSite::callee)
            .containsExactly("widget_y", "widget_else", "widget_one");
        assertThat(function(dead, "widget").events()).isEmpty();
        assertThat(function(dead, "split").calls()).extracting(CallSite::callee).containsExactly("split_body");
    }

    @Test
    void conditionsOfLiteralsAloneAreDeadOrTakenWhateverTheirSpelling() {
        FileFacts dead = parse("""
            void widget(void)
            {
            #if (0)
            	w_paren();
            #endif
            #if 0 && defined(CONFIG_X)
            	w_and();
            #endif
            #if !1 || 0x0 || 0UL
            	w_not();
            #endif
            #if 1 || defined(CONFIG_X)
            	w_taken();
            #else
            	w_or_else();
            #endif
            #if 0 > 1
            	w_compare();
            #endif
            #if defined(CONFIG_X) && (1)
            	w_config();
            #endif
            #if 2
            	w_two();
            #endif
            }
            """);
        assertThat(dead.diagnostics()).isEmpty();
        assertThat(function(dead, "widget").calls()).extracting(CallSite::callee)
            .as("comparisons and configuration are left to the build: both branches live")
            .containsExactly("w_taken", "w_compare", "w_config", "w_two");
    }

    @Test
    void aLoneQuoteInADeadBranchIsNoProblemAsGccOnlyWarnsOfIt() {
        FileFacts note = parse("""
            void widget(void)
            {
            #if 0
            	this doesn't work on x86 yet
            #endif
            	widget_run();
            }
            """);
        assertThat(note.diagnostics()).isEmpty();
        assertThat(function(note, "widget").calls()).extracting(CallSite::callee).containsExactly("widget_run");
        assertThat(parse("void f(void)\n{\n\tchar c = 'x;\n}\n").diagnostics()).extracting(Diagnostic::message)
            .as("in live code it is still one").containsExactly("unterminated character literal");
    }

    @Test
    void anElseOrElifWithoutItsIfOrAfterAnElseIsDiagnosedAtItsLine() {
        FileFacts stray = parse("""
            #else
            #elif defined(CONFIG_X)
            #ifdef CONFIG_X
            #else
            #elif 1
            #else
            #endif
            void f(void)
            {
            }
            """);
        assertThat(stray.diagnostics()).extracting(d -> d.line() + ": " + d.message()).containsExactly(
            "1: #else without #if", "2: #elif without #if", "5: #elif after #else", "6: #else after #else");
        assertThat(names(stray)).containsExactly("f");
    }

    @Test
    void unbalancedPreprocessorAndBracesAreDiagnosedNotFatal() {
        FileFacts odd = parse("""
            #endif
            void f(void)
            {
            	g();
            }
            }
            #ifdef X
            void h(void)
            {
            """);
        assertThat(odd.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
            "#endif without #if", "unbalanced '}'", "end of file inside a brace block (depth 1)", "#ifdef without #endif");
        assertThat(names(odd)).contains("f");
    }

    @Test
    void anIfLeftOpenIsNamedAtItsOwnLineBeforeTheBracesItLeavesOpen() {
        FileFacts open = parse("""
            void f(void)
            {
            #if 0
            	g();
            }

            #ifndef CONFIG_WIDGET
            void h(void)
            {
            }
            """);
        assertThat(open.diagnostics()).extracting(d -> d.line() + ": " + d.message()).containsExactly(
            "3: #if without #endif", "7: #ifndef without #endif", "10: end of file inside a brace block (depth 1)");
    }
}
