// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the probe defers the SRCU-protected work to irq_work, the usual way out of
 * a hot path; the irq_work callback is not on the tracepoint path.
 */
#include <linux/irq_work.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(notify_srcu);
static struct irq_work notify_work;

static void switch_notify_work(struct irq_work *work)
{
	struct switch_notifier *n;
	int idx = srcu_read_lock(&notify_srcu);	/* ok: irq_work, not the probe */

	n = srcu_dereference(active_notifier, &notify_srcu);
	if (n)
		n->notify(n);
	srcu_read_unlock(&notify_srcu, idx);
}

static void switch_notify_probe(void *data, bool preempt, struct task_struct *prev,
				struct task_struct *next, unsigned int prev_state)
{
	irq_work_queue(&notify_work);
}

int switch_notify_enable(void)
{
	init_irq_work(&notify_work, switch_notify_work);
	return register_trace_sched_switch(switch_notify_probe, NULL);
}
