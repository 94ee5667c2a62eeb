// SPDX-License-Identifier: GPL-2.0
/* x86's own: waits for the grace period itself. */
#include <linux/rcupdate.h>
#include <linux/slab.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	synchronize_rcu();
	kfree(old);
}
