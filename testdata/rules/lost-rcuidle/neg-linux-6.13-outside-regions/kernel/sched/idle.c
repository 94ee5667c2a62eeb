// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative on a 6.13-shaped tree: no rcuidle in the tracepoint core (so no note), the idle
 * events sit outside the ct_cpuidle_enter()/ct_cpuidle_exit() region, and perf's probe
 * takes no RCU read side. Nothing at all is reported.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static noinline int __cpuidle cpu_idle_poll(void)
{
	int cpu = smp_processor_id();

	trace_cpu_idle(0, cpu);		/* ok: RCU is watching */
	ct_cpuidle_enter();
	raw_local_irq_enable();
	while (!tif_need_resched())
		cpu_relax();
	raw_local_irq_disable();
	ct_cpuidle_exit();
	trace_cpu_idle(PWR_EVENT_EXIT, cpu);	/* ok: RCU is watching again */
	return 1;
}
