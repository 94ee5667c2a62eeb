// SPDX-License-Identifier: GPL-2.0
/* Demo: perf's tracepoint glue, reached from NMI through the perf probe. */
#include <linux/tracepoint.h>

void perf_tp_event(u16 event_type, u64 count, void *record, int entry_size,
		   struct pt_regs *regs, struct hlist_head *head, int rctx,
		   struct task_struct *task)
{
	struct perf_event_context *ctx;

	if (task && task != current) {
		rcu_read_lock();
		ctx = rcu_dereference(task->perf_event_ctxp);
		if (ctx)
			perf_tp_event_target_task(count, record, regs, ctx);
		rcu_read_unlock();
	}
}

void perf_trace_run_bpf_submit(void *raw_data, int size, int rctx,
			       struct trace_event_call *call, u64 count,
			       struct pt_regs *regs, struct hlist_head *head,
			       struct task_struct *task)
{
	perf_tp_event(call->event.type, count, raw_data, size, regs, head, rctx, task);
}

static long _perf_ioctl(struct perf_event *event, unsigned int cmd, unsigned long arg)
{
	/* Reached only from the ioctl system call: not NMI-reachable, nothing to flag. */
	rcu_read_lock();
	rcu_read_unlock();
	return 0;
}

static long perf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return _perf_ioctl(file->private_data, cmd, arg);
}

static const struct file_operations perf_fops = {
	.unlocked_ioctl		= perf_ioctl,
};
