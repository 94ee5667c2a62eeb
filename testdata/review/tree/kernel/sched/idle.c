// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: the polling idle loop, written for the tests (not kernel
 * source). The idle event fires before RCU stops watching.
 */
#include <linux/cpuidle.h>
#include <linux/context_tracking.h>
#include <trace/events/power.h>

static int cpu_idle_force_poll;

static noinline int __cpuidle cpu_idle_poll(void)
{
	trace_cpu_idle(0, smp_processor_id());
	stop_critical_timings();
	ct_idle_enter();
	local_irq_enable();

	while (!tif_need_resched() &&
	       (cpu_idle_force_poll || tick_check_broadcast_expired()))
		cpu_relax();

	ct_idle_exit();
	start_critical_timings();
	trace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());

	return 1;
}

static void do_idle(void)
{
	int cpu = smp_processor_id();

	while (!need_resched()) {
		if (cpu_idle_force_poll || tick_check_broadcast_expired())
			cpu_idle_poll();
		else
			arch_cpu_idle_enter();
	}
	nohz_run_idle_balance(cpu);
}
