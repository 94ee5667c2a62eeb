/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

struct srcu_struct;

int __srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx) __releases(ssp);

static inline notrace int srcu_read_lock_notrace(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock(ssp);
}

static inline notrace void srcu_read_unlock_notrace(struct srcu_struct *ssp, int idx) __releases(ssp)
{
	__srcu_read_unlock(ssp, idx);
}

void synchronize_srcu(struct srcu_struct *ssp);

#endif
