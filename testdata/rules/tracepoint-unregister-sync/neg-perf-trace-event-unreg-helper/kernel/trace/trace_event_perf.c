// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture part: perf's side of a tracepoint event (written for tpsync's tests, not taken
 * from the kernel). perf_trace_event_unreg() drops perf's probe through the class's reg()
 * callback and waits with tracepoint_synchronize_unregister() before it frees the
 * per-CPU lists.
 */
#include <linux/module.h>
#include <linux/kprobes.h>
#include "trace.h"

static int total_ref_count;

void perf_trace_event_unreg(struct perf_event *p_event)
{
	struct trace_event_call *tp_event = p_event->tp_event;

	tp_event->class->reg(tp_event, TRACE_REG_PERF_UNREGISTER, NULL);
	tracepoint_synchronize_unregister();
	free_percpu(tp_event->perf_events);	/* ok: waited for every reader */
	tp_event->perf_events = NULL;
	--total_ref_count;
}
