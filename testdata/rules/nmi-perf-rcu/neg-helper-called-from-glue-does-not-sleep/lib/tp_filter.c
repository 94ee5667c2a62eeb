// SPDX-License-Identifier: GPL-2.0
/* A library helper that defers freeing to irq_work, then to process context. */
#include <linux/irq_work.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

static void tp_filter_free_work(struct work_struct *work)
{
	struct perf_tp_filter *old = container_of(work, struct perf_tp_filter, free_work);

	synchronize_rcu();
	kfree(old);
}

void tp_filter_retire(struct perf_tp_filter *old)
{
	INIT_WORK(&old->free_work, tp_filter_free_work);
	queue_work(system_wq, &old->free_work);
}
