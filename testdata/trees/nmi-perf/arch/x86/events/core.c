// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: the x86 PMU interrupt, delivered as an NMI.
 */
#include <linux/perf_event.h>
#include <asm/nmi.h>

static atomic_t active_events;

static int perf_event_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	u64 start_clock, finish_clock;
	int ret;

	/* Without events there is no PMU interrupt to claim. */
	if (!atomic_read(&active_events))
		return NMI_DONE;

	start_clock = sched_clock();
	ret = x86_pmu.handle_irq(regs);
	finish_clock = sched_clock();

	perf_sample_event_took(finish_clock - start_clock);

	return ret;
}
NOKPROBE_SYMBOL(perf_event_nmi_handler);

static int __init init_hw_perf_events(void)
{
	pr_info("Performance Events: ");

	register_nmi_handler(NMI_LOCAL, perf_event_nmi_handler, 0, "PMI");
	return 0;
}
early_initcall(init_hw_perf_events);
