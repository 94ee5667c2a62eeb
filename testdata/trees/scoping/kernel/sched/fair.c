// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: a static helper whose name another file also uses for its own static.
 */
#include "sched.h"

static void update_curr(struct cfs_rq *cfs_rq)
{
	struct sched_entity *curr = cfs_rq->curr;
	u64 now = rq_clock_task(rq_of(cfs_rq));

	if (unlikely(!curr))
		return;
	curr->sum_exec_runtime += now - curr->exec_start;
	curr->exec_start = now;
}

void task_tick_fair(struct rq *rq, struct task_struct *curr, int queued)
{
	struct cfs_rq *cfs_rq = &rq->cfs;

	update_curr(cfs_rq);
}
