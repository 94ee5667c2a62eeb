// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive: an NMI handler (registered with register_nmi_handler(), run by nmi_handle()
 * from exc_nmi) takes a classic SRCU read side, which is not NMI-safe; this 6.13-shaped
 * tree offers srcu_read_lock_nmisafe(), and the suggestion names it.
 */
#include <linux/nmi.h>
#include <linux/srcu.h>
#include <asm/nmi.h>

DEFINE_STATIC_SRCU(hpwdt_srcu);
static struct hpwdt_state __rcu *hpwdt_state;

static int hpwdt_pretimeout(unsigned int ulReason, struct pt_regs *regs)
{
	struct hpwdt_state *st;
	int idx, ret = NMI_DONE;

	idx = srcu_read_lock(&hpwdt_srcu);	/* expect: srcu-read-barrier error */
	st = srcu_dereference(hpwdt_state, &hpwdt_srcu);
	if (st && st->armed)
		ret = NMI_HANDLED;
	srcu_read_unlock(&hpwdt_srcu, idx);
	return ret;
}

static int hpwdt_init_nmi_decoding(void)
{
	return register_nmi_handler(NMI_UNKNOWN, hpwdt_pretimeout, 0, "hpwdt");
}
