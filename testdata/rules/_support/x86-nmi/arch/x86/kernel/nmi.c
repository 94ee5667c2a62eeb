// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: the x86 NMI entry path of 6.1 (written for tpsync's tests, not taken from the
 * kernel): exc_nmi -> default_do_nmi -> nmi_handle, which emits trace_nmi_handler() for
 * every handler it runs.
 */
#include <linux/nmi.h>
#include <asm/nmi.h>

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
		u64 before = sched_clock();
		int thishandled = a->handler(type, regs);

		handled += thishandled;
		trace_nmi_handler(a->handler, (int)(sched_clock() - before), thishandled);
	}
	return handled;
}
NOKPROBE_SYMBOL(nmi_handle);

int __register_nmi_handler(unsigned int type, struct nmiaction *action)
{
	struct nmi_desc *desc = &nmi_desc[type];
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	list_add_rcu(&action->list, &desc->head);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}

static noinstr void default_do_nmi(struct pt_regs *regs)
{
	int handled;

	handled = nmi_handle(NMI_LOCAL, regs);
	if (handled)
		return;
	unknown_nmi_error(regs);
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
