/* SPDX-License-Identifier: GPL-2.0+ */
/* Fixture: RCU Tasks Trace read side (present since 5.8). */
#ifndef __LINUX_RCUPDATE_TRACE_H
#define __LINUX_RCUPDATE_TRACE_H

struct task_struct;
void rcu_read_unlock_trace_special(struct task_struct *t);

static inline void rcu_read_lock_trace(void)
{
	current->trc_reader_nesting++;
	barrier();
}

static inline void rcu_read_unlock_trace(void)
{
	barrier();
	if (--current->trc_reader_nesting == 0 && current->trc_reader_special.s)
		rcu_read_unlock_trace_special(current);
}

#endif
