// SPDX-License-Identifier: GPL-2.0
/*
 * tpsync review fixture: a module that hooks sample_tick with per-module data
 * (written for the tests, not kernel source).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <trace/events/sample.h>

struct tp_sample_stats {
	atomic64_t ticks;
	u64 last;
};

static struct tp_sample_stats *stats;

static void probe_sample_tick(void *data, int cpu, u64 now)
{
	struct tp_sample_stats *s = data;

	atomic64_inc(&s->ticks);
	WRITE_ONCE(s->last, now);
}

static int __init tp_sample_init(void)
{
	int ret;

	stats = kzalloc(sizeof(*stats), GFP_KERNEL);
	if (!stats)
		return -ENOMEM;

	ret = register_trace_sample_tick(probe_sample_tick, stats);
	if (ret)
		kfree(stats);
	return ret;
}

static void __exit tp_sample_exit(void)
{
	unregister_trace_sample_tick(probe_sample_tick, stats);
	tracepoint_synchronize_unregister();
	kfree(stats);
}

module_init(tp_sample_init);
module_exit(tp_sample_exit);
MODULE_LICENSE("GPL");
