// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: entering a cpuidle state. The state's ->enter() runs with RCU not
 * watching unless the state says it handles RCU itself.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

int cpuidle_enter_state(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	struct cpuidle_state *target_state = &drv->states[index];
	ktime_t time_start, time_end;
	int entered_state;

	trace_cpu_idle(index, dev->cpu);
	time_start = ns_to_ktime(local_clock());

	stop_critical_timings();
	if (!(target_state->flags & CPUIDLE_FLAG_RCU_IDLE))
		ct_idle_enter();
	entered_state = target_state->enter(dev, drv, index);
	if (!(target_state->flags & CPUIDLE_FLAG_RCU_IDLE))
		ct_idle_exit();
	start_critical_timings();

	time_end = ns_to_ktime(local_clock());
	trace_cpu_idle(PWR_EVENT_EXIT, dev->cpu);

	return entered_state;
}
