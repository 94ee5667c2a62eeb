// SPDX-License-Identifier: GPL-2.0
/*
 * Positive (b), behind a macro: the rcuidle event of trace_hardirqs_on() turned into a plain
 * one. local_irq_enable() runs it from inside idle regions, where RCU is not watching.
 */
#include <linux/irqflags.h>
#include <trace/events/preemptirq.h>

void trace_hardirqs_on(void)
{
	if (this_cpu_read(tracing_irq_cpu)) {
		trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);	/* expect: lost-rcuidle warning */
		this_cpu_write(tracing_irq_cpu, 0);
	}
}
