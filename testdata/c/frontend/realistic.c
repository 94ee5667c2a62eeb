// SPDX-License-Identifier: GPL-2.0
/*
 * A realistic-looking driver for a made-up "gizmo" device, used to truncate at
 * many offsets: every construct the front end knows appears at least once.
 */
#include <linux/rcupdate.h>
#include <linux/srcu.h>
#include <trace/events/gizmo.h>

#define GIZMO_MAX	0x40UL
#define GIZMO_NAME	"gizmo\t\"dev\""

#define __DO_GIZMO(name, args)						\
	do {								\
		int __idx = srcu_read_lock_notrace(&gizmo_srcu);	\
		gizmo_probe_##name(args);				\
		srcu_read_unlock_notrace(&gizmo_srcu, __idx);		\
	} while (0)

DEFINE_STATIC_SRCU(gizmo_srcu);

struct gizmo {
	struct list_head	list;
	void			(*notify)(struct gizmo *g, int why);
	unsigned long		flags;
	char			tag;
};

static LIST_HEAD(gizmo_list);

static const struct gizmo_ops gizmo_default_ops = {
	.notify = gizmo_default_notify,
	.flags	= 0,
};

static notrace void gizmo_walk(int why)
{
	struct gizmo *g;

	rcu_read_lock();
	list_for_each_entry_rcu(g, &gizmo_list, list) {
		if (g->flags & GIZMO_MAX)
			g->notify(g, why);
		else if (g->tag == '\'')
			(*g->notify)(g, -why);
	}
	rcu_read_unlock();
	trace_gizmo_walk(why);
}

noinstr void gizmo_idle_enter(void)
{
	unsigned long flags;

	local_irq_save(flags);
	trace_gizmo_idle_rcuidle(1);
	ct_idle_enter();
	/* RCU is not watching here: no tracepoints. */
	ct_idle_exit();
	local_irq_restore(flags);
}

DEFINE_IDTENTRY_RAW(exc_gizmo)
{
	irqentry_state_t state = irqentry_nmi_enter(regs);

#ifdef CONFIG_GIZMO_NMI
	if (gizmo_pending(regs)) {
#else
	if (0) {
#endif
		guard(rcu)();
		gizmo_walk(2);
	}
	irqentry_nmi_exit(regs, state);
}

SYSCALL_DEFINE2(gizmo_ctl, unsigned int, cmd, unsigned long, arg)
{
	struct gizmo *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g)
		return -ENOMEM;
	g->notify = gizmo_default_notify;
	scoped_guard(srcu, &gizmo_srcu) {
		__DO_GIZMO(ctl, cmd);
	}
	synchronize_srcu(&gizmo_srcu);
	kfree_rcu(g, rcu);
	return register_trace_gizmo_walk(gizmo_probe, NULL) ?: L'x' + u8'y' + 1e-3;
}
