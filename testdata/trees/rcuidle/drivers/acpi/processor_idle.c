// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture: ACPI C-states. C1 is entered directly; deeper states go through
 * bus-master handling with RCU not watching around the entry.
 */
#include <linux/acpi.h>
#include <linux/cpuidle.h>

static void __cpuidle acpi_safe_halt(void)
{
	if (!tif_need_resched())
		raw_safe_halt();
}

static void __cpuidle acpi_idle_do_entry(struct acpi_processor_cx *cx)
{
	if (cx->entry_method == ACPI_CSTATE_HALT)
		acpi_safe_halt();
	else
		inb(cx->address);
}

static int __cpuidle acpi_idle_enter_bm(struct cpuidle_driver *drv, struct acpi_processor *pr,
					struct acpi_processor_cx *cx, int index)
{
	/* Without bus-master control there is nothing to save around the entry. */
	if (!pr->flags.bm_control) {
		acpi_idle_do_entry(cx);
		return index;
	}

	acpi_unlazy_tlb(smp_processor_id());

	ct_idle_enter();
	raw_spin_lock(&c3_lock);
	acpi_idle_do_entry(cx);
	raw_spin_unlock(&c3_lock);
	ct_idle_exit();

	return index;
}
