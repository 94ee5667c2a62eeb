// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a second probe on the same event is unregistered first, then the event is
 * torn down through perf_trace_event_unreg(), which waits with
 * tracepoint_synchronize_unregister(); only then is the second probe's data freed.
 */
#include <linux/perf_event.h>
#include <linux/trace_events.h>

struct perf_switch_probe {
	struct perf_event *event;
	u64 count;
};

static void perf_switch_probe_fn(void *data, bool preempt, struct task_struct *prev,
				 struct task_struct *next, unsigned int prev_state)
{
	struct perf_switch_probe *p = data;

	p->count++;
}

static void perf_switch_probe_destroy(struct perf_switch_probe *p)
{
	unregister_trace_sched_switch(perf_switch_probe_fn, p);
	perf_trace_event_unreg(p->event);
	kfree(p);	/* ok: perf_trace_event_unreg() waited */
}
