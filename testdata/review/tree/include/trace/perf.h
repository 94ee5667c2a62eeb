/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tpsync review fixture: the perf probe template. Every event class gets a
 * perf_trace_<class>() probe that hands the record to perf_trace_run_bpf_submit().
 */
#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
static notrace void							\
perf_trace_##call(void *__data, proto)					\
{									\
	struct trace_event_call *event_call = __data;			\
	struct trace_event_raw_##call *entry;				\
	struct hlist_head *head;					\
	struct pt_regs *__regs;						\
	int __entry_size = sizeof(*entry);				\
	int rctx;							\
									\
	head = this_cpu_ptr(event_call->perf_events);			\
	if (hlist_empty(head))						\
		return;							\
									\
	entry = perf_trace_buf_alloc(__entry_size, &__regs, &rctx);	\
	if (!entry)							\
		return;							\
									\
	{ assign; }							\
									\
	perf_trace_run_bpf_submit(entry, __entry_size, rctx,		\
				  event_call, 1, __regs, head, NULL);	\
}
