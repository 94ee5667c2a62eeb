// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: perf (user space) using the tools/ copy of find_next_bit().
 */
#include <linux/find.h>

int perf_cpu_map__next_set(const unsigned long *bits, int nbits, int cpu)
{
	return find_next_bit(bits, nbits, cpu + 1);
}
