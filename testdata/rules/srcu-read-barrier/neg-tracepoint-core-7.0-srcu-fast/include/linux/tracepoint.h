/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Negative: the tracepoint core as 7.0 shapes it (written for tpsync's tests, not taken
 * from the kernel): SRCU-fast around the probes, which has no read-side smp_mb().
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
	synchronize_rcu_tasks_trace();
}

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args

#define __DO_TRACE_CALL(name, args) __traceiter_##name(NULL, args)

#define __DO_TRACE(name, args, cond)					\
	do {								\
		if (cond) {						\
			guard(srcu_fast_notrace)(&tracepoint_srcu);	\
			__DO_TRACE_CALL(name, TP_ARGS(args));		\
		}							\
	} while (0)

#define __DECLARE_TRACE(name, proto, args, cond)			\
	extern struct tracepoint __tracepoint_##name;			\
	static inline void trace_##name(proto)				\
	{								\
		if (static_key_false(&__tracepoint_##name.key))		\
			__DO_TRACE(name, TP_ARGS(args), TP_CONDITION(cond)); \
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
