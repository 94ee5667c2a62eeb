// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: x86 NMI entry, written for the tests (not kernel source).
 * exc_nmi -> default_do_nmi -> nmi_handle -> each handler, traced by nmi_handler.
 */
#include <linux/nmi.h>
#include <linux/sched/clock.h>
#include <asm/idtentry.h>

#define CREATE_TRACE_POINTS
#include <trace/events/nmi.h>

struct nmi_desc {
	raw_spinlock_t lock;
	struct list_head head;
};

static struct nmi_desc nmi_desc[NMI_MAX];

static int nmi_handle(unsigned int type, struct pt_regs *regs)
{
	struct nmi_desc *desc = &nmi_desc[type];
	struct nmiaction *a;
	int handled = 0;

	list_for_each_entry_rcu(a, &desc->head, list) {
		int thishandled;
		u64 delta;

		delta = sched_clock();
		thishandled = a->handler(type, regs);
		handled += thishandled;
		delta = sched_clock() - delta;
		trace_nmi_handler(a->handler, (int)delta, thishandled);
	}

	return handled;
}

static void default_do_nmi(struct pt_regs *regs)
{
	int handled;

	handled = nmi_handle(NMI_LOCAL, regs);
	if (handled)
		return;

	pr_emerg_ratelimited("Uhhuh. NMI received for unknown reason on CPU %d.\n",
			     smp_processor_id());
}

DEFINE_IDTENTRY_RAW(exc_nmi)
{
	irqentry_state_t irq_state;

	if (IS_ENABLED(CONFIG_SMP) && arch_cpu_is_offline(smp_processor_id()))
		return;

	irq_state = irqentry_nmi_enter(regs);

	inc_irq_stat(__nmi_count);

	default_do_nmi(regs);

	irqentry_nmi_exit(regs, irq_state);
}
