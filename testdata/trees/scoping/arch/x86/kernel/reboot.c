// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: x86's machine_restart().
 */
#include <linux/reboot.h>

void machine_restart(char *cmd)
{
	machine_ops.restart(cmd);
}
