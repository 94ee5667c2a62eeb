// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive: the PMU interrupt handler is registered with register_nmi_handler() and so
 * runs from exc_nmi -> default_do_nmi -> nmi_handle; it walks the active events under
 * rcu_read_lock().
 */
#include <linux/perf_event.h>
#include <asm/nmi.h>

static LIST_HEAD(x86_pmu_active_events);

static int perf_event_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	struct perf_event *event;
	int handled = 0;

	rcu_read_lock();	/* expect: nmi-perf-rcu warning */
	list_for_each_entry_rcu(event, &x86_pmu_active_events, active_entry) {
		if (x86_perf_event_overflowed(event))
			handled += x86_perf_event_handle(event, regs);
	}
	rcu_read_unlock();
	return handled;
}

static int __init init_hw_perf_events(void)
{
	register_nmi_handler(NMI_LOCAL, perf_event_nmi_handler, 0, "PMI");
	return 0;
}
early_initcall(init_hw_perf_events);
