// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: function names stored into struct members. */

static const struct widget_ops widget_default_ops = {
	.handler = widget_handle,				/* store: handler */
	.level	 = 3,
	.name	 = "widget",
	.nested	 = { .inner = widget_inner_fn },		/* store: inner */
	.last	 = widget_last_fn				/* store: last */
};

static void widget_attach(struct widget_event *event, struct widget *w)
{
	event->overflow_handler = widget_overflow;		/* store: overflow_handler */
	w->ops.fire = widget_fire_fn;				/* store: fire */
	w->count = w->count + 1;
	w->cb = cond ? a : b;
	local = widget_not_a_field;
}
