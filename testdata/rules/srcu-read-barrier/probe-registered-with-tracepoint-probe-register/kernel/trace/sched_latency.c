// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: the same hazard through tracepoint_probe_register(): the probe's SRCU read
 * side (srcu_read_lock_notrace() has the same barrier) runs on every context switch.
 */
#include <linux/sched.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

static struct srcu_struct latency_srcu;
static struct latency_table __rcu *latency_table;

static void latency_probe(void *data, bool preempt, struct task_struct *prev,
			  struct task_struct *next, unsigned int prev_state)
{
	struct latency_table *t;
	int idx = srcu_read_lock_notrace(&latency_srcu);	/* expect: srcu-read-barrier warning */

	t = srcu_dereference(latency_table, &latency_srcu);
	if (t)
		latency_account(t, prev, next);
	srcu_read_unlock_notrace(&latency_srcu, idx);
}

int latency_start(void)
{
	return tracepoint_probe_register(&__tracepoint_sched_switch, (void *)latency_probe, NULL);
}
