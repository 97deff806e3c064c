// SPDX-License-Identifier: GPL-2.0
/*
 * MPOOL_F_POISON: catch writes after free, double frees and foreign pointers.
 *
 * A freed object is filled with MPOOL_POISON_FREE and its bit in the slab's poisoned
 * map is set; an allocation that finds the bit set checks the pattern and clears it.
 * The bit, not the pattern, says whether an object is idle: a second free of an idle
 * object finds its bit already set (test_and_set_bit(), so two racing frees cannot
 * both win), and objects cached before poisoning was switched on are never checked
 * because their bit was never set. Pools that ever had poisoning keep clearing bits
 * on allocation (MPOOL_IF_POISON_SEEN) so a later switch-on finds no stale bits.
 *
 * Errors are counted and reported with the pool's name (WARN_ONCE). Inside a KUnit
 * test that registered the named resource "mpool_errors", they are counted there
 * instead of printed, so negative tests stay quiet under panic_on_warn (as slub_kunit
 * does).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/printk.h>
#include <linux/string.h>
#if IS_ENABLED(CONFIG_KUNIT)
#include <kunit/resource.h>
#include <kunit/test-bug.h>
#endif

#include "pool.h"

#define MPOOL_POISON_FREE	0x6d	/* 'm' */

static bool counted_by_kunit(void)
{
#if IS_ENABLED(CONFIG_KUNIT)
	struct kunit_resource *res;
	struct kunit *test = kunit_get_current_test();

	if (!test)
		return false;
	res = kunit_find_named_resource(test, "mpool_errors");
	if (!res)
		return false;
	(*(int *)res->data)++;
	kunit_put_resource(res);
	return true;
#else
	return false;
#endif
}

static void report(struct mpool *pool, atomic64_t *counter, const char *what,
		   const void *obj, long offset)
{
	atomic64_inc(counter);
	if (counted_by_kunit())
		return;
	/* Corrupted memory is a kernel bug: say so loudly, once (taints W). */
	if (offset >= 0)
		WARN_ONCE(1, "mpool: pool %s: %s: object %p, byte %ld\n", pool->name, what, obj,
			  offset);
	else
		WARN_ONCE(1, "mpool: pool %s: %s: object %p\n", pool->name, what, obj);
}

void mpool_poison_object(struct mpool *pool, void *obj)
{
	memset(obj, MPOOL_POISON_FREE, pool->size);
}

void mpool_poison_slab(struct mpool *pool, struct mpool_slab *slab)
{
	unsigned int i;

	for (i = 0; i < slab->nr_objects; i++)
		mpool_poison_object(pool, slab->base + (size_t)i * pool->stride);
	bitmap_fill(mpool_slab_poisoned(pool, slab), slab->nr_objects);
}

/* A buffer pool's free of a pointer none of its classes handed out. */
void mpool_report_invalid_free(struct mpool *pool, const void *obj)
{
	report(pool, &pool->invalid_frees, "free of a pointer the pool never handed out", obj,
	       -1);
}

/* Before a free proceeds: is @obj ours, and in use? */
bool mpool_poison_free_ok(struct mpool *pool, void *obj)
{
	struct mpool_slab *slab = mpool_lookup_slab(pool, obj);

	if (!slab) {
		mpool_report_invalid_free(pool, obj);
		return false;
	}
	if (test_and_set_bit(mpool_slab_index(pool, slab, obj),
			     mpool_slab_poisoned(pool, slab))) {
		report(pool, &pool->double_frees, "double free", obj, -1);
		return false;
	}
	return true;
}

/* On allocation: clear the idle bit and, with poisoning on, check the pattern. */
void mpool_poison_check(struct mpool *pool, void *obj, unsigned int flags)
{
	struct mpool_slab *slab = mpool_obj_to_slab(obj);
	u8 *bad;

	if (!test_and_clear_bit(mpool_slab_index(pool, slab, obj),
				mpool_slab_poisoned(pool, slab)))
		return;
	if (!(flags & MPOOL_F_POISON))
		return;
	bad = memchr_inv(obj, MPOOL_POISON_FREE, pool->size);
	if (bad)
		report(pool, &pool->poison_errors, "write after free", obj, bad - (u8 *)obj);
}
