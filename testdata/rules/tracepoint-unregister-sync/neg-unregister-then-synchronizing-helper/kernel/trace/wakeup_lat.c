// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the wait is in a helper, in the manner of perf_trace_event_unreg(): the
 * helper calls tracepoint_synchronize_unregister() before anything is freed.
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

static void wakeup_lat_sync(void)
{
	tracepoint_synchronize_unregister();
}

void wakeup_lat_stop(struct wakeup_lat *wl)
{
	tracepoint_probe_unregister(&__tracepoint_sched_switch, (void *)wakeup_lat_probe, wl);
	wakeup_lat_sync();
	free_percpu(wl->last_switch);	/* ok: the helper waited */
	kfree(wl);			/* ok */
}
