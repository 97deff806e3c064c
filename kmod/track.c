// SPDX-License-Identifier: GPL-2.0
/*
 * MPOOL_F_TRACK: who allocated each object and when, kept beside the slab (one
 * struct mpool_track per object). Frees turn the age into the lifetime histogram;
 * mpool_destroy() turns the objects still in use into a leak report by call site.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>

#include "pool.h"

int mpool_track_alloc(struct mpool *pool, struct mpool_slab *slab, gfp_t gfp)
{
	if (!(pool->flags & MPOOL_F_TRACK))
		return 0;
	slab->track = kcalloc_node(slab->nr_objects, sizeof(*slab->track), gfp, slab->nid);
	return slab->track ? 0 : -ENOMEM;
}

void mpool_track_free(struct mpool_slab *slab)
{
	kfree(slab->track);
	slab->track = NULL;
}

static struct mpool_track *track_of(struct mpool *pool, const void *obj)
{
	struct mpool_slab *slab = mpool_obj_to_slab(obj);

	return &slab->track[mpool_slab_index(pool, slab, obj)];
}

void mpool_track_get(struct mpool *pool, void *obj, unsigned long caller)
{
	struct mpool_track *t = track_of(pool, obj);

	t->caller = caller;
	t->alloc_ns = mpool_lifetime_stamp();
}

/* Forget the allocation; returns its lifetime's histogram bucket, or -1 if untracked. */
int mpool_track_put(struct mpool *pool, void *obj)
{
	struct mpool_track *t = track_of(pool, obj);
	u64 born = t->alloc_ns;

	if (!born)
		return -1;
	t->alloc_ns = 0;
	return mpool_lifetime_bucket(born);
}

struct leak_sites {
	unsigned long caller[MPOOL_LEAK_SITES];
	unsigned long count[MPOOL_LEAK_SITES];
	unsigned long other;
};

static void count_site(struct mpool *pool, struct mpool_slab *slab, unsigned int idx,
		       void *ctx)
{
	unsigned long caller = slab->track[idx].caller;
	struct leak_sites *sites = ctx;
	unsigned int i;

	for (i = 0; i < MPOOL_LEAK_SITES; i++) {
		if (!sites->count[i] || sites->caller[i] == caller) {
			sites->caller[i] = caller;
			sites->count[i]++;
			return;
		}
	}
	sites->other++;
}

void mpool_track_report_leaks(struct mpool *pool)
{
	struct leak_sites *sites;
	unsigned int i;

	sites = kzalloc(sizeof(*sites), GFP_KERNEL);
	if (!sites)
		return;
	mpool_slab_visit_live(pool, count_site, sites);
	for (i = 0; i < MPOOL_LEAK_SITES && sites->count[i]; i++)
		pr_err("pool %s:   %lu allocated at %pS\n", pool->name, sites->count[i],
		       (void *)sites->caller[i]);
	if (sites->other)
		pr_err("pool %s:   %lu allocated at other sites\n", pool->name, sites->other);
	kfree(sites);
}
