// SPDX-License-Identifier: GPL-2.0
/* Demo: an idle loop. The first tracepoint is fine; the second runs while RCU is not watching. */
#include <linux/tracepoint.h>

static noinline int __cpuidle demo_idle_poll(void)
{
	trace_cpu_idle(0, smp_processor_id());
	ct_idle_enter();
	local_irq_enable();
	trace_demo_sample(1);
	while (!tif_need_resched())
		cpu_relax();
	ct_idle_exit();
	trace_cpu_idle(PWR_EVENT_EXIT, smp_processor_id());
	return 1;
}
