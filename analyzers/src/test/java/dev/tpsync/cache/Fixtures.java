package dev.tpsync.cache;

/** A small C file that exercises every kind of fact the structure pass records. */
final class Fixtures {

    private Fixtures() {
    }

    static final String RICH_C = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/tracepoint.h>

        TRACE_EVENT(sched_switch, TP_PROTO(int prev), TP_ARGS(prev), TP_STRUCT__entry(), TP_fast_assign(), TP_printk(""));
        DECLARE_EVENT_CLASS(irq_template, TP_PROTO(int irq), TP_ARGS(irq));
        DEFINE_EVENT(irq_template, irq_enter, TP_PROTO(int irq), TP_ARGS(irq));
        DECLARE_TRACE(bare_point, TP_PROTO(void), TP_ARGS());

        #define __DO_TRACE(name, args, cond)                          \\
            do {                                                      \\
                int __idx = srcu_read_lock_notrace(&tracepoint_srcu); \\
                rcu_read_lock_sched_notrace();                         \\
                __DO_TRACE_CALL(name, args);                           \\
                srcu_read_unlock_notrace(&tracepoint_srcu, __idx);     \\
            } while (0)

        #define DEFINE_PERF(call)                                      \\
        static notrace void perf_trace_##call(void *data)              \\
        {                                                              \\
            perf_tp_event(data);                                       \\
        }

        static struct nmi_handler my_handler = {
            .handler = my_nmi_handler,
            .name = "mine",
        };

        static noinstr void exc_helper(struct pt_regs *regs, const char *s)
        {
            irqentry_state_t st = irqentry_nmi_enter(regs);
            if (regs->flags & 1)
                trace_sched_switch_rcuidle(1);
        #ifdef CONFIG_TRACING
            rcu_read_lock();
            ops->handler(regs);
            (*fp)(regs, "a, b", 'x');
            rcu_read_unlock();
        #endif
            irqentry_nmi_exit(regs, st);
        }

        DEFINE_IDTENTRY_RAW(exc_nmi)
        {
            exc_helper(regs, "caf\u00e9");
            event->overflow_handler = perf_event_output;
            ct_idle_enter();
            trace_irq_enter(42);
            ct_idle_exit();
        }

        SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
        {
            synchronize_rcu();
            tracepoint_synchronize_unregister();
            return do_vfs_ioctl(fd, cmd, arg);
        }

        static __always_inline int broken(void)
        {
            preempt_disable();
            return 0;
        """;
}
