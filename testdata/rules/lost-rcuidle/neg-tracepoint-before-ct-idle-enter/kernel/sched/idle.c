// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative: the idle event is emitted while RCU still watches, and again after
 * ct_idle_exit(); nothing runs between ct_idle_enter() and ct_idle_exit() but the poll.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static int __read_mostly cpu_idle_force_poll;

static noinline int __cpuidle cpu_idle_poll(void)
{
	unsigned int cpu = smp_processor_id();

	trace_cpu_idle(1, cpu);		/* ok: before ct_idle_enter(), RCU is watching */
	stop_critical_timings();
	ct_idle_enter();
	local_irq_enable();
	while (!tif_need_resched() && cpu_idle_force_poll)
		cpu_relax();
	ct_idle_exit();
	start_critical_timings();
	trace_cpu_idle(PWR_EVENT_EXIT, cpu);	/* ok: after ct_idle_exit() */
	return 1;
}
