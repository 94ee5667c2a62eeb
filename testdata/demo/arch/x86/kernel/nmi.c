// SPDX-License-Identifier: GPL-2.0
/* Demo: the x86 NMI entry and handler walk. */
#include <linux/tracepoint.h>

static int nmi_handle(unsigned int type, struct pt_regs *regs)
{
	struct nmiaction *a;
	int handled = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(a, &nmi_desc[type].head, list) {
		int thishandled = a->handler(type, regs);

		handled += thishandled;
		trace_nmi_handler(a->handler, 0, thishandled);
	}
	rcu_read_unlock();
	return handled;
}

static noinstr void default_do_nmi(struct pt_regs *regs)
{
	int handled;

	handled = nmi_handle(NMI_LOCAL, regs);
	if (handled)
		return;
}

DEFINE_IDTENTRY_RAW(exc_nmi)
{
	irqentry_state_t irq_state;

	irq_state = irqentry_nmi_enter(regs);
	default_do_nmi(regs);
	irqentry_nmi_exit(regs, irq_state);
}
