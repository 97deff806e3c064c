// SPDX-License-Identifier: GPL-2.0
/*
 * The compressed cold tier of managed pools: objects nobody maps for a while are kept
 * LZ4-compressed, and a map brings them back.
 *
 * Finding cold objects: a clock over the hot objects of the old generation (and the
 * permanent one when the policy allows), oldest segments first. A map sets the
 * entry's accessed mark (test before set, map() in managed.c); the sweep clears it
 * and notes the time in seen_ms. An object whose mark stayed clear for cold_age_ms is
 * a candidate. Young objects and %MPOOL_H_NOCOMPRESS ones never are, mapped ones are
 * skipped (pinned_skips).
 *
 * Compression: candidates are copied end to end, in sweep order (so of similar age),
 * into a raw block that takes about MPOOL_COLD_BLOCK bytes of segment once aligned,
 * which LZ4_compress_default() compresses with the pool's one workspace: small
 * records compress poorly alone, and alignment padding between them would cost a
 * fifth of the ratio on log lines. A block that saves less than
 * cold_min_saving_pct (its header counted) is rejected and its objects left alone for
 * MPOOL_COLD_BACKOFF cold ages. A kept block is committed under mp->lock: an object
 * mapped since its copy (its mark set again, or pinned now) or freed stays hot, the
 * others leave their segments and their address names the block instead
 * (MPOOL_M_COLD); the block lists them through their prev and next (an entry records
 * its offset), so a block costs a header and no bytes per object.
 *
 * Where the compressed bytes live: one buffer pool of mpool.ko, "mpool_cold", shared
 * by every cold tier, whose 24 classes step by 64 bytes up to 512, by 128 to 1.5 KiB
 * (where a 4 KiB block of text lands), by a quarter to 4 KiB and by a half above:
 * rounding wastes a twelfth of a typical block where powers of two would waste a
 * quarter on average. It
 * exists on every kernel we build for (zsmalloc is absent from our debug and UML
 * kernels, a module on Debian's 6.1, and changed its mapping API since) and shows in
 * mempoolctl like any buffer pool. Created with the first cold tier, destroyed with
 * the last: mpool_m_create() and mpool_m_destroy() must not hold the registry lock
 * around mpool_cold_init() and mpool_cold_exit().
 *
 * Decompression: a map of a cold object carves room for its whole block, aligned, in
 * the open segment of its generation (beyond the budget: a cold object must stay
 * reachable), decompresses the block there, checks its length and CRC32, moves each
 * object still live to its aligned place (back to front: a place is never before the
 * object's packed offset) and makes it hot there. A block that fails the checks is
 * marked corrupt: maps of its objects fail with -EIO (counted) until they are freed.
 * mpool_h_map_nowait() queues the block to fault_work and fails with -EAGAIN.
 *
 * When: the background worker starts when the segments held pass cold_high_pct of
 * the budget (mpool_cold_held_grew(), from segment_install()) and runs every
 * cold_interval_ms, for at most cold_cpu_pct of it, until they are back under
 * cold_low_pct. A shrinker compresses under memory pressure; mpool_m_compress() now.
 *
 * Lock order: struct mpool_m_pool (managed.h). A block is freed when its last object
 * is freed or made hot, unless a decompression works on it with mp->lock dropped
 * (busy): that one frees it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/lz4.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

#include "managed.h"
#include "pool.h"

/* Raw bytes a block packs; an object bigger than that is a block of its own. */
#define MPOOL_COLD_BLOCK	4096U
#define MPOOL_COLD_RAW_MAX	max_t(unsigned int, MPOOL_COLD_BLOCK, MPOOL_M_MAX_SIZE)
/* Objects in one block at most: MPOOL_COLD_BLOCK of the smallest objects. */
#define MPOOL_COLD_SLOTS	(MPOOL_COLD_BLOCK / MPOOL_M_ALIGN)
/* Candidates one sweep picks. */
#define MPOOL_COLD_BATCH	1024
/* Cold ages the objects of a rejected block are left alone. */
#define MPOOL_COLD_BACKOFF	8
/* An object of the block being built. */
struct mpool_cold_slot {
	u32 idx;			/* the entry's index */
	u16 packed;			/* its offset in the raw block */
	u16 at;				/* and once placed, aligned */
};

struct mpool_cold_block {
	struct list_head link;		/* on cold->blocks */
	struct list_head pending;	/* on cold->pending while a nowait map waits */
	struct mpool_m_list objects;	/* its live entries */
	u32 born_ms;			/* compressed then */
	u32 crc;			/* CRC32 of the raw block */
	u32 raw_len;			/* the objects end to end */
	u32 region_len;			/* each aligned */
	u32 clen;
	u32 stored;			/* bytes of this allocation */
	u16 live;			/* objects still in it */
	u8 gen;
	bool busy;			/* a decompression dropped mp->lock on it */
	bool corrupt;
	u8 data[];			/* the compressed bytes */
};

/* The block of cold @e (its address, MPOOL_M_COLD set). */
static struct mpool_cold_block *entry_block(const struct mpool_m_entry *e)
{
	return (struct mpool_cold_block *)((unsigned long)e->addr & ~MPOOL_M_COLD);
}

struct mpool_cold {
	struct mpool_m_pool *mp;
	struct mutex fault_lock;	/* one decompression at a time */
	struct mutex compress_lock;	/* one compression run at a time; the buffers */
	void *workspace;		/* LZ4_MEM_COMPRESS */
	u8 *raw;			/* MPOOL_COLD_RAW_MAX */
	u8 *out;			/* LZ4_COMPRESSBOUND(MPOOL_COLD_RAW_MAX) */
	u32 *cand;			/* MPOOL_COLD_BATCH entry indexes */
	struct mpool_cold_slot *slots;	/* MPOOL_COLD_SLOTS, of the block being built */
	u32 *tags;			/* their tags when copied */
	u8 gen;				/* their generation */
	unsigned int region_len;	/* their bytes once aligned */
	struct delayed_work work;	/* the background compressor */
	struct work_struct fault_work;	/* decompressions queued by nowait maps */
	struct shrinker *shrinker;

	/* Under mp->lock. */
	struct list_head blocks;
	struct list_head pending;
	size_t high;			/* bytes of segments: start compressing above */
	size_t low;			/* stop at or below */
	bool on;			/* between a start and its stop */
	bool dying;			/* destroy: queue nothing more */
	struct mpool_m_cold_stats st;
	char shrinker_name[MPOOL_NAME_MAX + 8];
};

static u32 now_ms(void)
{
	return jiffies_to_msecs(jiffies);
}

/* ---- LZ4, where the kernel has it (compat.h) ---- */

#ifdef MPOOL_HAVE_LZ4
static int lz4_compress(const u8 *src, u8 *dst, unsigned int len, unsigned int cap,
			void *workspace)
{
	return LZ4_compress_default(src, dst, len, cap, workspace);
}

static int lz4_decompress(const u8 *src, u8 *dst, unsigned int clen, unsigned int cap)
{
	return LZ4_decompress_safe(src, dst, clen, cap);
}
#else
static int lz4_compress(const u8 *src, u8 *dst, unsigned int len, unsigned int cap,
			void *workspace)
{
	return 0;
}

static int lz4_decompress(const u8 *src, u8 *dst, unsigned int clen, unsigned int cap)
{
	return -1;
}
#endif

/* ---- the shared store of compressed blocks ---- */

static const unsigned int mpool_cold_classes[] = {
	128, 192, 256, 320, 384, 448, 512, 640, 768, 896, 1024, 1152, 1280, 1408, 1536,
	1792, 2048, 2560, 3072, 3584, 4096, 6144, 8192, 16384,
};

static DEFINE_MUTEX(mpool_cold_store_lock);
static struct mpool_buf_pool *mpool_cold_store;	/* mpool_cold_store_lock */
static unsigned int mpool_cold_store_users;

static int store_get(void)
{
	const struct mpool_buf_config cfg = {
		.sizes = mpool_cold_classes, .nr_sizes = ARRAY_SIZE(mpool_cold_classes),
		.node = NUMA_NO_NODE,
	};
	struct mpool_buf_pool *bp;
	int ret = 0;

	mutex_lock(&mpool_cold_store_lock);
	if (!mpool_cold_store_users) {
		bp = mpool_buf_create("mpool_cold", &cfg);
		if (IS_ERR(bp)) {
			ret = PTR_ERR(bp);
			goto out;
		}
		mpool_cold_store = bp;
	}
	mpool_cold_store_users++;
out:
	mutex_unlock(&mpool_cold_store_lock);
	return ret;
}

static void store_put(void)
{
	mutex_lock(&mpool_cold_store_lock);
	if (!--mpool_cold_store_users) {
		mpool_buf_destroy(mpool_cold_store);
		mpool_cold_store = NULL;
	}
	mutex_unlock(&mpool_cold_store_lock);
}

/* ---- blocks ---- */

/* Caller holds mp->lock. */
static void block_free(struct mpool_cold *c, struct mpool_cold_block *blk)
{
	list_del(&blk->link);
	list_del(&blk->pending);
	c->st.blocks--;
	c->st.stored_bytes -= blk->stored;
	mpool_buf_free(mpool_cold_store, blk);
}

void mpool_cold_forget(struct mpool_m_pool *mp, struct mpool_m_entry *e)
{
	struct mpool_cold *c = mp->cold;
	struct mpool_cold_block *blk = entry_block(e);

	mpool_m_list_del(mp, &blk->objects, e);
	blk->live--;
	c->st.cold_objects--;
	c->st.original_bytes -= e->size;
	if (!blk->live && !blk->busy)
		block_free(c, blk);
}

static void count_latency(struct mpool_cold *c, u64 ns)
{
	c->st.map_latency_hist[mpool_hist_bucket(ns)]++;
}

/* Give back the tail of @seg that a decompression carved, if nothing came after it. */
static void region_undo(struct mpool_m_segment *seg, void *region, unsigned int len)
{
	if (seg->base + seg->used == region + ALIGN(len, MPOOL_M_ALIGN))
		seg->used -= ALIGN(len, MPOOL_M_ALIGN);
}

/*
 * Decompress @blk into its generation's segments; every object still in it becomes
 * hot. Caller holds mp->lock, and fault_lock when @gfp may sleep (mp->lock is then
 * dropped to allocate a segment). Returns 0, -ENOMEM or -EIO (the block is corrupt).
 */
static int block_fault(struct mpool_cold *c, struct mpool_cold_block *blk, gfp_t gfp)
{
	struct mpool_m_pool *mp = c->mp;
	struct mpool_m_entry *e, *tmp;
	struct mpool_m_segment *seg;
	unsigned int placed = 0;
	u64 bytes = 0;
	u8 *region;
	u32 now;

	if (blk->corrupt)
		return -EIO;
	blk->busy = true;
	region = mpool_m_carve_region(mp, blk->gen, blk->region_len, gfp, &seg);
	blk->busy = false;
	if (!region) {
		c->st.fault_failures++;
		if (!blk->live)
			block_free(c, blk);
		return -ENOMEM;
	}
	if (!blk->live) {
		/* Every object left while the lock was dropped. */
		region_undo(seg, region, blk->region_len);
		block_free(c, blk);
		return 0;
	}
	if (lz4_decompress(blk->data, region, blk->clen, blk->raw_len) != blk->raw_len ||
	    crc32_le(~0, region, blk->raw_len) != blk->crc) {
		region_undo(seg, region, blk->region_len);
		blk->corrupt = true;
		c->st.corrupt_blocks++;
		pr_err_ratelimited("managed pool %s: compressed block of %u objects is corrupt; they map with -EIO\n",
				   mp->name, blk->live);
		return -EIO;
	}
	now = now_ms();
	/* Last first: an object only moves up, onto bytes of those after it. */
	for (e = mpool_m_link(mp, blk->objects.last); e; e = mpool_m_link(mp, e->prev))
		memmove(region + e->cold_at, region + e->cold_packed, e->size);
	for (e = mpool_m_link(mp, blk->objects.first); e; e = tmp) {
		u8 *addr = region + e->cold_at;

		tmp = mpool_m_link(mp, e->next);
		mpool_m_list_del(mp, &blk->objects, e);
		mpool_m_list_add_tail(mp, &seg->objects, e);
		seg->live_bytes += e->size;
		seg->live_objects++;
		e->seen_ms = now;
		/* The bytes before the address: pairs with map()'s address dependency. */
		smp_store_release(&e->addr, addr);
		placed++;
		bytes += e->size;
	}
	c->st.decompressions++;
	c->st.decompressed_objects += placed;
	c->st.refaults += now - blk->born_ms < mp->policy.cold_age_ms;
	c->st.cold_objects -= placed;
	c->st.original_bytes -= bytes;
	block_free(c, blk);
	return 0;
}

/* A nowait map of cold @e (pinned by the caller): queue its block, -EAGAIN. */
static void *queue_fault(struct mpool_cold *c, struct mpool_m_entry *e)
{
	struct mpool_m_pool *mp = c->mp;
	struct mpool_cold_block *blk;
	void *addr;

	spin_lock_bh(&mp->lock);
	addr = e->addr;		/* made hot since the caller looked */
	if (!mpool_m_addr_cold(addr))
		goto out;
	blk = entry_block(e);
	c->st.nowait_misses++;
	if (blk->corrupt) {
		c->st.io_errors++;
		addr = ERR_PTR(-EIO);
		goto out;
	}
	if (list_empty(&blk->pending) && !c->dying) {
		list_add_tail(&blk->pending, &c->pending);
		queue_work(system_unbound_wq, &c->fault_work);
	}
	addr = ERR_PTR(-EAGAIN);
out:
	spin_unlock_bh(&mp->lock);
	return addr;
}

void *mpool_cold_map(struct mpool_m_pool *mp, struct mpool_m_entry *e, bool wait)
{
	struct mpool_cold *c = mp->cold;
	void *addr;
	u64 t0;
	int err;

	if (WARN_ON_ONCE(!c))
		return ERR_PTR(-EINVAL);
	if (!wait)
		return queue_fault(c, e);
	might_sleep();
	t0 = ktime_get_ns();
	mutex_lock(&c->fault_lock);
	spin_lock_bh(&mp->lock);
	/* Pinned by us, so live; hot again if another map decompressed its block. */
	addr = e->addr;
	if (mpool_m_addr_cold(addr)) {
		err = block_fault(c, entry_block(e), GFP_KERNEL);
		addr = err ? ERR_PTR(err) : e->addr;
		c->st.io_errors += err == -EIO;
	}
	if (!IS_ERR(addr))
		count_latency(c, ktime_get_ns() - t0);
	spin_unlock_bh(&mp->lock);
	mutex_unlock(&c->fault_lock);
	return addr;
}

static void fault_work_fn(struct work_struct *work)
{
	struct mpool_cold *c = container_of(work, struct mpool_cold, fault_work);
	struct mpool_m_pool *mp = c->mp;
	struct mpool_cold_block *blk;

	mutex_lock(&c->fault_lock);
	spin_lock_bh(&mp->lock);
	while ((blk = list_first_entry_or_null(&c->pending, struct mpool_cold_block,
					       pending))) {
		list_del_init(&blk->pending);
		block_fault(c, blk, GFP_KERNEL);
	}
	spin_unlock_bh(&mp->lock);
	mutex_unlock(&c->fault_lock);
}

/* ---- compression ---- */

/*
 * The clock hand, over the hot objects the cold tier may take, oldest segments first:
 * clear the marks maps left, noting when, and pick up to MPOOL_COLD_BATCH candidates
 * into cold->cand: objects unmapped for a cold age (@force: any unmapped one). Caller
 * holds mp->lock. Returns how many.
 */
static unsigned int sweep(struct mpool_cold *c, bool force)
{
	struct mpool_m_pool *mp = c->mp;
	unsigned int n = 0, g, age;
	struct mpool_m_segment *seg;
	struct mpool_m_entry *e;
	u32 now = now_ms();

	for (g = MPOOL_GEN_OLD; g < MPOOL_NR_GENS; g++) {
		if (g == MPOOL_GEN_PERMANENT && !mp->policy.cold_permanent)
			break;
		list_for_each_entry_reverse(seg, &mp->segments[g], link) {
			for (e = mpool_m_link(mp, seg->objects.first); e;
			     e = mpool_m_link(mp, e->next)) {
				if (READ_ONCE(e->accessed)) {
					WRITE_ONCE(e->accessed, 0);
					e->seen_ms = now;
					if (!force)
						continue;
				}
				if (e->cold_flags & MPOOL_COLD_F_NOCOMPRESS)
					continue;
				age = mp->policy.cold_age_ms;
				if (e->cold_flags & MPOOL_COLD_F_REJECTED)
					age *= MPOOL_COLD_BACKOFF;
				else if (force)
					age = 0;
				if (now - e->seen_ms < age || n == MPOOL_COLD_BATCH)
					continue;
				if (atomic_read(&e->pins)) {
					c->st.pinned_skips++;
					continue;
				}
				c->cand[n++] = e->idx;
			}
		}
	}
	return n;
}

/*
 * Copy candidates from cold->cand[*next] on into cold->raw, as one block of one
 * generation; they stay hot. Caller holds mp->lock. Returns the raw length, and the
 * slots in cold->slots and cold->tags (*nr).
 */
static unsigned int block_gather(struct mpool_cold *c, unsigned int n, unsigned int *next,
				 unsigned int *nr)
{
	struct mpool_m_pool *mp = c->mp;
	unsigned int raw = 0, at = 0, need;
	int gen = -1;

	*nr = 0;
	for (; *next < n; (*next)++) {
		struct mpool_m_entry *e = mpool_m_entry_at(mp, c->cand[*next]);
		int expect = 0;

		if (!e->live || mpool_m_addr_cold(e->addr))
			continue;
		if (gen >= 0 && e->gen != gen)
			break;
		need = ALIGN(e->size, MPOOL_M_ALIGN);
		if (*nr && at + need > MPOOL_COLD_BLOCK)
			break;
		/* Nobody maps it while it is copied; pairs with the mappers' cmpxchg. */
		if (!atomic_try_cmpxchg(&e->pins, &expect, MPOOL_M_MOVING)) {
			c->st.pinned_skips++;
			continue;
		}
		/* After the cmpxchg: a map that ended before it left its mark. */
		if (READ_ONCE(e->accessed)) {
			atomic_set_release(&e->pins, 0);
			continue;
		}
		memcpy(c->raw + raw, e->addr, e->size);
		atomic_set_release(&e->pins, 0);
		c->slots[*nr] = (struct mpool_cold_slot){
			.idx = c->cand[*next], .packed = raw, .at = at,
		};
		c->tags[(*nr)++] = e->tag;
		c->gen = e->gen;
		gen = e->gen;
		raw += e->size;
		at += need;
	}
	c->region_len = at;
	return raw;
}

/* The objects of a block that did not compress: left alone for a while. */
static void block_reject(struct mpool_cold *c, unsigned int nr)
{
	struct mpool_m_pool *mp = c->mp;
	u32 now = now_ms();
	unsigned int i;

	spin_lock_bh(&mp->lock);
	for (i = 0; i < nr; i++) {
		struct mpool_m_entry *e = mpool_m_entry_at(mp, c->slots[i].idx);

		if (e->live && e->tag == c->tags[i]) {
			e->cold_flags |= MPOOL_COLD_F_REJECTED;
			e->seen_ms = now;
		}
	}
	c->st.rejects[MPOOL_COLD_REJECT_INCOMPRESSIBLE] += nr;
	spin_unlock_bh(&mp->lock);
}

/*
 * Make cold the objects of @blk unchanged since they were copied. Caller holds
 * mp->lock. Returns their bytes; 0 if none (the caller frees @blk).
 */
static u64 block_commit(struct mpool_cold *c, struct mpool_cold_block *blk, unsigned int nr)
{
	struct mpool_m_pool *mp = c->mp;
	unsigned int i;
	u64 bytes = 0;

	for (i = 0; i < nr; i++) {
		struct mpool_m_entry *e = mpool_m_entry_at(mp, c->slots[i].idx);
		int expect = 0;

		if (e->live && !mpool_m_addr_cold(e->addr) && e->tag == c->tags[i] &&
		    atomic_try_cmpxchg(&e->pins, &expect, MPOOL_M_MOVING)) {
			/* After the cmpxchg, as in block_gather(). */
			if (!READ_ONCE(e->accessed)) {
				mpool_m_entry_unplace(mp, e);
				WRITE_ONCE(e->addr, (void *)((unsigned long)blk | MPOOL_M_COLD));
				e->cold_packed = c->slots[i].packed;
				e->cold_at = c->slots[i].at;
				mpool_m_list_add_tail(mp, &blk->objects, e);
				e->cold_flags &= ~MPOOL_COLD_F_REJECTED;
				blk->live++;
				bytes += e->size;
				/* Mappers then see it cold; pairs with their cmpxchg. */
				atomic_set_release(&e->pins, 0);
				continue;
			}
			atomic_set_release(&e->pins, 0);
		}
		c->st.rejects[MPOOL_COLD_REJECT_RACED]++;
	}
	if (!blk->live)
		return 0;
	list_add_tail(&blk->link, &c->blocks);
	c->st.blocks++;
	c->st.stored_bytes += blk->stored;
	c->st.compressions++;
	c->st.compressed_objects += blk->live;
	c->st.compressed_bytes += bytes;
	c->st.cold_objects += blk->live;
	c->st.original_bytes += bytes;
	return bytes;
}

/*
 * Compress the candidates of one sweep, block by block, until @limit bytes are done
 * or @deadline (ktime ns) passes. Caller holds compress_lock. Returns the bytes made
 * cold, or -ENOMEM when no block could be stored.
 */
static s64 compress_candidates(struct mpool_cold *c, unsigned int n, u64 limit, u64 deadline,
			       gfp_t gfp)
{
	struct mpool_m_pool *mp = c->mp;
	unsigned int next = 0, nr, raw, meta, worth;
	struct mpool_cold_block *blk;
	u64 done = 0, bytes;
	int clen;

	while (next < n && done < limit && ktime_get_ns() < deadline) {
		spin_lock_bh(&mp->lock);
		raw = block_gather(c, n, &next, &nr);
		spin_unlock_bh(&mp->lock);
		if (!nr)
			continue;
		clen = lz4_compress(c->raw, c->out, raw, LZ4_COMPRESSBOUND(MPOOL_COLD_RAW_MAX),
				    c->workspace);
		meta = sizeof(*blk);
		worth = raw - raw * READ_ONCE(mp->policy.cold_min_saving_pct) / 100;
		if (clen <= 0 || clen + meta > worth) {
			block_reject(c, nr);
			continue;
		}
		blk = mpool_buf_alloc_node(mpool_cold_store, meta + clen, mpool_nested_gfp(gfp),
					   mp->node);
		if (!blk) {
			spin_lock_bh(&mp->lock);
			c->st.rejects[MPOOL_COLD_REJECT_NOMEM] += nr;
			spin_unlock_bh(&mp->lock);
			return done ?: -ENOMEM;
		}
		*blk = (struct mpool_cold_block){
			.born_ms = now_ms(), .crc = crc32_le(~0, c->raw, raw), .raw_len = raw,
			.region_len = c->region_len, .clen = clen, .stored = mpool_buf_size(blk),
			.gen = c->gen,
		};
		INIT_LIST_HEAD(&blk->pending);
		mpool_m_list_init(&blk->objects);
		memcpy(blk->data, c->out, clen);
		spin_lock_bh(&mp->lock);
		bytes = block_commit(c, blk, nr);
		if (!bytes)
			mpool_buf_free(mpool_cold_store, blk);
		spin_unlock_bh(&mp->lock);
		done += bytes;
	}
	return done;
}

/* One sweep and its compression; empty segments go back. Caller holds compress_lock. */
static s64 compress_once(struct mpool_cold *c, bool force, u64 limit, u64 deadline, gfp_t gfp)
{
	struct mpool_m_pool *mp = c->mp;
	unsigned int n;
	s64 done;

	spin_lock_bh(&mp->lock);
	n = sweep(c, force);
	spin_unlock_bh(&mp->lock);
	done = compress_candidates(c, n, limit, deadline, gfp);
	if (done > 0)
		mpool_m_release_empty(mp);
	return done;
}

/**
 * mpool_m_compress() - compress a managed pool's unmapped objects now
 * @mp: the pool.
 * @bytes: stop once this many bytes of objects were compressed; 0 for no limit.
 *
 * What `mempoolctl compress POOL [BYTES]` does: the cold age, the accessed marks and
 * the watermarks do not count here; mapped objects, young ones, %MPOOL_H_NOCOMPRESS
 * ones, permanent ones (unless &struct mpool_m_policy.cold_permanent) and those of a
 * block rejected less than eight cold ages ago are left. Segments left empty go back.
 *
 * Context: process context; sleeps.
 * Return: bytes of objects compressed (at least @bytes unless fewer could be), 0 for
 * none; -EOPNOTSUPP for a pool without a cold tier, -ENOMEM when not one block could
 * be stored.
 */
s64 mpool_m_compress(struct mpool_m_pool *mp, u64 bytes)
{
	struct mpool_cold *c = mp->cold;
	u64 limit = bytes ?: U64_MAX;
	s64 total = 0, done;

	if (!c)
		return -EOPNOTSUPP;
	might_sleep();
	mutex_lock(&c->compress_lock);
	spin_lock_bh(&mp->lock);
	c->st.forced_runs++;
	spin_unlock_bh(&mp->lock);
	do {
		done = compress_once(c, true, limit - total, U64_MAX, GFP_KERNEL);
		if (done > 0)
			total += done;
	} while (done > 0 && total < limit);
	mutex_unlock(&c->compress_lock);
	return total ?: min_t(s64, done, 0);
}
EXPORT_SYMBOL_GPL(mpool_m_compress);

void mpool_cold_held_grew(struct mpool_m_pool *mp)
{
	struct mpool_cold *c = mp->cold;

	if (c->on || !c->high || mp->held < c->high || mp->policy.no_worker || c->dying)
		return;
	c->on = true;
	c->st.worker_starts++;
	queue_delayed_work(system_unbound_wq, &c->work, 0);
}

static bool above_low(struct mpool_cold *c)
{
	bool above;

	spin_lock_bh(&c->mp->lock);
	above = c->mp->held > c->low;
	spin_unlock_bh(&c->mp->lock);
	return above;
}

/*
 * The background compressor, while the held segments are above the low watermark:
 * compress cold objects for at most cold_cpu_pct of a period; when none is left,
 * compact the old generation. Stops below the low watermark (until the next start).
 */
static void work_fn(struct work_struct *work)
{
	struct mpool_cold *c = container_of(work, struct mpool_cold, work.work);
	struct mpool_m_pool *mp = c->mp;
	u64 period = (u64)READ_ONCE(mp->policy.cold_interval_ms) * NSEC_PER_MSEC;
	u64 deadline = ktime_get_ns() + div_u64(period * READ_ONCE(mp->policy.cold_cpu_pct), 100);
	bool out_of_time = false;
	s64 done;

	mutex_lock(&c->compress_lock);
	while (above_low(c)) {
		done = compress_once(c, false, U64_MAX, deadline, GFP_KERNEL);
		if (ktime_get_ns() >= deadline) {
			out_of_time = true;
			break;
		}
		if (done <= 0) {
			mpool_m_collect(mp, MPOOL_GEN_OLD);
			break;
		}
	}
	mutex_unlock(&c->compress_lock);

	spin_lock_bh(&mp->lock);
	c->st.worker_runs++;
	c->st.cpu_budget_hits += out_of_time;
	if (mp->held <= c->low) {
		c->on = false;
		c->st.worker_stops++;
	} else if (!c->dying) {
		queue_delayed_work(system_unbound_wq, &c->work,
				   msecs_to_jiffies(mp->policy.cold_interval_ms));
	}
	spin_unlock_bh(&mp->lock);
}

/* Pages the hot segments of the generations the cold tier may take hold. */
static unsigned long shrinker_count(struct shrinker *s, struct shrink_control *sc)
{
	struct mpool_cold *c = mpool_shrinker_private(s);
	struct mpool_m_pool *mp = c->mp;
	u64 held;

	spin_lock_bh(&mp->lock);
	held = mp->stats.gen[MPOOL_GEN_OLD].held_bytes;
	if (mp->policy.cold_permanent)
		held += mp->stats.gen[MPOOL_GEN_PERMANENT].held_bytes;
	spin_unlock_bh(&mp->lock);
	return held >> PAGE_SHIFT ?: SHRINK_EMPTY;
}

/* Memory pressure: compress cold objects (a cold age unmapped), give back the pages. */
static unsigned long shrinker_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct mpool_cold *c = mpool_shrinker_private(s);
	struct mpool_m_pool *mp = c->mp;
	size_t before, after;
	s64 done;

	/* Not while this pool compresses: that may be what allocates now. */
	if (!mutex_trylock(&c->compress_lock))
		return SHRINK_STOP;
	spin_lock_bh(&mp->lock);
	before = mp->held;
	spin_unlock_bh(&mp->lock);
	done = compress_once(c, false, (u64)sc->nr_to_scan << PAGE_SHIFT, U64_MAX,
			     GFP_NOWAIT);
	spin_lock_bh(&mp->lock);
	after = mp->held;
	c->st.shrinker_scans++;
	spin_unlock_bh(&mp->lock);
	mutex_unlock(&c->compress_lock);
	if (done <= 0)
		return SHRINK_STOP;
	return before > after ? (before - after) >> PAGE_SHIFT : 0;
}

/* ---- the pool's cold tier ---- */

/* The cold knobs of @p, with their zeros replaced by the defaults. */
static void cold_defaults(struct mpool_m_policy *p)
{
	p->cold_age_ms = p->cold_age_ms ?: 1000;
	p->cold_high_pct = p->cold_high_pct ?: 80;
	p->cold_low_pct = p->cold_low_pct ?: 60;
	p->cold_min_saving_pct = p->cold_min_saving_pct ?: 25;
	p->cold_interval_ms = p->cold_interval_ms ?: 100;
	p->cold_cpu_pct = p->cold_cpu_pct ?: 10;
}

/*
 * What is wrong with the cold knobs of @policy (its zeros meaning the defaults), or
 * NULL: one wording for the log and for pool-set's extack.
 */
const char *mpool_cold_policy_problem(const struct mpool_m_policy *policy)
{
	struct mpool_m_policy p = *policy;

	cold_defaults(&p);
	if (p.cold_high_pct > 100)
		return "cold high watermark above 100%";
	if (p.cold_low_pct >= p.cold_high_pct)
		return "cold low watermark not below the high one";
	if (p.cold_min_saving_pct > 90)
		return "cold min saving above 90%";
	if (p.cold_cpu_pct > 100)
		return "cold CPU share above 100%";
	return NULL;
}

/* The cold knobs of @policy are valid; @what names the call in the message. */
static int cold_check(const char *what, const char *name, const struct mpool_m_policy *policy)
{
	const char *problem = mpool_cold_policy_problem(policy);
	struct mpool_m_policy p = *policy;

	if (!problem)
		return 0;
	cold_defaults(&p);
	pr_err("%s %s: %s (cold_high_pct %u, cold_low_pct %u, cold_min_saving_pct %u, cold_cpu_pct %u)\n",
	       what, name, problem, p.cold_high_pct, p.cold_low_pct, p.cold_min_saving_pct,
	       p.cold_cpu_pct);
	return -EINVAL;
}

int mpool_cold_config_check(const char *name, const struct mpool_m_policy *p)
{
	if (!p->cold_tier)
		return 0;
#ifndef MPOOL_HAVE_LZ4
	pr_err("managed create %s: cold_tier: this kernel has no LZ4 (CONFIG_LZ4_COMPRESS)\n",
	       name);
	return -EOPNOTSUPP;
#endif
	return cold_check("managed create", name, p);
}

/* The watermarks in bytes of the budget. Caller holds mp->lock. */
static void cold_watermarks(struct mpool_cold *c)
{
	struct mpool_m_pool *mp = c->mp;

	c->high = div_u64((u64)mp->budget * mp->policy.cold_high_pct, 100);
	c->low = div_u64((u64)mp->budget * mp->policy.cold_low_pct, 100);
}

int mpool_cold_set_policy(struct mpool_m_pool *mp, const struct mpool_m_policy *policy)
{
	struct mpool_m_policy *now = &mp->policy, p = *policy;
	struct mpool_cold *c = mp->cold;

	if (!c)
		return 0;
	if (cold_check("managed pool", mp->name, &p))
		return -EINVAL;
	cold_defaults(&p);
	spin_lock_bh(&mp->lock);
	/* The worker and the compressor read some without the lock. */
	WRITE_ONCE(now->cold_age_ms, p.cold_age_ms);
	WRITE_ONCE(now->cold_high_pct, p.cold_high_pct);
	WRITE_ONCE(now->cold_low_pct, p.cold_low_pct);
	WRITE_ONCE(now->cold_min_saving_pct, p.cold_min_saving_pct);
	WRITE_ONCE(now->cold_interval_ms, p.cold_interval_ms);
	WRITE_ONCE(now->cold_cpu_pct, p.cold_cpu_pct);
	WRITE_ONCE(now->cold_permanent, p.cold_permanent);
	cold_watermarks(c);
	/* Already above a lower high watermark: start now, not at the next segment. */
	mpool_cold_held_grew(mp);
	spin_unlock_bh(&mp->lock);
	return 0;
}

static void cold_free(struct mpool_cold *c)
{
	kvfree(c->workspace);
	kvfree(c->raw);
	kvfree(c->out);
	kvfree(c->cand);
	kvfree(c->slots);
	kvfree(c->tags);
	kfree(c);
}

int mpool_cold_init(struct mpool_m_pool *mp)
{
	struct mpool_m_policy *p = &mp->policy;
	struct mpool_cold *c;
	int ret = -ENOMEM;

	if (!p->cold_tier)
		return 0;
	cold_defaults(p);

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->mp = mp;
	mutex_init(&c->fault_lock);
	mutex_init(&c->compress_lock);
	INIT_LIST_HEAD(&c->blocks);
	INIT_LIST_HEAD(&c->pending);
	INIT_DELAYED_WORK(&c->work, work_fn);
	INIT_WORK(&c->fault_work, fault_work_fn);
	cold_watermarks(c);
	c->st.enabled = 1;
	c->workspace = kvmalloc(LZ4_MEM_COMPRESS, GFP_KERNEL);
	c->raw = kvmalloc(MPOOL_COLD_RAW_MAX, GFP_KERNEL);
	c->out = kvmalloc(LZ4_COMPRESSBOUND(MPOOL_COLD_RAW_MAX), GFP_KERNEL);
	c->cand = kvmalloc_array(MPOOL_COLD_BATCH, sizeof(*c->cand), GFP_KERNEL);
	c->slots = kvmalloc_array(MPOOL_COLD_SLOTS, sizeof(*c->slots), GFP_KERNEL);
	c->tags = kvmalloc_array(MPOOL_COLD_SLOTS, sizeof(*c->tags), GFP_KERNEL);
	if (!c->workspace || !c->raw || !c->out || !c->cand || !c->slots || !c->tags)
		goto err_free;
	ret = store_get();
	if (ret)
		goto err_free;
	snprintf(c->shrinker_name, sizeof(c->shrinker_name), "cold-%s", mp->name);
	ret = -ENOMEM;
	c->shrinker = mpool_shrinker_alloc(0, c->shrinker_name, c);
	if (!c->shrinker)
		goto err_store;
	c->shrinker->count_objects = shrinker_count;
	c->shrinker->scan_objects = shrinker_scan;
	c->shrinker->seeks = DEFAULT_SEEKS;
	mp->cold = c;
	ret = mpool_shrinker_register(c->shrinker, c->shrinker_name);
	if (ret) {
		mp->cold = NULL;
		mpool_shrinker_free(c->shrinker, false);
		goto err_store;
	}
	return 0;

err_store:
	store_put();
err_free:
	cold_free(c);
	return ret;
}

void mpool_cold_exit(struct mpool_m_pool *mp)
{
	struct mpool_cold *c = mp->cold;
	struct mpool_cold_block *blk, *tmp;

	if (!c)
		return;
	spin_lock_bh(&mp->lock);
	c->dying = true;
	spin_unlock_bh(&mp->lock);
	mpool_shrinker_free(c->shrinker, true);
	cancel_delayed_work_sync(&c->work);
	cancel_work_sync(&c->fault_work);
	spin_lock_bh(&mp->lock);
	list_for_each_entry_safe(blk, tmp, &c->blocks, link)
		block_free(c, blk);
	mp->cold = NULL;
	spin_unlock_bh(&mp->lock);
	store_put();
	cold_free(c);
}

void mpool_cold_read_stats(struct mpool_m_pool *mp, struct mpool_m_stats *st)
{
	struct mpool_cold *c = mp->cold;

	if (!c)
		return;
	st->cold = c->st;
	st->cold.worker_on = c->on;
}

#if IS_ENABLED(CONFIG_KUNIT)
/*
 * For KUnit: the compressed bytes of the block that holds @h's object, and how many;
 * NULL when it is not cold. Writing them corrupts the block (the -EIO test).
 */
VISIBLE_IF_KUNIT u8 *mpool_cold_block_bytes(struct mpool_m_pool *mp, mpool_handle_t h,
					    unsigned int *len)
{
	struct mpool_m_entry *e;
	u8 *bytes = NULL;

	spin_lock_bh(&mp->lock);
	e = mpool_m_entry_find(mp, lower_32_bits(h));
	if (e && e->live && e->tag == upper_32_bits(h) && mpool_m_addr_cold(e->addr)) {
		bytes = entry_block(e)->data;
		*len = entry_block(e)->clen;
	}
	spin_unlock_bh(&mp->lock);
	return bytes;
}
EXPORT_SYMBOL_IF_KUNIT(mpool_cold_block_bytes);

/* For KUnit: whether @h's object is compressed now. */
VISIBLE_IF_KUNIT bool mpool_cold_is_cold(struct mpool_m_pool *mp, mpool_handle_t h)
{
	unsigned int len;

	return mpool_cold_block_bytes(mp, h, &len);
}
EXPORT_SYMBOL_IF_KUNIT(mpool_cold_is_cold);
#endif
