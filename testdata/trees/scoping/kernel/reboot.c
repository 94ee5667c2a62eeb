// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: generic code calling an architecture hook every architecture defines.
 */
#include <linux/reboot.h>

void kernel_restart(char *cmd)
{
	kernel_restart_prepare(cmd);
	pr_emerg("Restarting system\n");
	machine_restart(cmd);
}
EXPORT_SYMBOL_GPL(kernel_restart);
