/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Positive (c): the tracepoint core as 5.10 shaped it (written for tpsync's tests, not
 * taken from the kernel): static calls, rcu_irq_enter_irqson() for rcuidle callers. The
 * probes are called through __DO_TRACE_CALL(name)(args): rcuidle does not reach them.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/srcu.h>

struct tracepoint;
extern struct srcu_struct tracepoint_srcu;

extern int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
extern int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);

static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_srcu(&tracepoint_srcu);
	synchronize_rcu();
}

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args

#define __DO_TRACE_CALL(name) static_call(tp_func_##name)

/* expect@+18: srcu-read-barrier note */
/* expect@+24: lost-rcuidle note */
#define __DO_TRACE(name, proto, args, cond, rcuidle)			\
	do {								\
		struct tracepoint_func *it_func_ptr;			\
		int __maybe_unused __idx = 0;				\
		void *__data;						\
									\
		if (!(cond))						\
			return;						\
									\
		/* SRCU cannot be taken in NMI */			\
		WARN_ON_ONCE(rcuidle && in_nmi());			\
									\
		preempt_disable_notrace();				\
									\
		/* the idle path is not covered by sched-RCU */		\
		if (rcuidle) {						\
			__idx = srcu_read_lock_notrace(&tracepoint_srcu); \
			rcu_irq_enter_irqson();				\
		}							\
									\
		it_func_ptr = rcu_dereference_raw((&__tracepoint_##name)->funcs); \
		if (it_func_ptr) {					\
			__data = (it_func_ptr)->data;			\
			__DO_TRACE_CALL(name)(args);			\
		}							\
									\
		if (rcuidle) {						\
			rcu_irq_exit_irqson();				\
			srcu_read_unlock_notrace(&tracepoint_srcu, __idx); \
		}							\
									\
		preempt_enable_notrace();				\
	} while (0)

#define __DECLARE_TRACE(name, proto, args, cond, data_proto, data_args) \
	extern struct tracepoint __tracepoint_##name;			\
	static inline void trace_##name(proto)				\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_PROTO(data_proto), TP_ARGS(data_args), \
				   TP_CONDITION(cond), 0);		\
	}								\
	static inline void trace_##name##_rcuidle(proto)		\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_PROTO(data_proto), TP_ARGS(data_args), \
				   TP_CONDITION(cond), 1);		\
	}								\
	static inline int register_trace_##name(void (*probe)(data_proto), void *data) \
	{								\
		return tracepoint_probe_register(&__tracepoint_##name, (void *)probe, data); \
	}								\
	static inline int unregister_trace_##name(void (*probe)(data_proto), void *data) \
	{								\
		return tracepoint_probe_unregister(&__tracepoint_##name, (void *)probe, data); \
	}

#define DECLARE_TRACE(name, proto, args)				\
	__DECLARE_TRACE(name, PARAMS(proto), PARAMS(args), 1,		\
			PARAMS(void *__data, proto), PARAMS(__data, args))

#define TRACE_EVENT(name, proto, args, struct, assign, print)		\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))

#endif /* _LINUX_TRACEPOINT_H */
