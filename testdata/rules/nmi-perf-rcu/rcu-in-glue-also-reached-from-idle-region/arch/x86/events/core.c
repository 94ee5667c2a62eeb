// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (error): x86_pmu_lbr_sync() walks the LBR users under rcu_read_lock(). The PMU
 * NMI handler calls it, and so does the idle driver between ct_idle_enter() and
 * ct_idle_exit(), where RCU is not watching.
 */
#include <linux/perf_event.h>
#include <asm/nmi.h>

static LIST_HEAD(lbr_users);

void x86_pmu_lbr_sync(bool lopwr_in)
{
	struct perf_event *event;

	rcu_read_lock();	/* expect: nmi-perf-rcu error */
	list_for_each_entry_rcu(event, &lbr_users, lbr_entry)
		x86_pmu_lbr_save(event, lopwr_in);
	rcu_read_unlock();
}

static int perf_event_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	x86_pmu_lbr_sync(false);
	return x86_pmu_handle_overflows(regs);
}

static int __init init_hw_perf_events(void)
{
	register_nmi_handler(NMI_LOCAL, perf_event_nmi_handler, 0, "PMI");
	return 0;
}
early_initcall(init_hw_perf_events);
