// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: call sites, indirect calls, keywords that are not calls. */

struct widget_ops {
	int (*start)(struct widget *w);
};

static int widget_run(struct widget *w, const struct widget_ops *ops, int (*fp)(int))
{
	int n = sizeof(*w);
	typeof(n) m = 0;

	if (widget_ready(w))					/* call: widget_ready */
		widget_kick(w,   1,				/* call: widget_kick */
			    "a, b" /* comment */);
	for (m = 0; m < n; m++)
		widget_step(w->queue[m], (m + 1) * 2);		/* call: widget_step */
	while (widget_busy(w))
		cpu_relax();
	switch (m) {
	default:
		break;
	}
	ops->start(w);						/* call: start */
	w->ops.stop(w);						/* call: stop */
	(*fp)(m);						/* call: fp */
	(*ops->start)(w);					/* call: ops-start */
#ifdef CONFIG_WIDGET_STATS
	widget_count(w);					/* call: widget_count */
#endif
	return widget_done(w, outer(inner(m)));			/* call: widget_done */
}
