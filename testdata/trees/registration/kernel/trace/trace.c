// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: the comm/tgid recording the sched_switch probe does on every switch.
 */
#include <linux/sched.h>

static bool tracing_record_taskinfo_skip(int flags)
{
	return !flags || !__this_cpu_read(trace_taskinfo_save);
}

static bool trace_save_cmdline(struct task_struct *tsk)
{
	if (!tsk->pid)
		return true;
	return arch_spin_trylock(&trace_cmdline_lock) && save_cmdline_locked(tsk);
}

void tracing_record_taskinfo_sched_switch(struct task_struct *prev, struct task_struct *next,
					  int flags)
{
	if (tracing_record_taskinfo_skip(flags))
		return;

	trace_save_cmdline(prev);
	trace_save_cmdline(next);
	__this_cpu_write(trace_taskinfo_save, false);
}
