// SPDX-License-Identifier: GPL-2.0+
/* The primitive's own definition, shaped like kernel/rcu/srcutree.c's. */
#include <linux/srcu.h>

void synchronize_srcu(struct srcu_struct *ssp)
{
	if (srcu_might_be_idle(ssp) || rcu_gp_is_expedited())
		synchronize_srcu_expedited(ssp);
	else
		__synchronize_srcu(ssp, true);
}
