// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: a kernel caller of find_next_bit().
 */
#include <linux/find.h>

unsigned int cpumask_next_wrap(int n, const struct cpumask *mask, int start, bool wrap)
{
	unsigned int next;

	next = find_next_bit(cpumask_bits(mask), nr_cpumask_bits, n + 1);
	if (wrap && n < start && next >= start)
		return nr_cpumask_bits;
	return next;
}
