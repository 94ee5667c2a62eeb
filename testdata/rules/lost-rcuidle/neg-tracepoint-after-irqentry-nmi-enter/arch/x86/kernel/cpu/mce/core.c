// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative: entry code emits its event only after irqentry_nmi_enter(), when RCU watches.
 */
#include <linux/sched.h>
#include <trace/events/mce.h>

static noinstr void do_machine_check(struct pt_regs *regs)
{
	struct mce m;

	mce_gather_info(&m, regs);
	mce_log(&m);
}

DEFINE_IDTENTRY_RAW(exc_machine_check)
{
	irqentry_state_t irq_state;
	struct mce m;

	irq_state = irqentry_nmi_enter(regs);
	mce_gather_info(&m, regs);
	trace_mce_record(&m);	/* ok: after irqentry_nmi_enter(), RCU is watching */
	do_machine_check(regs);
	irqentry_nmi_exit(regs, irq_state);
}
