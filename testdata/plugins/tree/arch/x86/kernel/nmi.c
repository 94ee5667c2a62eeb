/*
 * Fixture for plugin tests (written for tpsync, not kernel source): an NMI entry that
 * reaches a collector in kernel/events/demo.c.
 */
static void default_do_nmi(struct pt_regs *regs)
{
	demo_collect(regs);
}

DEFINE_IDTENTRY_RAW(exc_nmi)
{
	irqentry_state_t state = irqentry_nmi_enter(regs);

	default_do_nmi(regs);
	irqentry_nmi_exit(regs, state);
}
