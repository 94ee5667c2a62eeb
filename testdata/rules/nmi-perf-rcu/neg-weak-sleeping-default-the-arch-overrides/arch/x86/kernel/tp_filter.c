// SPDX-License-Identifier: GPL-2.0
/* x86's own: defers the wait to irq_work. */
#include <linux/irq_work.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	irq_work_queue(&old->free_work);
}
