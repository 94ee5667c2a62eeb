// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: a second sample_tick user whose exit path waits with a
 * bare synchronize_rcu() (written for the tests, not kernel source).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <trace/events/sample.h>

struct tp_counter {
	unsigned long hits[NR_CPUS];
};

static struct tp_counter *counter;

static void probe_count_tick(void *data, int cpu, u64 now)
{
	struct tp_counter *c = data;

	c->hits[cpu]++;
}

static int __init tp_counter_init(void)
{
	counter = kzalloc(sizeof(*counter), GFP_KERNEL);
	if (!counter)
		return -ENOMEM;
	return register_trace_sample_tick(probe_count_tick, counter);
}

static void __exit tp_counter_exit(void)
{
	unregister_trace_sample_tick(probe_count_tick, counter);
	synchronize_rcu();
	kfree(counter);
}

module_init(tp_counter_init);
module_exit(tp_counter_exit);
MODULE_LICENSE("GPL");
