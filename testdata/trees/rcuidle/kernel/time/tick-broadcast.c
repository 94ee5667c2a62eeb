// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: the broadcast check the idle poll loop makes.
 */
#include <linux/cpumask.h>
#include <linux/tick.h>

static cpumask_var_t tick_broadcast_force_mask;

/* Called from the idle loop with RCU not watching: no RCU read side here. */
int tick_check_broadcast_expired(void)
{
	return cpumask_test_cpu(smp_processor_id(), tick_broadcast_force_mask);
}
