/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel versions. Everything else uses the named features
 * and wrappers below. Floor: 6.1.
 */
#ifndef _MPOOL_COMPAT_H
#define _MPOOL_COMPAT_H

#include <linux/mmzone.h>
#include <linux/shrinker.h>
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

#endif /* _MPOOL_COMPAT_H */
