// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: trace_cpu_idle_rcuidle() inside the idle region is what _rcuidle is for: the
 * tree's __DO_TRACE takes SRCU and makes RCU watch (ct_irq_enter_irqson()) around the
 * probes of rcuidle callers.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

int cpuidle_enter_state(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	struct cpuidle_state *target_state = &drv->states[index];
	int entered_state;

	ct_idle_enter();
	trace_cpu_idle_rcuidle(index, dev->cpu);	/* ok: rcuidle variant, RCU made to watch */
	entered_state = target_state->enter(dev, drv, index);
	trace_cpu_idle_rcuidle(PWR_EVENT_EXIT, dev->cpu);	/* ok: rcuidle variant */
	ct_idle_exit();

	return entered_state;
}
