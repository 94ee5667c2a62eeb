// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: generic NMI entry and exit. RCU starts watching at ct_nmi_enter().
 */
#include <linux/context_tracking.h>
#include <linux/instrumentation.h>

noinstr irqentry_state_t irqentry_nmi_enter(struct pt_regs *regs)
{
	irqentry_state_t irq_state;

	irq_state.lockdep = lockdep_hardirqs_enabled();
	__nmi_enter();
	lockdep_hardirqs_off(CALLER_ADDR0);
	ct_nmi_enter();

	instrumentation_begin();
	ftrace_nmi_enter();
	instrumentation_end();

	return irq_state;
}

noinstr void irqentry_nmi_exit(struct pt_regs *regs, irqentry_state_t irq_state)
{
	instrumentation_begin();
	ftrace_nmi_exit();
	instrumentation_end();

	ct_nmi_exit();
	if (irq_state.lockdep)
		lockdep_hardirqs_on(CALLER_ADDR0);
	__nmi_exit();
}
