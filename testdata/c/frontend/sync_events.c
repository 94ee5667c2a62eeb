// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: sync events in order, with arguments, guards and scopes. */

static void widget_reader(struct widget *w)
{
	struct widget_probe *p;
	int idx;

	rcu_read_lock();					/* ev: rcu_read_lock */
	p = rcu_dereference(w->probe);				/* ev: rcu_dereference */
	list_for_each_entry_rcu(p, &w->probes, list)		/* ev: list_rcu */
		widget_poke(p);
	rcu_read_unlock();
	idx = srcu_read_lock(&widget_srcu);			/* ev: srcu_read_lock */
	srcu_read_unlock(&widget_srcu, idx);
	trace_widget_fire(w, 1);				/* ev: trace_widget_fire */
	trace_widget_idle_rcuidle(w);				/* ev: rcuidle */
	trace_seq_printf(s, "%d", 1);
	if (trace_widget_fire_enabled())
		widget_poke(NULL);
}

static void widget_update(struct widget *w)
{
	rcu_assign_pointer(w->probe, NULL);
	synchronize_rcu();
	synchronize_srcu(&widget_srcu);
	call_rcu(&w->rcu, widget_free_rcu);
	kfree_rcu(w, rcu);
	tracepoint_synchronize_unregister();
	register_trace_widget_fire(widget_probe_fn, NULL);
	unregister_trace_widget_fire(widget_probe_fn, NULL);
	tracepoint_probe_register(tp, widget_probe_fn, NULL);
	tracepoint_probe_unregister(tp, widget_probe_fn, NULL);
}

static noinstr void widget_idle(void)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable_notrace();
	ct_idle_enter();
	widget_wait();
	ct_idle_exit();
	rcu_idle_enter();
	rcu_idle_exit();
	preempt_enable_notrace();
	local_irq_restore(flags);
}

DEFINE_IDTENTRY_RAW(exc_widget_nmi)
{
	irqentry_state_t state = irqentry_nmi_enter(regs);	/* ev: irqentry_nmi_enter */

	nmi_enter();
	ct_irq_enter_irqson();
	irqentry_enter(regs);
	widget_handle_nmi(regs);
	irqentry_exit(regs, state);
	ct_irq_exit_irqson();
	nmi_exit();
	irqentry_nmi_exit(regs, state);
}

static void widget_guarded(struct widget *w)
{
	if (w->armed) {						/* if: armed */
		trace_widget_armed(w);				/* ev: armed */
		if (w->loud)
			trace_widget_loud(w);			/* ev: loud */
		trace_widget_quiet(w);				/* ev: quiet */
	}
	if (w->once)
		trace_widget_once(w);				/* ev: once */
	trace_widget_always(w);					/* ev: always */
	if (w->loop)
		for (int i = 0; i < 2; i++) {
			trace_widget_loop(w);			/* ev: loop */
		}
	trace_widget_after_loop(w);				/* ev: after_loop */
}

static void widget_scoped(struct widget *w)
{
	guard(rcu)();						/* ev: guard_rcu_begin */
	trace_widget_in_guard(w);
	if (w->armed) {
		scoped_guard(srcu, &widget_srcu) {		/* ev: scoped_srcu_begin */
			trace_widget_in_scope(w);
		}						/* ev: scoped_srcu_end */
		trace_widget_after_scope(w);
	}
	guard(mutex)(&w->lock);
	preempt_disable();
}								/* ev: guard_rcu_end */
