// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: arm's machine_restart().
 */
#include <linux/reboot.h>

void machine_restart(char *cmd)
{
	local_irq_disable();
	smp_send_stop();

	if (arm_pm_restart)
		arm_pm_restart(reboot_mode, cmd);
	else
		do_kernel_restart(cmd);
}
