// SPDX-License-Identifier: GPL-2.0
/* arm64's own: takes the filter mutex. */
#include <linux/mutex.h>

void tp_filter_retire(struct perf_tp_filter *old)
{
	mutex_lock(&tp_filter_mutex);
	kfree(old);
	mutex_unlock(&tp_filter_mutex);
}
