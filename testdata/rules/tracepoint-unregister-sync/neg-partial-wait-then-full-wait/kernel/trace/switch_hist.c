// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: an RCU grace period for the histogram's own readers comes first, but
 * tracepoint_synchronize_unregister() (directly, or in a helper) follows before anything
 * is freed.
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
	rcu_assign_pointer(active_hist, NULL);
	synchronize_rcu();			/* the histogram's own RCU readers */
	tracepoint_synchronize_unregister();	/* every running probe */
	kfree(h);	/* ok: the full wait came before the free */
}

static void switch_hist_wait_probes(void)
{
	tracepoint_synchronize_unregister();
}

void switch_hist_stop_sync(struct switch_hist *h)
{
	unregister_trace_sched_switch(switch_hist_probe, h);
	synchronize_rcu();		/* the histogram's own RCU readers */
	switch_hist_wait_probes();	/* every running probe, through a helper */
	kfree(h);	/* ok: the full wait came before the free */
}
