/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TOOLS_LINUX_FIND_H_
#define _TOOLS_LINUX_FIND_H_

/* User-space copy for perf and friends: same names as the kernel's, never linked with it. */
unsigned long _find_next_bit(const unsigned long *addr1, unsigned long nbits, unsigned long start);

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset);
}

#endif /* _TOOLS_LINUX_FIND_H_ */
