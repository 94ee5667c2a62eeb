// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixture: x86 code calling machine_restart(): only x86's definition can be the callee.
 */
#include <linux/reboot.h>

static void apm_restart_fallback(void)
{
	pr_info("apm: BIOS restart failed, using the reboot path\n");
	machine_restart(NULL);
}
