// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (b), one call away: the firmware call that suspends the hart is traced, and the
 * idle driver makes it after ct_idle_enter(), so the tracepoint's probes run with RCU blind.
 */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

static long fw_call(unsigned long fn, unsigned long arg)
{
	long ret;

	trace_cpu_idle(fn, arg);	/* expect: lost-rcuidle warning */
	ret = fw_trap(fn, arg);
	return ret;
}

static int fw_suspend(unsigned long state)
{
	return fw_call(0x48534d, state);
}

static int fw_enter_idle(struct cpuidle_device *dev, struct cpuidle_driver *drv, int idx)
{
	int ret;

	ct_idle_enter();
	ret = fw_suspend(idx);
	ct_idle_exit();
	return ret;
}
