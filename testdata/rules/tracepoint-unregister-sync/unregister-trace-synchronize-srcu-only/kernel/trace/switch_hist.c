// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: synchronize_srcu(&tracepoint_srcu) waits for the rcuidle callers only; the
 * plain callers, protected by disabled preemption, are not waited for.
 */
#include <linux/slab.h>
#include <trace/events/sched.h>

struct switch_hist {
	unsigned long buckets[64];
	pid_t pid;
};

static void switch_hist_probe(void *data, bool preempt, struct task_struct *prev,
			      struct task_struct *next, unsigned int prev_state)
{
	struct switch_hist *h = data;

	if (next->pid == h->pid)
		h->buckets[ilog2(sched_clock() | 1)]++;
}

int switch_hist_start(struct switch_hist *h)
{
	return register_trace_sched_switch(switch_hist_probe, h);
}

void switch_hist_stop(struct switch_hist *h)
{
	unregister_trace_sched_switch(switch_hist_probe, h);
	synchronize_srcu(&tracepoint_srcu);
	kfree(h);	/* expect: tracepoint-unregister-sync warning */
}
