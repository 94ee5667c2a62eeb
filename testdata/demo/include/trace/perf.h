/* Demo: the perf probe template, one perf_trace_<class> per event class. */
#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
static notrace void							\
perf_trace_##call(void *__data, proto)					\
{									\
	struct trace_event_call *event_call = __data;			\
	struct pt_regs *__regs;						\
	void *entry;							\
									\
	entry = perf_trace_buf_alloc(sizeof(*entry), &__regs, NULL);	\
	if (!entry)							\
		return;							\
	perf_trace_run_bpf_submit(entry, sizeof(*entry), 0, event_call,	\
				  1, __regs, NULL, NULL);		\
}
