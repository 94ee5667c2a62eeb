// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: guard(srcu) is srcu_read_lock()/srcu_read_unlock() with scope: the same
 * barrier on every context switch.
 */
#include <linux/cleanup.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(filter_srcu);
static struct switch_filter __rcu *active_filter;

static void switch_filter_probe(void *data, bool preempt, struct task_struct *prev,
				struct task_struct *next, unsigned int prev_state)
{
	struct switch_filter *f;

	guard(srcu)(&filter_srcu);	/* expect: srcu-read-barrier warning */
	f = srcu_dereference(active_filter, &filter_srcu);
	if (f && switch_filter_match(f, prev, next))
		switch_filter_hit(f);
}

static int __init switch_filter_init(void)
{
	return register_trace_sched_switch(switch_filter_probe, NULL);
}
late_initcall(switch_filter_init);
