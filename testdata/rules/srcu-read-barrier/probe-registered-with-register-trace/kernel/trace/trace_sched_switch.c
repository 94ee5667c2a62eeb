// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: a probe registered with register_trace_sched_switch() takes a classic SRCU
 * read side: smp_mb() twice on every context switch.
 */
#include <linux/sched.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(cmdline_srcu);

static void probe_sched_switch(void *ignore, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	int idx;

	idx = srcu_read_lock(&cmdline_srcu);	/* expect: srcu-read-barrier warning */
	tracing_record_cmdline(prev);
	tracing_record_cmdline(next);
	srcu_read_unlock(&cmdline_srcu, idx);
}

int tracing_sched_register(void)
{
	return register_trace_sched_switch(probe_sched_switch, NULL);
}
