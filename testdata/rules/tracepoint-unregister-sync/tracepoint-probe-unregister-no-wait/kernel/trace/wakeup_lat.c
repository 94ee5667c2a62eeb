// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: tracepoint_probe_unregister() and then kfree() of the data the probe
 * writes to, with no wait in between.
 */
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <trace/events/sched.h>

struct wakeup_lat {
	u64 __percpu *last_switch;
	struct list_head list;
};

static void wakeup_lat_probe(void *data, bool preempt, struct task_struct *prev,
			     struct task_struct *next, unsigned int prev_state)
{
	struct wakeup_lat *wl = data;

	*this_cpu_ptr(wl->last_switch) = sched_clock();
}

int wakeup_lat_start(struct wakeup_lat *wl)
{
	return tracepoint_probe_register(&__tracepoint_sched_switch, (void *)wakeup_lat_probe, wl);
}

void wakeup_lat_stop(struct wakeup_lat *wl)
{
	tracepoint_probe_unregister(&__tracepoint_sched_switch, (void *)wakeup_lat_probe, wl);
	list_del(&wl->list);
	kfree(wl);	/* expect: tracepoint-unregister-sync error */
}
