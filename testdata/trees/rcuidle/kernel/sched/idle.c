// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: the generic idle loop (6.1 shape). RCU stops watching this CPU
 * between ct_idle_enter() and ct_idle_exit().
 */
#include <linux/cpuidle.h>
#include <linux/tick.h>
#include <trace/events/power.h>

static int __read_mostly cpu_idle_force_poll;

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

void __cpuidle default_idle_call(void)
{
	if (current_clr_polling_and_test()) {
		local_irq_enable();
		return;
	}

	trace_cpu_idle(1, smp_processor_id());
	stop_critical_timings();

	ct_idle_enter();
	arch_cpu_idle();
	ct_idle_exit();

	start_critical_timings();
	trace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());
}

static void do_idle(void)
{
	int cpu = smp_processor_id();

	while (!need_resched()) {
		local_irq_disable();
		if (cpu_idle_force_poll || tick_check_broadcast_expired())
			cpu_idle_poll();
		else
			default_idle_call();
	}
}
