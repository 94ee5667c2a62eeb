// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: perf_tp_event() looks up the target task's context under rcu_read_lock().
 * perf's tracepoint probe reaches it from NMI (exc_nmi -> default_do_nmi -> nmi_handle ->
 * trace_nmi_handler -> perf_trace_nmi_handler -> perf_trace_run_bpf_submit).
 */
#include <linux/perf_event.h>
#include <linux/trace_events.h>

static void perf_swevent_event(struct perf_event *event, u64 nr, struct perf_sample_data *data,
			       struct pt_regs *regs)
{
	local64_add(nr, &event->count);
}

void perf_tp_event(u16 event_type, u64 count, void *record, int entry_size, struct pt_regs *regs,
		   struct hlist_head *head, int rctx, struct task_struct *task)
{
	struct perf_sample_data data;
	struct perf_event_context *ctx;
	struct perf_event *event;

	perf_sample_data_init(&data, 0, 0);
	hlist_for_each_entry(event, head, hlist_entry)
		perf_swevent_event(event, count, &data, regs);

	if (task && task != current) {
		rcu_read_lock();	/* expect: nmi-perf-rcu warning */
		ctx = rcu_dereference(task->perf_event_ctxp);
		if (ctx) {
			list_for_each_entry_rcu(event, &ctx->event_list, event_entry)
				perf_swevent_event(event, count, &data, regs);
		}
		rcu_read_unlock();
	}
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
