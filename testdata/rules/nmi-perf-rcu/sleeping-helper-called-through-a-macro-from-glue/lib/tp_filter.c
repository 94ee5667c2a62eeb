// SPDX-License-Identifier: GPL-2.0
/* A library helper outside perf and tracing glue that waits for a grace period. */
#include <linux/rcupdate.h>
#include <linux/slab.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	synchronize_rcu();
	kfree(old);
}
