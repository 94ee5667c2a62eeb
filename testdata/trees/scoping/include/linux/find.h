/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_FIND_H_
#define __LINUX_FIND_H_

unsigned long _find_next_bit(const unsigned long *addr, unsigned long nbits, unsigned long start);

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset);
}

#endif /*__LINUX_FIND_H_ */
