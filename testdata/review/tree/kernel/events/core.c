// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: the perf side of tracepoints, written for the tests
 * (not kernel source). perf_trace_run_bpf_submit -> perf_tp_event takes RCU.
 */
#include <linux/perf_event.h>
#include <linux/rcupdate.h>
#include <linux/trace_events.h>

void perf_tp_event(u16 type, u64 count, void *record, int entry_size,
		   struct pt_regs *regs, struct hlist_head *head, int rctx,
		   struct task_struct *task)
{
	struct perf_sample_data data;
	struct perf_event *event;

	perf_sample_data_init(&data, 0, 0);
	data.raw = record;

	hlist_for_each_entry_rcu(event, head, hlist_entry) {
		if (perf_tp_event_match(event, &data, regs))
			perf_swevent_event(event, count, &data, regs);
	}

	if (task && task != current) {
		struct perf_event_context *ctx;

		rcu_read_lock();
		ctx = rcu_dereference(task->perf_event_ctxp);
		if (ctx)
			perf_tp_event_ctx(ctx, count, &data, regs);
		rcu_read_unlock();
	}

	perf_swevent_put_recursion_context(rctx);
}

void perf_trace_run_bpf_submit(void *raw_data, int size, int rctx,
			       struct trace_event_call *call, u64 count,
			       struct pt_regs *regs, struct hlist_head *head,
			       struct task_struct *task)
{
	if (bpf_prog_array_valid(call)) {
		*(struct pt_regs **)raw_data = regs;
		if (!trace_call_bpf(call, raw_data) || hlist_empty(head)) {
			perf_swevent_put_recursion_context(rctx);
			return;
		}
	}
	perf_tp_event(call->event.type, count, raw_data, size, regs, head,
		      rctx, task);
}

static long _perf_ioctl(struct perf_event *event, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
		perf_event_enable(event);
		return 0;
	case PERF_EVENT_IOC_RESET:
		return perf_event_count_readers(event);
	default:
		return -ENOTTY;
	}
}

static long perf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct perf_event *event = file->private_data;

	return _perf_ioctl(event, cmd, arg);
}

static const struct file_operations perf_fops = {
	.unlocked_ioctl		= perf_ioctl,
};
