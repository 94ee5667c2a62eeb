// SPDX-License-Identifier: GPL-2.0
/*
 * foo tracing support
 */
#include <linux/tracepoint.h>
#include <linux/rcupdate.h>
#include <linux/nmi.h>

#define CREATE_TRACE_POINTS
#include <trace/events/foo.h>

static DEFINE_PER_CPU(int, foo_count);

static void foo_account(int cpu)
{
	per_cpu(foo_count, cpu)++;
}

void foo_nmi_handler(struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	foo_account(cpu);
	trace_foo_nmi(cpu);
}

void foo_idle_enter(void)
{
	ct_idle_enter();
	trace_foo_idle(1);
	ct_idle_exit();
}

int foo_init(void)
{
	pr_info("foo: init\n");
	return 0;
}
