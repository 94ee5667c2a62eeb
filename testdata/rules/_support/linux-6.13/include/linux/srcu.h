/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Fixture: SRCU read side as 6.13 offers it: classic, _notrace, _nmisafe (6.2) and
 * _lite (6.13); no _fast (6.15).
 */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

struct srcu_struct;

int __srcu_read_lock(struct srcu_struct *ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx);
int __srcu_read_lock_nmisafe(struct srcu_struct *ssp);
void __srcu_read_unlock_nmisafe(struct srcu_struct *ssp, int idx);
int __srcu_read_lock_lite(struct srcu_struct *ssp);
void __srcu_read_unlock_lite(struct srcu_struct *ssp, int idx);
void synchronize_srcu(struct srcu_struct *ssp);

static inline int srcu_read_lock(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline notrace int srcu_read_lock_notrace(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline int srcu_read_lock_nmisafe(struct srcu_struct *ssp)
{
	return __srcu_read_lock_nmisafe(ssp);
}

static inline int srcu_read_lock_lite(struct srcu_struct *ssp)
{
	return __srcu_read_lock_lite(ssp);
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

static inline notrace void srcu_read_unlock_notrace(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

static inline void srcu_read_unlock_nmisafe(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock_nmisafe(ssp, idx);
}

static inline void srcu_read_unlock_lite(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock_lite(ssp, idx);
}

#endif
