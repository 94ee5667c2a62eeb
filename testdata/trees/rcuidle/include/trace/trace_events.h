/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixture: ftrace's stage of the event headers. Every event class gets a
 * trace_event_raw_event_<class>() probe that writes a ring-buffer entry.
 */

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
static notrace void							\
trace_event_raw_event_##call(void *__data, proto)			\
{									\
	struct trace_event_file *trace_file = __data;			\
	struct trace_event_buffer fbuffer;				\
	struct trace_event_raw_##call *entry;				\
									\
	if (trace_trigger_soft_disabled(trace_file))			\
		return;							\
									\
	entry = trace_event_buffer_reserve(&fbuffer, trace_file,	\
					   sizeof(*entry));		\
	if (!entry)							\
		return;							\
									\
	{ assign; }							\
									\
	trace_event_buffer_commit(&fbuffer);				\
}

#undef DEFINE_EVENT
#define DEFINE_EVENT(template, call, proto, args)
