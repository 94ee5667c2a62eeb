// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: ftrace's own sched_switch probe, registered by name.
 */
#include <linux/module.h>
#include <trace/events/sched.h>

static void probe_sched_switch(void *ignore, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	tracing_record_taskinfo_sched_switch(prev, next, TRACE_RECORD_CMDLINE);
}

static int tracing_sched_register(void)
{
	int ret;

	ret = register_trace_sched_switch(probe_sched_switch, NULL);
	if (ret)
		pr_info("sched trace: Couldn't activate tracepoint probe to kernel_sched_switch\n");
	return ret;
}

static void tracing_sched_unregister(void)
{
	unregister_trace_sched_switch(probe_sched_switch, NULL);
}
