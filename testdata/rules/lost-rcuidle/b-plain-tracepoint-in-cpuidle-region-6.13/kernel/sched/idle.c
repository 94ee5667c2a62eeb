// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (b) on a 6.13-shaped tree, which has no _rcuidle variant at all: a tracepoint
 * between ct_cpuidle_enter() and ct_cpuidle_exit() runs its probes with RCU blind.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static noinline int __cpuidle cpu_idle_poll(void)
{
	int cpu = smp_processor_id();

	ct_cpuidle_enter();
	trace_cpu_idle(0, cpu);		/* expect: lost-rcuidle error */
	raw_local_irq_enable();
	while (!tif_need_resched())
		cpu_relax();
	raw_local_irq_disable();
	ct_cpuidle_exit();
	trace_cpu_idle(PWR_EVENT_EXIT, cpu);	/* ok: RCU is watching again */
	return 1;
}
