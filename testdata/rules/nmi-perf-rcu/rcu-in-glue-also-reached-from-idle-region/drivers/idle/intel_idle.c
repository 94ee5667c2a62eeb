// SPDX-License-Identifier: GPL-2.0-only
/* Fixture part: an idle driver that syncs the LBRs inside the RCU-idle region. */
#include <linux/cpuidle.h>

static __cpuidle int intel_idle_deep(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index)
{
	unsigned long eax = flg2MWAIT(drv->states[index].flags);

	ct_idle_enter();
	x86_pmu_lbr_sync(true);
	mwait_idle_with_hints(eax, 1);
	x86_pmu_lbr_sync(false);
	ct_idle_exit();
	return index;
}
