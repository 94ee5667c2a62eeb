/* Demo: the tracepoint core, shaped like 4.19..6.12's __DO_TRACE. */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

extern struct srcu_struct tracepoint_srcu;

#define __DO_TRACE_CALL(name, args)	__traceiter_##name(NULL, args)

#define __DO_TRACE(name, args, cond, rcuidle)				\
	do {								\
		int __maybe_unused __idx = 0;				\
									\
		if (!(cond))						\
			return;						\
									\
		WARN_ON_ONCE(rcuidle && in_nmi());			\
		preempt_disable_notrace();				\
									\
		if (rcuidle) {						\
			__idx = srcu_read_lock_notrace(&tracepoint_srcu);\
			ct_irq_enter_irqson();				\
		}							\
									\
		__DO_TRACE_CALL(name, TP_ARGS(args));			\
									\
		if (rcuidle) {						\
			ct_irq_exit_irqson();				\
			srcu_read_unlock_notrace(&tracepoint_srcu, __idx);\
		}							\
									\
		preempt_enable_notrace();				\
	} while (0)

static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_srcu(&tracepoint_srcu);
	synchronize_rcu();
}

#endif
