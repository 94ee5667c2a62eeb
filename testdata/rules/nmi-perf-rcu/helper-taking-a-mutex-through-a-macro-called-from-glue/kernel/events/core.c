// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: perf_tp_event() calls a library helper that takes a mutex through a wrapper
 * macro: a macro is its body where it is invoked, so the helper sleeps in its own body.
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

	tp_filter_retire(old);	/* expect: nmi-perf-rcu error */
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
