// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: an NMI handler outside perf and tracing uses RCU after nmi_handle() runs it;
 * irqentry_nmi_enter() in exc_nmi has made RCU watch by then, and nmi_handle() itself
 * walks its handler list the same way. nmi-perf-rcu judges perf's glue only.
 */
#include <linux/nmi.h>
#include <linux/rculist.h>
#include <asm/nmi.h>

static LIST_HEAD(decoders);

static int edac_nmi_decode(unsigned int type, struct pt_regs *regs)
{
	struct edac_decoder *d;
	int handled = NMI_DONE;

	rcu_read_lock();	/* ok: RCU watches after irqentry_nmi_enter() */
	list_for_each_entry_rcu(d, &decoders, list) {
		if (d->decode(regs))
			handled = NMI_HANDLED;
	}
	rcu_read_unlock();
	return handled;
}

static int __init edac_nmi_init(void)
{
	return register_nmi_handler(NMI_UNKNOWN, edac_nmi_decode, 0, "edac");
}
device_initcall(edac_nmi_init);
