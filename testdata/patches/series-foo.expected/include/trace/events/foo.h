/* SPDX-License-Identifier: GPL-2.0 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM foo

#if !defined(_TRACE_FOO_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_FOO_H

#include <linux/tracepoint.h>

TRACE_EVENT(foo_nmi,
	TP_PROTO(int cpu),
	TP_ARGS(cpu),
	TP_STRUCT__entry(__field(int, cpu)),
	TP_fast_assign(__entry->cpu = cpu;),
	TP_printk("cpu=%d", __entry->cpu)
);

TRACE_EVENT(foo_init,
	TP_PROTO(int ret),
	TP_ARGS(ret),
	TP_STRUCT__entry(__field(int, ret)),
	TP_fast_assign(__entry->ret = ret;),
	TP_printk("ret=%d", __entry->ret)
);

#endif /* _TRACE_FOO_H */

#include <trace/define_trace.h>
