/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TP_FILTER_H
#define _LINUX_TP_FILTER_H

#define tp_filter_lock()	mutex_lock(&tp_filter_mutex)
#define tp_filter_unlock()	mutex_unlock(&tp_filter_mutex)

#endif
