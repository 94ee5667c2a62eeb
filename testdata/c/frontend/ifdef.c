// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: #if/#else/#endif keeps both branches and brace depth. */

#if defined(CONFIG_WIDGET_A) && !defined(CONFIG_WIDGET_B)
static void widget_a_only(void)				/* fn: widget_a_only */
{
	trace_widget_a();					/* ev: widget_a */
#ifdef CONFIG_WIDGET_NESTED
	rcu_read_lock();					/* ev: nested */
#endif
}
#else
static void widget_a_only(void)				/* fn: widget_a_stub */
{
}
#endif

static void widget_split(int a, int b)			/* fn: widget_split */
{
#ifdef CONFIG_WIDGET_FAST
	if (a) {
#else
	if (b) {
#endif
		trace_widget_inner();				/* ev: inner */
	}
	trace_widget_after();					/* ev: after */
}							/* end: widget_split */

static void widget_next(void)				/* fn: widget_next */
{
	trace_widget_next();
}

#ifndef CONFIG_WIDGET_NONE
static void widget_elif(void)				/* fn: widget_elif */
{
#if WIDGET_LEVEL > 2
	widget_high();
#elif WIDGET_LEVEL > 1
	widget_mid();
#else
	widget_low();
#endif
}
#endif
