/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Fixture: SRCU read side as 6.1 offers it (classic and _notrace only; no _nmisafe,
 * _lite or _fast flavours).
 */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

struct srcu_struct;

int __srcu_read_lock(struct srcu_struct *ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx);
void synchronize_srcu(struct srcu_struct *ssp);

static inline int srcu_read_lock(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline notrace int srcu_read_lock_notrace(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

static inline notrace void srcu_read_unlock_notrace(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

#endif
