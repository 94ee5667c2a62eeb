// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: counts runtime suspends per device class with a probe on
 * rpm_suspend. The probe trusts RCU, but rpm_suspend is an rcuidle tracepoint.
 */
#include <linux/pm_runtime.h>
#include <linux/rculist.h>
#include <trace/events/rpm.h>

struct rpm_class_stat {
	struct list_head node;
	const struct class *class;
	atomic_t suspends;
};

static LIST_HEAD(rpm_class_stats);

static struct rpm_class_stat *rpm_stat_find(const struct class *class)
{
	struct rpm_class_stat *stat;

	list_for_each_entry_rcu(stat, &rpm_class_stats, node)
		if (stat->class == class)
			return stat;
	return NULL;
}

static void rpm_stats_suspend_probe(void *data, struct device *dev, int flags)
{
	struct rpm_class_stat *stat;

	rcu_read_lock();
	stat = rpm_stat_find(dev->class);
	if (stat)
		atomic_inc(&stat->suspends);
	rcu_read_unlock();
}

static int __init rpm_stats_init(void)
{
	return register_trace_rpm_suspend(rpm_stats_suspend_probe, NULL);
}

static void __exit rpm_stats_exit(void)
{
	unregister_trace_rpm_suspend(rpm_stats_suspend_probe, NULL);
	tracepoint_synchronize_unregister();
}

module_init(rpm_stats_init);
module_exit(rpm_stats_exit);
