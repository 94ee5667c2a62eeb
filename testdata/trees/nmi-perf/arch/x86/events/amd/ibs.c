// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: AMD instruction-based sampling; its samples arrive by NMI.
 */
#include <linux/perf_event.h>
#include <asm/nmi.h>

struct perf_ibs {
	struct pmu pmu;
	struct cpu_perf_ibs __percpu *pcpu;
};

static struct perf_ibs perf_ibs_fetch;
static struct perf_ibs perf_ibs_op;

static int perf_ibs_handle_irq(struct perf_ibs *perf_ibs, struct pt_regs *iregs)
{
	struct cpu_perf_ibs *pcpu = this_cpu_ptr(perf_ibs->pcpu);
	struct perf_event *event = pcpu->event;
	struct perf_sample_data data;
	struct pt_regs regs;

	if (!event)
		return 0;

	perf_sample_data_init(&data, 0, event->hw.last_period);
	regs = *iregs;
	if (perf_event_overflow(event, &data, &regs))
		perf_ibs_stop(event, 0);

	return 1;
}

static int perf_ibs_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	u64 stamp = sched_clock();
	int handled = 0;

	handled += perf_ibs_handle_irq(&perf_ibs_fetch, regs);
	handled += perf_ibs_handle_irq(&perf_ibs_op, regs);

	perf_sample_event_took(sched_clock() - stamp);

	return handled;
}
NOKPROBE_SYMBOL(perf_ibs_nmi_handler);

static __init int perf_event_ibs_init(void)
{
	perf_ibs_pmu_init(&perf_ibs_fetch, "ibs_fetch");
	perf_ibs_pmu_init(&perf_ibs_op, "ibs_op");

	register_nmi_handler(NMI_LOCAL, perf_ibs_nmi_handler, 0, "perf_ibs");
	pr_info("perf: AMD IBS detected\n");
	return 0;
}
