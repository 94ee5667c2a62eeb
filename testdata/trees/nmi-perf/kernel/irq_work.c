// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: irq_work, the way NMI context hands work to a safer context.
 */
#include <linux/irq_work.h>

static bool irq_work_claim(struct irq_work *work)
{
	int oflags;

	oflags = atomic_fetch_or(IRQ_WORK_CLAIMED, &work->node.a_flags);
	return !(oflags & IRQ_WORK_PENDING);
}

static void __irq_work_queue_local(struct irq_work *work)
{
	if (llist_add(&work->node.llist, this_cpu_ptr(&raised_list)))
		irq_work_raise(work);
}

bool irq_work_queue(struct irq_work *work)
{
	if (!irq_work_claim(work))
		return false;

	preempt_disable();
	__irq_work_queue_local(work);
	preempt_enable();

	return true;
}
EXPORT_SYMBOL_GPL(irq_work_queue);
