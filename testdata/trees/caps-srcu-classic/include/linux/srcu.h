/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

/*
 * Fixture: SRCU readers as of 6.1: classic readers only (srcu_read_lock_nmisafe
 * came in 6.2, _lite in 6.13, _fast in 6.15). The names below appear only in
 * this comment and must not count as defined: srcu_read_lock_fast(),
 * srcu_read_lock_nmisafe().
 */

struct srcu_struct;

int __srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx) __releases(ssp);

static inline int srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp)
{
	int retval;

	retval = __srcu_read_lock(ssp);
	rcu_lock_acquire(&(ssp)->dep_map);
	return retval;
}

static inline notrace int srcu_read_lock_notrace(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock(ssp);
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx) __releases(ssp)
{
	rcu_lock_release(&(ssp)->dep_map);
	__srcu_read_unlock(ssp, idx);
}

void synchronize_srcu(struct srcu_struct *ssp);

#endif
