// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: PELT signal updates, with a bare tracepoint for out-of-tree observers.
 */
#include <trace/events/sched.h>
#include "sched.h"

int __update_load_avg_cfs_rq(u64 now, struct cfs_rq *cfs_rq)
{
	if (___update_load_sum(now, &cfs_rq->avg, scale_load_down(cfs_rq->load.weight))) {
		___update_load_avg(&cfs_rq->avg, 1);
		trace_pelt_cfs_tp(cfs_rq);
		return 1;
	}
	return 0;
}
