// SPDX-License-Identifier: GPL-2.0
/*
 * Positive (a) and (b): this tree's __DO_TRACE no longer makes RCU watch around rcuidle
 * probes, so even the _rcuidle variant inside the idle region runs its probes blind.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

int cpuidle_enter_state(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	struct cpuidle_state *target_state = &drv->states[index];
	int entered_state;

	ct_idle_enter();
	trace_cpu_idle_rcuidle(index, dev->cpu);	/* expect: lost-rcuidle error */
	entered_state = target_state->enter(dev, drv, index);
	trace_cpu_idle_rcuidle(PWR_EVENT_EXIT, dev->cpu);	/* expect: lost-rcuidle error */
	ct_idle_exit();

	return entered_state;
}
