// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: a caller of update_curr() that defines none: both definitions are
 * static to other files, so neither is the callee.
 */
#include "sched.h"

void scheduler_tick(void)
{
	struct rq *rq = this_rq();

	rq_lock(rq);
	update_rq_clock(rq);
	update_curr(rq);
	task_tick_fair(rq, rq->curr, 0);
	task_tick_rt(rq, rq->curr, 0);
	rq_unlock(rq);
}
