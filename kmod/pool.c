// SPDX-License-Identifier: GPL-2.0
/*
 * Object pools: creation, configuration, destruction and the registry of pools.
 *
 * A pool is built bottom-up (slab geometry, nodes, per-CPU state, reserve, shrinker)
 * and only then published in the registry under its unique name, so nothing can
 * find a half-built pool. Destruction unpublishes first, then drains every cache
 * into the slabs: objects still in use there are leaks. They are reported, their
 * slabs are kept (consumers may still write to them) on a graveyard list until the
 * module goes away, and the name is free for a new pool at once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cache.h>
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "debugfs.h"
#include "managed.h"
#include "netlink.h"
#include "pool.h"

/* Guards the registry, the graveyard and the ids below; outermost lock (pool.h). */
DEFINE_MUTEX(mpool_registry_lock);
static LIST_HEAD(mpool_registry);
static LIST_HEAD(mpool_graveyard);	/* destroyed pools whose objects leaked */
/*
 * Ids are handed out cyclically: a tool that holds the id of a destroyed pool (from a
 * dump, a notification) must find nothing there, not the next pool created.
 */
static DEFINE_XARRAY_ALLOC1(mpool_ids);
static u32 mpool_next_id;
static unsigned int mpool_registry_gen;	/* bumped on every add and removal */

static bool name_valid(const char *name)
{
	size_t len = strnlen(name, MPOOL_NAME_MAX);
	size_t i;

	if (!len || len == MPOOL_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (!isalnum(name[i]) && !strchr("_.-", name[i]))
			return false;
	}
	return true;
}

/* Say which field of @cfg is wrong and why; returns -EINVAL. */
static __printf(3, 4) int config_error(const struct mpool_config *cfg, const char *field,
				       const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("create %s: %s: %pV\n", cfg->name && name_valid(cfg->name) ? cfg->name : "?",
	       field, &vaf);
	va_end(args);
	return -EINVAL;
}

static int config_check(const struct mpool_config *cfg)
{
	if (!cfg->name || !name_valid(cfg->name))
		return config_error(cfg, "name", "1 to %d characters of [A-Za-z0-9_.-]",
				    MPOOL_NAME_MAX - 1);
	if (!cfg->size || cfg->size > MPOOL_MAX_OBJECT_SIZE)
		return config_error(cfg, "size", "%zu is not within 1..%lu", cfg->size,
				    MPOOL_MAX_OBJECT_SIZE);
	if (cfg->align && (!is_power_of_2(cfg->align) || cfg->align > PAGE_SIZE))
		return config_error(cfg, "align", "%zu is not a power of two up to %lu",
				    cfg->align, PAGE_SIZE);
	if (cfg->flags & ~MPOOL_F_ALL)
		return config_error(cfg, "flags", "unknown flags %#x", cfg->flags & ~MPOOL_F_ALL);
	if (IS_ENABLED(CONFIG_PREEMPT_RT) && (cfg->flags & MPOOL_F_IRQSAFE))
		return config_error(cfg, "flags",
				    "IRQSAFE: no hard-interrupt use on PREEMPT_RT (sleeping locks)");
	if (cfg->ctor && (cfg->flags & (MPOOL_F_ZERO_ON_FREE | MPOOL_F_POISON)))
		return config_error(cfg, "flags",
				    "ZERO_ON_FREE and POISON would wipe what ctor builds");
	if (cfg->max_objects && cfg->min_objects > cfg->max_objects)
		return config_error(cfg, "min_objects", "%u is above max_objects %u",
				    cfg->min_objects, cfg->max_objects);
	if (cfg->magazine_size > MPOOL_MAX_MAGAZINE)
		return config_error(cfg, "magazine_size", "%u is above %u", cfg->magazine_size,
				    MPOOL_MAX_MAGAZINE);
	if (cfg->node != NUMA_NO_NODE && !mpool_node_has_memory(cfg->node))
		return config_error(cfg, "node", "%d is not a node with memory", cfg->node);
	return 0;
}

/* The default alignment: the architecture's smallest for slab objects, a pointer's at least. */
#define MPOOL_MIN_ALIGN	max_t(size_t, ARCH_SLAB_MINALIGN, sizeof(void *))

/*
 * The objects a magazine of @bytes holds, header included: magazines come from
 * kmalloc(), whose buckets are powers of two (and 96 and 192). 64 pointers and the
 * header took 536 bytes, granted 1024.
 */
#define MAGAZINE_FILLING(bytes) \
	(((bytes) - sizeof(struct mpool_magazine)) / sizeof(void *))

/*
 * Small objects move in big magazines; a magazine of big ones is already much memory.
 * The two biggest fill their kmalloc() buckets (61 objects in 512 bytes, not 64 in
 * 1024); the others waste a few bytes of theirs at most.
 */
static unsigned int default_magazine_size(size_t size)
{
	if (size <= 256)
		return MAGAZINE_FILLING(512);
	if (size <= 1024)
		return MAGAZINE_FILLING(256);
	if (size <= 4096)
		return 16;
	if (size <= 32768)
		return 8;
	return 4;
}

/* Free what a pool owns; undoes a partial mpool_create() as well as a whole one. */
static void pool_free(struct mpool *pool)
{
	mpool_trim_exit(pool);
	mpool_adapt_free(pool);
	mpool_shrinker_exit(pool);
	mpool_cpu_exit(pool);
	mpool_nodes_exit(pool);
	xa_destroy(&pool->slab_index);
	kvfree(pool->reserve);
	kfree(pool);
}

/*
 * Bring every cached object (CPU magazines, depots, remote batches, reserve) back
 * to its slab. After this, an object whose slab bit is clear is in use.
 */
static void pool_flush_caches(struct mpool *pool)
{
	int nid;

	mpool_drain_cpus_quiesced(pool);
	for_each_node(nid)
		mpool_depot_flush(pool, pool->nodes[nid], ULONG_MAX);
	mpool_reserve_drain(pool);
}

/**
 * mpool_find_locked() - look a pool up by name
 * @name: the name.
 *
 * Context: caller holds mpool_registry_lock, which keeps the pool alive.
 * Return: the pool or NULL.
 */
struct mpool *mpool_find_locked(const char *name)
{
	struct mpool *pool;

	lockdep_assert_held(&mpool_registry_lock);
	list_for_each_entry(pool, &mpool_registry, registry_link) {
		if (!strcmp(pool->name, name))
			return pool;
	}
	return NULL;
}

/**
 * mpool_find_by_id_locked() - look a pool up by id
 * @id: the id.
 *
 * Context: caller holds mpool_registry_lock, which keeps the pool alive.
 * Return: the pool or NULL.
 */
struct mpool *mpool_find_by_id_locked(u32 id)
{
	lockdep_assert_held(&mpool_registry_lock);
	return xa_load(&mpool_ids, id);
}

/**
 * mpool_next_locked() - the live pool with the lowest id at or above *@id
 * @id: where to start; set to the found pool's id.
 *
 * Context: caller holds mpool_registry_lock.
 * Return: the pool, or NULL when there is none.
 */
struct mpool *mpool_next_locked(unsigned long *id)
{
	lockdep_assert_held(&mpool_registry_lock);
	return xa_find(&mpool_ids, id, ULONG_MAX, XA_PRESENT);
}

/* Changes whenever a pool comes or goes: dumps compare it to flag interruptions. */
unsigned int mpool_registry_generation_locked(void)
{
	lockdep_assert_held(&mpool_registry_lock);
	return mpool_registry_gen;
}

/* The fields every registry entry has, object pool or buffer pool head. */
static struct mpool *pool_alloc(const char *name, unsigned int flags)
{
	struct mpool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);

	if (!pool)
		return NULL;
	strscpy(pool->name, name, sizeof(pool->name));
	pool->flags = flags;
	if (flags & MPOOL_F_POISON)
		pool->flags |= MPOOL_IF_POISON_SEEN;
	spin_lock_init(&pool->stats_lock);
	spin_lock_init(&pool->scratch_lock);
	mutex_init(&pool->config_lock);
	INIT_LIST_HEAD(&pool->registry_link);
	mpool_trim_init(pool);
	mpool_nl_pool_init(pool);
	return pool;
}

/* Build an object pool from @cfg, checked, without publishing it. */
static struct mpool *pool_build(const struct mpool_config *cfg)
{
	struct mpool *pool;
	int ret;

	might_sleep();
	if (!cfg)
		return ERR_PTR(-EINVAL);
	ret = config_check(cfg);
	if (ret)
		return ERR_PTR(ret);

	pool = pool_alloc(cfg->name, cfg->flags);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->size = cfg->size;
	/* As SLUB without SLAB_HWCACHE_ALIGN: cache lines only when @align asks for them. */
	pool->stride = ALIGN(cfg->size, cfg->align ?: MPOOL_MIN_ALIGN);
	pool->magazine_size = cfg->magazine_size ?: default_magazine_size(cfg->size);
	pool->home_node = cfg->node;
	pool->numa_routing = cfg->node == NUMA_NO_NODE && nr_node_ids > 1;
	pool->min_objects = cfg->min_objects;
	pool->max_objects = cfg->max_objects;
	pool->ctor = cfg->ctor;
	pool->dtor = cfg->dtor;
	pool->on_get = cfg->on_get;
	pool->on_put = cfg->on_put;
	pool->priv = cfg->priv;
	atomic_long_set(&pool->nr_objects, 0);
	spin_lock_init(&pool->reserve_lock);
	/* Updated from hard irq too: interrupt-safe locking (slab.c). */
	xa_init_flags(&pool->slab_index, XA_FLAGS_LOCK_IRQ);

	ret = mpool_slab_geometry(pool);
	if (ret) {
		ret = config_error(cfg, "size", "%zu is too big for one slab", cfg->size);
		goto err_free;
	}
	ret = mpool_nodes_init(pool);
	if (ret)
		goto err_free;
	ret = mpool_cpu_init(pool);
	if (ret)
		goto err_free;
	ret = mpool_reserve_fill(pool);
	if (ret)
		goto err_slabs;
	ret = mpool_shrinker_init(pool);
	if (ret)
		goto err_slabs;
	return pool;

err_slabs:
	/* Nothing was handed out: every slab is free and goes. */
	pool_flush_caches(pool);
	mpool_slab_retire(pool);
err_free:
	pool_free(pool);
	return ERR_PTR(ret);
}

/* Publish under its unique name: registry, debugfs, a pool-add notification. */
static int pool_register(struct mpool *pool)
{
	int ret;

	mutex_lock(&mpool_registry_lock);
	if (mpool_find_locked(pool->name))
		ret = -EEXIST;
	else
		ret = xa_alloc_cyclic(&mpool_ids, &pool->id, pool, xa_limit_32b, &mpool_next_id,
				      GFP_KERNEL);
	if (ret == 1)
		ret = 0;	/* the ids wrapped: still a free one */
	if (!ret) {
		list_add_tail(&pool->registry_link, &mpool_registry);
		mpool_registry_gen++;
	}
	mutex_unlock(&mpool_registry_lock);
	if (ret == -EEXIST)
		pr_err("create %s: name: a pool of that name exists\n", pool->name);
	if (ret)
		return ret;
	mpool_debugfs_pool_add(pool);
	mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_ADD_NTF);
	return 0;
}

/* Unpublish: no netlink handler finds it any more and its open debugfs files drain. */
static void pool_unregister(struct mpool *pool)
{
	mutex_lock(&mpool_registry_lock);
	list_del_init(&pool->registry_link);
	xa_erase(&mpool_ids, pool->id);
	mpool_registry_gen++;
	mutex_unlock(&mpool_registry_lock);

	mpool_nl_pool_exit(pool);
	mpool_nl_notify_removed(pool);
	mpool_debugfs_pool_remove(pool);
}

/* Give back everything of a pool no one uses any more; with leaks, park it. */
static void pool_teardown(struct mpool *pool)
{
	unsigned long leaked;

	mpool_set_adaptive(pool, false, 0, false);
	mpool_shrinker_exit(pool);
	/* A trim drains CPUs under their locks; the flush below takes none. */
	mpool_trim_exit(pool);
	pool_flush_caches(pool);
	/* The flush freed slabs: their trim must not run into the retirement. */
	mpool_trim_exit(pool);
	leaked = mpool_slab_visit_live(pool, NULL, NULL);
	if (leaked) {
		pr_err("pool %s destroyed with %lu objects in use; keeping their memory\n",
		       pool->name, leaked);
		if (pool->flags & MPOOL_F_TRACK)
			mpool_track_report_leaks(pool);
	}
	if (mpool_slab_retire(pool)) {
		mpool_cpu_exit(pool);
		mutex_lock(&mpool_registry_lock);
		list_add(&pool->registry_link, &mpool_graveyard);
		mutex_unlock(&mpool_registry_lock);
		return;
	}
	pool_free(pool);
}

/**
 * mpool_create() - create an object pool
 * @cfg: what to build; see struct mpool_config. Not referenced after return.
 *
 * Builds the per-CPU, per-node and reserve structures, prefills the reserve with
 * @cfg->min_objects objects and registers a shrinker and the pool's name.
 *
 * Context: process context; sleeps.
 * Return: the pool, or ERR_PTR(-EINVAL) for an invalid @cfg (a message names the
 * field), ERR_PTR(-EEXIST) when the name is taken, ERR_PTR(-ENOMEM).
 */
struct mpool *mpool_create(const struct mpool_config *cfg)
{
	struct mpool *pool = pool_build(cfg);
	int ret;

	if (IS_ERR(pool))
		return pool;
	ret = pool_register(pool);
	if (ret) {
		pool_teardown(pool);
		return ERR_PTR(ret);
	}
	return pool;
}
EXPORT_SYMBOL_GPL(mpool_create);

/* A size class of a buffer pool: an object pool that is not published itself. */
struct mpool *mpool_create_hidden(const struct mpool_config *cfg, struct mpool_buf_pool *owner)
{
	struct mpool *pool = pool_build(cfg);

	if (!IS_ERR(pool))
		pool->owner = owner;
	return pool;
}

/*
 * The published entry of a buffer pool (@bp) or a managed pool (@mp): a name, an id,
 * no objects of its own.
 */
struct mpool *mpool_create_head(const char *name, unsigned int flags,
				struct mpool_buf_pool *bp, struct mpool_m_pool *mp)
{
	struct mpool *head;
	int ret;

	if (!name || !name_valid(name)) {
		pr_err("create ?: name: 1 to %d characters of [A-Za-z0-9_.-]\n",
		       MPOOL_NAME_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	head = pool_alloc(name, flags);
	if (!head)
		return ERR_PTR(-ENOMEM);
	head->buf = bp;
	head->managed = mp;
	head->home_node = NUMA_NO_NODE;
	ret = pool_register(head);
	if (ret) {
		kfree(head);
		return ERR_PTR(ret);
	}
	return head;
}

void mpool_destroy_head(struct mpool *head)
{
	pool_unregister(head);
	kfree(head);
}

/**
 * mpool_destroy() - destroy an object pool
 * @pool: the pool; NULL and error pointers are ignored.
 *
 * Every cached object is destroyed (dtor) and its memory returned. Objects still in
 * use are reported (how many, and where they were allocated with %MPOOL_F_TRACK);
 * their memory is kept until mpool.ko is unloaded, so late writes do no harm, but
 * they must not be freed to the pool any more. The name is free again on return.
 *
 * Context: process context; sleeps. No other call on @pool may run concurrently.
 */
void mpool_destroy(struct mpool *pool)
{
	if (IS_ERR_OR_NULL(pool))
		return;
	might_sleep();
	if (!pool->owner)
		pool_unregister(pool);
	pool_teardown(pool);
}
EXPORT_SYMBOL_GPL(mpool_destroy);

/*
 * Take the next pool out of the registry at module exit: managed pools first, since
 * releasing one may destroy the buffer pool of the cold tiers (compress.c), which
 * must then still be registered to be destroyed the usual way.
 */
static struct mpool *take_forgotten(void)
{
	struct mpool *pool, *found = NULL;

	mutex_lock(&mpool_registry_lock);
	list_for_each_entry(pool, &mpool_registry, registry_link) {
		if (!found || (pool->managed && !found->managed))
			found = pool;
	}
	if (found) {
		list_del_init(&found->registry_link);
		xa_erase(&mpool_ids, found->id);
		mpool_registry_gen++;
	}
	mutex_unlock(&mpool_registry_lock);
	return found;
}

/*
 * Module exit: free the memory of leaked objects, whose owners are gone. A pool still
 * registered here belonged to a module that was unloaded without destroying it: its
 * callbacks are gone with it, so its memory is freed without them, and the
 * forgotten pool is named.
 */
void mpool_release_graveyard(void)
{
	struct mpool *pool, *tmp;

	while ((pool = take_forgotten())) {
		pr_err("pool %s was never destroyed; freeing it without its callbacks\n",
		       pool->name);
		mpool_nl_pool_exit(pool);
		mpool_debugfs_pool_remove(pool);
		if (pool->buf || pool->managed) {
			/* No callbacks of the owner's in them: they go as usual. */
			if (pool->buf)
				mpool_buf_release(pool->buf);
			else
				mpool_m_release(pool->managed);
			kfree(pool);
			continue;
		}
		pool->ctor = NULL;
		pool->dtor = NULL;
		pool_teardown(pool);
	}

	mutex_lock(&mpool_registry_lock);
	list_for_each_entry_safe(pool, tmp, &mpool_graveyard, registry_link) {
		list_del(&pool->registry_link);
		/* Late frees of leaked objects may have queued a trim: none may walk them now. */
		mpool_trim_exit(pool);
		mpool_slab_free_kept(pool);
		pool_free(pool);
	}
	mutex_unlock(&mpool_registry_lock);
}

/**
 * mpool_set_flags() - change the flags of a live pool
 * @pool: the pool.
 * @flags: the complete new set; only %MPOOL_F_RUNTIME bits may differ from now.
 *
 * Switching %MPOOL_F_POISON on checks objects freed from then on; switching it off
 * stops the checks at once.
 *
 * Context: process context; sleeps.
 * Return: 0, or -EINVAL for unknown flags, a create-time flag changed, or poisoning
 * asked of a pool with a constructor.
 */
int mpool_set_flags(struct mpool *pool, unsigned int flags)
{
	unsigned int cur, i;
	int ret;

	might_sleep();
	/* A buffer pool: every class, then its own record of them. */
	for (i = 0; pool->buf && i < pool->buf->nr_classes; i++) {
		ret = mpool_set_flags(pool->buf->classes[i].pool, flags);
		if (ret)
			return ret;
	}
	mutex_lock(&pool->config_lock);
	cur = pool->flags;
	if ((flags & ~MPOOL_F_ALL) || ((flags ^ cur) & MPOOL_F_ALL & ~MPOOL_F_RUNTIME) ||
	    ((flags & MPOOL_F_POISON) && pool->ctor)) {
		mutex_unlock(&pool->config_lock);
		return -EINVAL;
	}
	cur = (cur & ~MPOOL_F_RUNTIME) | flags;
	if (flags & MPOOL_F_POISON)
		cur |= MPOOL_IF_POISON_SEEN;
	WRITE_ONCE(pool->flags, cur);
	mpool_update_hooks(pool);
	mutex_unlock(&pool->config_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(mpool_set_flags);

/**
 * mpool_name() - the name a pool was created with
 * @pool: the pool.
 *
 * Context: any.
 * Return: the name; valid as long as the pool.
 */
const char *mpool_name(const struct mpool *pool)
{
	return pool->name;
}
EXPORT_SYMBOL_GPL(mpool_name);
