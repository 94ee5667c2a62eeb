/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixture: perf's stage of the event headers. Every event class gets a
 * perf_trace_<class>() probe that fills a perf buffer and submits it.
 */

#ifdef CONFIG_PERF_EVENTS

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
static notrace void							\
perf_trace_##call(void *__data, proto)					\
{									\
	struct trace_event_call *event_call = __data;			\
	struct trace_event_raw_##call *entry;				\
	struct pt_regs *__regs;						\
	struct hlist_head *head;					\
	int __entry_size;						\
	int rctx;							\
									\
	head = this_cpu_ptr(event_call->perf_events);			\
	if (!bpf_prog_array_valid(event_call) && hlist_empty(head))	\
		return;							\
									\
	__entry_size = ALIGN(sizeof(*entry) + sizeof(u32), sizeof(u64)); \
	entry = perf_trace_buf_alloc(__entry_size, &__regs, &rctx);	\
	if (!entry)							\
		return;							\
									\
	perf_fetch_caller_regs(__regs);					\
									\
	{ assign; }							\
									\
	perf_trace_run_bpf_submit(entry, __entry_size, rctx,		\
				  event_call, 1, __regs, head, NULL);	\
}

#undef DEFINE_EVENT
#define DEFINE_EVENT(template, call, proto, args)

#endif /* CONFIG_PERF_EVENTS */
