/* SPDX-License-Identifier: MIT */
/* Ticket-free test-and-set spinlocks, with interrupt-saving variants. */
#ifndef HV_SPINLOCK_H
#define HV_SPINLOCK_H

#include <hv/lib.h>

typedef struct {
	volatile int	locked;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED	{ 0 }

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(l->locked))
			__builtin_ia32_pause();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
	return READ_ONCE(l->locked) != 0;
}

#ifdef HV_HOST_TEST
/* Host tests run in user mode, where cli would fault. */
static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	spin_lock(l);
	return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	(void)flags;
	spin_unlock(l);
}
#else
static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags;

	__asm__ __volatile__("pushf; pop %0; cli" : "=r" (flags) : : "memory");
	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	__asm__ __volatile__("push %0; popf" : : "r" (flags) : "memory", "cc");
}
#endif

#endif
