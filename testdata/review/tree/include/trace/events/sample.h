/* SPDX-License-Identifier: GPL-2.0 */
/* tpsync review fixture: the event the sample module hooks. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sample

#if !defined(_TRACE_SAMPLE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_SAMPLE_H

#include <linux/tracepoint.h>

TRACE_EVENT(sample_tick,

	TP_PROTO(int cpu, u64 now),

	TP_ARGS(cpu, now),

	TP_STRUCT__entry(
		__field(int, cpu)
		__field(u64, now)
	),

	TP_fast_assign(
		__entry->cpu = cpu;
		__entry->now = now;
	),

	TP_printk("cpu=%d now=%llu", __entry->cpu, __entry->now)
);

#endif /* _TRACE_SAMPLE_H */

#include <trace/define_trace.h>
