// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the probe uses srcu_read_lock_lite() (no read-side smp_mb(); RCU is watching
 * at every sched_switch), which this tree defines.
 */
#include <linux/sched.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(cmdline_srcu);

static void probe_sched_switch(void *ignore, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	int idx;

	idx = srcu_read_lock_lite(&cmdline_srcu);	/* ok: no read-side barrier */
	tracing_record_cmdline(prev);
	tracing_record_cmdline(next);
	srcu_read_unlock_lite(&cmdline_srcu, idx);
}

int tracing_sched_register(void)
{
	return register_trace_sched_switch(probe_sched_switch, NULL);
}
