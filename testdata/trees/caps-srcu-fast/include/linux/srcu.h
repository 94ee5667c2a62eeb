/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

/*
 * Fixture: SRCU readers as of 6.15: NMI-safe, lite and fast flavours next to
 * the classic one.
 */

struct srcu_struct;
struct srcu_ctr;

int __srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp);
int __srcu_read_lock_nmisafe(struct srcu_struct *ssp) __acquires(ssp);

static inline int srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock(ssp);
}

/* Never mix with srcu_read_lock() on the same srcu_struct. */
static inline int srcu_read_lock_nmisafe(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock_nmisafe(ssp);
}

/* No read-side smp_mb(); RCU must be watching. */
static inline int srcu_read_lock_lite(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock_lite(ssp);
}

/* No smp_mb(), NMI-safe; RCU must be watching. */
static inline struct srcu_ctr __percpu *srcu_read_lock_fast(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock_fast(ssp);
}

#define srcu_read_unlock_fast(ssp, scp) __srcu_read_unlock_fast(ssp, scp)

#endif
