// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: the parts of perf core on the overflow, tracepoint and ioctl paths.
 */
#include <linux/perf_event.h>
#include <linux/irq_work.h>
#include <linux/rculist.h>

static int __perf_event_overflow(struct perf_event *event, int throttle,
				 struct perf_sample_data *data, struct pt_regs *regs)
{
	if (event->pending_kill) {
		event->pending_wakeup = 1;
		irq_work_queue(&event->pending_irq);
	}

	event->overflow_handler(event, data, regs);
	return 0;
}

int perf_event_overflow(struct perf_event *event, struct perf_sample_data *data,
			struct pt_regs *regs)
{
	return __perf_event_overflow(event, 1, data, regs);
}

static void perf_event_output_forward(struct perf_event *event, struct perf_sample_data *data,
				      struct pt_regs *regs)
{
	struct perf_output_handle handle;

	if (perf_output_begin_forward(&handle, data, event, data->size))
		return;
	perf_output_sample(&handle, data, event);
	perf_output_end(&handle);
}

static void perf_event_output_backward(struct perf_event *event, struct perf_sample_data *data,
				       struct pt_regs *regs)
{
	struct perf_output_handle handle;

	if (perf_output_begin_backward(&handle, data, event, data->size))
		return;
	perf_output_sample(&handle, data, event);
	perf_output_end(&handle);
}

static struct perf_event *perf_event_alloc(struct perf_event_attr *attr, int cpu,
					   perf_overflow_handler_t overflow_handler, void *context)
{
	struct perf_event *event = kmem_cache_alloc_node(perf_event_cache, GFP_KERNEL, cpu);

	if (!event)
		return ERR_PTR(-ENOMEM);

	if (overflow_handler) {
		event->overflow_handler = overflow_handler;
		event->overflow_handler_context = context;
	} else if (is_write_backward(event)) {
		event->overflow_handler = perf_event_output_backward;
		event->overflow_handler_context = NULL;
	} else {
		event->overflow_handler = perf_event_output_forward;
		event->overflow_handler_context = NULL;
	}
	return event;
}

static void perf_swevent_overflow(struct perf_event *event, u64 overflow,
				  struct perf_sample_data *data, struct pt_regs *regs)
{
	if (!overflow)
		return;
	__perf_event_overflow(event, 1, data, regs);
}

static void perf_swevent_event(struct perf_event *event, u64 nr,
			       struct perf_sample_data *data, struct pt_regs *regs)
{
	local64_add(nr, &event->count);
	if (is_sampling_event(event))
		perf_swevent_overflow(event, nr, data, regs);
}

static int perf_tp_event_match(struct perf_event *event, struct perf_sample_data *data,
			       struct pt_regs *regs)
{
	return !(event->hw.state & PERF_HES_STOPPED);
}

void perf_tp_event(u16 event_type, u64 count, void *record, int entry_size,
		   struct pt_regs *regs, struct hlist_head *head, int rctx,
		   struct task_struct *task)
{
	struct perf_sample_data data;
	struct perf_event *event;

	perf_sample_data_init(&data, 0, 0);

	hlist_for_each_entry_rcu(event, head, hlist_entry) {
		if (perf_tp_event_match(event, &data, regs))
			perf_swevent_event(event, count, &data, regs);
	}

	/* The target task's events: its context is found under RCU. */
	if (task && task != current) {
		struct perf_event_context *ctx;

		rcu_read_lock();
		ctx = rcu_dereference(task->perf_event_ctxp);
		if (ctx) {
			list_for_each_entry_rcu(event, &ctx->event_list, event_entry) {
				if (perf_tp_event_match(event, &data, regs))
					perf_swevent_event(event, count, &data, regs);
			}
		}
		rcu_read_unlock();
	}

	perf_swevent_put_recursion_context(rctx);
}
EXPORT_SYMBOL_GPL(perf_tp_event);

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
	perf_tp_event(call->event.type, count, raw_data, size, regs, head, rctx, task);
}
EXPORT_SYMBOL_GPL(perf_trace_run_bpf_submit);

static int perf_event_period(struct perf_event *event, u64 __user *arg)
{
	u64 value;

	if (copy_from_user(&value, arg, sizeof(value)))
		return -EFAULT;
	if (!value)
		return -EINVAL;

	synchronize_rcu();
	event->attr.sample_period = value;
	return 0;
}

/* Reached only from the ioctl() system call: process context, RCU watching. */
static long _perf_ioctl(struct perf_event *event, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
		perf_event_enable(event);
		break;
	case PERF_EVENT_IOC_PERIOD:
		return perf_event_period(event, (u64 __user *)arg);
	default:
		return -ENOTTY;
	}
	return 0;
}

static long perf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct perf_event *event = file->private_data;
	struct perf_event_context *ctx;
	long ret;

	ctx = perf_event_ctx_lock(event);
	ret = _perf_ioctl(event, cmd, arg);
	perf_event_ctx_unlock(event, ctx);

	return ret;
}

static const struct file_operations perf_fops = {
	.release		= perf_release,
	.read			= perf_read,
	.unlocked_ioctl		= perf_ioctl,
	.mmap			= perf_mmap,
};
