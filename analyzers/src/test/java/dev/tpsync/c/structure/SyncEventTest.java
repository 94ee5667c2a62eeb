package dev.tpsync.c.structure;

import static dev.tpsync.c.FrontendFixtures.lineOf;
import static dev.tpsync.c.structure.StructureTestSupport.function;
import static dev.tpsync.c.structure.StructureTestSupport.kinds;
import static dev.tpsync.c.structure.StructureTestSupport.parseFixture;
import static dev.tpsync.c.structure.StructureTestSupport.single;
import static dev.tpsync.c.structure.SyncKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tpsync.c.FrontendFixtures;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncEventTest {

    private static final String SRC = FrontendFixtures.read("sync_events.c");
    private static final FileFacts FACTS = parseFixture("sync_events.c");

    private static SyncEvent only(String body) {
        FunctionDef f = single("void f(void)\n{\n\t" + body + "\n}\n");
        assertThat(f.events()).as(body).hasSize(1);
        return f.events().get(0);
    }

    @Nested
    class Primitives {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "rcu_read_lock(), RCU_READ_LOCK",
            "rcu_read_lock_sched(), RCU_READ_LOCK",
            "rcu_read_lock_sched_notrace(), RCU_READ_LOCK",
            "rcu_read_lock_bh(), RCU_READ_LOCK",
            "rcu_read_lock_trace(), RCU_READ_LOCK",
            "rcu_read_unlock(), RCU_READ_UNLOCK",
            "rcu_read_unlock_sched(), RCU_READ_UNLOCK",
            "rcu_read_unlock_bh(), RCU_READ_UNLOCK",
            "rcu_read_unlock_trace(), RCU_READ_UNLOCK",
            "rcu_dereference(p), RCU_DEREFERENCE",
            "rcu_dereference_sched(p), RCU_DEREFERENCE",
            "rcu_dereference_raw_check(p), RCU_DEREFERENCE",
            "'list_for_each_entry_rcu(p, h, m) x()', RCU_DEREFERENCE",
            "'hlist_for_each_entry_rcu(p, h, m) x()', RCU_DEREFERENCE",
            "srcu_read_lock(&s), SRCU_READ_LOCK",
            "srcu_read_lock_notrace(&s), SRCU_READ_LOCK",
            "srcu_read_lock_nmisafe(&s), SRCU_READ_LOCK",
            "srcu_read_lock_fast(&s), SRCU_READ_LOCK",
            "srcu_read_lock_lite(&s), SRCU_READ_LOCK",
            "'srcu_read_unlock(&s, i)', SRCU_READ_UNLOCK",
            "'srcu_read_unlock_notrace(&s, i)', SRCU_READ_UNLOCK",
            "'srcu_read_unlock_nmisafe(&s, i)', SRCU_READ_UNLOCK",
            "'srcu_read_unlock_fast(&s, c)', SRCU_READ_UNLOCK",
            "'srcu_read_unlock_lite(&s, i)', SRCU_READ_UNLOCK",
            "preempt_disable(), PREEMPT_DISABLE",
            "preempt_disable_notrace(), PREEMPT_DISABLE",
            "preempt_enable(), PREEMPT_ENABLE",
            "preempt_enable_notrace(), PREEMPT_ENABLE",
            "preempt_enable_no_resched(), PREEMPT_ENABLE",
            "local_irq_save(flags), IRQ_DISABLE",
            "local_irq_disable(), IRQ_DISABLE",
            "raw_local_irq_save(flags), IRQ_DISABLE",
            "local_irq_restore(flags), IRQ_ENABLE",
            "local_irq_enable(), IRQ_ENABLE",
            "ct_idle_enter(), IDLE_ENTER",
            "rcu_idle_enter(), IDLE_ENTER",
            "ct_cpuidle_enter(), IDLE_ENTER",
            "ct_idle_exit(), IDLE_EXIT",
            "rcu_idle_exit(), IDLE_EXIT",
            "ct_irq_enter(), RCU_WATCH_ENTER",
            "ct_irq_enter_irqson(), RCU_WATCH_ENTER",
            "rcu_irq_enter_irqson(), RCU_WATCH_ENTER",
            "irqentry_enter(regs), RCU_WATCH_ENTER",
            "ct_irq_exit_irqson(), RCU_WATCH_EXIT",
            "'irqentry_exit(regs, s)', RCU_WATCH_EXIT",
            "nmi_enter(), NMI_ENTER",
            "irqentry_nmi_enter(regs), NMI_ENTER",
            "ct_nmi_enter(), NMI_ENTER",
            "rcu_nmi_enter(), NMI_ENTER",
            "nmi_exit(), NMI_EXIT",
            "'irqentry_nmi_exit(regs, s)', NMI_EXIT",
            "trace_sched_widget(p), TRACEPOINT_CALL",
            "trace_sched_widget_rcuidle(p), TRACEPOINT_CALL",
            "synchronize_rcu(), SYNCHRONIZE_RCU",
            "synchronize_rcu_expedited(), SYNCHRONIZE_RCU",
            "synchronize_rcu_tasks_trace(), SYNCHRONIZE_RCU",
            "synchronize_srcu(&s), SYNCHRONIZE_SRCU",
            "'call_rcu(&w->rcu, free_fn)', CALL_RCU",
            "'call_srcu(&s, &w->rcu, free_fn)', CALL_RCU",
            "'kfree_rcu(w, rcu)', CALL_RCU",
            "tracepoint_synchronize_unregister(), TRACEPOINT_SYNC_UNREGISTER",
            "'register_trace_sched_widget(fn, NULL)', PROBE_REGISTER",
            "'unregister_trace_sched_widget(fn, NULL)', PROBE_UNREGISTER",
            "'tracepoint_probe_register(tp, fn, NULL)', PROBE_REGISTER",
            "'tracepoint_probe_register_prio(tp, fn, NULL, 10)', PROBE_REGISTER",
            "'tracepoint_probe_unregister(tp, fn, NULL)', PROBE_UNREGISTER",
        })
        void primitiveIsClassified(String call, SyncKind kind) {
            SyncEvent e = only(call + ";");
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.primitive()).isEqualTo(call.substring(0, call.indexOf('(')));
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.guard()).isEmpty();
            assertThat(e.condition()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"trace_seq_printf(s, \"x\")", "trace_sched_widget_enabled()", "trace_printk(\"x\")",
            "trace_event_buffer_commit(b)", "trace_(x)", "rcu_assign_pointer(p, v)", "register_trace_(f)",
            "tracer_widget(x)", "xtrace_widget(x)", "rcu_read_lock", "srcu_notifier(x)"})
        void notAnEvent(String call) {
            FunctionDef f = single("void f(void)\n{\n\t" + call + ";\n}\n");
            assertThat(f.events()).as(call).isEmpty();
        }

        @Test
        void argumentIsTheFirstArgumentOrTheTracepointName() {
            assertThat(only("srcu_read_lock_notrace(&tp->srcu);").argument()).isEqualTo("&tp->srcu");
            assertThat(only("srcu_read_unlock(&ss, idx);").argument()).isEqualTo("&ss");
            assertThat(only("rcu_read_lock();").argument()).isEmpty();
            SyncEvent tp = only("trace_sched_widget(p, 3);");
            assertThat(tp.argument()).isEqualTo("sched_widget");
            assertThat(tp.tracepointName()).isEqualTo("sched_widget");
            assertThat(tp.isRcuidleTracepoint()).isFalse();
            SyncEvent idle = only("trace_sched_widget_rcuidle(p);");
            assertThat(idle.primitive()).isEqualTo("trace_sched_widget_rcuidle");
            assertThat(idle.tracepointName()).isEqualTo("sched_widget");
            assertThat(idle.isRcuidleTracepoint()).isTrue();
        }

        @Test
        void indirectCallWithAPrimitiveNameIsNotAnEvent() {
            FunctionDef f = single("void f(struct o *o)\n{\n\to->rcu_read_lock();\n\to.synchronize_rcu();\n}\n");
            assertThat(f.events()).isEmpty();
            assertThat(f.calls()).allMatch(CallSite::indirect);
        }
    }

    @Nested
    class Fixture {

        @Test
        void readerEventsInOrder() {
            FunctionDef reader = function(FACTS, "widget_reader");
            assertThat(reader.events()).extracting(SyncEvent::kind, SyncEvent::primitive, SyncEvent::argument)
                .containsExactly(
                    tuple(RCU_READ_LOCK, "rcu_read_lock", ""),
                    tuple(RCU_DEREFERENCE, "rcu_dereference", "w->probe"),
                    tuple(RCU_DEREFERENCE, "list_for_each_entry_rcu", "p"),
                    tuple(RCU_READ_UNLOCK, "rcu_read_unlock", ""),
                    tuple(SRCU_READ_LOCK, "srcu_read_lock", "&widget_srcu"),
                    tuple(SRCU_READ_UNLOCK, "srcu_read_unlock", "&widget_srcu"),
                    tuple(TRACEPOINT_CALL, "trace_widget_fire", "widget_fire"),
                    tuple(TRACEPOINT_CALL, "trace_widget_idle_rcuidle", "widget_idle"));
            assertThat(reader.events().get(1).line()).isEqualTo(lineOf(SRC, "ev: rcu_dereference"));
            assertThat(reader.events().get(1).column()).isEqualTo(6);
            assertThat(reader.events().get(7).line()).isEqualTo(lineOf(SRC, "ev: rcuidle"));
        }

        @Test
        void updaterEventsInOrder() {
            assertThat(kinds(function(FACTS, "widget_update"))).containsExactly(SYNCHRONIZE_RCU, SYNCHRONIZE_SRCU,
                CALL_RCU, CALL_RCU, TRACEPOINT_SYNC_UNREGISTER, PROBE_REGISTER, PROBE_UNREGISTER, PROBE_REGISTER,
                PROBE_UNREGISTER);
        }

        @Test
        void idleAndNmiEntryEvents() {
            assertThat(kinds(function(FACTS, "widget_idle"))).containsExactly(IRQ_DISABLE, PREEMPT_DISABLE,
                IDLE_ENTER, IDLE_EXIT, IDLE_ENTER, IDLE_EXIT, PREEMPT_ENABLE, IRQ_ENABLE);
            FunctionDef nmi = function(FACTS, "exc_widget_nmi");
            assertThat(nmi.events()).extracting(SyncEvent::kind, SyncEvent::primitive).containsExactly(
                tuple(NMI_ENTER, "irqentry_nmi_enter"), tuple(NMI_ENTER, "nmi_enter"),
                tuple(RCU_WATCH_ENTER, "ct_irq_enter_irqson"), tuple(RCU_WATCH_ENTER, "irqentry_enter"),
                tuple(RCU_WATCH_EXIT, "irqentry_exit"), tuple(RCU_WATCH_EXIT, "ct_irq_exit_irqson"),
                tuple(NMI_EXIT, "nmi_exit"), tuple(NMI_EXIT, "irqentry_nmi_exit"));
            assertThat(nmi.events().get(0).line()).isEqualTo(lineOf(SRC, "ev: irqentry_nmi_enter"));
        }

        @Test
        void everyKindIsProducedByTheFixtureOrTheGuardTests() {
            Set<SyncKind> seen = FACTS.functions().stream().flatMap(f -> f.events().stream()).map(SyncEvent::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SyncKind.class)));
            assertThat(seen).containsExactlyInAnyOrder(SyncKind.values());
        }
    }

    @Nested
    class IfGuards {

        private final FunctionDef guarded = function(FACTS, "widget_guarded");

        private String guardOf(String tracepoint) {
            List<SyncEvent> found = guarded.events().stream().filter(e -> e.argument().equals(tracepoint)).toList();
            assertThat(found).hasSize(1);
            return found.get(0).guard();
        }

        @Test
        void innermostIfBracedAndUnbraced() {
            assertThat(guardOf("widget_armed")).isEqualTo("w->armed");
            assertThat(guardOf("widget_loud")).isEqualTo("w->loud");
            assertThat(guardOf("widget_quiet")).isEqualTo("w->armed");
            assertThat(guardOf("widget_once")).isEqualTo("w->once");
        }

        @Test
        void guardIsResetAfterTheStatement() {
            assertThat(guardOf("widget_always")).isEmpty();
            assertThat(guardOf("widget_after_loop")).isEmpty();
        }

        @Test
        void unbracedIfOverALoopWithABlockGuardsTheLoopBody() {
            assertThat(guardOf("widget_loop")).isEqualTo("w->loop");
        }

        @Test
        void elseBranchAndNestedUnbracedIf() {
            FunctionDef f = single("""
                void f(int a, int b)
                {
                	if (a)
                		if (b)
                			trace_inner();
                		else
                			trace_else_inner();
                	else
                		trace_outer_else();
                	trace_last();
                }
                """);
            assertThat(f.events()).extracting(SyncEvent::argument, SyncEvent::guard).contains(
                tuple("inner", "b"), tuple("last", ""));
        }
    }

    @Nested
    class Guards {

        private final FunctionDef scoped = function(FACTS, "widget_scoped");

        @Test
        void guardAndScopedGuardWithTheirImplicitReleases() {
            assertThat(scoped.events()).extracting(SyncEvent::kind, SyncEvent::primitive).containsExactly(
                tuple(RCU_READ_LOCK, "guard(rcu)"),
                tuple(TRACEPOINT_CALL, "trace_widget_in_guard"),
                tuple(SRCU_READ_LOCK, "scoped_guard(srcu)"),
                tuple(TRACEPOINT_CALL, "trace_widget_in_scope"),
                tuple(SRCU_READ_UNLOCK, "scoped_guard(srcu) (scope end)"),
                tuple(TRACEPOINT_CALL, "trace_widget_after_scope"),
                tuple(PREEMPT_DISABLE, "preempt_disable"),
                tuple(RCU_READ_UNLOCK, "guard(rcu) (scope end)"));
        }

        @Test
        void releasesSitOnTheClosingBraceOfTheirScope() {
            List<SyncEvent> ev = scoped.events();
            assertThat(ev.get(0).line()).isEqualTo(lineOf(SRC, "ev: guard_rcu_begin"));
            assertThat(ev.get(2).line()).isEqualTo(lineOf(SRC, "ev: scoped_srcu_begin"));
            assertThat(ev.get(2).guard()).isEqualTo("w->armed");
            assertThat(ev.get(4).line()).isEqualTo(lineOf(SRC, "ev: scoped_srcu_end"));
            assertThat(ev.get(7).line()).isEqualTo(lineOf(SRC, "ev: guard_rcu_end"));
            assertThat(ev.get(7).column()).isEqualTo(1);
        }

        @Test
        void guardClassesThatDoNotMatterAreCallsOnly() {
            assertThat(scoped.calls()).extracting(CallSite::callee).contains("guard");
            assertThat(scoped.events()).extracting(SyncEvent::primitive).doesNotContain("guard(mutex)");
        }

        @Test
        void guardInANestedBlockEndsWithThatBlock() {
            FunctionDef f = single("""
                void f(int a)
                {
                	if (a) {
                		guard(preempt_notrace)();
                		trace_in();
                	}
                	trace_out();
                }
                """);
            assertThat(f.events()).extracting(SyncEvent::kind, SyncEvent::line).containsExactly(
                tuple(PREEMPT_DISABLE, 4), tuple(TRACEPOINT_CALL, 5), tuple(PREEMPT_ENABLE, 6),
                tuple(TRACEPOINT_CALL, 7));
        }

        @Test
        void unbracedScopedGuardEndsWithItsStatement() {
            FunctionDef f = single("""
                void f(int a)
                {
                	scoped_guard(rcu)
                		trace_in();
                	if (a) {
                		trace_out();
                	}
                }
                """);
            assertThat(f.events()).extracting(SyncEvent::kind, SyncEvent::line).containsExactly(
                tuple(RCU_READ_LOCK, 3), tuple(TRACEPOINT_CALL, 4), tuple(RCU_READ_UNLOCK, 4),
                tuple(TRACEPOINT_CALL, 6));
        }

        @Test
        void guardArgumentsAreScannedForCalls() {
            FunctionDef f = single("void f(void)\n{\n\tguard(srcu)(widget_srcu_of(x));\n}\n");
            assertThat(f.calls()).extracting(CallSite::callee).contains("guard", "widget_srcu_of");
        }
    }
}
