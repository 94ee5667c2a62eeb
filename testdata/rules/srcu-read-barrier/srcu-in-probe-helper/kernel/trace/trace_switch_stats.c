// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: the probe itself is clean, but the helper it calls takes classic SRCU: the
 * hot path reaches it all the same.
 */
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(stats_srcu);

static void switch_stats_account(struct task_struct *prev)
{
	struct switch_stats *s;
	int idx = srcu_read_lock(&stats_srcu);	/* expect: srcu-read-barrier warning */

	s = srcu_dereference(prev->switch_stats, &stats_srcu);
	if (s)
		s->count++;
	srcu_read_unlock(&stats_srcu, idx);
}

static void switch_stats_probe(void *data, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	switch_stats_account(prev);
}

int switch_stats_enable(void)
{
	return register_trace_sched_switch(switch_stats_probe, NULL);
}
