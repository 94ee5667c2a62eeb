/* Demo: the NMI handler tracepoint. */
TRACE_EVENT(nmi_handler,
	TP_PROTO(void *handler, s64 delta_ns, int handled),
	TP_ARGS(handler, delta_ns, handled),
	TP_STRUCT__entry(__field(void *, handler)),
	TP_fast_assign(__entry->handler = handler;),
	TP_printk("%ps", __entry->handler)
);

TRACE_EVENT(cpu_idle,
	TP_PROTO(unsigned int state, unsigned int cpu_id),
	TP_ARGS(state, cpu_id),
	TP_STRUCT__entry(__field(u32, state)),
	TP_fast_assign(__entry->state = state;),
	TP_printk("state=%lu", (unsigned long)__entry->state)
);

TRACE_EVENT(demo_sample,
	TP_PROTO(int value),
	TP_ARGS(value),
	TP_STRUCT__entry(__field(int, value)),
	TP_fast_assign(__entry->value = value;),
	TP_printk("value=%d", __entry->value)
);
