// SPDX-License-Identifier: GPL-2.0
/*
 * Positive, once each: perf_tp_event() waits for grace periods and takes a mutex on a path
 * reached from NMI, in a tree that defines synchronize_rcu(), synchronize_srcu() and
 * mutex_lock() too (their bodies sleep): each call is one error, not one more as a call of a
 * sleeping helper.
 */
#include <linux/perf_event.h>
#include <linux/trace_events.h>

static void perf_swevent_event(struct perf_event *event, u64 nr, struct perf_sample_data *data,
			       struct pt_regs *regs)
{
	local64_add(nr, &event->count);
}

static void perf_tp_filter_replace(struct perf_tp_filter *f)
{
	struct perf_tp_filter *old = xchg(&tp_filter, f);

	synchronize_rcu();	/* expect: nmi-perf-rcu error */
	synchronize_srcu(&tp_filter_srcu);	/* expect: nmi-perf-rcu error */
	mutex_lock(&tp_filter_mutex);	/* expect: nmi-perf-rcu error */
	kfree(old);
	mutex_unlock(&tp_filter_mutex);
}

void perf_tp_event(u16 event_type, u64 count, void *record, int entry_size, struct pt_regs *regs,
		   struct hlist_head *head, int rctx, struct task_struct *task)
{
	struct perf_sample_data data;
	struct perf_event *event;

	perf_sample_data_init(&data, 0, 0);
	hlist_for_each_entry(event, head, hlist_entry)
		perf_swevent_event(event, count, &data, regs);
	if (unlikely(READ_ONCE(tp_filter_pending)))
		perf_tp_filter_replace(READ_ONCE(tp_filter_pending));
	perf_swevent_put_recursion_context(rctx);
}

void perf_trace_run_bpf_submit(void *raw_data, int size, int rctx, struct trace_event_call *call,
			       u64 count, struct pt_regs *regs, struct hlist_head *head,
			       struct task_struct *task)
{
	if (bpf_prog_array_valid(call) && !trace_call_bpf(call, raw_data)) {
		perf_swevent_put_recursion_context(rctx);
		return;
	}
	perf_tp_event(call->event.type, count, raw_data, size, regs, head, rctx, task);
}
