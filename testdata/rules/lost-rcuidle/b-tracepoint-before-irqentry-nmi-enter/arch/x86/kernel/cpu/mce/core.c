// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (b): entry code emits its event before irqentry_nmi_enter(), where RCU is not
 * watching yet (the machine check may have hit the idle loop).
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

	mce_gather_info(&m, regs);
	trace_mce_record(&m);	/* expect: lost-rcuidle error */
	irq_state = irqentry_nmi_enter(regs);
	do_machine_check(regs);
	irqentry_nmi_exit(regs, irq_state);
}
