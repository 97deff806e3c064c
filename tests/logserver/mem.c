// SPDX-License-Identifier: GPL-2.0
/*
 * The log server's memory, from mpool or from kmalloc: the same server runs on
 * either (allocator=), so that every figure has a peer.
 *
 * mpool: typed pools of entries (every node, each CPU its own) and of senders (cache
 * line aligned: senders are written by the CPUs their datagrams arrive on), a buffer
 * pool for the texts with classes close to syslog line lengths, and a managed pool
 * for the archive (young/old generations: archived lines age together, and the
 * oldest go first). Everything is warmed at load: the object pools, the text classes
 * up to 512 bytes, and the archive with segments for the lines retention keeps beyond
 * hot_lines, at a typical length.
 *
 * kmalloc: kmalloc()/kfree() for entries, senders and archived lines, kvmalloc() and
 * kvfree() for texts (from the receive path kvmalloc() can only use kmalloc(): texts
 * stay within max_line).
 *
 * The archive has the compressed cold tier of managed pools: lines nobody reads for a
 * second are kept LZ4-compressed, and read-back decompresses them (archive_policy()).
 * With no budget its background compressor never starts by itself; memory pressure
 * (its shrinker) and `mempoolctl compress logsrv_archive` compress.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cache.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/slab.h>

#include "logserver.h"

DEFINE_MPOOL_TYPE(struct logsrv_entry, logsrv_entry);
DEFINE_MPOOL_TYPE(struct logsrv_conn, logsrv_conn);

/* Syslog lines are mostly 60 to 500 bytes; classes up to the one max_line needs. */
static const unsigned int logsrv_text_classes[] = {
	64, 128, 192, 256, 320, 384, 448, 512, 768, 1024, 2048, 4096, 8192, 16384,
};

/* Classes warmed at load: those that typical lines use. */
#define LOGSRV_TEXT_WARM_LIMIT	512

/*
 * A typical line, for the archive's warm memory: archive_warm lines of it. Warmed for
 * less than it holds once retention starts dropping lines, the archive took new
 * pages, which the page allocator zeroes, for the rest of every run: 3 to 6% of the
 * server's time at 16 lines per datagram.
 */
#define LOGSRV_TYPICAL_LINE	256

static struct {
	enum logsrv_allocator allocator;
	struct logsrv_entry_pool *entries;
	struct logsrv_conn_pool *conns;
	struct mpool_buf_pool *texts;
	unsigned int nr_text_classes;
	struct mpool_m_pool *archive;
} mem;

const char *logsrv_mem_name(void)
{
	return mem.allocator == LOGSRV_ALLOC_MPOOL ? "mpool" : "kmalloc";
}

/*
 * Entries for the lines of a datagram: how many were had, in @entries[0..ret-1];
 * fewer than @n when the pool's cap or memory ran out. kmalloc() has no bulk call.
 */
unsigned int logsrv_entry_alloc_bulk(struct logsrv_entry **entries, unsigned int n, gfp_t gfp)
{
	unsigned int i;

	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		return mpool_alloc_bulk(logsrv_entry_pool_mpool(mem.entries), gfp, n,
					(void **)entries);
	for (i = 0; i < n; i++) {
		entries[i] = kmalloc(sizeof(*entries[i]), gfp);
		if (!entries[i])
			break;
	}
	return i;
}

void logsrv_entry_free(struct logsrv_entry *e)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		logsrv_entry_pool_put(mem.entries, e);
	else
		kfree(e);
}

/* The entries of lines just archived: each allocator's bulk free. */
void logsrv_entry_free_bulk(struct logsrv_entry **entries, unsigned int n)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		mpool_free_bulk(logsrv_entry_pool_mpool(mem.entries), n, (void **)entries);
	else
		kfree_bulk(n, (void **)entries);
}

struct logsrv_conn *logsrv_conn_alloc(gfp_t gfp)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		return logsrv_conn_pool_get(mem.conns, gfp);
	return kmalloc(sizeof(struct logsrv_conn), gfp);
}

void logsrv_conn_free(struct logsrv_conn *c)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		logsrv_conn_pool_put(mem.conns, c);
	else
		kfree(c);
}

char *logsrv_text_alloc(size_t len, gfp_t gfp)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		return mpool_buf_alloc(mem.texts, len, gfp);
	return kvmalloc(len, gfp);
}

void logsrv_text_free(char *text)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		mpool_buf_free(mem.texts, text);
	else
		kvfree(text);
}

/*
 * Records of @sizes[0..n-1] bytes into @handles (the kmalloc build's handles are the
 * records' addresses), each allocator's way: how many were had, in order. mpool takes
 * the archive's lock once; kmalloc() has no bulk call for objects of different sizes.
 */
unsigned int logsrv_archive_alloc_bulk(const u32 *sizes, unsigned int n, u64 *handles)
{
	unsigned int i;

	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		return mpool_h_alloc_bulk(mem.archive, GFP_KERNEL, 0, n, sizes, handles);
	for (i = 0; i < n; i++) {
		handles[i] = (unsigned long)kmalloc(sizes[i], GFP_KERNEL);
		if (!handles[i])
			break;
	}
	return i;
}

/* The record stays where it is until logsrv_archive_unmap(). */
struct logsrv_record *logsrv_archive_map(u64 handle)
{
	void *rec;

	if (mem.allocator != LOGSRV_ALLOC_MPOOL)
		return (struct logsrv_record *)(unsigned long)handle;
	rec = mpool_h_map(mem.archive, handle);
	/* Our handles are never stale: the store frees each once, under its lock. */
	return WARN_ON_ONCE(IS_ERR(rec)) ? NULL : rec;
}

void logsrv_archive_unmap(u64 handle)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		mpool_h_unmap(mem.archive, handle);
}

void logsrv_archive_free(u64 handle)
{
	if (mem.allocator == LOGSRV_ALLOC_MPOOL)
		WARN_ON_ONCE(mpool_h_free(mem.archive, handle));
	else
		kfree((void *)(unsigned long)handle);
}

/* Archived lines retention displaced: each allocator's bulk free. */
void logsrv_archive_free_bulk(u64 *handles, unsigned int n)
{
	void *recs[LOGSRV_ARCHIVE_BATCH];
	unsigned int i, done;

	if (!n)
		return;
	if (mem.allocator == LOGSRV_ALLOC_MPOOL) {
		/* Our handles are never stale: the store frees each once, under its lock. */
		WARN_ON_ONCE(mpool_h_free_bulk(mem.archive, n, handles) != n);
		return;
	}
	for (done = 0; done < n; done += i) {
		for (i = 0; i < ARRAY_SIZE(recs) && done + i < n; i++)
			recs[i] = (void *)(unsigned long)handles[done + i];
		kfree_bulk(i, recs);
	}
}

static u64 pool_bytes(struct mpool *pool, struct mpool_stats *st)
{
	mpool_get_stats(pool, st);
	return st->pages * PAGE_SIZE;
}

void logsrv_mem_usage(struct logsrv_mem_usage *u)
{
	struct mpool_m_stats *ast;
	struct mpool_stats st;
	unsigned int i;

	memset(u, 0, sizeof(*u));
	if (mem.allocator != LOGSRV_ALLOC_MPOOL)
		return;
	for (i = 0; i < mem.nr_text_classes; i++)
		u->pool_bytes += pool_bytes(mpool_buf_class(mem.texts, logsrv_text_classes[i]),
					    &st);
	u->pool_bytes += pool_bytes(logsrv_conn_pool_mpool(mem.conns), &st);
	u->pool_bytes += pool_bytes(logsrv_entry_pool_mpool(mem.entries), &st);
	u->entry_allocs = mpool_stats_allocs(&st);
	u->entry_hit_ppm = mpool_stats_hit_rate(&st);
	u->entry_capped = st.alloc_capped;

	/* Too big for a KASAN stack frame with the cold tier's histogram. */
	ast = kmalloc(sizeof(*ast), GFP_KERNEL);
	if (!ast)
		return;
	mpool_m_get_stats(mem.archive, ast);
	/* Compressed lines count where they are kept: in the blocks of the cold tier. */
	u->archive_bytes = ast->cold.stored_bytes;
	u->archive_ratio_x100 = mpool_m_cold_ratio_x100(&ast->cold);
	for (i = 0; i < MPOOL_NR_GENS; i++) {
		u->archive_bytes += ast->gen[i].held_bytes;
		u->archive_collections += ast->gen[i].collections;
		u->archive_moved += ast->gen[i].moved_objects;
	}
	u->archive_young = ast->gen[MPOOL_GEN_YOUNG].live_objects;
	u->archive_old = ast->gen[MPOOL_GEN_OLD].live_objects;
	kfree(ast);
}

/*
 * How the archive ages, compacts and compresses. A young collection walks the young
 * generation under the pool's lock: once a second is plenty for lines that live until
 * retention drops them. Old lines unread for a second are cold.
 */
static struct mpool_m_policy archive_policy(void)
{
	return (struct mpool_m_policy){
		.promote_after = 2,
		.young_interval_ms = 1000,
		.old_interval_ms = 2000,
		.cold_tier = true,
		.cold_age_ms = 1000,
	};
}

/*
 * mpool_warm() readies its count on every node: spread @total over the nodes with
 * memory, so that the pool holds @total ready objects in all.
 */
static int warm_total(struct mpool *pool, unsigned int total)
{
	int ret = mpool_warm(pool, DIV_ROUND_UP(total, num_node_state(N_MEMORY)), NUMA_NO_NODE);

	if (ret)
		pr_err("warming %u objects of %s: %d (-ENOSPC: whole slabs per node pass its max)\n",
		       total, mpool_name(pool), ret);
	return ret;
}

static int text_pool_create(const struct logsrv_mem_config *cfg)
{
	unsigned int i, per_class, warmed = 0;
	int ret;

	/* The classes up to the first that holds max_line. */
	while (mem.nr_text_classes < ARRAY_SIZE(logsrv_text_classes) &&
	       logsrv_text_classes[mem.nr_text_classes] < cfg->max_line)
		mem.nr_text_classes++;
	mem.nr_text_classes = min_t(unsigned int, mem.nr_text_classes + 1,
				    ARRAY_SIZE(logsrv_text_classes));
	mem.texts = mpool_buf_create("logsrv_text", &(struct mpool_buf_config){
		.sizes = logsrv_text_classes, .nr_sizes = mem.nr_text_classes,
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(mem.texts))
		return PTR_ERR(mem.texts);

	for (i = 0; i < mem.nr_text_classes; i++)
		warmed += logsrv_text_classes[i] <= LOGSRV_TEXT_WARM_LIMIT;
	per_class = warmed ? cfg->entries_warm / warmed : 0;
	for (i = 0; i < mem.nr_text_classes && logsrv_text_classes[i] <= LOGSRV_TEXT_WARM_LIMIT;
	     i++) {
		ret = warm_total(mpool_buf_class(mem.texts, logsrv_text_classes[i]), per_class);
		if (ret)
			return ret;
	}
	return 0;
}

static int mpool_mem_init(const struct logsrv_mem_config *cfg)
{
	int ret;

	mem.entries = logsrv_entry_pool_create(&(struct mpool_config){
		.name = "logsrv_entry", .max_objects = cfg->entries_max,
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(mem.entries))
		return PTR_ERR(mem.entries);
	ret = warm_total(logsrv_entry_pool_mpool(mem.entries), cfg->entries_warm);
	if (ret)
		return ret;

	mem.conns = logsrv_conn_pool_create(&(struct mpool_config){
		.name = "logsrv_sender", .align = cache_line_size(),
		.max_objects = cfg->conns_max, .node = NUMA_NO_NODE,
	});
	if (IS_ERR(mem.conns))
		return PTR_ERR(mem.conns);
	ret = warm_total(logsrv_conn_pool_mpool(mem.conns), cfg->conns_warm);
	if (ret)
		return ret;

	ret = text_pool_create(cfg);
	if (ret)
		return ret;

	mem.archive = mpool_m_create(&(struct mpool_m_config){
		.name = "logsrv_archive",
		.max_size = sizeof(struct logsrv_record) + cfg->max_line,
		.max_handles = cfg->archive_max, .policy = archive_policy(),
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(mem.archive))
		return PTR_ERR(mem.archive);
	ret = mpool_m_warm(mem.archive, (size_t)cfg->archive_warm *
				       (sizeof(struct logsrv_record) + LOGSRV_TYPICAL_LINE));
	if (ret)
		pr_err("warming the archive: %d\n", ret);
	return ret;
}

/**
 * logsrv_mem_init() - set up the allocator the server runs on
 * @cfg: which allocator, and the sizes of the pools.
 *
 * Context: process context; sleeps.
 * Return: 0, or a negative errno with everything undone.
 */
int logsrv_mem_init(const struct logsrv_mem_config *cfg)
{
	int ret;

	memset(&mem, 0, sizeof(mem));
	mem.allocator = cfg->allocator;
	if (mem.allocator != LOGSRV_ALLOC_MPOOL)
		return 0;
	ret = mpool_mem_init(cfg);
	if (ret)
		logsrv_mem_exit();
	return ret;
}

/* Undoes a full or a partial logsrv_mem_init(). */
void logsrv_mem_exit(void)
{
	if (mem.allocator != LOGSRV_ALLOC_MPOOL)
		return;
	if (!IS_ERR_OR_NULL(mem.archive))
		mpool_m_destroy(mem.archive);
	if (!IS_ERR_OR_NULL(mem.texts))
		mpool_buf_destroy(mem.texts);
	if (!IS_ERR_OR_NULL(mem.conns))
		logsrv_conn_pool_destroy(mem.conns);
	if (!IS_ERR_OR_NULL(mem.entries))
		logsrv_entry_pool_destroy(mem.entries);
	memset(&mem, 0, sizeof(mem));
}
