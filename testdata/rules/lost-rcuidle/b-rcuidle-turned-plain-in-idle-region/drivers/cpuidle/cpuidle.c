// SPDX-License-Identifier: GPL-2.0
/*
 * Positive (b): the first event of the pair lost its _rcuidle suffix while it stayed
 * inside the idle region; the second is still right.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

int cpuidle_enter_state(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	struct cpuidle_state *target_state = &drv->states[index];
	int entered_state;

	ct_idle_enter();
	trace_cpu_idle(index, dev->cpu);	/* expect: lost-rcuidle error */
	entered_state = target_state->enter(dev, drv, index);
	trace_cpu_idle_rcuidle(PWR_EVENT_EXIT, dev->cpu);	/* ok: rcuidle variant */
	ct_idle_exit();

	return entered_state;
}
