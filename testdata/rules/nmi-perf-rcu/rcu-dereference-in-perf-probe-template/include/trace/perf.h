/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Positive: perf's probe template reads the event's filter with rcu_dereference(); the
 * perf_trace_nmi_handler() probe it generates runs in NMI (nmi_handle() hits
 * trace_nmi_handler()).
 */
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
	/* expect@+1: nmi-perf-rcu warning */				\
	if (!perf_filter_match(rcu_dereference(event_call->filter)))	\
		return;							\
	if (!bpf_prog_array_valid(event_call) && hlist_empty(head))	\
		return;							\
									\
	__entry_size = ALIGN(sizeof(*entry) + sizeof(u32), sizeof(u64)) - sizeof(u32); \
	entry = perf_trace_buf_alloc(__entry_size, &__regs, &rctx);	\
	if (!entry)							\
		return;							\
									\
	perf_fetch_caller_regs(__regs);					\
	{ assign; }							\
									\
	perf_trace_run_bpf_submit(entry, __entry_size, rctx,		\
				  event_call, 1, __regs, head, NULL);	\
}
