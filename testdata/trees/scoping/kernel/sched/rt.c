// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: the same static name as fair.c, with its own body.
 */
#include "sched.h"

static void update_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (curr->sched_class != &rt_sched_class)
		return;
	curr->se.exec_start = rq_clock_task(rq);
	sched_rt_runtime_exceeded(&rq->rt);
}

void task_tick_rt(struct rq *rq, struct task_struct *p, int queued)
{
	update_curr(rq);
}
