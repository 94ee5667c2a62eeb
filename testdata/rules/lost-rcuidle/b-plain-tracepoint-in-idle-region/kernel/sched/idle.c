// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (b): the idle event moved after ct_idle_enter(): its probes run while RCU
 * is not watching this CPU.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static noinline int __cpuidle cpu_idle_poll(void)
{
	unsigned int cpu = smp_processor_id();

	stop_critical_timings();
	ct_idle_enter();
	trace_cpu_idle(1, cpu);		/* expect: lost-rcuidle error */
	local_irq_enable();
	while (!tif_need_resched())
		cpu_relax();
	ct_idle_exit();
	start_critical_timings();
	trace_cpu_idle(PWR_EVENT_EXIT, cpu);	/* ok: after ct_idle_exit() */
	return 1;
}
