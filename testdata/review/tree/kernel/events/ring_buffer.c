// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: a perf helper that so far only the ioctl path calls
 * (written for the tests, not kernel source).
 */
#include <linux/perf_event.h>
#include <linux/rcupdate.h>

long perf_event_count_readers(struct perf_event *event)
{
	struct perf_buffer *rb;
	long readers = 0;

	rcu_read_lock();
	rb = rcu_dereference(event->rb);
	if (rb)
		readers = atomic_read(&rb->mmap_count);
	rcu_read_unlock();

	return readers;
}
