// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: x86's idle instruction.
 */
#include <linux/cpu.h>

void __cpuidle default_idle(void)
{
	raw_safe_halt();
	raw_local_irq_disable();
}
EXPORT_SYMBOL(default_idle);

void __cpuidle arch_cpu_idle(void)
{
	default_idle();
}
