// SPDX-License-Identifier: GPL-2.0
/* A library helper that frees after a grace period, from irq_work. */
#include <linux/irq_work.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	irq_work_queue(&old->free_work);
}
