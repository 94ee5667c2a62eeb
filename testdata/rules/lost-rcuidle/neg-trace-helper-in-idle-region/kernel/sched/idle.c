// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative: trace_hardirqs_on() shares the trace_ prefix but is not a tracepoint call,
 * and trace_foo_nonexistent() names no declared tracepoint; neither runs probes.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static void default_idle_call(void)
{
	ct_idle_enter();
	trace_hardirqs_on();		/* ok: tracing helper, not a tracepoint */
	trace_idle_hint_nonexistent(1);	/* ok: no such tracepoint is declared */
	arch_cpu_idle();
	ct_idle_exit();
}
