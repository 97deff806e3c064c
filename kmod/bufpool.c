// SPDX-License-Identifier: GPL-2.0
/*
 * Buffer pools: kmalloc-like allocations of any size, served by a set of object pools
 * (one per size class) and as observable as they are.
 *
 * A request goes to the smallest class that fits it; sizes above the largest class
 * fall back to kvmalloc_node() and are counted as oversize. Freeing finds the class
 * from the buffer's slab page (no per-buffer header); oversize buffers are known by
 * their address (a record per buffer, looked up only while the pool has some). Class
 * pools are
 * ordinary object pools, hidden from the registry: the buffer pool is registered
 * once, as a pool of kind buffer whose snapshot is the sum of its classes (stats.c).
 *
 * Each class counts, in its own per-CPU statistics, the bytes asked of it and a
 * log2 histogram of the sizes asked, so internal fragmentation (asked vs class
 * bytes) is reported per class and overall at no extra cost on the fast path.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "netlink.h"
#include "pool.h"

/*
 * A live oversize buffer. mpool_buf_size() is given no pool, so the records of every
 * buffer pool share one table keyed by address; each names its pool, and
 * mpool_buf_destroy() takes its pool's records out (oversize_disown()), so that no
 * record outlives its pool for a later buffer at the same address to be taken for.
 */
struct mpool_oversize {
	const struct mpool_buf_pool *bp;
	size_t size;
	unsigned long caller;	/* for the leak report at destroy */
};

static DEFINE_XARRAY_FLAGS(mpool_oversize, XA_FLAGS_LOCK_IRQ);

static const unsigned int mpool_buf_default_sizes[] = {
	64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
	131072, 262144, 524288, 1048576, 2097152,
};

static int sizes_check(const char *name, const unsigned int *sizes, unsigned int nr)
{
	unsigned int i;

	if (!nr || nr > MPOOL_BUF_MAX_CLASSES) {
		pr_err("create %s: nr_sizes: 1 to %u classes\n", name, MPOOL_BUF_MAX_CLASSES);
		return -EINVAL;
	}
	for (i = 0; i < nr; i++) {
		if (sizes[i] < MPOOL_BUF_MIN_CLASS || sizes[i] > MPOOL_BUF_MAX_CLASS ||
		    sizes[i] % MPOOL_BUF_MIN_CLASS || (i && sizes[i] <= sizes[i - 1])) {
			pr_err("create %s: sizes[%u]: %u is not an ascending multiple of %u up to %u\n",
			       name, i, sizes[i], MPOOL_BUF_MIN_CLASS, MPOOL_BUF_MAX_CLASS);
			return -EINVAL;
		}
	}
	return 0;
}

/* Powers of two from 64 up: the class is found with one log2. */
static bool sizes_are_pow2_ladder(const unsigned int *sizes, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (sizes[i] != MPOOL_BUF_MIN_CLASS << i)
			return false;
	}
	return true;
}

/* Index of the smallest class holding @size, or nr_classes when none does. */
static unsigned int class_index(const struct mpool_buf_pool *bp, size_t size)
{
	unsigned int lo = 0, hi = bp->nr_classes;

	if (bp->pow2) {
		if (size <= MPOOL_BUF_MIN_CLASS)
			return 0;
		return min_t(unsigned int, order_base_2(size) - ilog2(MPOOL_BUF_MIN_CLASS),
			     bp->nr_classes);
	}
	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (bp->classes[mid].size < size)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct mpool *mpool_buf_class_at(struct mpool_buf_pool *bp, unsigned int idx)
{
	return idx < bp->nr_classes ? bp->classes[idx].pool : NULL;
}

/**
 * mpool_buf_class() - the object pool that serves a size
 * @bp: the buffer pool.
 * @size: a request size.
 *
 * For per-class control (mpool_set_limits(), mpool_warm(), mpool_rebalance()) and
 * statistics (mpool_get_stats()) of one class.
 *
 * Context: any.
 * Return: the class pool, or NULL when @size is above the largest class.
 */
struct mpool *mpool_buf_class(struct mpool_buf_pool *bp, size_t size)
{
	return mpool_buf_class_at(bp, class_index(bp, size));
}
EXPORT_SYMBOL_GPL(mpool_buf_class);

/*
 * IRQ-safe pools allocate and free in hard interrupt context, with interrupts off:
 * the xarray lock must leave them as it found them (no _irq variants).
 */
static int oversize_track(const void *buf, struct mpool_oversize *rec, gfp_t gfp)
{
	unsigned long flags;
	int ret;

	xa_lock_irqsave(&mpool_oversize, flags);
	ret = xa_err(__xa_store(&mpool_oversize, (unsigned long)buf, rec, gfp));
	xa_unlock_irqrestore(&mpool_oversize, flags);
	return ret;
}

/*
 * Take @buf's record out of the table if it is one of @bp's oversize buffers.
 * Return: the record (the caller frees it), NULL when @buf has none (a class
 * buffer), or ERR_PTR(-EXDEV) for another pool's oversize buffer, left in place.
 */
static struct mpool_oversize *oversize_untrack(const struct mpool_buf_pool *bp,
					       const void *buf)
{
	struct mpool_oversize *rec;
	unsigned long flags;

	xa_lock_irqsave(&mpool_oversize, flags);
	rec = xa_load(&mpool_oversize, (unsigned long)buf);
	if (rec && rec->bp != bp)
		rec = ERR_PTR(-EXDEV);
	else if (rec)
		__xa_erase(&mpool_oversize, (unsigned long)buf);
	xa_unlock_irqrestore(&mpool_oversize, flags);
	return rec;
}

static void *oversize_alloc(struct mpool_buf_pool *bp, size_t size, gfp_t gfp, int node,
			    unsigned long caller)
{
	/* As the classes grow slabs: the caller's reclaim bits, quiet, and __GFP_ZERO. */
	gfp_t nested = mpool_nested_gfp(gfp);
	struct mpool_oversize *rec;
	void *buf;

	if (unlikely(size > MPOOL_BUF_MAX_SIZE)) {
		pr_warn_ratelimited("%s: alloc of %zu bytes: above the largest request, %u\n",
				    bp->head->name, size, MPOOL_BUF_MAX_SIZE);
		goto fail;
	}
	rec = kmalloc(sizeof(*rec), nested);
	if (!rec)
		goto fail;
	buf = kvmalloc_node(size, nested | (gfp & __GFP_ZERO),
			    bp->node != NUMA_NO_NODE ? bp->node : node);
	if (!buf)
		goto fail_rec;
	rec->bp = bp;
	rec->size = size;
	rec->caller = caller;
	if (oversize_track(buf, rec, nested))
		goto fail_buf;
	atomic_long_inc(&bp->oversize_live);
	/* this_cpu ops: interrupt-safe, single instructions on x86. */
	this_cpu_inc(bp->cpu->oversize_allocs);
	return buf;

fail_buf:
	kvfree(buf);
fail_rec:
	kfree(rec);
fail:
	this_cpu_inc(bp->cpu->oversize_fail);
	return NULL;
}

/*
 * Every entry point passes its own caller, for MPOOL_F_TRACK's call sites. The node is
 * checked first, whatever the size: a class and the oversize path refuse alike.
 */
static void *buf_alloc(struct mpool_buf_pool *bp, size_t size, gfp_t gfp, int node,
		       unsigned long caller)
{
	unsigned int idx;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	idx = class_index(bp, size);
	if (unlikely(!mpool_alloc_node_valid(bp->head, node))) {
		if (idx < bp->nr_classes)
			mpool_count_event(bp->classes[idx].pool, MPOOL_STAT_ALLOC_FAIL);
		else
			this_cpu_inc(bp->cpu->oversize_fail);
		return NULL;
	}
	if (unlikely(idx == bp->nr_classes))
		return oversize_alloc(bp, size, gfp, node, caller);
	return mpool_alloc_from(bp->classes[idx].pool, gfp, node, caller, size);
}

/**
 * mpool_buf_alloc_node() - allocate a buffer of at least @size bytes on a node
 * @bp: the buffer pool.
 * @size: bytes wanted; 0 returns ZERO_SIZE_PTR, as kmalloc() does.
 * @gfp: as for mpool_alloc(); __GFP_ZERO zeroes the buffer.
 * @node: as for mpool_alloc_node(), or %NUMA_NO_NODE.
 *
 * The buffer comes from the smallest class that holds @size; mpool_buf_size() says
 * how much of it may be used. Above the largest class it comes from
 * kvmalloc_node() (counted as oversize), on the pool's node if it has one, up to
 * %MPOOL_BUF_MAX_SIZE bytes. A @node without memory is refused for every size.
 *
 * Context: as mpool_alloc(); oversize requests may sleep if @gfp allows.
 * Return: the buffer, ZERO_SIZE_PTR for @size 0, or NULL (also for @node not a node
 * with memory and @size above %MPOOL_BUF_MAX_SIZE; both reported).
 */
void *mpool_buf_alloc_node(struct mpool_buf_pool *bp, size_t size, gfp_t gfp, int node)
{
	return buf_alloc(bp, size, gfp, node, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mpool_buf_alloc_node);

/**
 * mpool_buf_alloc() - allocate a buffer of at least @size bytes
 * @bp: the buffer pool.
 * @size: bytes wanted; 0 returns ZERO_SIZE_PTR.
 * @gfp: as for mpool_alloc().
 *
 * Context: as mpool_buf_alloc_node().
 * Return: the buffer, ZERO_SIZE_PTR for @size 0, or NULL.
 */
void *mpool_buf_alloc(struct mpool_buf_pool *bp, size_t size, gfp_t gfp)
{
	return buf_alloc(bp, size, gfp, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mpool_buf_alloc);

/* The requested size of a live oversize buffer, or 0 for any other pointer. */
static size_t oversize_size(const void *buf)
{
	const struct mpool_oversize *rec = xa_load(&mpool_oversize, (unsigned long)buf);

	return rec ? rec->size : 0;
}

/* The class pool of @bp that owns @buf, checked; NULL (reported) when none does. */
static struct mpool *checked_class(struct mpool_buf_pool *bp, const void *buf)
{
	unsigned int i;

	for (i = 0; i < bp->nr_classes; i++) {
		if (mpool_lookup_slab(bp->classes[i].pool, buf))
			return bp->classes[i].pool;
	}
	mpool_report_invalid_free(bp->head, buf);
	return NULL;
}

/**
 * mpool_buf_free() - give a buffer back
 * @bp: the buffer pool it came from.
 * @buf: the buffer; NULL and ZERO_SIZE_PTR are ignored.
 *
 * With %MPOOL_F_POISON, a pointer @bp never handed out is reported, counted and
 * ignored instead of corrupting a class. So is, always, another buffer pool's
 * oversize buffer while @bp has oversize buffers of its own.
 *
 * Context: as mpool_free(); oversize buffers from vmalloc must be freed where
 * sleeping is allowed (kvfree()).
 */
void mpool_buf_free(struct mpool_buf_pool *bp, const void *buf)
{
	struct mpool_oversize *rec;
	struct mpool *class;

	if (unlikely(ZERO_OR_NULL_PTR(buf)))
		return;
	if (unlikely(atomic_long_read(&bp->oversize_live))) {
		rec = oversize_untrack(bp, buf);
		if (IS_ERR(rec)) {
			mpool_report_invalid_free(bp->head, buf);
			return;
		}
		if (rec) {
			atomic_long_dec(&bp->oversize_live);
			this_cpu_inc(bp->cpu->oversize_frees);
			kvfree(buf);
			kfree(rec);
			return;
		}
	}
	if (unlikely(READ_ONCE(bp->head->flags) & MPOOL_F_POISON))
		class = checked_class(bp, buf);
	else
		class = mpool_obj_to_slab(buf)->pool;
	if (class)
		mpool_free(class, (void *)buf);
}
EXPORT_SYMBOL_GPL(mpool_buf_free);

/**
 * mpool_buf_size() - how many bytes of a buffer may be used
 * @buf: a buffer from any buffer pool, not yet freed.
 *
 * Context: any.
 * Return: the size of its class, the requested size of an oversize buffer, or 0
 * for NULL and ZERO_SIZE_PTR.
 */
size_t mpool_buf_size(const void *buf)
{
	size_t size;

	if (ZERO_OR_NULL_PTR(buf))
		return 0;
	size = oversize_size(buf);
	return size ?: mpool_obj_to_slab(buf)->pool->size;
}
EXPORT_SYMBOL_GPL(mpool_buf_size);

/*
 * The pool is going: its oversize buffers still live are reported like leaked
 * objects and become plain kvmalloc() memory of the caller's (kvfree() them; no
 * mpool call knows them any more). Their records go now, so that nothing at their
 * addresses is ever taken for this pool's again.
 * Context: process context; no other call on @bp runs (entries of other pools may
 * come and go meanwhile: xa_for_each() copes).
 */
static void oversize_disown(struct mpool_buf_pool *bp)
{
	long live = atomic_long_read(&bp->oversize_live);
	struct mpool_oversize *rec;
	unsigned long index;
	long shown = 0;

	if (!live)
		return;
	pr_err("pool %s destroyed with %ld oversize buffers in use; they are the caller's to kvfree()\n",
	       bp->head->name, live);
	xa_for_each(&mpool_oversize, index, rec) {
		if (rec->bp != bp)
			continue;
		oversize_untrack(bp, (void *)index);
		if (shown++ < MPOOL_LEAK_SITES)
			pr_err("pool %s:   %zu bytes allocated at %pS\n", bp->head->name,
			       rec->size, (void *)rec->caller);
		kfree(rec);
	}
	if (shown > MPOOL_LEAK_SITES)
		pr_err("pool %s:   and %ld more\n", bp->head->name, shown - MPOOL_LEAK_SITES);
	WARN_ON_ONCE(shown != live);
	atomic_long_set(&bp->oversize_live, 0);
}

static void buf_pool_free(struct mpool_buf_pool *bp)
{
	unsigned int i;

	for (i = 0; i < bp->nr_classes; i++)
		mpool_destroy(bp->classes[i].pool);
	free_percpu(bp->cpu);
	kfree(bp);
}

/**
 * mpool_buf_create() - create a buffer pool
 * @name: unique name, as for an object pool.
 * @cfg: classes, limits and flags; see struct mpool_buf_config.
 *
 * Context: process context; sleeps.
 * Return: the pool, or ERR_PTR(-EINVAL) (a message names the field), -EEXIST or
 * -ENOMEM.
 */
struct mpool_buf_pool *mpool_buf_create(const char *name, const struct mpool_buf_config *cfg)
{
	const unsigned int *sizes = mpool_buf_default_sizes;
	unsigned int nr = ARRAY_SIZE(mpool_buf_default_sizes);
	struct mpool_buf_pool *bp;
	unsigned int i;
	int ret;

	might_sleep();
	if (!cfg)
		return ERR_PTR(-EINVAL);	/* as mpool_create(NULL) */
	if (cfg->sizes) {
		sizes = cfg->sizes;
		nr = cfg->nr_sizes;
	}
	if (!cfg->sizes && cfg->nr_sizes) {
		pr_err("create %s: nr_sizes: given without sizes\n", name);
		return ERR_PTR(-EINVAL);
	}
	ret = sizes_check(name, sizes, nr);
	if (ret)
		return ERR_PTR(ret);

	bp = kzalloc(struct_size(bp, classes, nr), GFP_KERNEL);
	if (!bp)
		return ERR_PTR(-ENOMEM);
	bp->nr_classes = nr;
	bp->node = cfg->node;
	bp->pow2 = sizes_are_pow2_ladder(sizes, nr);
	bp->cpu = alloc_percpu(struct mpool_buf_cpu);
	if (!bp->cpu) {
		kfree(bp);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < nr; i++) {
		char class_name[MPOOL_NAME_MAX];
		struct mpool_config class_cfg = {
			.name = class_name, .size = sizes[i],
			/* The largest power of two dividing the size: natural alignment. */
			.align = min_t(unsigned long, sizes[i] & -sizes[i], PAGE_SIZE),
			.flags = cfg->flags,
			.min_objects = cfg->min_objects ? cfg->min_objects[i] : 0,
			.max_objects = cfg->max_objects ? cfg->max_objects[i] : 0,
			.node = cfg->node,
		};
		struct mpool *class;

		/* Messages about a class name it: "kbuf.4096". */
		snprintf(class_name, sizeof(class_name), "%.20s.%u", name, sizes[i]);
		class = mpool_create_hidden(&class_cfg, bp);
		if (IS_ERR(class)) {
			buf_pool_free(bp);
			return ERR_CAST(class);
		}
		bp->classes[i].size = sizes[i];
		bp->classes[i].pool = class;
	}

	bp->head = mpool_create_head(name, cfg->flags, bp, NULL);
	if (IS_ERR(bp->head)) {
		ret = PTR_ERR(bp->head);
		buf_pool_free(bp);
		return ERR_PTR(ret);
	}
	if (cfg->adaptive) {
		ret = mpool_buf_set_adaptive(bp, true, MPOOL_ADAPT_INTERVAL, false);
		if (ret) {
			mpool_buf_destroy(bp);
			return ERR_PTR(ret);
		}
	}
	return bp;
}
EXPORT_SYMBOL_GPL(mpool_buf_create);

/**
 * mpool_buf_destroy() - destroy a buffer pool
 * @bp: the pool; NULL and error pointers are ignored.
 *
 * As mpool_destroy() for every class. Oversize buffers still live are reported
 * too (how many, how big, where allocated); they stay valid, become the caller's
 * and must be freed with kvfree(): mpool_buf_free() and mpool_buf_size() of any
 * pool no longer know them.
 *
 * Context: process context; sleeps. No other call on @bp may run concurrently.
 */
void mpool_buf_destroy(struct mpool_buf_pool *bp)
{
	if (IS_ERR_OR_NULL(bp))
		return;
	/* The controllers notify through the head: stop them before it goes. */
	mpool_buf_set_adaptive(bp, false, 0, false);
	oversize_disown(bp);
	mpool_destroy_head(bp->head);
	buf_pool_free(bp);
}
EXPORT_SYMBOL_GPL(mpool_buf_destroy);

/* A buffer pool whose head is already unpublished: its classes and memory. */
void mpool_buf_release(struct mpool_buf_pool *bp)
{
	mpool_buf_set_adaptive(bp, false, 0, false);
	oversize_disown(bp);
	buf_pool_free(bp);
}

/**
 * mpool_buf_set_adaptive() - switch the adaptive controller of every class
 * @bp: the buffer pool.
 * @on: run it or stop it.
 * @interval_s: seconds between decisions (0: keep the current interval).
 * @rebalance: let it move memory between nodes by itself.
 *
 * Switching on is all or nothing: on -ENOMEM no class changed.
 *
 * Context: process context; sleeps.
 * Return: 0 or a negative errno (see mpool_set_adaptive()).
 */
int mpool_buf_set_adaptive(struct mpool_buf_pool *bp, bool on, unsigned int interval_s,
			   bool rebalance)
{
	return mpool_set_adaptive(bp->head, on, interval_s, rebalance);
}
EXPORT_SYMBOL_GPL(mpool_buf_set_adaptive);

/* The oversize counters since the last reset, summed over CPUs. */
void mpool_buf_oversize(struct mpool_buf_pool *bp, struct mpool_buf_cpu *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct mpool_buf_cpu *c = per_cpu_ptr(bp->cpu, cpu);

		sum->oversize_allocs += READ_ONCE(c->oversize_allocs);
		sum->oversize_frees += READ_ONCE(c->oversize_frees);
		sum->oversize_fail += READ_ONCE(c->oversize_fail);
	}
}

/* ---- kbuf, the default buffer pool ---- */

static char *kbuf_classes;
module_param(kbuf_classes, charp, 0444);
MODULE_PARM_DESC(kbuf_classes,
		 "Class sizes of the kbuf pool, ascending, comma separated (default 64..2097152)");

static struct mpool_buf_pool *mpool_kbuf;

/**
 * mpool_kbuf_alloc() - allocate from the default buffer pool "kbuf"
 * @size: bytes wanted.
 * @gfp: as for mpool_alloc().
 *
 * Context: as mpool_buf_alloc().
 * Return: as mpool_buf_alloc().
 */
void *mpool_kbuf_alloc(size_t size, gfp_t gfp)
{
	return buf_alloc(mpool_kbuf, size, gfp, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mpool_kbuf_alloc);

/**
 * mpool_kbuf_free() - give a buffer back to "kbuf"
 * @buf: the buffer; NULL is ignored.
 *
 * Context: as mpool_buf_free().
 */
void mpool_kbuf_free(const void *buf)
{
	mpool_buf_free(mpool_kbuf, buf);
}
EXPORT_SYMBOL_GPL(mpool_kbuf_free);

/* "64,128,4096" into @sizes; returns how many, or -EINVAL for anything else. */
static int parse_classes(const char *spec, unsigned int *sizes, unsigned int max)
{
	char *copy = kstrdup(spec, GFP_KERNEL), *cur, *tok;
	int n = 0, ret = 0;

	if (!copy)
		return -ENOMEM;
	cur = copy;
	while ((tok = strsep(&cur, ",")) && !ret) {
		if (n == max || kstrtouint(tok, 0, &sizes[n]))
			ret = -EINVAL;
		n++;
	}
	kfree(copy);
	return ret ?: n;
}

int __init mpool_kbuf_init(void)
{
	struct mpool_buf_config cfg = { .node = NUMA_NO_NODE, .adaptive = true };
	unsigned int sizes[MPOOL_BUF_MAX_CLASSES];
	int n;

	if (kbuf_classes && *kbuf_classes) {
		n = parse_classes(kbuf_classes, sizes, ARRAY_SIZE(sizes));
		if (n < 0) {
			pr_err("kbuf_classes: \"%s\" is not up to %u comma-separated sizes\n",
			       kbuf_classes, MPOOL_BUF_MAX_CLASSES);
			return n;
		}
		cfg.sizes = sizes;
		cfg.nr_sizes = n;
	}
	mpool_kbuf = mpool_buf_create("kbuf", &cfg);
	return PTR_ERR_OR_ZERO(mpool_kbuf);
}

void mpool_kbuf_exit(void)
{
	mpool_buf_destroy(mpool_kbuf);
	mpool_kbuf = NULL;
}
