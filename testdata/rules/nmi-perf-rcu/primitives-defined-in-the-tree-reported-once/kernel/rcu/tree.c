// SPDX-License-Identifier: GPL-2.0+
/* The primitive's own definition, shaped like kernel/rcu/tree.c's. */
#include <linux/rcupdate.h>

void synchronize_rcu(void)
{
	might_sleep();
	if (rcu_gp_is_expedited())
		synchronize_rcu_expedited();
	else
		wait_rcu_gp(call_rcu);
}
