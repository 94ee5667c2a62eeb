/* SPDX-License-Identifier: GPL-2.0 */
/* Structure fixture: tracepoint declarations in a trace header. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM widget

#if !defined(_TRACE_WIDGET_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_WIDGET_H

#include <linux/tracepoint.h>

DECLARE_TRACE(widget_raw,					/* tp: widget_raw */
	TP_PROTO(struct widget *w),
	TP_ARGS(w));

TRACE_EVENT(widget_fire,					/* tp: widget_fire */
	TP_PROTO(struct widget *w, int level),
	TP_ARGS(w, level),
	TP_STRUCT__entry(
		__field(int, level)
	),
	TP_fast_assign(
		__entry->level = level;
	),
	TP_printk("level=%d", __entry->level)
);

DECLARE_EVENT_CLASS(widget_class,
	TP_PROTO(struct widget *w),
	TP_ARGS(w),
	TP_STRUCT__entry(__field(int, id)),
	TP_fast_assign(__entry->id = w->id;),
	TP_printk("id=%d", __entry->id)
);

DEFINE_EVENT(widget_class, widget_start,			/* tp: widget_start */
	TP_PROTO(struct widget *w),
	TP_ARGS(w));

DEFINE_EVENT_PRINT(widget_class, widget_stop,			/* tp: widget_stop */
	TP_PROTO(struct widget *w),
	TP_ARGS(w),
	TP_printk("stopped %d", __entry->id));

TRACE_EVENT_CONDITION(widget_maybe,				/* tp: widget_maybe */
	TP_PROTO(struct widget *w),
	TP_ARGS(w),
	TP_CONDITION(w->armed),
	TP_STRUCT__entry(__field(int, id)),
	TP_fast_assign(__entry->id = w->id;),
	TP_printk("%d", __entry->id)
);

TRACE_EVENT_FN(widget_reg,					/* tp: widget_reg */
	TP_PROTO(int id),
	TP_ARGS(id),
	TP_STRUCT__entry(__field(int, id)),
	TP_fast_assign(__entry->id = id;),
	TP_printk("%d", __entry->id),
	widget_reg_func, widget_unreg_func
);

#endif /* _TRACE_WIDGET_H */

#include <trace/define_trace.h>
