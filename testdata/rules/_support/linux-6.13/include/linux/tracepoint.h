/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixture: the tracepoint core as 6.13 shapes it (written for tpsync's tests, not taken
 * from the kernel): no rcuidle variant, no SRCU; probes run with preemption disabled.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/rcupdate_trace.h>

struct tracepoint;

extern int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
extern int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);

/* Only RCU (and tasks-trace for faultable tracepoints) here; call it by name anyway. */
static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_rcu_tasks_trace();
	synchronize_rcu();
}

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args

#define __DO_TRACE_CALL(name, args) __traceiter_##name(NULL, args)

#define __DECLARE_TRACE(name, proto, args, cond)			\
	extern struct tracepoint __tracepoint_##name;			\
	static inline void trace_##name(proto)				\
	{								\
		if (static_key_false(&__tracepoint_##name.key)) {	\
			if (cond) {					\
				guard(preempt_notrace)();		\
				__DO_TRACE_CALL(name, TP_ARGS(args));	\
			}						\
		}							\
	}								\
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
