/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LINUX_RCUPDATE_TRACE_H
#define __LINUX_RCUPDATE_TRACE_H

/* Fixture: RCU Tasks Trace readers, for sleepable BPF and faultable tracepoints. */
static inline void rcu_read_lock_trace(void)
{
	struct task_struct *t = current;

	WRITE_ONCE(t->trc_reader_nesting, READ_ONCE(t->trc_reader_nesting) + 1);
	barrier();
}

#endif /* __LINUX_RCUPDATE_TRACE_H */
