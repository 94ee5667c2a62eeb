/* Fixture for plugin tests: allocations reached from NMI and from process context. */
struct demo_rec {
	int v;
};

void demo_collect(struct pt_regs *regs)
{
	struct demo_rec *rec = kmalloc(sizeof(*rec), GFP_KERNEL); /* expect: no-gfp-kernel-in-nmi */
	struct demo_rec *spare = kmalloc(sizeof(*spare), GFP_ATOMIC);

	demo_fill(rec, spare);
}

static int demo_setup(void)
{
	void *buf = kzalloc(64, GFP_KERNEL);

	return buf ? 0 : -ENOMEM;
}
