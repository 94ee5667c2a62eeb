// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: irq on/off tracing, the best-known _rcuidle caller: it can run from the idle
 * loop with RCU not watching.
 */
#include <linux/irqflags.h>
#include <trace/events/preemptirq.h>

static DEFINE_PER_CPU(int, tracing_irq_cpu);

void trace_hardirqs_on(void)
{
	if (this_cpu_read(tracing_irq_cpu)) {
		trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);
		this_cpu_write(tracing_irq_cpu, 0);
	}
}

void trace_hardirqs_off(void)
{
	if (!this_cpu_read(tracing_irq_cpu)) {
		this_cpu_write(tracing_irq_cpu, 1);
		trace_irq_disable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);
	}
}
