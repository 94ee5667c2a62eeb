/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixture: local_irq_enable() traces through trace_hardirqs_on() when irq-flag tracing is
 * built in; the #else stub must not hide the real function from the model.
 */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#ifdef CONFIG_TRACE_IRQFLAGS
extern void trace_hardirqs_on(void);
#define local_irq_enable()				\
	do { trace_hardirqs_on(); raw_local_irq_enable(); } while (0)
#else
#define trace_hardirqs_on()		do { } while (0)
#define local_irq_enable()		do { raw_local_irq_enable(); } while (0)
#endif

#endif
