// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: x86 NMI entry and the walk over registered handlers (6.1 shape).
 */
#include <linux/instrumentation.h>
#include <linux/rculist.h>
#include <asm/nmi.h>

#define CREATE_TRACE_POINTS
#include <trace/events/nmi.h>

struct nmi_desc {
	raw_spinlock_t lock;
	struct list_head head;
};

static struct nmi_desc nmi_desc[NMI_MAX];
static bool ignore_nmis __read_mostly;

#define nmi_to_desc(type) (&nmi_desc[type])

static int nmi_handle(unsigned int type, struct pt_regs *regs)
{
	struct nmi_desc *desc = nmi_to_desc(type);
	struct nmiaction *a;
	int handled = 0;

	/* NMIs are edge-triggered: one may stand for several, so every handler runs. */
	rcu_read_lock();
	list_for_each_entry_rcu(a, &desc->head, list) {
		u64 delta = sched_clock();
		int thishandled = a->handler(type, regs);

		handled += thishandled;
		delta = sched_clock() - delta;
		trace_nmi_handler(a->handler, (int)delta, thishandled);
	}
	rcu_read_unlock();

	return handled;
}
NOKPROBE_SYMBOL(nmi_handle);

int __register_nmi_handler(unsigned int type, struct nmiaction *action)
{
	struct nmi_desc *desc = nmi_to_desc(type);
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	if (action->flags & NMI_FLAG_FIRST)
		list_add_rcu(&action->list, &desc->head);
	else
		list_add_tail_rcu(&action->list, &desc->head);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}
EXPORT_SYMBOL(__register_nmi_handler);

static void unknown_nmi_error(unsigned char reason, struct pt_regs *regs)
{
	if (nmi_handle(NMI_UNKNOWN, regs))
		return;
	pr_emerg("NMI for unknown reason %02x on CPU %d\n", reason, smp_processor_id());
}

static noinstr void default_do_nmi(struct pt_regs *regs)
{
	unsigned char reason;

	instrumentation_begin();

	if (nmi_handle(NMI_LOCAL, regs))
		goto out;

	reason = x86_platform.get_nmi_reason();
	unknown_nmi_error(reason, regs);
out:
	instrumentation_end();
}

DEFINE_IDTENTRY_RAW(exc_nmi)
{
	irqentry_state_t irq_state;

	if (arch_cpu_is_offline(smp_processor_id()))
		return;

	irq_state = irqentry_nmi_enter(regs);

	inc_irq_stat(__nmi_count);
	if (!ignore_nmis)
		default_do_nmi(regs);

	irqentry_nmi_exit(regs, irq_state);
}
