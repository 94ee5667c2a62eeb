// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative: the traced firmware call is made before ct_idle_enter(); inside the region the
 * driver uses an untraced variant.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

static long fw_call(unsigned long fn, unsigned long arg)
{
	trace_cpu_idle(fn, arg);	/* ok: only called while RCU watches */
	return fw_trap(fn, arg);
}

static long fw_call_notrace(unsigned long fn, unsigned long arg)
{
	return fw_trap(fn, arg);
}

static int fw_enter_idle(struct cpuidle_device *dev, struct cpuidle_driver *drv, int idx)
{
	int ret;

	fw_call(0x1, idx);
	ct_idle_enter();
	ret = fw_call_notrace(0x48534d, idx);
	ct_idle_exit();
	return ret;
}
