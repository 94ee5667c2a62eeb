// SPDX-License-Identifier: GPL-2.0-only
/* The primitive's own definition, shaped like kernel/locking/mutex.c's. */
#include <linux/mutex.h>

void __sched mutex_lock(struct mutex *lock)
{
	might_sleep();

	if (!__mutex_trylock_fast(lock))
		__mutex_lock_slowpath(lock);
}
