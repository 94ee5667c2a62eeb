// SPDX-License-Identifier: GPL-2.0
/* A library helper outside perf and tracing glue that takes the filter mutex. */
#include <linux/slab.h>
#include <linux/tp_filter.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	tp_filter_lock();
	kfree(old);
	tp_filter_unlock();
}
