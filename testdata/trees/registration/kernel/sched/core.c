// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: where the scheduler tracepoints fire.
 */
#define CREATE_TRACE_POINTS
#include <trace/events/sched.h>
#include "sched.h"

void add_nr_running(struct rq *rq, unsigned int count)
{
	rq->nr_running += count;
	if (trace_sched_update_nr_running_tp_enabled())
		call_trace_sched_update_nr_running(rq, count);
}

void call_trace_sched_update_nr_running(struct rq *rq, int count)
{
	trace_sched_update_nr_running_tp(rq, count);
}

static void __sched notrace __schedule(unsigned int sched_mode)
{
	struct task_struct *prev, *next;
	struct rq *rq = this_rq();

	prev = rq->curr;
	next = pick_next_task(rq, prev);
	if (likely(prev != next)) {
		trace_sched_switch(sched_mode & SM_MASK_PREEMPT, prev, next, READ_ONCE(prev->__state));
		rq = context_switch(rq, prev, next);
	}
}
