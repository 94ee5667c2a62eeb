// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: arm's idle entry, the same symbol as x86's in another architecture.
 */
#include <linux/cpu.h>

void (*arm_pm_idle)(void);

void arch_cpu_idle(void)
{
	if (arm_pm_idle)
		arm_pm_idle();
	else
		cpu_do_idle();
	raw_local_irq_enable();
}
