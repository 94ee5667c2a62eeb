// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture part: the PMU NMI handler (registered with register_nmi_handler()) calls the
 * model's handle_irq, which reports overflows to the core.
 */
#include <linux/perf_event.h>
#include <asm/nmi.h>

static int x86_pmu_handle_irq(struct pt_regs *regs)
{
	struct perf_sample_data data;
	struct perf_event *event = this_cpu_read(overflowed_event);

	if (!event)
		return 0;
	perf_sample_data_init(&data, 0, event->hw.last_period);
	perf_event_overflow(event, &data, regs);
	return 1;
}

static struct x86_pmu x86_pmu = {
	.name		= "fixture",
	.handle_irq	= x86_pmu_handle_irq,
};

static int perf_event_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	return static_call(x86_pmu_handle_irq)(regs);
}

static int __init init_hw_perf_events(void)
{
	register_nmi_handler(NMI_LOCAL, perf_event_nmi_handler, 0, "PMI");
	return 0;
}
early_initcall(init_hw_perf_events);
