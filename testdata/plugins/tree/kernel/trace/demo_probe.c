/* Fixture for plugin tests: a probe that takes SRCU and calls trace_printk(). */
DEFINE_SRCU(demo_srcu);

static void demo_probe(void *data, int v)
{
	int idx = srcu_read_lock(&demo_srcu); /* expect: no-srcu-in-probes srcu-read-barrier */

	trace_printk("demo %d\n", v); /* expect: trace-printk-in-probe */
	srcu_read_unlock(&demo_srcu, idx);
}

static int demo_init(void)
{
	int idx = srcu_read_lock(&demo_srcu);

	srcu_read_unlock(&demo_srcu, idx);
	return register_trace_demo_event(demo_probe, NULL);
}
