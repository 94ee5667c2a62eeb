// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the RCU read side in _perf_ioctl() is reached only from the ioctl system
 * call; the NMI path of this tree (exc_nmi -> ... -> perf_tp_event) never reaches it.
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
	struct perf_event *event;

	perf_sample_data_init(&data, 0, 0);
	hlist_for_each_entry(event, head, hlist_entry)
		perf_swevent_event(event, count, &data, regs);
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

static int perf_event_set_output(struct perf_event *event, struct perf_event *output_event)
{
	struct perf_buffer *rb;

	rcu_read_lock();	/* ok: syscall context, RCU is watching */
	rb = rcu_dereference(output_event->rb);
	if (rb)
		refcount_inc(&rb->refcount);
	rcu_read_unlock();
	if (!rb)
		return -EINVAL;
	mutex_lock(&event->mmap_mutex);	/* ok: process context may sleep */
	ring_buffer_attach(event, rb);
	mutex_unlock(&event->mmap_mutex);
	return 0;
}

static long _perf_ioctl(struct perf_event *event, unsigned int cmd, unsigned long arg)
{
	struct perf_event_context *ctx;

	switch (cmd) {
	case PERF_EVENT_IOC_SET_OUTPUT:
		return perf_event_set_output(event, perf_fget_light(arg));
	case PERF_EVENT_IOC_REFRESH:
		rcu_read_lock();	/* ok: syscall context */
		ctx = rcu_dereference(event->ctx);
		rcu_read_unlock();
		return ctx ? 0 : -ENOENT;
	default:
		return -ENOTTY;
	}
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
	.llseek			= no_llseek,
	.unlocked_ioctl		= perf_ioctl,
	.compat_ioctl		= perf_ioctl,
};
