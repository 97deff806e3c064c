// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of mpool for people: /sys/kernel/debug/mpool/.
 *
 *   pools                one line per pool, with a header (like /proc/slabinfo)
 *   <pool>/stats         every counter and gauge, "name value" per line
 *   <pool>/config        the pool's configuration
 *   <pool>/nodes         allocations/frees by (CPU node, object node)
 *   <pool>/histograms    the lifetime histogram (and requested sizes, buffer pools)
 *   <pool>/classes       buffer pools: one line per size class
 *   <pool>/warm          write "COUNT [NODE]" to warm
 *   <pool>/shrink        write anything to shrink
 *
 * A managed pool has stats (per generation, "young-live-objects 12"), config,
 * histograms (lifetimes), collect (write "young" or "old") and warm (write its warm
 * level in bytes, K, M or G suffixed) instead.
 *
 * Tools use the netlink family; both read the same snapshot (mpool_get_stats()).
 * Per-pool files are created with debugfs_create_file(), whose proxy makes removal
 * wait for readers and writers in flight and fails later calls on files still open:
 * a pool can be destroyed while someone holds its files open. Their handlers must
 * therefore not take mpool_registry_lock (pool.c removes the files outside it).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
#include <linux/nodemask.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "debugfs.h"
#include "managed.h"
#include "pool.h"

static struct dentry *mpool_debugfs_root;

/* Stats in the order and with the names of the netlink attributes. */
static const struct {
	const char *name;
	size_t offset;
} mpool_debugfs_stats[] = {
#define STAT(name, field) { name, offsetof(struct mpool_stats, field) }
	STAT("alloc-magazine", alloc_magazine), STAT("alloc-depot", alloc_depot),
	STAT("alloc-slab", alloc_slab), STAT("alloc-page", alloc_page),
	STAT("alloc-reserve", alloc_reserve), STAT("alloc-remote", alloc_remote),
	STAT("alloc-fail", alloc_fail), STAT("alloc-capped", alloc_capped),
	STAT("free-magazine", free_magazine), STAT("free-depot", free_depot),
	STAT("free-slab", free_slab), STAT("free-reserve", free_reserve),
	STAT("free-remote", free_remote), STAT("slabs-grown", slabs_grown),
	STAT("slabs-released", slabs_released), STAT("shrinker-scans", shrinker_scans),
	STAT("shrinker-freed", shrinker_freed), STAT("poison-errors", poison_errors),
	STAT("double-frees", double_frees), STAT("invalid-frees", invalid_frees),
	STAT("live", live), STAT("cached", cached), STAT("objects", objects),
	STAT("reserve", reserve), STAT("slabs", slabs), STAT("pages", pages),
	STAT("peak-live", peak_live), STAT("peak-live-time", peak_live_ns),
	STAT("requested-bytes", requested_bytes), STAT("granted-bytes", granted_bytes),
	STAT("oversize-allocs", oversize_allocs), STAT("oversize-frees", oversize_frees),
	STAT("oversize-live", oversize_live), STAT("adapt-expansions", adapt_expansions),
	STAT("adapt-shrinks", adapt_shrinks), STAT("adapt-magazine-grows", adapt_magazine_grows),
	STAT("adapt-magazine-shrinks", adapt_magazine_shrinks),
	STAT("adapt-rebalances", adapt_rebalances), STAT("live-bytes", live_bytes),
#undef STAT
};

/* A snapshot of @pool on the heap (too big for a KASAN stack frame), or NULL. */
static struct mpool_stats *snapshot(struct mpool *pool)
{
	struct mpool_stats *st = kmalloc(sizeof(*st), GFP_KERNEL);

	if (st)
		mpool_get_stats(pool, st);
	return st;
}

static void seq_hist(struct seq_file *m, const char *title, const u64 *buckets)
{
	unsigned int i;

	seq_printf(m, "# %s (log2 buckets)\n", title);
	for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
		seq_printf(m, "%llu %llu\n", i ? BIT_ULL(i) : 0, buckets[i]);
}

/* Parts per million as a percentage with two decimals. */
static void seq_ppm(struct seq_file *m, u32 ppm)
{
	seq_printf(m, "%u.%02u", ppm / 10000, ppm % 10000 / 100);
}

static const char *const mpool_debugfs_gens[MPOOL_NR_GENS] = { "young", "old", "permanent" };

/* The fields of struct mpool_m_gen_stats, in order, named as in the netlink spec. */
static const char *const mpool_debugfs_gen_fields[] = {
	"live-objects", "live-bytes", "held-bytes", "promoted-in", "promoted-out",
	"collections", "segments-freed", "moved-objects", "moved-bytes", "pinned-skips",
	"move-failures",
};

/* The counters of struct mpool_m_cold_stats up to its histogram, in order ("cold-" first). */
static const char *const mpool_debugfs_cold_fields[] = {
	"enabled", "objects", "original-bytes", "stored-bytes", "blocks", "compressions",
	"compressed-objects", "compressed-bytes", "decompressions", "decompressed-objects",
	"refaults", "rejects-incompressible", "rejects-nomem", "rejects-raced", "pinned-skips",
	"corrupt-blocks", "io-errors", "fault-failures", "nowait-misses", "worker-on",
	"worker-starts", "worker-stops", "worker-runs", "cpu-budget-hits", "shrinker-scans",
	"forced-runs",
};

static struct mpool_m_stats *managed_snapshot(struct mpool_m_pool *mp)
{
	struct mpool_m_stats *st = kmalloc(sizeof(*st), GFP_KERNEL);

	if (st)
		mpool_m_get_stats(mp, st);
	return st;
}

/* One line of the pools file for a managed pool: objects are its live handles. */
static void managed_pool_line(struct seq_file *m, struct mpool *pool, struct mpool_m_stats *st)
{
	u64 live = 0, live_bytes = 0, held = 0;
	unsigned int g;

	mpool_m_get_stats(pool->managed, st);
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		live += st->gen[g].live_objects;
		live_bytes += st->gen[g].live_bytes;
		held += st->gen[g].held_bytes;
	}
	seq_printf(m, "%-31s %4u %9s %9llu %9u %9llu %9llu  %6s  ", pool->name, pool->id,
		   "managed", live, 0, live, held >> PAGE_SHIFT, "-");
	seq_ppm(m, held ? div64_u64(live_bytes * 1000000, held) : 0);
	seq_putc(m, '\n');
}

static int pools_show(struct seq_file *m, void *unused)
{
	struct mpool_m_stats *mst;
	struct mpool_stats *st;
	struct mpool *pool;
	unsigned long id = 0;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	mst = kmalloc(sizeof(*mst), GFP_KERNEL);
	if (!st || !mst) {
		kfree(st);
		kfree(mst);
		return -ENOMEM;
	}
	seq_puts(m, "# name                            id   objsize      live    cached   objects     pages    hit%    eff%\n");
	mutex_lock(&mpool_registry_lock);
	for (pool = mpool_next_locked(&id); pool; id++, pool = mpool_next_locked(&id)) {
		if (pool->managed) {
			managed_pool_line(m, pool, mst);
			continue;
		}
		mpool_get_stats(pool, st);
		seq_printf(m, "%-31s %4u %9llu %9llu %9llu %9llu %9llu  ", pool->name, pool->id,
			   st->object_size, st->live, st->cached, st->objects, st->pages);
		seq_ppm(m, mpool_stats_hit_rate(st));
		seq_puts(m, "  ");
		seq_ppm(m, mpool_stats_efficiency(st));
		seq_putc(m, '\n');
	}
	mutex_unlock(&mpool_registry_lock);
	kfree(st);
	kfree(mst);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pools);

static int stats_show(struct seq_file *m, void *unused)
{
	struct mpool_stats *st = snapshot(m->private);
	unsigned int i;

	if (!st)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(mpool_debugfs_stats); i++)
		seq_printf(m, "%s %llu\n", mpool_debugfs_stats[i].name,
			   *(u64 *)((char *)st + mpool_debugfs_stats[i].offset));
	seq_printf(m, "hit-rate-ppm %u\nefficiency-ppm %u\nfragmentation-ppm %u\n",
		   mpool_stats_hit_rate(st), mpool_stats_efficiency(st),
		   mpool_stats_fragmentation(st));
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int config_show(struct seq_file *m, void *unused)
{
	static const char *const flag_names[] = { "zero-on-free", "irqsafe", "poison", "track" };
	struct mpool *pool = m->private;
	unsigned int flags = READ_ONCE(pool->flags), i;
	struct mpool_adapt_info adapt;

	mpool_adapt_describe(pool, &adapt);
	seq_printf(m, "name %s\nid %u\nkind %s\n", pool->name, pool->id,
		   pool->buf ? "buffer" : "object");
	seq_printf(m, "adaptive %s\nadapt-interval %u\nadapt-rebalance %s\n",
		   adapt.on ? "on" : "off", adapt.interval_s, adapt.rebalance ? "on" : "off");
	seq_printf(m, "last-adaptation %s\n", adapt.last_ns ? adapt.last : "none");
	if (pool->buf) {
		seq_puts(m, "classes");
		for (i = 0; i < pool->buf->nr_classes; i++)
			seq_printf(m, " %u", pool->buf->classes[i].size);
		seq_putc(m, '\n');
		return 0;
	}
	seq_printf(m, "object-size %u\nobject-stride %u\n", pool->size, pool->stride);
	seq_puts(m, "flags");
	for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (flags & BIT(i))
			seq_printf(m, " %s", flag_names[i]);
	}
	seq_printf(m, "\nmin-objects %u\nmax-objects %u\nmagazine-size %u\nnode %d\n",
		   READ_ONCE(pool->min_objects), READ_ONCE(pool->max_objects),
		   READ_ONCE(pool->magazine_size), pool->home_node);
	seq_printf(m, "slab-order %u\nobjects-per-slab %u\nconstructor %s\n", pool->slab_order,
		   pool->objs_per_slab, pool->ctor ? "yes" : "no");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(config);

static int nodes_show(struct seq_file *m, void *unused)
{
	struct mpool *pool = m->private;
	unsigned int n = nr_node_ids;
	struct mpool_node_pair *pairs;
	int from, to;

	pairs = kcalloc(n * n, sizeof(*pairs), GFP_KERNEL);
	if (!pairs)
		return -ENOMEM;
	mpool_get_node_matrix(pool, pairs, n);
	seq_puts(m, "# cpu-node object-node allocs frees\n");
	for_each_node(from) {
		for_each_node(to)
			seq_printf(m, "%d %d %llu %llu\n", from, to, pairs[from * n + to].allocs,
				   pairs[from * n + to].frees);
	}
	kfree(pairs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nodes);

static int histograms_show(struct seq_file *m, void *unused)
{
	struct mpool *pool = m->private;
	struct mpool_stats *st = snapshot(pool);

	if (!st)
		return -ENOMEM;
	seq_hist(m, "lifetime: low-us count", st->lifetime_hist);
	if (pool->buf)
		seq_hist(m, "requested size: low-bytes count", st->size_hist);
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(histograms);

static int classes_show(struct seq_file *m, void *unused)
{
	struct mpool_buf_pool *bp = ((struct mpool *)m->private)->buf;
	struct mpool_stats *st;
	unsigned int i;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	seq_puts(m, "# size     min      max     live   cached  objects    pages   peak     allocs  frag%\n");
	for (i = 0; i < bp->nr_classes; i++) {
		mpool_get_stats(bp->classes[i].pool, st);
		seq_printf(m, "%-8u %4llu %8llu %8llu %8llu %8llu %8llu %6llu %10llu  ",
			   bp->classes[i].size, st->min_objects, st->max_objects, st->live,
			   st->cached, st->objects, st->pages, st->peak_live,
			   mpool_stats_allocs(st));
		seq_ppm(m, mpool_stats_fragmentation(st));
		seq_putc(m, '\n');
	}
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(classes);

/*
 * What was written to a file that acts, as a string in @buf (@size bytes), without
 * the whitespace around it; ERR_PTR(-EINVAL) when it does not fit.
 */
static char *written_arg(char *buf, size_t size, const char __user *ubuf, size_t len)
{
	if (len >= size)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, len))
		return ERR_PTR(-EFAULT);
	buf[len] = '\0';
	return strim(buf);
}

/* The file_operations of a file that acts when written: @name_write(). */
#define MPOOL_DEBUGFS_WRITE_FOPS(name)					\
static const struct file_operations name##_fops = {			\
	.owner	= THIS_MODULE,						\
	.open	= simple_open,						\
	.write	= name##_write,						\
	.llseek	= noop_llseek,						\
}

static ssize_t warm_write(struct file *file, const char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct mpool *pool = file->private_data;
	unsigned int count;
	int node = NUMA_NO_NODE;
	char buf[32], *arg;
	int ret;

	arg = written_arg(buf, sizeof(buf), ubuf, len);
	if (IS_ERR(arg))
		return PTR_ERR(arg);
	ret = sscanf(arg, "%u %d", &count, &node);
	if (ret < 1 || !count)
		return -EINVAL;
	ret = mpool_warm(pool, count, node);
	return ret ?: len;
}

MPOOL_DEBUGFS_WRITE_FOPS(warm);

static ssize_t shrink_write(struct file *file, const char __user *ubuf, size_t len,
			    loff_t *ppos)
{
	mpool_shrink(file->private_data);
	return len;
}

MPOOL_DEBUGFS_WRITE_FOPS(shrink);

static int managed_stats_show(struct seq_file *m, void *unused)
{
	struct mpool_m_stats *st = managed_snapshot(((struct mpool *)m->private)->managed);
	unsigned int g, i;

	BUILD_BUG_ON(ARRAY_SIZE(mpool_debugfs_gen_fields) !=
		     sizeof(struct mpool_m_gen_stats) / sizeof(u64));
	if (!st)
		return -ENOMEM;
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		const u64 *field = (const u64 *)&st->gen[g];

		for (i = 0; i < ARRAY_SIZE(mpool_debugfs_gen_fields); i++)
			seq_printf(m, "%s-%s %llu\n", mpool_debugfs_gens[g],
				   mpool_debugfs_gen_fields[i], field[i]);
	}
	seq_printf(m, "stale-refusals %llu\nbusy-frees %llu\nalloc-fail %llu\n",
		   st->stale_refusals, st->busy_frees, st->alloc_fail);
	seq_printf(m, "table-bytes %llu\nwarm-bytes %llu\n", st->table_bytes, st->warm_bytes);
	BUILD_BUG_ON(ARRAY_SIZE(mpool_debugfs_cold_fields) !=
		     offsetof(struct mpool_m_cold_stats, map_latency_hist) / sizeof(u64));
	for (i = 0; st->cold.enabled && i < ARRAY_SIZE(mpool_debugfs_cold_fields); i++)
		seq_printf(m, "cold-%s %llu\n", mpool_debugfs_cold_fields[i],
			   ((const u64 *)&st->cold)[i]);
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(managed_stats);

static int managed_config_show(struct seq_file *m, void *unused)
{
	struct mpool *pool = m->private;
	struct mpool_m_config cfg;

	mpool_m_describe(pool->managed, &cfg);
	seq_printf(m, "name %s\nid %u\nkind managed\n", pool->name, pool->id);
	seq_printf(m, "max-size %zu\nmax-handles %u\nbudget %zu\nsegment-size %u\nnode %d\n",
		   cfg.max_size, cfg.max_handles, cfg.budget, MPOOL_M_SEGMENT, cfg.node);
	seq_printf(m, "promote-after %u\nyoung-interval-ms %u\nold-interval-ms %u\n",
		   cfg.policy.promote_after, cfg.policy.young_interval_ms,
		   cfg.policy.old_interval_ms);
	seq_printf(m, "old-sparse-pct %u\ncollector %s\n", cfg.policy.old_sparse_pct,
		   cfg.policy.no_worker ? "on demand" : "worker");
	seq_printf(m, "cold-tier %s\n", cfg.policy.cold_tier ? "on" : "off");
	if (cfg.policy.cold_tier)
		seq_printf(m, "cold-age-ms %u\ncold-high-pct %u\ncold-low-pct %u\n",
			   cfg.policy.cold_age_ms, cfg.policy.cold_high_pct,
			   cfg.policy.cold_low_pct);
	if (cfg.policy.cold_tier)
		seq_printf(m, "cold-min-saving-pct %u\ncold-interval-ms %u\ncold-cpu-pct %u\ncold-permanent %s\n",
			   cfg.policy.cold_min_saving_pct, cfg.policy.cold_interval_ms,
			   cfg.policy.cold_cpu_pct, cfg.policy.cold_permanent ? "yes" : "no");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(managed_config);

static int managed_histograms_show(struct seq_file *m, void *unused)
{
	struct mpool_m_stats *st = managed_snapshot(((struct mpool *)m->private)->managed);

	if (!st)
		return -ENOMEM;
	seq_hist(m, "lifetime: low-us count", st->lifetime_hist);
	if (st->cold.enabled)
		seq_hist(m, "cold map latency: low-ns count", st->cold.map_latency_hist);
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(managed_histograms);

static ssize_t collect_write(struct file *file, const char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	struct mpool *pool = file->private_data;
	char buf[16], *arg;
	int gen, ret;

	arg = written_arg(buf, sizeof(buf), ubuf, len);
	if (IS_ERR(arg))
		return PTR_ERR(arg);
	gen = sysfs_match_string(mpool_debugfs_gens, arg);
	if (gen < 0)
		return gen;
	ret = mpool_m_collect(pool->managed, gen);
	return ret ?: len;
}

MPOOL_DEBUGFS_WRITE_FOPS(collect);

/* A managed pool's objects vary in size: it is warmed in bytes (mpool_m_warm()). */
static ssize_t managed_warm_write(struct file *file, const char __user *ubuf, size_t len,
				  loff_t *ppos)
{
	struct mpool *pool = file->private_data;
	unsigned long long bytes;
	char buf[32], *arg, *end;
	int ret;

	arg = written_arg(buf, sizeof(buf), ubuf, len);
	if (IS_ERR(arg))
		return PTR_ERR(arg);
	bytes = memparse(arg, &end);
	if (end == arg || *end)
		return -EINVAL;
	ret = mpool_m_warm(pool->managed, min_t(unsigned long long, bytes, SIZE_MAX));
	return ret ?: len;
}

MPOOL_DEBUGFS_WRITE_FOPS(managed_warm);

static void managed_pool_add(struct mpool *pool, struct dentry *dir)
{
	debugfs_create_file("stats", 0444, dir, pool, &managed_stats_fops);
	debugfs_create_file("config", 0444, dir, pool, &managed_config_fops);
	debugfs_create_file("histograms", 0444, dir, pool, &managed_histograms_fops);
	debugfs_create_file("collect", 0200, dir, pool, &collect_fops);
	debugfs_create_file("warm", 0200, dir, pool, &managed_warm_fops);
}

void mpool_debugfs_pool_add(struct mpool *pool)
{
	struct dentry *dir;

	if (!mpool_debugfs_root)
		return;
	dir = debugfs_create_dir(pool->name, mpool_debugfs_root);
	if (IS_ERR(dir))
		return;
	pool->debugfs = dir;
	if (pool->managed) {
		managed_pool_add(pool, dir);
		return;
	}
	debugfs_create_file("stats", 0444, dir, pool, &stats_fops);
	debugfs_create_file("config", 0444, dir, pool, &config_fops);
	debugfs_create_file("nodes", 0444, dir, pool, &nodes_fops);
	debugfs_create_file("histograms", 0444, dir, pool, &histograms_fops);
	if (pool->buf)
		debugfs_create_file("classes", 0444, dir, pool, &classes_fops);
	debugfs_create_file("warm", 0200, dir, pool, &warm_fops);
	debugfs_create_file("shrink", 0200, dir, pool, &shrink_fops);
}

/* Returns once no handler of the pool's files runs any more. Process context. */
void mpool_debugfs_pool_remove(struct mpool *pool)
{
	debugfs_remove(pool->debugfs);
	pool->debugfs = NULL;
}

int mpool_debugfs_init(void)
{
	struct dentry *root;

	/*
	 * debugfs is optional for a kernel (and may be disabled at boot): without it the
	 * pools still work, only the people's view is missing.
	 */
	root = debugfs_create_dir("mpool", NULL);
	if (IS_ERR(root)) {
		if (PTR_ERR(root) == -ENODEV) {
			pr_info("debugfs not available, continuing without it\n");
			return 0;
		}
		return PTR_ERR(root);
	}
	mpool_debugfs_root = root;
	debugfs_create_file("pools", 0444, root, NULL, &pools_fops);
	return 0;
}

void mpool_debugfs_exit(void)
{
	debugfs_remove(mpool_debugfs_root);
	mpool_debugfs_root = NULL;
}
