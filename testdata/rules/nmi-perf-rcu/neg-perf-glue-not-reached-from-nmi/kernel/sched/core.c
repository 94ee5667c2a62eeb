// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: the context switch emits sched_switch (process context, RCU watching). */
#include <linux/sched.h>
#include <trace/events/sched.h>

static void __sched notrace __schedule(unsigned int sched_mode)
{
	struct task_struct *prev = current, *next;
	struct rq *rq = this_rq();

	next = pick_next_task(rq, prev);
	if (likely(prev != next)) {
		trace_sched_switch(sched_mode & SM_MASK_PREEMPT, prev, next, READ_ONCE(prev->__state));
		rq = context_switch(rq, prev, next);
	}
}
