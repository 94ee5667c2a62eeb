// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: the machine check handler. It runs like an NMI but is not one of the
 * named NMI entry points: it is NMI context only because it calls irqentry_nmi_enter().
 */
#include <linux/irq_work.h>
#include <asm/mce.h>

static struct irq_work mce_irq_work;

void mce_log(struct mce *m)
{
	/* The record is taken in MCE context; the work that reports it runs later. */
	if (!mce_gen_pool_add(m))
		irq_work_queue(&mce_irq_work);
}

noinstr void do_machine_check(struct pt_regs *regs)
{
	struct mce m;

	mce_gather_info(&m, regs);
	if (mce_severity(&m, regs) > 0)
		mce_log(&m);
}

static __always_inline void exc_machine_check_kernel(struct pt_regs *regs)
{
	irqentry_state_t irq_state;

	irq_state = irqentry_nmi_enter(regs);

	do_machine_check(regs);

	irqentry_nmi_exit(regs, irq_state);
}

DEFINE_IDTENTRY_MCE(exc_machine_check)
{
	unsigned long dr7;

	dr7 = local_db_save();
	exc_machine_check_kernel(regs);
	local_db_restore(dr7);
}
