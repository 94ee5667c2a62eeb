// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: functions whose header is a macro. */

DEFINE_IDTENTRY_RAW(exc_widget)				/* fn: exc_widget */
{
	widget_handle();
}

SYSCALL_DEFINE3(widgetctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)	/* fn: sys_widgetctl */
{
	return 0;
}

SYSCALL_DEFINE0(widget_yield)				/* fn: sys_widget_yield */
{
	return 0;
}

COMPAT_SYSCALL_DEFINE2(widgetctl, unsigned int, fd, compat_ulong_t, arg)	/* fn: compat_sys_widgetctl */
{
	return 0;
}

BPF_CALL_2(bpf_widget_peek, struct bpf_map *, map, void *, key)	/* fn: bpf_widget_peek */
{
	return 0;
}

__visible DEFINE_IDTENTRY_IRQ(widget_irq)		/* fn: widget_irq */
{
}

DEFINE_PER_CPU(struct widget, widget_pcpu) = {
	.level = 3,
};

/* An uppercase function with a return type is an ordinary function. */
static int WIDGET_RESET(void)				/* fn: WIDGET_RESET */
{
	return 0;
}
