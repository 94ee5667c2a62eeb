// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture (not kernel source): a helper outside perf's glue that
 * perf_trace_run_bpf_submit() calls on every tracepoint hit, NMI included.
 */
#include <linux/bpf.h>
#include <linux/trace_events.h>

bool bpf_prog_array_valid(struct trace_event_call *call)
{
	struct bpf_prog_array *array = READ_ONCE(call->prog_array);

	return array && !bpf_prog_array_is_empty(array);
}
