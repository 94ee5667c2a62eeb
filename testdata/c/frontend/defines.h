/* SPDX-License-Identifier: GPL-2.0 */
/* Structure fixture: function-like #define bodies as pseudo-functions. */
#ifndef _WIDGET_DEFINES_H
#define _WIDGET_DEFINES_H

#define WIDGET_LIMIT	16
#define WIDGET_EMPTY()
#define WIDGET_PAREN (x)
#define WIDGET_OBJECT	do { rcu_read_lock(); } while (0)

#define __DO_WIDGET(name, args, cond)				\
	do {							\
		int __idx;					\
		if (!(cond))					\
			return;					\
		__idx = srcu_read_lock_notrace(&widget_srcu);	\
		widget_call_##name(args);			\
		srcu_read_unlock_notrace(&widget_srcu, __idx);	\
	} while (0)	/* end: __DO_WIDGET */

#define DECLARE_WIDGET_CLASS(call, proto, args)				\
static notrace void perf_widget_##call(void *__data, proto)		\
{									\
	struct widget *w = __data;					\
	preempt_disable_notrace();					\
	widget_emit(w, args);						\
	preempt_enable_notrace();					\
}

#define WIDGET_VARIADIC(fmt, ...)	widget_printf(fmt, ##__VA_ARGS__)

#ifdef CONFIG_WIDGET_DEBUG
#define WIDGET_CHECK(x)	widget_check(x)
#else
#define WIDGET_CHECK(x)	do { } while (0)
#endif

#endif /* _WIDGET_DEFINES_H */
