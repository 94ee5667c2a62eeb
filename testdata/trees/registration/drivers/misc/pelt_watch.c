// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: a module watching PELT through the bare pelt_cfs_tp tracepoint and
 * the nr_running one, registered through the tracepoint structures.
 */
#include <linux/module.h>
#include <linux/tracepoint.h>
#include <trace/events/sched.h>

static atomic64_t pelt_updates;

static void pelt_cfs_probe(void *data, struct cfs_rq *cfs_rq)
{
	atomic64_inc(&pelt_updates);
}

static void nr_running_probe(void *data, struct rq *rq, int change)
{
	if (change < 0)
		pelt_watch_note_idle(rq);
}

static int __init pelt_watch_init(void)
{
	int ret;

	ret = tracepoint_probe_register(&__tracepoint_pelt_cfs_tp, pelt_cfs_probe, NULL);
	if (ret)
		return ret;
	return tracepoint_probe_register(&__tracepoint_sched_update_nr_running_tp,
					 (void *)nr_running_probe, NULL);
}

static void __exit pelt_watch_exit(void)
{
	tracepoint_probe_unregister(&__tracepoint_sched_update_nr_running_tp,
				    (void *)nr_running_probe, NULL);
	tracepoint_probe_unregister(&__tracepoint_pelt_cfs_tp, pelt_cfs_probe, NULL);
	tracepoint_synchronize_unregister();
}

module_init(pelt_watch_init);
module_exit(pelt_watch_exit);
