// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: two idle regions in one function; the event between them is emitted after
 * the first ct_idle_exit() and before the second ct_idle_enter(), with RCU watching.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

int cpuidle_enter_s2idle_pair(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	ct_idle_enter();
	drv->states[index].enter_s2idle(dev, drv, index);
	ct_idle_exit();

	trace_cpu_idle(index, dev->cpu);	/* ok: between the regions, RCU is watching */

	ct_idle_enter();
	drv->states[index].enter_s2idle(dev, drv, index);
	ct_idle_exit();
	return index;
}
