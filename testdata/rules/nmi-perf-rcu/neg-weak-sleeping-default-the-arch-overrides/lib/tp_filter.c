// SPDX-License-Identifier: GPL-2.0
/* The generic default: waits for a grace period; architectures may do better. */
#include <linux/rcupdate.h>
#include <linux/slab.h>

void __weak tp_filter_retire(struct perf_tp_filter *old)
{
	synchronize_rcu();
	kfree(old);
}
