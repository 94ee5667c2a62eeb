// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: a probe registered on nmi_handler runs wherever the event is hit, and
 * nmi_handle() hits it in NMI; the probe reads its threshold table under rcu_read_lock().
 */
#include <linux/rcupdate.h>
#include <trace/events/nmi.h>

static struct nmi_latency_table __rcu *nmi_latency_table;

static void nmi_latency_probe(void *data, void *handler, s64 delta_ns, int handled)
{
	struct nmi_latency_table *t;

	rcu_read_lock();	/* expect: nmi-perf-rcu warning */
	t = rcu_dereference(nmi_latency_table);
	if (t && delta_ns > t->threshold_ns)
		t->slow++;
	rcu_read_unlock();
}

int nmi_latency_enable(void)
{
	return register_trace_nmi_handler(nmi_latency_probe, NULL);
}
