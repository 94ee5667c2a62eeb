// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture: the kernel's bit search.
 */
#include <linux/find.h>

unsigned long _find_next_bit(const unsigned long *addr, unsigned long nbits, unsigned long start)
{
	unsigned long idx;

	for (idx = start / BITS_PER_LONG; idx * BITS_PER_LONG < nbits; idx++) {
		if (addr[idx])
			return min(idx * BITS_PER_LONG + __ffs(addr[idx]), nbits);
	}
	return nbits;
}
EXPORT_SYMBOL(_find_next_bit);
