// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture: the user-space bit search of tools/.
 */
#include <linux/find.h>

unsigned long _find_next_bit(const unsigned long *addr1, unsigned long nbits, unsigned long start)
{
	unsigned long i;

	for (i = start; i < nbits; i++) {
		if (addr1[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			return i;
	}
	return nbits;
}
