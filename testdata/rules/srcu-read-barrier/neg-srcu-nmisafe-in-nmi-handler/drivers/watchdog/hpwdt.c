// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative: the NMI handler uses srcu_read_lock_nmisafe(), which this tree defines
 * (include/linux/srcu.h of the 6.13 support) and which is safe in NMI.
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

	idx = srcu_read_lock_nmisafe(&hpwdt_srcu);	/* ok: NMI-safe flavour */
	st = srcu_dereference(hpwdt_state, &hpwdt_srcu);
	if (st && st->armed)
		ret = NMI_HANDLED;
	srcu_read_unlock_nmisafe(&hpwdt_srcu, idx);
	return ret;
}

static int hpwdt_init_nmi_decoding(void)
{
	return register_nmi_handler(NMI_UNKNOWN, hpwdt_pretimeout, 0, "hpwdt");
}
