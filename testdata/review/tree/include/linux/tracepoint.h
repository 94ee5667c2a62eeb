/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tpsync review fixture: the tracepoint core in its 6.1 shape, written for the tests
 * (not kernel source). rcuidle callers get SRCU and a make-RCU-watch step.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/srcu.h>
#include <linux/rcupdate.h>

extern struct srcu_struct tracepoint_srcu;

struct tracepoint {
	const char *name;
	struct static_key key;
	struct tracepoint_func __rcu *funcs;
};

int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);

static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_srcu(&tracepoint_srcu);
	synchronize_rcu();
}

#define __DO_TRACE_CALL(name, args)	__traceiter_##name(NULL, args)

#define __DO_TRACE(name, args, cond, rcuidle)				\
	do {								\
		int __maybe_unused __idx = 0;				\
									\
		if (!(cond))						\
			return;						\
									\
		if (WARN_ON_ONCE(rcuidle && in_nmi()))			\
			return;						\
									\
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

#define __DECLARE_TRACE(name, proto, args, cond, data_proto)		\
	extern struct tracepoint __tracepoint_##name;			\
	static inline void trace_##name(proto)				\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_ARGS(args),			\
				   TP_CONDITION(cond), 0);		\
	}								\
	static inline void trace_##name##_rcuidle(proto)		\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_ARGS(args),			\
				   TP_CONDITION(cond), 1);		\
	}								\
	static inline int						\
	register_trace_##name(void (*probe)(data_proto), void *data)	\
	{								\
		return tracepoint_probe_register(&__tracepoint_##name,	\
						 (void *)probe, data);	\
	}								\
	static inline int						\
	unregister_trace_##name(void (*probe)(data_proto), void *data)	\
	{								\
		return tracepoint_probe_unregister(&__tracepoint_##name,\
						   (void *)probe, data);\
	}

#define DECLARE_TRACE(name, proto, args)				\
	__DECLARE_TRACE(name, PARAMS(proto), PARAMS(args),		\
			cpu_online(raw_smp_processor_id()),		\
			PARAMS(void *__data, proto))

#endif /* _LINUX_TRACEPOINT_H */
