/* SPDX-License-Identifier: GPL-2.0 */
/* Fixture: a machine-check event. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mce

#if !defined(_TRACE_MCE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_MCE_H

#include <linux/tracepoint.h>

TRACE_EVENT(mce_record,

	TP_PROTO(struct mce *m),

	TP_ARGS(m),

	TP_STRUCT__entry(
		__field(u64, status)
	),

	TP_fast_assign(
		__entry->status = m->status;
	),

	TP_printk("status: %llx", __entry->status)
);

#endif /* _TRACE_MCE_H */

#include <trace/define_trace.h>
