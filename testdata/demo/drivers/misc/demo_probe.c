// SPDX-License-Identifier: GPL-2.0
/* Demo: a module with its own probe on demo_sample. */
#include <linux/tracepoint.h>

DEFINE_SRCU(demo_srcu);

struct demo_state {
	int hits;
};

static struct demo_state *state;

static void demo_probe(void *data, int value)
{
	struct demo_state *s = data;
	int idx = srcu_read_lock(&demo_srcu);

	s->hits += value;
	srcu_read_unlock(&demo_srcu, idx);
}

static int demo_init(void)
{
	state = kzalloc(sizeof(*state), GFP_KERNEL);
	return register_trace_demo_sample(demo_probe, state);
}

static void demo_exit(void)
{
	unregister_trace_demo_sample(demo_probe, state);
	synchronize_rcu();
	kfree(state);
}
