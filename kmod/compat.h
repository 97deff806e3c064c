/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel versions. Everything else uses the named features
 * and wrappers below. Floor: 6.1.
 */
#ifndef _MPOOL_COMPAT_H
#define _MPOOL_COMPAT_H

#include <linux/compiler.h>
#include <linux/mmzone.h>
#include <linux/preempt.h>
#include <linux/shrinker.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/version.h>

/* 6.8 renamed MAX_ORDER (one past the largest order) to MAX_PAGE_ORDER (the largest). */
#ifdef MAX_PAGE_ORDER
#define MPOOL_MAX_PAGE_ORDER	MAX_PAGE_ORDER
#else
#define MPOOL_MAX_PAGE_ORDER	(MAX_ORDER - 1)
#endif

/*
 * 6.7 made shrinkers dynamically allocated (shrinker_alloc() and ->private_data);
 * before, the owner embedded and registered them itself.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
#define MPOOL_HAVE_SHRINKER_ALLOC 1
#endif

#ifdef MPOOL_HAVE_SHRINKER_ALLOC
static inline struct shrinker *mpool_shrinker_alloc(unsigned int flags, const char *name,
						    void *private_data)
{
	struct shrinker *s = shrinker_alloc(flags, "mpool-%s", name);

	if (s)
		s->private_data = private_data;
	return s;
}

static inline int mpool_shrinker_register(struct shrinker *s, const char *name)
{
	shrinker_register(s);
	return 0;
}

static inline void *mpool_shrinker_private(struct shrinker *s)
{
	return s->private_data;
}

static inline void mpool_shrinker_free(struct shrinker *s, bool registered)
{
	shrinker_free(s);
}
#else
struct mpool_compat_shrinker {
	struct shrinker shrinker;
	void *private_data;
};

static inline struct shrinker *mpool_shrinker_alloc(unsigned int flags, const char *name,
						    void *private_data)
{
	struct mpool_compat_shrinker *cs = kzalloc(sizeof(*cs), GFP_KERNEL);

	if (!cs)
		return NULL;
	cs->shrinker.flags = flags;
	cs->shrinker.seeks = DEFAULT_SEEKS;
	cs->private_data = private_data;
	return &cs->shrinker;
}

static inline int mpool_shrinker_register(struct shrinker *s, const char *name)
{
	return register_shrinker(s, "mpool-%s", name);
}

static inline void *mpool_shrinker_private(struct shrinker *s)
{
	return container_of(s, struct mpool_compat_shrinker, shrinker)->private_data;
}

static inline void mpool_shrinker_free(struct shrinker *s, bool registered)
{
	if (registered)
		unregister_shrinker(s);
	kfree(container_of(s, struct mpool_compat_shrinker, shrinker));
}
#endif

/*
 * The compressed cold tier of managed pools needs the kernel's LZ4 (a module on
 * Debian's kernels, which mpool.ko then depends on); without it the tier is refused.
 */
#if IS_ENABLED(CONFIG_LZ4_COMPRESS) && IS_ENABLED(CONFIG_LZ4_DECOMPRESS)
#define MPOOL_HAVE_LZ4 1
#endif

/*
 * A per-CPU lock that is only ever tried, never waited for, from any context: what
 * 6.18 calls local_trylock_t (SLUB's per-CPU sheaves), written once for 6.1 and 6.12
 * as struct mpool_local_trylock.
 *
 *   mpool_local_pin()        stay on this CPU (and, !PREEMPT_RT, run alone on it)
 *   mpool_local_trylock(l)   take @l of this CPU, or fail at once: whoever holds it
 *                            was interrupted (or, on PREEMPT_RT, preempted) by us
 *   mpool_local_unlock(l)
 *   mpool_local_unpin()
 *
 * !PREEMPT_RT: pinning is preempt_disable(), and the lock a byte only its CPU writes.
 * A softirq or hard interrupt that arrives while it is set runs to completion before
 * the holder resumes, finds it set and goes another way; nothing can run on this CPU
 * between the test and the set but such a nested context, which leaves it as it found
 * it. So no atomic instruction and no interrupt masking: compiler barriers keep the
 * protected accesses between the set and the clear (the CPU sees its own stores in
 * program order, and no other CPU looks at the byte).
 * PREEMPT_RT: pinning is migrate_disable(), and the lock a spinlock_t (sleeping):
 * a task that preempts the holder fails its trylock the same way. Hard interrupt
 * context cannot take it there (see MPOOL_F_IRQSAFE in pool.c).
 */
#ifdef CONFIG_PREEMPT_RT
struct mpool_local_trylock {
	spinlock_t lock;	/* the magazines of its CPU (pool.h) */
};

#define mpool_local_trylock_init(l)	spin_lock_init(&(l)->lock)
#define mpool_local_pin()		migrate_disable()
#define mpool_local_unpin()		migrate_enable()
#define mpool_local_trylock(l)		spin_trylock(&(l)->lock)
#define mpool_local_unlock(l)		spin_unlock(&(l)->lock)
/* From a task bound to the lock's CPU: wait for a preempted holder. */
#define mpool_local_lock(l)		spin_lock(&(l)->lock)
#else
struct mpool_local_trylock {
	u8 held;
};

#define mpool_local_trylock_init(l)	((l)->held = 0)
#define mpool_local_pin()		preempt_disable()
#define mpool_local_unpin()		preempt_enable()

static __always_inline bool mpool_local_trylock(struct mpool_local_trylock *l)
{
	if (READ_ONCE(l->held))
		return false;
	WRITE_ONCE(l->held, 1);
	/* Protected accesses stay after the set; pairs with the barrier in unlock. */
	barrier();
	return true;
}

static __always_inline void mpool_local_unlock(struct mpool_local_trylock *l)
{
	/* Protected accesses stay before the clear; pairs with the barrier in trylock. */
	barrier();
	WRITE_ONCE(l->held, 0);
}

/* From a task bound to the lock's CPU: with preemption off, nobody can hold it. */
#define mpool_local_lock(l)		WARN_ON_ONCE(!mpool_local_trylock(l))
#endif

#endif /* _MPOOL_COMPAT_H */
