// SPDX-License-Identifier: GPL-2.0-only
/* The idle loop enables interrupts inside the region. */
#include <linux/irqflags.h>

static noinline int __cpuidle cpu_idle_poll(void)
{
	ct_idle_enter();
	local_irq_enable();
	while (!tif_need_resched())
		cpu_relax();
	ct_idle_exit();
	return 1;
}
