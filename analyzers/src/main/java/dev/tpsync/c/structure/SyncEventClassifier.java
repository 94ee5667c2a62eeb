package dev.tpsync.c.structure;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a callee name to the sync event it stands for. The tables are the kernel's own
 * spellings across 4.19 .. 7.0 (rcu_idle_enter became ct_idle_enter in 5.19, guard() came
 * in 6.5, the srcu _nmisafe/_lite/_fast flavours in 6.2/6.13/6.15).
 */
public final class SyncEventClassifier {

    private static final Map<String, SyncKind> EXACT = Map.ofEntries(
        Map.entry("rcu_read_lock", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_read_lock_sched", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_read_lock_sched_notrace", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_read_lock_bh", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_read_lock_trace", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_read_unlock", SyncKind.RCU_READ_UNLOCK),
        Map.entry("rcu_read_unlock_sched", SyncKind.RCU_READ_UNLOCK),
        Map.entry("rcu_read_unlock_sched_notrace", SyncKind.RCU_READ_UNLOCK),
        Map.entry("rcu_read_unlock_bh", SyncKind.RCU_READ_UNLOCK),
        Map.entry("rcu_read_unlock_trace", SyncKind.RCU_READ_UNLOCK),
        Map.entry("preempt_disable", SyncKind.PREEMPT_DISABLE),
        Map.entry("preempt_disable_notrace", SyncKind.PREEMPT_DISABLE),
        Map.entry("preempt_enable", SyncKind.PREEMPT_ENABLE),
        Map.entry("preempt_enable_notrace", SyncKind.PREEMPT_ENABLE),
        Map.entry("preempt_enable_no_resched", SyncKind.PREEMPT_ENABLE),
        Map.entry("preempt_enable_no_resched_notrace", SyncKind.PREEMPT_ENABLE),
        Map.entry("local_irq_disable", SyncKind.IRQ_DISABLE),
        Map.entry("local_irq_save", SyncKind.IRQ_DISABLE),
        Map.entry("raw_local_irq_disable", SyncKind.IRQ_DISABLE),
        Map.entry("raw_local_irq_save", SyncKind.IRQ_DISABLE),
        Map.entry("local_irq_enable", SyncKind.IRQ_ENABLE),
        Map.entry("local_irq_restore", SyncKind.IRQ_ENABLE),
        Map.entry("raw_local_irq_enable", SyncKind.IRQ_ENABLE),
        Map.entry("raw_local_irq_restore", SyncKind.IRQ_ENABLE),
        Map.entry("ct_idle_enter", SyncKind.IDLE_ENTER),
        Map.entry("rcu_idle_enter", SyncKind.IDLE_ENTER),
        Map.entry("ct_cpuidle_enter", SyncKind.IDLE_ENTER),
        Map.entry("ct_idle_exit", SyncKind.IDLE_EXIT),
        Map.entry("rcu_idle_exit", SyncKind.IDLE_EXIT),
        Map.entry("ct_cpuidle_exit", SyncKind.IDLE_EXIT),
        Map.entry("ct_irq_enter", SyncKind.RCU_WATCH_ENTER),
        Map.entry("ct_irq_enter_irqson", SyncKind.RCU_WATCH_ENTER),
        Map.entry("rcu_irq_enter", SyncKind.RCU_WATCH_ENTER),
        Map.entry("rcu_irq_enter_irqson", SyncKind.RCU_WATCH_ENTER),
        Map.entry("irqentry_enter", SyncKind.RCU_WATCH_ENTER),
        Map.entry("irqentry_enter_from_user_mode", SyncKind.RCU_WATCH_ENTER),
        Map.entry("enter_from_user_mode", SyncKind.RCU_WATCH_ENTER),
        Map.entry("syscall_enter_from_user_mode", SyncKind.RCU_WATCH_ENTER),
        Map.entry("ct_irq_exit", SyncKind.RCU_WATCH_EXIT),
        Map.entry("ct_irq_exit_irqson", SyncKind.RCU_WATCH_EXIT),
        Map.entry("rcu_irq_exit", SyncKind.RCU_WATCH_EXIT),
        Map.entry("rcu_irq_exit_irqson", SyncKind.RCU_WATCH_EXIT),
        Map.entry("irqentry_exit", SyncKind.RCU_WATCH_EXIT),
        Map.entry("nmi_enter", SyncKind.NMI_ENTER),
        Map.entry("irqentry_nmi_enter", SyncKind.NMI_ENTER),
        Map.entry("ct_nmi_enter", SyncKind.NMI_ENTER),
        Map.entry("rcu_nmi_enter", SyncKind.NMI_ENTER),
        Map.entry("nmi_exit", SyncKind.NMI_EXIT),
        Map.entry("irqentry_nmi_exit", SyncKind.NMI_EXIT),
        Map.entry("ct_nmi_exit", SyncKind.NMI_EXIT),
        Map.entry("rcu_nmi_exit", SyncKind.NMI_EXIT),
        Map.entry("synchronize_rcu", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_rcu_expedited", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_sched", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_rcu_tasks", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_rcu_tasks_trace", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_rcu_tasks_rude", SyncKind.SYNCHRONIZE_RCU),
        Map.entry("synchronize_srcu", SyncKind.SYNCHRONIZE_SRCU),
        Map.entry("synchronize_srcu_expedited", SyncKind.SYNCHRONIZE_SRCU),
        Map.entry("call_rcu", SyncKind.CALL_RCU),
        Map.entry("call_srcu", SyncKind.CALL_RCU),
        Map.entry("call_rcu_tasks", SyncKind.CALL_RCU),
        Map.entry("call_rcu_tasks_trace", SyncKind.CALL_RCU),
        Map.entry("kfree_rcu", SyncKind.CALL_RCU),
        Map.entry("kvfree_rcu", SyncKind.CALL_RCU),
        Map.entry("tracepoint_synchronize_unregister", SyncKind.TRACEPOINT_SYNC_UNREGISTER),
        Map.entry("tracepoint_probe_register", SyncKind.PROBE_REGISTER),
        Map.entry("tracepoint_probe_register_prio", SyncKind.PROBE_REGISTER),
        Map.entry("tracepoint_probe_register_prio_may_exist", SyncKind.PROBE_REGISTER),
        Map.entry("tracepoint_probe_unregister", SyncKind.PROBE_UNREGISTER));

    /** Iterators and accessors that are RCU read-side use without a lock call of their own. */
    private static final Set<String> RCU_USES = Set.of(
        "list_for_each_entry_rcu", "list_for_each_entry_continue_rcu", "list_for_each_entry_from_rcu",
        "hlist_for_each_entry_rcu", "hlist_for_each_entry_rcu_notrace", "hlist_for_each_entry_continue_rcu",
        "list_first_or_null_rcu", "list_entry_rcu", "list_next_or_null_rcu", "hlist_first_rcu");

    /** guard(X) / scoped_guard(X) classes and what they acquire. */
    private static final Map<String, SyncKind> GUARD_CLASSES = Map.ofEntries(
        Map.entry("rcu", SyncKind.RCU_READ_LOCK),
        Map.entry("rcu_tasks_trace", SyncKind.RCU_READ_LOCK),
        Map.entry("srcu", SyncKind.SRCU_READ_LOCK),
        Map.entry("srcu_fast", SyncKind.SRCU_READ_LOCK),
        Map.entry("srcu_fast_notrace", SyncKind.SRCU_READ_LOCK),
        Map.entry("srcu_lite", SyncKind.SRCU_READ_LOCK),
        Map.entry("preempt", SyncKind.PREEMPT_DISABLE),
        Map.entry("preempt_notrace", SyncKind.PREEMPT_DISABLE),
        Map.entry("irq", SyncKind.IRQ_DISABLE),
        Map.entry("irqsave", SyncKind.IRQ_DISABLE));

    private SyncEventClassifier() {
    }

    /** The event a call to {@code callee} makes, if any. */
    public static Optional<SyncKind> classify(String callee) {
        SyncKind exact = EXACT.get(callee);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (callee.startsWith("srcu_read_lock")) {
            return Optional.of(SyncKind.SRCU_READ_LOCK);
        }
        if (callee.startsWith("srcu_read_unlock")) {
            return Optional.of(SyncKind.SRCU_READ_UNLOCK);
        }
        if (callee.startsWith("rcu_dereference") || RCU_USES.contains(callee)) {
            return Optional.of(SyncKind.RCU_DEREFERENCE);
        }
        if (callee.startsWith("register_trace_") && callee.length() > "register_trace_".length()) {
            return Optional.of(SyncKind.PROBE_REGISTER);
        }
        if (callee.startsWith("unregister_trace_") && callee.length() > "unregister_trace_".length()) {
            return Optional.of(SyncKind.PROBE_UNREGISTER);
        }
        if (isTracepointCallName(callee)) {
            return Optional.of(SyncKind.TRACEPOINT_CALL);
        }
        return Optional.empty();
    }

    /** The kind acquired by {@code guard(cls)} / {@code scoped_guard(cls, ...)}, if it matters here. */
    public static Optional<SyncKind> guardClass(String cls) {
        return Optional.ofNullable(GUARD_CLASSES.get(cls));
    }

    /** The release that matches an acquire, for guards that end with their scope. */
    public static SyncKind releaseOf(SyncKind acquire) {
        return switch (acquire) {
            case RCU_READ_LOCK -> SyncKind.RCU_READ_UNLOCK;
            case SRCU_READ_LOCK -> SyncKind.SRCU_READ_UNLOCK;
            case PREEMPT_DISABLE -> SyncKind.PREEMPT_ENABLE;
            case IRQ_DISABLE -> SyncKind.IRQ_ENABLE;
            default -> acquire;
        };
    }

    /**
     * {@code trace_foo(...)} looks like a tracepoint call. The tracing core's own helpers that
     * share the prefix are excluded here; the model further keeps only declared tracepoints.
     */
    static boolean isTracepointCallName(String callee) {
        if (!callee.startsWith("trace_") || callee.length() <= 6 || callee.endsWith("_enabled")) {
            return false;
        }
        for (String helper : TRACE_HELPER_PREFIXES) {
            if (callee.startsWith(helper)) {
                return false;
            }
        }
        return true;
    }

    /** The tracepoint name in {@code trace_foo_rcuidle}: {@code foo}. */
    public static String tracepointName(String callee) {
        String name = callee.substring("trace_".length());
        return name.endsWith("_rcuidle") ? name.substring(0, name.length() - "_rcuidle".length()) : name;
    }

    private static final String[] TRACE_HELPER_PREFIXES = {
        "trace_seq_", "trace_event_", "trace_array_", "trace_buffer_", "trace_printk", "trace_puts",
        "trace_define_", "trace_handle_return", "trace_output_", "trace_print_", "trace_find_",
        "trace_create_", "trace_get_", "trace_iter", "trace_trigger_", "trace_probe_", "trace_kprobe_",
        "trace_uprobe_", "trace_boot_", "trace_dump_", "trace_default_", "trace_types_", "trace_parser_",
        "trace_pid_", "trace_filter_", "trace_remove_", "trace_add_", "trace_init", "trace_free_",
        "trace_ignore_", "trace_hardirqs_", "trace_preempt_", "trace_clock", "trace_function",
        "trace_graph_", "trace_raw_output_", "trace_selftest_", "trace_vbprintk", "trace_vprintk",
        "trace_check_", "trace_stack", "trace_process_export", "trace_event_buffer", "trace_module_",
        "trace_array", "trace_save_", "trace_die_", "trace_ctx", "trace_buffered_", "trace_empty",
        "trace_latency_", "trace_min_max_", "trace_user_", "trace_seq", "trace_set_", "trace_is_",
        "trace_call_bpf", "trace_note", "trace_trace_", "trace_assign_", "trace_snapshot",
        "trace_format_", "trace_marker", "trace_options", "trace_hwlat_",
        "trace_osnoise_", "trace_timerlat_"
    };
}
