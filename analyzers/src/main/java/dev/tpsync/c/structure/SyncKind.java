package dev.tpsync.c.structure;

/** The synchronization-relevant events the structure pass records inside bodies, in order. */
public enum SyncKind {
    RCU_READ_LOCK,
    RCU_READ_UNLOCK,
    /** rcu_dereference*(), list_for_each_entry_rcu() and friends: RCU read-side use. */
    RCU_DEREFERENCE,
    SRCU_READ_LOCK,
    SRCU_READ_UNLOCK,
    PREEMPT_DISABLE,
    PREEMPT_ENABLE,
    IRQ_DISABLE,
    IRQ_ENABLE,
    /** ct_idle_enter()/rcu_idle_enter(): RCU stops watching this CPU. */
    IDLE_ENTER,
    /** ct_idle_exit()/rcu_idle_exit(): RCU watches again. */
    IDLE_EXIT,
    /** ct_irq_enter*()/rcu_irq_enter*()/irqentry_enter(): make RCU watch (irq flavour). */
    RCU_WATCH_ENTER,
    RCU_WATCH_EXIT,
    /** nmi_enter()/irqentry_nmi_enter()/ct_nmi_enter(): NMI context begins (and RCU watches after it). */
    NMI_ENTER,
    NMI_EXIT,
    /** trace_foo() or trace_foo_rcuidle(); whether foo is a declared tracepoint is the model's call. */
    TRACEPOINT_CALL,
    SYNCHRONIZE_RCU,
    SYNCHRONIZE_SRCU,
    CALL_RCU,
    TRACEPOINT_SYNC_UNREGISTER,
    PROBE_REGISTER,
    PROBE_UNREGISTER
}
