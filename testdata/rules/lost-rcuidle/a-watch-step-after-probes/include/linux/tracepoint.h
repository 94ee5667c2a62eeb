/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Positive (a): a change to the 6.1-shaped tracepoint core that moves the step making RCU
 * watch after the probe calls: rcuidle probes run before RCU watches.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/srcu.h>

struct tracepoint;
extern struct srcu_struct tracepoint_srcu;

extern int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
extern int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);

/* Waits for every reader the tracepoint core uses: SRCU (rcuidle callers) and RCU. */
static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_srcu(&tracepoint_srcu);
	synchronize_rcu();
}

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args

#define __DO_TRACE_CALL(name, args) __traceiter_##name(NULL, args)

/* expect@+17: srcu-read-barrier note */
/* expect@+19: lost-rcuidle error */
/* expect@+18: lost-rcuidle note */
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
		/* sched-RCU does not cover the idle path: use SRCU */	\
		if (rcuidle) {						\
			__idx = srcu_read_lock_notrace(&tracepoint_srcu); \
		}							\
									\
		__DO_TRACE_CALL(name, TP_ARGS(args));			\
									\
		if (rcuidle) {						\
			ct_irq_enter_irqson();	/* too late */		\
			ct_irq_exit_irqson();				\
			srcu_read_unlock_notrace(&tracepoint_srcu, __idx); \
		}							\
									\
		preempt_enable_notrace();				\
	} while (0)

#define __DECLARE_TRACE_RCU(name, proto, args, cond)			\
	static inline void trace_##name##_rcuidle(proto)		\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_ARGS(args), TP_CONDITION(cond), 1); \
	}

#define __DECLARE_TRACE(name, proto, args, cond)			\
	extern struct tracepoint __tracepoint_##name;			\
	static inline void trace_##name(proto)				\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_ARGS(args), TP_CONDITION(cond), 0); \
	}								\
	__DECLARE_TRACE_RCU(name, PARAMS(proto), PARAMS(args), PARAMS(cond)) \
	static inline int register_trace_##name(void (*probe)(proto), void *data) \
	{								\
		return tracepoint_probe_register(&__tracepoint_##name, (void *)probe, data); \
	}								\
	static inline int unregister_trace_##name(void (*probe)(proto), void *data) \
	{								\
		return tracepoint_probe_unregister(&__tracepoint_##name, (void *)probe, data); \
	}

#define DECLARE_TRACE(name, proto, args)				\
	__DECLARE_TRACE(name, PARAMS(proto), PARAMS(args), 1)

#define TRACE_EVENT(name, proto, args, struct, assign, print)		\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))

#endif /* _LINUX_TRACEPOINT_H */
