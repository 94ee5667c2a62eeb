// SPDX-License-Identifier: GPL-2.0-only
/*
 * Positive (b) with the pre-5.19 spelling: rcu_idle_enter()/rcu_idle_exit() bracket the
 * region; a plain tracepoint inside it runs its probes with RCU not watching.
 */
#include <linux/sched/idle.h>
#include <trace/events/power.h>

static void default_idle_call(void)
{
	int cpu = smp_processor_id();

	rcu_idle_enter();
	trace_cpu_idle(1, cpu);		/* expect: lost-rcuidle error */
	arch_cpu_idle();
	rcu_idle_exit();
	trace_cpu_idle(PWR_EVENT_EXIT, cpu);	/* ok: after rcu_idle_exit() */
}
