/* SPDX-License-Identifier: GPL-2.0 */
/* Fixture: the sched_switch event, hit on every context switch. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sched

#if !defined(_TRACE_SCHED_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_SCHED_H

#include <linux/tracepoint.h>

TRACE_EVENT(sched_switch,

	TP_PROTO(bool preempt, struct task_struct *prev, struct task_struct *next,
		 unsigned int prev_state),

	TP_ARGS(preempt, prev, next, prev_state),

	TP_STRUCT__entry(
		__field(pid_t, prev_pid)
		__field(pid_t, next_pid)
	),

	TP_fast_assign(
		__entry->prev_pid = prev->pid;
		__entry->next_pid = next->pid;
	),

	TP_printk("prev_pid=%d next_pid=%d", __entry->prev_pid, __entry->next_pid)
);

#endif /* _TRACE_SCHED_H */

#include <trace/define_trace.h>
