// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: classic SRCU on a slow path. The ioctl reads the configuration under SRCU;
 * no tracepoint or probe reaches it, so the read-side barrier costs nothing that matters.
 */
#include <linux/fs.h>
#include <linux/srcu.h>
#include <trace/events/sched.h>

DEFINE_STATIC_SRCU(config_srcu);
static struct switch_config __rcu *switch_config;

static void switch_stats_probe(void *data, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	this_cpu_inc(switch_count);	/* ok: the probe itself takes no SRCU */
}

static long switch_stats_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct switch_config *c;
	long ret = -ENOTTY;
	int idx = srcu_read_lock(&config_srcu);	/* ok: slow path, not reached from a tracepoint */

	c = srcu_dereference(switch_config, &config_srcu);
	if (c && cmd == SWITCH_STATS_GET)
		ret = copy_to_user((void __user *)arg, &c->stats, sizeof(c->stats)) ? -EFAULT : 0;
	srcu_read_unlock(&config_srcu, idx);
	return ret;
}

static const struct file_operations switch_stats_fops = {
	.unlocked_ioctl = switch_stats_ioctl,
};

int switch_stats_enable(void)
{
	return register_trace_sched_switch(switch_stats_probe, NULL);
}
