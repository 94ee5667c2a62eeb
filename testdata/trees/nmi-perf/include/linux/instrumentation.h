/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_INSTRUMENTATION_H
#define __LINUX_INSTRUMENTATION_H

/* Marks where noinstr code may call instrumentable code again (objtool checks it). */
#define instrumentation_begin() __instrumentation_begin(__COUNTER__)
#define instrumentation_end() __instrumentation_end(__COUNTER__)

#endif
