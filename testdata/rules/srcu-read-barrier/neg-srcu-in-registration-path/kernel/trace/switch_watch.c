// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: SRCU on the registration path. Enabling the watch reads the watch list under
 * SRCU once, then registers a probe that takes none.
 */
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(watch_srcu);
static LIST_HEAD(watch_list);

static void switch_watch_probe(void *data, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	struct switch_watch *w = data;

	if (next->pid == w->pid)
		atomic_inc(&w->hits);
}

int switch_watch_enable(pid_t pid)
{
	struct switch_watch *w;
	int idx, ret = -ENOENT;

	idx = srcu_read_lock(&watch_srcu);	/* ok: runs once, at enable time */
	list_for_each_entry_srcu(w, &watch_list, list, srcu_read_lock_held(&watch_srcu)) {
		if (w->pid == pid) {
			ret = register_trace_sched_switch(switch_watch_probe, w);
			break;
		}
	}
	srcu_read_unlock(&watch_srcu, idx);
	return ret;
}
