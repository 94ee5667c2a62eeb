package dev.tpsync.rules.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

    private static final String FILE = "kernel/events/core.c";
    private static final List<String> RULES = List.of("lost-rcuidle", "nmi-perf-rcu", "srcu-read-barrier");

    static Finding finding(String rule, String file, int line) {
        return new Finding(rule, Severity.WARNING, Confidence.HIGH, file, line, 2, "fn", "m", List.of(), "",
            rule + "@" + line);
    }

    private static Triage run(String text, Finding... findings) {
        Map<String, List<String>> files = Map.of(FILE, text.lines().toList());
        return Suppressions.apply(List.of(findings), f -> Optional.ofNullable(files.get(f)), RULES);
    }

    @Test
    void parsesBothCommentStylesAndSeveralIds() {
        assertThat(Suppressions.parse("\trcu_read_lock(); /* tpsync: ignore nmi-perf-rcu -- RCU watches here */"))
            .contains(new Suppressions.Directive(java.util.Set.of("nmi-perf-rcu"), Optional.of("RCU watches here")));
        Suppressions.Directive d = Suppressions.parse("// tpsync: ignore a-rule, b-rule -- both fine").orElseThrow();
        assertThat(d.rules()).containsExactly("a-rule", "b-rule");
        assertThat(d.reason()).contains("both fine");
        assertThat(Suppressions.parse("/* tpsync: ignore a-rule */").orElseThrow().reason()).isEmpty();
        assertThat(Suppressions.parse("/* tpsync: ignore a-rule -- */").orElseThrow().reason()).isEmpty();
        assertThat(Suppressions.parse("x = 1; /* tpsync is great */")).isEmpty();
    }

    @Test
    void commentOnTheLineOrAloneOnTheLineAboveSuppresses() {
        String text = """
            void f(void)
            {
            	rcu_read_lock(); /* tpsync: ignore nmi-perf-rcu -- only reached with RCU watching */
            	/* tpsync: ignore srcu-read-barrier -- rcuidle path only */
            	idx = srcu_read_lock(&s);
            	other(); // tpsync: ignore lost-rcuidle -- trailing on a code line
            	trace_foo();
            }
            """;
        Triage t = run(text, finding("nmi-perf-rcu", FILE, 3), finding("srcu-read-barrier", FILE, 5),
            finding("lost-rcuidle", FILE, 7));
        assertThat(t.suppressed()).extracting(Finding::ruleId).containsExactly("nmi-perf-rcu", "srcu-read-barrier");
        // A trailing comment on the line above belongs to that line, not to the next one.
        assertThat(t.kept()).extracting(Finding::ruleId).containsExactly("lost-rcuidle");
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void aBlockCommentInKernelStyleRightAboveSuppresses() {
        String text = """
            void f(void)
            {
            	/*
            	 * tpsync: ignore nmi-perf-rcu -- detach is rare and RCU watches there,
            	 * see commit abc
            	 */
            	rcu_read_lock();
            	x = 1; /* a trailing comment
            	        * tpsync: ignore srcu-read-barrier -- opened after code: not alone */
            	idx = srcu_read_lock(&s);
            	/*
            	 * tpsync: ignore lost-rcuidle -- a block with code between it and the finding
            	 */
            	other();
            	trace_foo();
            }
            """;
        Triage t = run(text, finding("nmi-perf-rcu", FILE, 7), finding("srcu-read-barrier", FILE, 10),
            finding("lost-rcuidle", FILE, 15));
        assertThat(t.suppressed()).extracting(Finding::ruleId).containsExactly("nmi-perf-rcu");
        assertThat(t.kept()).extracting(Finding::ruleId).containsExactly("srcu-read-barrier", "lost-rcuidle");
        assertThat(t.notes()).containsExactly(
            FILE + ":9: 'tpsync: ignore srcu-read-barrier' is not honoured for the finding at line 10: put it on that"
                + " line or in a comment alone right above it",
            FILE + ":12: 'tpsync: ignore lost-rcuidle' is not honoured for the finding at line 15: put it on that"
                + " line or in a comment alone right above it");
    }

    @Test
    void aDirectiveInAStringOrInTheCommentOfOtherCodeHidesNothing() {
        String text = """
            void f(void)
            {
            	trace_a(); pr_info("/* tpsync: ignore lost-rcuidle -- quoted */");
            	trace_b(); x = "http://a//tpsync: ignore lost-rcuidle -- quoted";
            	/* tpsync: ignore lost-rcuidle -- for the irq line */ local_irq_disable();
            	trace_c();
            	trace_d(); /* tpsync: ignore lost-rcuidle -- it's "fine": a quote in the reason */
            }
            """;
        Triage t = run(text, finding("lost-rcuidle", FILE, 3), finding("lost-rcuidle", FILE, 4),
            finding("lost-rcuidle", FILE, 6), finding("lost-rcuidle", FILE, 7));
        assertThat(t.kept()).extracting(Finding::line).containsExactly(3, 4, 6);
        assertThat(t.suppressed()).extracting(Finding::line).containsExactly(7);
    }

    @Test
    void aRunOfLineCommentsAndAMacrosBlockCommentAboveSuppress() {
        String text = """
            void f(void)
            {
            	// Only timestamps are read here:
            	// tpsync: ignore lost-rcuidle -- the probe reads no RCU data
            	// (see the commit that added it).
            	trace_a();
            }
            #define TRACE_B()						\\
            	/*							\\
            	 * tpsync: ignore lost-rcuidle -- the macro's one user checks	\\
            	 */							\\
            	trace_b()
            """;
        Triage t = run(text, finding("lost-rcuidle", FILE, 6), finding("lost-rcuidle", FILE, 12));
        assertThat(t.suppressed()).extracting(Finding::line).containsExactly(6, 12);
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void aBlockCommentWithoutAReasonSaysSoAtTheDirectivesLine() {
        Triage t = run("a();\n/*\n * tpsync: ignore nmi-perf-rcu\n */\nrcu_read_lock();\n",
            finding("nmi-perf-rcu", FILE, 5));
        assertThat(t.kept()).hasSize(1);
        assertThat(t.notes()).containsExactly(FILE + ":3: 'tpsync: ignore nmi-perf-rcu' has no reason and is not "
            + "honoured; write 'tpsync: ignore nmi-perf-rcu -- why it is safe'");
    }

    @Test
    void aDirectiveABlankLineOrAStatementAwayIsNotHonouredAndANoteSaysWhere() {
        String text = """
            void f(void)
            {
            	/* tpsync: ignore lost-rcuidle -- the probe reads no RCU data */

            	trace_a();
            	// tpsync: ignore nmi-perf-rcu -- reached with RCU watching
            	local_irq_disable();
            	rcu_read_lock();
            	/* tpsync: ignore lost-rcuidle -- timestamps only */
            	trace_b();
            	trace_c();
            }
            """;
        Triage t = run(text, finding("lost-rcuidle", FILE, 5), finding("nmi-perf-rcu", FILE, 8),
            finding("lost-rcuidle", FILE, 10), finding("lost-rcuidle", FILE, 11));
        assertThat(t.kept()).extracting(Finding::line).containsExactly(5, 8, 11);
        assertThat(t.suppressed()).extracting(Finding::line).containsExactly(10);
        // Line 9's directive hid line 10's finding: it was not meant for line 11's.
        assertThat(t.notes()).containsExactly(
            FILE + ":3: 'tpsync: ignore lost-rcuidle' is not honoured for the finding at line 5: put it on that line"
                + " or in a comment alone right above it",
            FILE + ":6: 'tpsync: ignore nmi-perf-rcu' is not honoured for the finding at line 8: put it on that line"
                + " or in a comment alone right above it");
    }

    @Test
    void aCommentForAnotherRuleDoesNotSuppress() {
        Triage t = run("a();\nrcu_read_lock(); /* tpsync: ignore srcu-read-barrier -- other rule */\n",
            finding("nmi-perf-rcu", FILE, 2));
        assertThat(t.kept()).hasSize(1);
        assertThat(t.suppressed()).isEmpty();
    }

    @Test
    void aMisspeltRuleHidesNothingAndSaysSo() {
        Triage t = run("a();\n/* tpsync: ignore nmi-perf-rc, srcu-read-barrier -- reached with RCU watching */\n"
            + "rcu_read_lock();\n", finding("nmi-perf-rcu", FILE, 3));
        assertThat(t.kept()).hasSize(1);
        assertThat(t.suppressed()).isEmpty();
        assertThat(t.notes()).containsExactly(FILE + ":2: 'tpsync: ignore nmi-perf-rc' names no rule; known rules: "
            + "lost-rcuidle, nmi-perf-rcu, srcu-read-barrier");
    }

    @Test
    void aDirectiveNamingNoRuleAtAllSaysSo() {
        Triage t = run("a();\nrcu_read_lock(); /* tpsync: ignore -- reached with RCU watching */\n",
            finding("nmi-perf-rcu", FILE, 2));
        assertThat(t.kept()).hasSize(1);
        assertThat(t.notes()).containsExactly(FILE + ":2: 'tpsync: ignore' names no rule and hides nothing; write "
            + "'tpsync: ignore <rule> -- why it is safe' (known rules: lost-rcuidle, nmi-perf-rcu, srcu-read-barrier)");
    }

    @Test
    void aDirectiveAboveAStatementWrappedOverLinesSpeaksForAllOfIt() {
        String text = """
            void f(void)
            {
            	/* tpsync: ignore nmi-perf-rcu -- the helper defers to irq_work */
            	foo(1,
            	    synchronize_rcu());
            	x = a &&
            	    trace_b();	// tpsync: ignore lost-rcuidle -- on the continuation line itself
            	y = compute(1,	/* tpsync: ignore lost-rcuidle -- on the first line, trailing */
            		    trace_c());
            	z = 1;
            	trace_d();
            }
            """;
        Triage t = run(text, finding("nmi-perf-rcu", FILE, 5), finding("lost-rcuidle", FILE, 7),
            finding("lost-rcuidle", FILE, 9), finding("lost-rcuidle", FILE, 11));
        assertThat(t.suppressed()).extracting(Finding::line).containsExactly(5, 7, 9);
        assertThat(t.kept()).extracting(Finding::line).containsExactly(11);
    }

    @Test
    void aSuppressionWithoutAReasonIsNotHonouredAndSaysSo() {
        Triage t = run("a();\nrcu_read_lock(); /* tpsync: ignore nmi-perf-rcu */\n", finding("nmi-perf-rcu", FILE, 2));
        assertThat(t.kept()).hasSize(1);
        assertThat(t.notes()).containsExactly(FILE + ":2: 'tpsync: ignore nmi-perf-rcu' has no reason and is not "
            + "honoured; write 'tpsync: ignore nmi-perf-rcu -- why it is safe'");
    }

    @Test
    void onlyFilesWithFindingsAreRead() {
        List<String> asked = new java.util.ArrayList<>();
        Suppressions.apply(List.of(finding("a-rule", "x.c", 1), finding("b-rule", "x.c", 2)), f -> {
            asked.add(f);
            return Optional.empty();
        }, List.of("a-rule", "b-rule"));
        assertThat(asked).containsExactly("x.c");
    }

    @Test
    void pathGlobs() {
        assertThat(PathGlob.of("drivers/**").matches("drivers/a/b.c")).isTrue();
        assertThat(PathGlob.of("drivers/").matches("drivers/a/b.c")).isTrue();
        assertThat(PathGlob.of("*.c").matches("a/b.c")).isFalse();
        assertThat(PathGlob.of("**/*.h").matches("include/linux/x.h")).isTrue();
        assertThat(PathGlob.of("**/*.h").matches("x.h")).isTrue();
        assertThat(PathGlob.of("kernel/trace/*.c").matches("kernel/trace/a.c")).isTrue();
        assertThat(PathGlob.of("kernel/trace/*.c").matches("kernel/trace/sub/a.c")).isFalse();
        assertThat(PathGlob.of("kernel/?.c").matches("kernel/a.c")).isTrue();
    }

    @Test
    void aGlobThatNamesADirectoryMatchesEverythingBelowItAsInGitignore() {
        assertThat(PathGlob.of("kernel/events").matches("kernel/events/core.c")).isTrue();
        assertThat(PathGlob.of("kernel/events").matches("kernel/events/sub/x.h")).isTrue();
        assertThat(PathGlob.of("./kernel/events//").matches("kernel/events/core.c")).isTrue();
        assertThat(PathGlob.of("kernel/*").matches("kernel/events/core.c")).isTrue();
        assertThat(PathGlob.of("kernel/events").matches("kernel/events_ring.c")).isFalse();
        assertThat(PathGlob.of("kernel/events.c").matches("kernel/events.c.orig")).isFalse();
        assertThat(PathGlob.of("kernel/events").matches("kernel/eventsx/core.c")).isFalse();
    }
}
