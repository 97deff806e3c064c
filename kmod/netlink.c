// SPDX-License-Identifier: GPL-2.0
/*
 * The "mpool" generic netlink family: the machine interface for tools.
 *
 * include/uapi/mpool.yaml is the source of truth for commands and attributes. The
 * per-command policies below enforce its types and ranges, so handlers never see
 * malformed input, and strict validation (every command is new, resv_start_op)
 * rejects attributes a command does not take. Handlers name pools by id or name
 * under mpool_registry_lock, which keeps the pool alive while they work; reads are
 * open to every user, changes carry GENL_ADMIN_PERM. Changes, additions, removals
 * and cap hits are announced on the "monitor" multicast group.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <uapi/linux/mpool.h>

#include "managed.h"
#include "netlink.h"
#include "pool.h"
#include "version.h"

static struct genl_family mpool_genl_family;
static bool mpool_nl_registered;

enum mpool_nl_groups {
	MPOOL_NLGRP_MONITOR,
};

static const struct genl_multicast_group mpool_nl_groups[] = {
	[MPOOL_NLGRP_MONITOR] = { .name = MPOOL_MCGRP_MONITOR },
};

/* ---- filling messages ---- */

static const struct {
	u16 attr;
	u16 offset;
} mpool_nl_stats_u64[] = {
#define STAT(attr, field) { MPOOL_A_POOL_STATS_##attr, offsetof(struct mpool_stats, field) }
	STAT(ALLOC_MAGAZINE, alloc_magazine), STAT(ALLOC_DEPOT, alloc_depot),
	STAT(ALLOC_SLAB, alloc_slab), STAT(ALLOC_PAGE, alloc_page),
	STAT(ALLOC_RESERVE, alloc_reserve), STAT(ALLOC_REMOTE, alloc_remote),
	STAT(ALLOC_FAIL, alloc_fail), STAT(ALLOC_CAPPED, alloc_capped),
	STAT(FREE_MAGAZINE, free_magazine), STAT(FREE_DEPOT, free_depot),
	STAT(FREE_SLAB, free_slab), STAT(FREE_RESERVE, free_reserve),
	STAT(FREE_REMOTE, free_remote), STAT(SLABS_GROWN, slabs_grown),
	STAT(SLABS_RELEASED, slabs_released), STAT(SHRINKER_SCANS, shrinker_scans),
	STAT(SHRINKER_FREED, shrinker_freed), STAT(POISON_ERRORS, poison_errors),
	STAT(DOUBLE_FREES, double_frees), STAT(INVALID_FREES, invalid_frees),
	STAT(LIVE, live), STAT(CACHED, cached), STAT(OBJECTS, objects),
	STAT(RESERVE, reserve), STAT(SLABS, slabs), STAT(PAGES, pages),
	STAT(PEAK_LIVE, peak_live), STAT(PEAK_LIVE_TIME, peak_live_ns),
	STAT(REQUESTED_BYTES, requested_bytes), STAT(GRANTED_BYTES, granted_bytes),
	STAT(OVERSIZE_ALLOCS, oversize_allocs), STAT(OVERSIZE_FREES, oversize_frees),
	STAT(OVERSIZE_LIVE, oversize_live), STAT(ADAPT_EXPANSIONS, adapt_expansions),
	STAT(ADAPT_SHRINKS, adapt_shrinks), STAT(ADAPT_MAGAZINE_GROWS, adapt_magazine_grows),
	STAT(ADAPT_MAGAZINE_SHRINKS, adapt_magazine_shrinks),
	STAT(ADAPT_REBALANCES, adapt_rebalances), STAT(LIVE_BYTES, live_bytes),
#undef STAT
};

static int put_u64(struct sk_buff *skb, int attr, u64 value, int pad)
{
	return nla_put_u64_64bit(skb, attr, value, pad);
}

static int fill_info(struct sk_buff *skb, int attr, struct mpool *pool,
		     const struct mpool_stats *st)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	struct mpool_adapt_info adapt;

	mpool_adapt_describe(pool, &adapt);
	if (!nest ||
	    nla_put_u8(skb, MPOOL_A_POOL_INFO_ADAPTIVE, adapt.on) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_ADAPT_INTERVAL, adapt.interval_s) ||
	    nla_put_u8(skb, MPOOL_A_POOL_INFO_ADAPT_REBALANCE, adapt.rebalance) ||
	    nla_put_string(skb, MPOOL_A_POOL_INFO_LAST_ADAPTATION, adapt.last) ||
	    put_u64(skb, MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME, adapt.last_ns,
		    MPOOL_A_POOL_INFO_PAD) ||
	    (pool->buf && nla_put_u32(skb, MPOOL_A_POOL_INFO_CLASSES, pool->buf->nr_classes)) ||
	    put_u64(skb, MPOOL_A_POOL_INFO_OBJECT_SIZE, st->object_size, MPOOL_A_POOL_INFO_PAD) ||
	    put_u64(skb, MPOOL_A_POOL_INFO_OBJECT_STRIDE, st->object_stride,
		    MPOOL_A_POOL_INFO_PAD) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_FLAGS, st->flags) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_MIN_OBJECTS, st->min_objects) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_MAX_OBJECTS, st->max_objects) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_MAGAZINE_SIZE, st->magazine_size) ||
	    nla_put_s32(skb, MPOOL_A_POOL_INFO_NODE, pool->home_node) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_SLAB_ORDER, pool->slab_order) ||
	    nla_put_u32(skb, MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB, pool->objs_per_slab))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_stats(struct sk_buff *skb, int attr, const struct mpool_stats *st)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(mpool_nl_stats_u64); i++) {
		u64 v = *(const u64 *)((const char *)st + mpool_nl_stats_u64[i].offset);

		if (put_u64(skb, mpool_nl_stats_u64[i].attr, v, MPOOL_A_POOL_STATS_PAD))
			return -EMSGSIZE;
	}
	if (nla_put_u32(skb, MPOOL_A_POOL_STATS_HIT_RATE, mpool_stats_hit_rate(st)) ||
	    nla_put_u32(skb, MPOOL_A_POOL_STATS_EFFICIENCY, mpool_stats_efficiency(st)) ||
	    nla_put_u32(skb, MPOOL_A_POOL_STATS_FRAGMENTATION, mpool_stats_fragmentation(st)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_hist(struct sk_buff *skb, int attr, const u64 *buckets, unsigned int nr)
{
	struct nlattr *array = nla_nest_start(skb, attr);
	unsigned int i;

	if (!array)
		return -EMSGSIZE;
	for (i = 0; i < nr; i++) {
		/* Indexed array: the entry's type is its index, from 1. */
		struct nlattr *bucket = nla_nest_start(skb, i + 1);

		if (!bucket ||
		    put_u64(skb, MPOOL_A_HIST_BUCKET_LOW, i ? BIT_ULL(i) : 0,
			    MPOOL_A_HIST_BUCKET_PAD) ||
		    put_u64(skb, MPOOL_A_HIST_BUCKET_COUNT, buckets[i], MPOOL_A_HIST_BUCKET_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, bucket);
	}
	nla_nest_end(skb, array);
	return 0;
}

/* An object pool's or a buffer pool's configuration, counters and histograms. */
static int fill_slab_pool(struct sk_buff *skb, struct mpool *pool)
{
	struct mpool_stats *st;
	int ret = 0;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	mpool_get_stats(pool, st);
	if (fill_info(skb, MPOOL_A_POOL_INFO, pool, st) ||
	    fill_stats(skb, MPOOL_A_POOL_STATS, st) ||
	    fill_hist(skb, MPOOL_A_POOL_LIFETIME_HIST, st->lifetime_hist, MPOOL_HIST_BUCKETS) ||
	    (pool->buf && fill_hist(skb, MPOOL_A_POOL_SIZE_HIST, st->size_hist,
				    MPOOL_HIST_BUCKETS)))
		ret = -EMSGSIZE;
	kfree(st);
	return ret;
}

/* One generation: its number, then the fields of @g in their (the spec's) order. */
static int fill_generation(struct sk_buff *skb, int attr, enum mpool_gen gen,
			   const struct mpool_m_gen_stats *g)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	const u64 *field = (const u64 *)g;
	unsigned int i;

	BUILD_BUG_ON(sizeof(*g) / sizeof(u64) !=
		     MPOOL_A_GENERATION_STATS_MOVE_FAILURES -
		     MPOOL_A_GENERATION_STATS_LIVE_OBJECTS + 1);
	if (!nest || nla_put_u32(skb, MPOOL_A_GENERATION_STATS_GENERATION, gen))
		return -EMSGSIZE;
	for (i = 0; i < sizeof(*g) / sizeof(u64); i++) {
		if (put_u64(skb, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS + i, field[i],
			    MPOOL_A_GENERATION_STATS_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The cold tier: its counters in their (the spec's) order, then ratios and policy. */
static int fill_cold(struct sk_buff *skb, const struct mpool_m_policy *policy,
		     const struct mpool_m_cold_stats *c)
{
	const unsigned int nr = offsetof(struct mpool_m_cold_stats, map_latency_hist) /
				sizeof(u64);
	struct nlattr *nest = nla_nest_start(skb, MPOOL_A_MANAGED_COLD);
	const u64 *field = (const u64 *)c;
	unsigned int i;

	BUILD_BUG_ON(offsetof(struct mpool_m_cold_stats, map_latency_hist) / sizeof(u64) !=
		     MPOOL_A_COLD_TIER_FORCED_RUNS - MPOOL_A_COLD_TIER_ENABLED + 1);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < nr; i++) {
		if (put_u64(skb, MPOOL_A_COLD_TIER_ENABLED + i, field[i], MPOOL_A_COLD_TIER_PAD))
			return -EMSGSIZE;
	}
	if (fill_hist(skb, MPOOL_A_COLD_TIER_MAP_LATENCY_HIST, c->map_latency_hist,
		      MPOOL_HIST_BUCKETS) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_RATIO, mpool_m_cold_ratio_x100(c)) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_REFAULT_PPM, mpool_m_cold_refault_ppm(c)) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_COLD_AGE, policy->cold_age_ms) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_HIGH_PCT, policy->cold_high_pct) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_LOW_PCT, policy->cold_low_pct) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_MIN_SAVING_PCT, policy->cold_min_saving_pct) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_INTERVAL, policy->cold_interval_ms) ||
	    nla_put_u32(skb, MPOOL_A_COLD_TIER_CPU_PCT, policy->cold_cpu_pct) ||
	    nla_put_u8(skb, MPOOL_A_COLD_TIER_PERMANENT, policy->cold_permanent))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_managed_nest(struct sk_buff *skb, const struct mpool_m_config *cfg,
			     const struct mpool_m_stats *st)
{
	struct nlattr *nest = nla_nest_start(skb, MPOOL_A_POOL_MANAGED);
	u64 held = 0;
	unsigned int g;

	for (g = 0; g < MPOOL_NR_GENS; g++)
		held += st->gen[g].held_bytes;
	if (!nest ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_PROMOTE_AFTER, cfg->policy.promote_after) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_YOUNG_INTERVAL, cfg->policy.young_interval_ms) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_OLD_INTERVAL, cfg->policy.old_interval_ms) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_OLD_SPARSE_PCT, cfg->policy.old_sparse_pct) ||
	    nla_put_u8(skb, MPOOL_A_MANAGED_COLLECTOR, !cfg->policy.no_worker) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_MAX_SIZE, cfg->max_size) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_MAX_HANDLES, cfg->max_handles) ||
	    put_u64(skb, MPOOL_A_MANAGED_BUDGET, cfg->budget, MPOOL_A_MANAGED_PAD) ||
	    put_u64(skb, MPOOL_A_MANAGED_HELD_BYTES, held, MPOOL_A_MANAGED_PAD) ||
	    nla_put_u32(skb, MPOOL_A_MANAGED_SEGMENT_SIZE, MPOOL_M_SEGMENT) ||
	    nla_put_s32(skb, MPOOL_A_MANAGED_NODE, cfg->node) ||
	    put_u64(skb, MPOOL_A_MANAGED_STALE_REFUSALS, st->stale_refusals,
		    MPOOL_A_MANAGED_PAD) ||
	    put_u64(skb, MPOOL_A_MANAGED_BUSY_FREES, st->busy_frees, MPOOL_A_MANAGED_PAD) ||
	    put_u64(skb, MPOOL_A_MANAGED_ALLOC_FAIL, st->alloc_fail, MPOOL_A_MANAGED_PAD) ||
	    put_u64(skb, MPOOL_A_MANAGED_TABLE_BYTES, st->table_bytes, MPOOL_A_MANAGED_PAD) ||
	    put_u64(skb, MPOOL_A_MANAGED_WARM_BYTES, st->warm_bytes, MPOOL_A_MANAGED_PAD))
		return -EMSGSIZE;
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		if (fill_generation(skb, MPOOL_A_MANAGED_GENERATION, g, &st->gen[g]))
			return -EMSGSIZE;
	}
	if (cfg->policy.cold_tier && fill_cold(skb, &cfg->policy, &st->cold))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A managed pool's policy, sizes, generations and lifetime histogram. */
static int fill_managed_pool(struct sk_buff *skb, struct mpool_m_pool *mp)
{
	struct mpool_m_config cfg;
	struct mpool_m_stats *st;
	int ret = 0;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	mpool_m_describe(mp, &cfg);
	mpool_m_get_stats(mp, st);
	if (fill_managed_nest(skb, &cfg, st) ||
	    fill_hist(skb, MPOOL_A_POOL_LIFETIME_HIST, st->lifetime_hist, MPOOL_HIST_BUCKETS))
		ret = -EMSGSIZE;
	kfree(st);
	return ret;
}

static u32 pool_kind(const struct mpool *pool)
{
	if (pool->managed)
		return MPOOL_POOL_KIND_MANAGED;
	return pool->buf ? MPOOL_POOL_KIND_BUFFER : MPOOL_POOL_KIND_OBJECT;
}

static int fill_pool(struct sk_buff *skb, struct mpool *pool, u32 portid, u32 seq,
		     int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, portid, seq, &mpool_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(skb, MPOOL_A_POOL_NAME, pool->name) ||
	    nla_put_u32(skb, MPOOL_A_POOL_KIND, pool_kind(pool)))
		ret = -EMSGSIZE;
	else if (pool->managed)
		ret = fill_managed_pool(skb, pool->managed);
	else
		ret = fill_slab_pool(skb, pool);
	if (ret) {
		genlmsg_cancel(skb, hdr);
		return ret;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* ---- finding the pool a request names ---- */

static struct mpool *request_pool(struct genl_info *info)
{
	struct nlattr *id_attr = info->attrs[MPOOL_A_POOL_ID];
	struct nlattr *name_attr = info->attrs[MPOOL_A_POOL_NAME];
	struct mpool *by_id = NULL, *by_name = NULL;

	lockdep_assert_held(&mpool_registry_lock);
	if (!id_attr && !name_attr) {
		NL_SET_ERR_MSG_MOD(info->extack, "pool: give its id or its name");
		return ERR_PTR(-EINVAL);
	}
	if (id_attr) {
		by_id = mpool_find_by_id_locked(nla_get_u32(id_attr));
		if (!by_id) {
			NL_SET_ERR_MSG_ATTR(info->extack, id_attr, "id: no pool with this id");
			return ERR_PTR(-ENOENT);
		}
	}
	if (name_attr) {
		by_name = mpool_find_locked(nla_data(name_attr));
		if (!by_name) {
			NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
					    "name: no pool with this name");
			return ERR_PTR(-ENOENT);
		}
	}
	if (by_id && by_name && by_id != by_name) {
		NL_SET_ERR_MSG_ATTR(info->extack, name_attr, "name: not the pool the id names");
		return ERR_PTR(-EINVAL);
	}
	return by_id ?: by_name;
}

/* request_pool(), for the commands on objects, slabs and magazines a managed pool lacks. */
static struct mpool *request_unmanaged_pool(struct genl_info *info)
{
	struct mpool *pool = request_pool(info);

	if (!IS_ERR(pool) && pool->managed) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a managed pool has no slabs or magazines: see pool-collect");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return pool;
}

/*
 * The pool a command acts on: @pool itself, or for a buffer pool the class serving
 * class-size (required when @need_class).
 */
static struct mpool *request_target(struct mpool *pool, struct genl_info *info,
				    bool need_class)
{
	struct nlattr *size_attr = info->attrs[MPOOL_A_POOL_CLASS_SIZE];
	struct mpool *class;

	if (!pool->buf) {
		if (size_attr) {
			NL_SET_ERR_MSG_ATTR(info->extack, size_attr,
					    "class-size: an object pool has no classes");
			return ERR_PTR(-EINVAL);
		}
		return pool;
	}
	if (!size_attr) {
		if (!need_class)
			return pool;
		NL_SET_ERR_MSG_MOD(info->extack,
				   "class-size: a buffer pool acts per class: say which");
		return ERR_PTR(-EINVAL);
	}
	class = mpool_buf_class(pool->buf, nla_get_u32(size_attr));
	if (!class) {
		NL_SET_ERR_MSG_ATTR(info->extack, size_attr,
				    "class-size: above the largest class");
		return ERR_PTR(-EINVAL);
	}
	return class;
}

/* ---- notifications ---- */

static void notify(struct sk_buff *skb)
{
	genlmsg_multicast(&mpool_genl_family, skb, 0, MPOOL_NLGRP_MONITOR, GFP_KERNEL);
}

static bool have_listeners(void)
{
	return READ_ONCE(mpool_nl_registered) &&
	       genl_has_listeners(&mpool_genl_family, &init_net, MPOOL_NLGRP_MONITOR);
}

/* Announce @pool with everything pool-get reports (add, change). Process context. */
void mpool_nl_notify_pool(struct mpool *pool, u8 cmd)
{
	struct sk_buff *skb;

	if (!have_listeners())
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	if (fill_pool(skb, pool, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(skb);
		return;
	}
	notify(skb);
}

/* Announce a removal, or a cap hit: id, name and (cap hit) max-objects. */
static void notify_event(struct mpool *pool, u8 cmd, bool with_max)
{
	struct sk_buff *skb;
	void *hdr;

	if (!have_listeners())
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &mpool_genl_family, 0, cmd);
	if (!hdr || nla_put_u32(skb, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(skb, MPOOL_A_POOL_NAME, pool->name) ||
	    (with_max && nla_put_u32(skb, MPOOL_A_POOL_MAX_OBJECTS,
				     READ_ONCE(pool->max_objects)))) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	notify(skb);
}

void mpool_nl_notify_removed(struct mpool *pool)
{
	notify_event(pool, MPOOL_CMD_POOL_DEL_NTF, false);
}

static void limit_ntf_work(struct work_struct *work)
{
	notify_event(container_of(work, struct mpool, limit_work), MPOOL_CMD_POOL_LIMIT_NTF,
		     true);
}

void mpool_nl_pool_init(struct mpool *pool)
{
	INIT_WORK(&pool->limit_work, limit_ntf_work);
	pool->limit_ntf_jiffies = jiffies - HZ;
}

/* A cap hit announced before the pool goes is announced before its removal. */
void mpool_nl_pool_exit(struct mpool *pool)
{
	flush_work(&pool->limit_work);
}

/*
 * An allocation hit max_objects. Any context: the notification is sent from a work
 * item, at most once a second per pool.
 */
void mpool_nl_limit_hit(struct mpool *pool)
{
	unsigned long last = READ_ONCE(pool->limit_ntf_jiffies);

	if (!have_listeners() || time_before(jiffies, last + HZ))
		return;
	if (try_cmpxchg(&pool->limit_ntf_jiffies, &last, jiffies))
		schedule_work(&pool->limit_work);
}

/* ---- commands ---- */

/* Send a built reply, or drop it when building failed. */
static int reply_or_free(struct sk_buff *msg, struct genl_info *info, int ret)
{
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

static int mpool_nl_version_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size(sizeof(MPOOL_VERSION)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_VERSION_GET);
	if (!hdr || nla_put_string(msg, MPOOL_A_VERSION_MODULE, MPOOL_VERSION))
		return reply_or_free(msg, info, -EMSGSIZE);
	genlmsg_end(msg, hdr);
	return reply_or_free(msg, info, 0);
}

static int mpool_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpool *pool;
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_pool(info);
	ret = IS_ERR(pool) ? PTR_ERR(pool) :
	      fill_pool(msg, pool, info->snd_portid, info->snd_seq, 0, MPOOL_CMD_POOL_GET, NULL);
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

/* cb->args[0]: the id to resume from. */
static int mpool_nl_pool_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct mpool *pool;
	int ret = 0;

	mutex_lock(&mpool_registry_lock);
	cb->seq = mpool_registry_generation_locked();
	for (pool = mpool_next_locked(&id); pool; id++, pool = mpool_next_locked(&id)) {
		ret = fill_pool(skb, pool, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				NLM_F_MULTI, MPOOL_CMD_POOL_GET, cb);
		if (ret)
			break;
	}
	mutex_unlock(&mpool_registry_lock);
	cb->args[0] = id;
	/* A pool that did not fit goes first in the next message. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

static int set_limits(struct mpool *pool, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	unsigned int min = READ_ONCE(pool->min_objects);
	unsigned int max = READ_ONCE(pool->max_objects);
	int ret;

	if (tb[MPOOL_A_POOL_MIN_OBJECTS])
		min = nla_get_u32(tb[MPOOL_A_POOL_MIN_OBJECTS]);
	if (tb[MPOOL_A_POOL_MAX_OBJECTS])
		max = nla_get_u32(tb[MPOOL_A_POOL_MAX_OBJECTS]);
	ret = mpool_set_limits(pool, min, max);
	switch (ret) {
	case -EINVAL:
		NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_MIN_OBJECTS] ?:
				    tb[MPOOL_A_POOL_MAX_OBJECTS],
				    "min-objects: above max-objects");
		break;
	case -EBUSY:
		NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_MAX_OBJECTS],
				    "max-objects: below the objects in use");
		break;
	case -ENOMEM:
	case -ENOSPC:
		if (READ_ONCE(pool->min_objects) != min)
			NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_MIN_OBJECTS],
					    "min-objects: no memory for a reserve that big (nothing changed)");
		else
			NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_MIN_OBJECTS],
					    "min-objects: the reserve could not be filled (limits set)");
		break;
	}
	return ret;
}

static int set_adaptive(struct mpool *pool, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct mpool_adapt_info now;
	bool on, rebalance;

	mpool_adapt_describe(pool, &now);
	on = tb[MPOOL_A_POOL_ADAPTIVE] ? nla_get_u8(tb[MPOOL_A_POOL_ADAPTIVE]) : now.on;
	rebalance = tb[MPOOL_A_POOL_ADAPT_REBALANCE] ?
		    nla_get_u8(tb[MPOOL_A_POOL_ADAPT_REBALANCE]) : now.rebalance;
	return mpool_set_adaptive(pool, on, tb[MPOOL_A_POOL_ADAPT_INTERVAL] ?
				  nla_get_u32(tb[MPOOL_A_POOL_ADAPT_INTERVAL]) : 0, rebalance);
}

/* The pool-set attributes of object and buffer pools, then of managed pools. */
static const u16 mpool_nl_slab_settings[] = {
	MPOOL_A_POOL_MIN_OBJECTS, MPOOL_A_POOL_MAX_OBJECTS, MPOOL_A_POOL_MAGAZINE_SIZE,
	MPOOL_A_POOL_FLAGS, MPOOL_A_POOL_ADAPTIVE, MPOOL_A_POOL_ADAPT_INTERVAL,
	MPOOL_A_POOL_ADAPT_REBALANCE,
};

static const u16 mpool_nl_managed_settings[] = {
	MPOOL_A_POOL_PROMOTE_AFTER, MPOOL_A_POOL_YOUNG_INTERVAL, MPOOL_A_POOL_OLD_INTERVAL,
	MPOOL_A_POOL_OLD_SPARSE_PCT,
};

/* Those of managed pools with a cold tier. */
static const u16 mpool_nl_cold_settings[] = {
	MPOOL_A_POOL_COLD_AGE, MPOOL_A_POOL_COLD_HIGH_PCT, MPOOL_A_POOL_COLD_LOW_PCT,
	MPOOL_A_POOL_COLD_MIN_SAVING_PCT, MPOOL_A_POOL_COLD_INTERVAL, MPOOL_A_POOL_COLD_CPU_PCT,
	MPOOL_A_POOL_COLD_PERMANENT,
};

/* The first of @attrs the request carries, or NULL. */
static struct nlattr *first_given(struct genl_info *info, const u16 *attrs, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (info->attrs[attrs[i]])
			return info->attrs[attrs[i]];
	}
	return NULL;
}

/* pool-set on a managed pool: its policy, the attributes given over the current one. */
static int set_managed_policy(struct mpool *pool, struct genl_info *info)
{
	static const struct {
		u16 attr;
		u16 offset;
	} fields[] = {
		{ MPOOL_A_POOL_PROMOTE_AFTER, offsetof(struct mpool_m_policy, promote_after) },
		{ MPOOL_A_POOL_YOUNG_INTERVAL,
		  offsetof(struct mpool_m_policy, young_interval_ms) },
		{ MPOOL_A_POOL_OLD_INTERVAL, offsetof(struct mpool_m_policy, old_interval_ms) },
		{ MPOOL_A_POOL_OLD_SPARSE_PCT, offsetof(struct mpool_m_policy, old_sparse_pct) },
		{ MPOOL_A_POOL_COLD_AGE, offsetof(struct mpool_m_policy, cold_age_ms) },
		{ MPOOL_A_POOL_COLD_HIGH_PCT, offsetof(struct mpool_m_policy, cold_high_pct) },
		{ MPOOL_A_POOL_COLD_LOW_PCT, offsetof(struct mpool_m_policy, cold_low_pct) },
		{ MPOOL_A_POOL_COLD_MIN_SAVING_PCT,
		  offsetof(struct mpool_m_policy, cold_min_saving_pct) },
		{ MPOOL_A_POOL_COLD_INTERVAL, offsetof(struct mpool_m_policy, cold_interval_ms) },
		{ MPOOL_A_POOL_COLD_CPU_PCT, offsetof(struct mpool_m_policy, cold_cpu_pct) },
	};
	struct nlattr *other = first_given(info, mpool_nl_slab_settings,
					   ARRAY_SIZE(mpool_nl_slab_settings));
	struct nlattr *cold = first_given(info, mpool_nl_cold_settings,
					  ARRAY_SIZE(mpool_nl_cold_settings));
	struct mpool_m_config cfg;
	const char *problem;
	unsigned int i;

	if (other) {
		NL_SET_ERR_MSG_ATTR(info->extack, other,
				    "a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set");
		return -EOPNOTSUPP;
	}
	mpool_m_describe(pool->managed, &cfg);
	if (cold && !cfg.policy.cold_tier) {
		NL_SET_ERR_MSG_ATTR(info->extack, cold,
				    "this managed pool was created without a cold tier");
		return -EOPNOTSUPP;
	}
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (info->attrs[fields[i].attr])
			*(unsigned int *)((char *)&cfg.policy + fields[i].offset) =
				nla_get_u32(info->attrs[fields[i].attr]);
	}
	if (info->attrs[MPOOL_A_POOL_COLD_PERMANENT])
		cfg.policy.cold_permanent = nla_get_u8(info->attrs[MPOOL_A_POOL_COLD_PERMANENT]);
	/* Said here, as mpool_m_set_policy() only logs it; a watermark against the other. */
	problem = cold ? mpool_cold_policy_problem(&cfg.policy) : NULL;
	if (problem) {
		NL_SET_BAD_ATTR(info->extack, cold);
		/* NL_SET_ERR_MSG() takes only literals; @problem is one of compress.c's. */
		if (info->extack)
			info->extack->_msg = problem;
		return -EINVAL;
	}
	return mpool_m_set_policy(pool->managed, &cfg.policy);
}

static int mpool_nl_pool_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct nlattr *policy_attr;
	struct mpool *pool;
	int ret = 0;

	policy_attr = first_given(info, mpool_nl_managed_settings,
				  ARRAY_SIZE(mpool_nl_managed_settings)) ?:
		      first_given(info, mpool_nl_cold_settings,
				  ARRAY_SIZE(mpool_nl_cold_settings));
	if (!policy_attr && !first_given(info, mpool_nl_slab_settings,
					 ARRAY_SIZE(mpool_nl_slab_settings))) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "nothing to set: give limits, magazine-size, flags, adaptive settings or a managed pool's policy");
		return -EINVAL;
	}
	mutex_lock(&mpool_registry_lock);
	pool = request_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto out;
	}
	if (pool->managed) {
		ret = set_managed_policy(pool, info);
		if (!ret)
			mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
		goto out;
	}
	if (policy_attr) {
		NL_SET_ERR_MSG_ATTR(info->extack, policy_attr,
				    "only a managed pool has a generation or cold-tier policy");
		ret = -EINVAL;
		goto out;
	}
	/* Check the flags before changing anything: all or nothing where we can. */
	if (tb[MPOOL_A_POOL_FLAGS]) {
		u32 flags = nla_get_u32(tb[MPOOL_A_POOL_FLAGS]);
		u32 cur = READ_ONCE(pool->flags) & MPOOL_F_ALL;

		if ((flags ^ cur) & ~MPOOL_F_RUNTIME) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_FLAGS],
					    "flags: only poison may change on a live pool");
			ret = -EINVAL;
			goto out;
		}
		if ((flags & MPOOL_F_POISON) && pool->ctor) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_FLAGS],
					    "flags: poison would wipe what the constructor builds");
			ret = -EINVAL;
			goto out;
		}
	}
	if (tb[MPOOL_A_POOL_MIN_OBJECTS] || tb[MPOOL_A_POOL_MAX_OBJECTS]) {
		if (pool->buf) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_MIN_OBJECTS] ?:
					    tb[MPOOL_A_POOL_MAX_OBJECTS],
					    "limits of a buffer pool are per class: use class-set");
			ret = -EINVAL;
			goto out;
		}
		ret = set_limits(pool, info);
		if (ret)
			goto out;
	}
	if (tb[MPOOL_A_POOL_ADAPTIVE] || tb[MPOOL_A_POOL_ADAPT_INTERVAL] ||
	    tb[MPOOL_A_POOL_ADAPT_REBALANCE]) {
		ret = set_adaptive(pool, info);
		if (ret)
			goto out;
	}
	if (tb[MPOOL_A_POOL_MAGAZINE_SIZE]) {
		ret = mpool_set_magazine_size(pool, nla_get_u32(tb[MPOOL_A_POOL_MAGAZINE_SIZE]));
		if (ret)
			goto out;
	}
	if (tb[MPOOL_A_POOL_FLAGS])
		ret = mpool_set_flags(pool, nla_get_u32(tb[MPOOL_A_POOL_FLAGS]));
	if (!ret)
		mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return ret;
}

/* A node attribute, checked as every entry point checks a node: the node, or -EINVAL. */
static int node_arg(struct genl_info *info, int attr)
{
	u32 nid = nla_get_u32(info->attrs[attr]);

	return nid <= INT_MAX && mpool_node_has_memory(nid) ? nid : -EINVAL;
}

/*
 * pool-warm of a managed pool: its objects vary in size, so it is warmed in bytes, on
 * the nodes it allocates from (mpool_m_warm()).
 */
static int warm_managed(struct mpool *pool, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct nlattr *per_object = tb[MPOOL_A_POOL_COUNT] ?: tb[MPOOL_A_POOL_NODE] ?:
				    tb[MPOOL_A_POOL_CLASS_SIZE];
	u64 bytes;
	int ret;

	if (per_object) {
		NL_SET_ERR_MSG_ATTR(info->extack, per_object,
				    "a managed pool is warmed in bytes, on the nodes it allocates from");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_BYTES))
		return -EINVAL;
	/* Clamped where size_t is narrower: still past any machine's memory. */
	bytes = min_t(u64, nla_get_u64(tb[MPOOL_A_POOL_BYTES]), SIZE_MAX);
	ret = mpool_m_warm(pool->managed, bytes);
	if (ret == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, tb[MPOOL_A_POOL_BYTES],
				    "bytes: above the pool's budget or the machine's memory");
	else if (ret == -ENOMEM)
		NL_SET_ERR_MSG_MOD(info->extack, "out of memory; what was warmed stays");
	if (ret != -EINVAL)
		mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
	return ret;
}

static int mpool_nl_pool_warm_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *node_attr = info->attrs[MPOOL_A_POOL_NODE];
	struct mpool *pool, *target;
	int node = NUMA_NO_NODE;
	int ret;

	if (node_attr) {
		node = node_arg(info, MPOOL_A_POOL_NODE);
		if (node < 0) {
			NL_SET_ERR_MSG_ATTR(info->extack, node_attr,
					    "node: not a node with memory");
			return node;
		}
	}
	mutex_lock(&mpool_registry_lock);
	pool = request_pool(info);
	if (!IS_ERR(pool) && pool->managed) {
		ret = warm_managed(pool, info);
		goto out;
	}
	if (!IS_ERR(pool) && info->attrs[MPOOL_A_POOL_BYTES]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[MPOOL_A_POOL_BYTES],
				    "bytes: only a managed pool is warmed in bytes; give count");
		ret = -EINVAL;
		goto out;
	}
	if (!IS_ERR(pool) && GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_COUNT)) {
		ret = -EINVAL;
		goto out;
	}
	target = IS_ERR(pool) ? pool : request_target(pool, info, true);
	if (IS_ERR(target)) {
		ret = PTR_ERR(target);
		goto out;
	}
	ret = mpool_warm(target, nla_get_u32(info->attrs[MPOOL_A_POOL_COUNT]), node);
	if (ret == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[MPOOL_A_POOL_COUNT],
				    "count: warming that many would pass max-objects");
	else if (ret == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, node_attr,
				    "node: the pool's memory lives on its home node only");
	else if (ret == -ENOMEM)
		NL_SET_ERR_MSG_MOD(info->extack, "out of memory; what was warmed stays");
	if (ret != -ENOSPC && ret != -EINVAL)
		mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return ret;
}

static int mpool_nl_pool_shrink_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpool *pool;
	struct sk_buff *msg;
	long released;
	void *hdr;
	int ret = 0;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto out;
	}
	released = mpool_shrink(pool);
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_POOL_SHRINK);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    put_u64(msg, MPOOL_A_POOL_RELEASED, released, MPOOL_A_POOL_PAD)) {
		ret = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

static int mpool_nl_pool_reset_stats_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpool *pool;
	int ret = 0;

	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
	} else {
		mpool_reset_stats(pool);
		mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
	}
	mutex_unlock(&mpool_registry_lock);
	return ret;
}

static int fill_node_pair(struct sk_buff *msg, int from, int to,
			  const struct mpool_node_pair *p)
{
	struct nlattr *nest = nla_nest_start(msg, MPOOL_A_POOL_NODE_PAIR);

	if (!nest || nla_put_u32(msg, MPOOL_A_NODE_PAIR_CPU_NODE, from) ||
	    nla_put_u32(msg, MPOOL_A_NODE_PAIR_OBJECT_NODE, to) ||
	    put_u64(msg, MPOOL_A_NODE_PAIR_ALLOCS, p->allocs, MPOOL_A_NODE_PAIR_PAD) ||
	    put_u64(msg, MPOOL_A_NODE_PAIR_FREES, p->frees, MPOOL_A_NODE_PAIR_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int fill_node_pairs(struct sk_buff *msg, struct mpool *pool)
{
	unsigned int n = nr_node_ids;
	struct mpool_node_pair *m;
	int from, to, ret = 0;

	m = kcalloc(n * n, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	mpool_get_node_matrix(pool, m, n);
	for_each_node(from) {
		for_each_node(to) {
			ret = fill_node_pair(msg, from, to, &m[from * n + to]);
			if (ret)
				goto out;
		}
	}
out:
	kfree(m);
	return ret;
}

static int mpool_nl_node_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpool *pool;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto out;
	}
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_NODE_STATS_GET);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(msg, MPOOL_A_POOL_NAME, pool->name))
		goto out;
	ret = fill_node_pairs(msg, pool);
	if (!ret)
		genlmsg_end(msg, hdr);
out:
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

static int fill_class(struct sk_buff *msg, const struct mpool_buf_class *c,
		      struct mpool_stats *st)
{
	struct nlattr *nest = nla_nest_start(msg, MPOOL_A_POOL_CLASS);

	mpool_get_stats(c->pool, st);
	if (!nest || nla_put_u32(msg, MPOOL_A_CLASS_SIZE, c->size) ||
	    fill_info(msg, MPOOL_A_CLASS_INFO, c->pool, st) ||
	    fill_stats(msg, MPOOL_A_CLASS_STATS, st) ||
	    fill_hist(msg, MPOOL_A_CLASS_SIZE_HIST, st->size_hist, MPOOL_HIST_BUCKETS))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Room for every class of a buffer pool: each is well under 2 KiB. */
#define MPOOL_NL_CLASS_SIZE	2048

static int mpool_nl_class_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct mpool_stats *st;
	struct mpool *pool;
	unsigned int i;
	void *hdr;
	int ret;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	ret = PTR_ERR_OR_ZERO(pool);
	if (!ret && !pool->buf) {
		NL_SET_ERR_MSG_MOD(info->extack, "an object pool has no classes");
		ret = -EINVAL;
	}
	if (ret)
		goto out;
	ret = -ENOMEM;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE + pool->buf->nr_classes * MPOOL_NL_CLASS_SIZE,
			  GFP_KERNEL);
	if (!msg)
		goto out;
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_CLASS_GET);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(msg, MPOOL_A_POOL_NAME, pool->name))
		goto out;
	for (i = 0; i < pool->buf->nr_classes; i++) {
		if (fill_class(msg, &pool->buf->classes[i], st))
			goto out;
	}
	genlmsg_end(msg, hdr);
	ret = 0;
out:
	mutex_unlock(&mpool_registry_lock);
	kfree(st);
	return reply_or_free(msg, info, ret);
}

static int mpool_nl_class_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct mpool *pool, *class;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_CLASS_SIZE))
		return -EINVAL;
	if (!tb[MPOOL_A_POOL_MIN_OBJECTS] && !tb[MPOOL_A_POOL_MAX_OBJECTS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "nothing to set: give min-objects or max-objects");
		return -EINVAL;
	}
	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	class = IS_ERR(pool) ? pool : request_target(pool, info, true);
	if (!IS_ERR(class) && !pool->buf) {
		NL_SET_ERR_MSG_MOD(info->extack, "an object pool has no classes: use pool-set");
		class = ERR_PTR(-EINVAL);
	}
	ret = PTR_ERR_OR_ZERO(class);
	if (!ret)
		ret = set_limits(class, info);
	if (!ret)
		mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
	mutex_unlock(&mpool_registry_lock);
	return ret;
}

static int mpool_nl_pool_rebalance_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpool *pool, *target;
	int from, to, moved, ret;
	struct sk_buff *msg;
	void *hdr;

	if (GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_FROM_NODE) ||
	    GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_TO_NODE) ||
	    GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_COUNT))
		return -EINVAL;
	from = node_arg(info, MPOOL_A_POOL_FROM_NODE);
	to = node_arg(info, MPOOL_A_POOL_TO_NODE);
	if (from < 0 || to < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[from < 0 ? MPOOL_A_POOL_FROM_NODE :
							   MPOOL_A_POOL_TO_NODE],
				    "not a node with memory");
		return -EINVAL;
	}
	if (from == to) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[MPOOL_A_POOL_TO_NODE],
				    "to-node: the same as from-node");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_unmanaged_pool(info);
	target = IS_ERR(pool) ? pool : request_target(pool, info, true);
	ret = PTR_ERR_OR_ZERO(target);
	if (ret)
		goto out;
	moved = mpool_rebalance(target, from, to, nla_get_u32(info->attrs[MPOOL_A_POOL_COUNT]));
	if (moved < 0) {
		ret = moved;
		if (ret == -EINVAL)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "the pool's memory lives on its home node only");
		else
			NL_SET_ERR_MSG_MOD(info->extack,
					   "warming to-node failed; what was released stays released");
		goto out;
	}
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_POOL_REBALANCE);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_u32(msg, MPOOL_A_POOL_MOVED, moved))
		goto out;
	genlmsg_end(msg, hdr);
	ret = 0;
	mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

static int mpool_nl_pool_collect_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *gen_attr = info->attrs[MPOOL_A_POOL_GENERATION];
	struct mpool_m_gen_stats done;
	struct sk_buff *msg;
	struct mpool *pool;
	u32 gen;
	void *hdr;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, MPOOL_A_POOL_GENERATION))
		return -EINVAL;
	gen = nla_get_u32(gen_attr);
	if (gen == MPOOL_GEN_PERMANENT) {
		NL_SET_ERR_MSG_ATTR(info->extack, gen_attr,
				    "generation: permanent objects are never collected");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto out;
	}
	if (!pool->managed) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "only a managed pool is collected: see pool-shrink");
		ret = -EOPNOTSUPP;
		goto out;
	}
	ret = mpool_m_collect_counted(pool->managed, gen, &done);
	if (ret)
		goto out;
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_POOL_COLLECT);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(msg, MPOOL_A_POOL_NAME, pool->name) ||
	    fill_generation(msg, MPOOL_A_POOL_COLLECTED, gen, &done))
		goto out;
	genlmsg_end(msg, hdr);
	ret = 0;
	mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

static int mpool_nl_pool_compress_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *bytes_attr = info->attrs[MPOOL_A_POOL_BYTES];
	struct sk_buff *msg;
	struct mpool *pool;
	s64 done;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&mpool_registry_lock);
	pool = request_pool(info);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto out;
	}
	if (!pool->managed) {
		NL_SET_ERR_MSG_MOD(info->extack, "only a managed pool has a cold tier");
		ret = -EOPNOTSUPP;
		goto out;
	}
	done = mpool_m_compress(pool->managed, bytes_attr ? nla_get_u64(bytes_attr) : 0);
	if (done < 0) {
		ret = done;
		if (ret == -EOPNOTSUPP)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "this managed pool was created without a cold tier");
		else
			NL_SET_ERR_MSG_MOD(info->extack,
					   "out of memory before one block was compressed");
		goto out;
	}
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0, MPOOL_CMD_POOL_COMPRESS);
	if (!hdr || nla_put_u32(msg, MPOOL_A_POOL_ID, pool->id) ||
	    nla_put_string(msg, MPOOL_A_POOL_NAME, pool->name) ||
	    put_u64(msg, MPOOL_A_POOL_COMPRESSED, done, MPOOL_A_POOL_PAD))
		goto out;
	genlmsg_end(msg, hdr);
	ret = 0;
	mpool_nl_notify_pool(pool, MPOOL_CMD_POOL_CHANGE_NTF);
out:
	mutex_unlock(&mpool_registry_lock);
	return reply_or_free(msg, info, ret);
}

/* ---- policies: one per command, as the spec lists its request attributes ---- */

static const struct nla_policy mpool_nl_version_get_policy[MPOOL_A_VERSION_MAX + 1] = {
};

#define POOL_REF_POLICY							\
	[MPOOL_A_POOL_ID] = NLA_POLICY_MIN(NLA_U32, 1),			\
	[MPOOL_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = MPOOL_NAME_LEN_MAX }

static const struct nla_policy mpool_nl_pool_ref_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
};

/* Not const: until 6.2, struct nla_policy points at a non-const range. */
static struct netlink_range_validation mpool_nl_interval_range = {
	.min = 60,
	.max = 86400,
};

static struct netlink_range_validation mpool_nl_collect_interval_range = {
	.min = 1,
	.max = 3600000,
};

static struct netlink_range_validation mpool_nl_cold_age_range = {
	.min = 1,
	.max = 86400000,
};

static const struct nla_policy mpool_nl_pool_set_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_MIN_OBJECTS] = { .type = NLA_U32 },
	[MPOOL_A_POOL_MAX_OBJECTS] = { .type = NLA_U32 },
	[MPOOL_A_POOL_MAGAZINE_SIZE] = NLA_POLICY_RANGE(NLA_U32, 1, MPOOL_MAGAZINE_MAX),
	[MPOOL_A_POOL_FLAGS] = NLA_POLICY_MASK(NLA_U32, MPOOL_F_ALL),
	[MPOOL_A_POOL_ADAPTIVE] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPOOL_A_POOL_ADAPT_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &mpool_nl_interval_range),
	[MPOOL_A_POOL_ADAPT_REBALANCE] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPOOL_A_POOL_PROMOTE_AFTER] = NLA_POLICY_RANGE(NLA_U32, 1, 255),
	[MPOOL_A_POOL_YOUNG_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpool_nl_collect_interval_range),
	[MPOOL_A_POOL_OLD_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpool_nl_collect_interval_range),
	[MPOOL_A_POOL_OLD_SPARSE_PCT] = NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[MPOOL_A_POOL_COLD_AGE] = NLA_POLICY_FULL_RANGE(NLA_U32, &mpool_nl_cold_age_range),
	[MPOOL_A_POOL_COLD_HIGH_PCT] = NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[MPOOL_A_POOL_COLD_LOW_PCT] = NLA_POLICY_RANGE(NLA_U32, 1, 99),
	[MPOOL_A_POOL_COLD_MIN_SAVING_PCT] = NLA_POLICY_RANGE(NLA_U32, 1, 90),
	[MPOOL_A_POOL_COLD_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpool_nl_collect_interval_range),
	[MPOOL_A_POOL_COLD_CPU_PCT] = NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[MPOOL_A_POOL_COLD_PERMANENT] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy mpool_nl_pool_compress_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_BYTES] = { .type = NLA_U64 },
};

static const struct nla_policy mpool_nl_pool_collect_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_GENERATION] = NLA_POLICY_MAX(NLA_U32, MPOOL_GEN_PERMANENT),
};

static const struct nla_policy mpool_nl_pool_warm_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_COUNT] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPOOL_A_POOL_NODE] = { .type = NLA_U32 },
	[MPOOL_A_POOL_CLASS_SIZE] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPOOL_A_POOL_BYTES] = { .type = NLA_U64 },
};

static const struct nla_policy mpool_nl_class_set_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_CLASS_SIZE] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPOOL_A_POOL_MIN_OBJECTS] = { .type = NLA_U32 },
	[MPOOL_A_POOL_MAX_OBJECTS] = { .type = NLA_U32 },
};

static const struct nla_policy mpool_nl_pool_rebalance_policy[MPOOL_A_POOL_MAX + 1] = {
	POOL_REF_POLICY,
	[MPOOL_A_POOL_CLASS_SIZE] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPOOL_A_POOL_FROM_NODE] = { .type = NLA_U32 },
	[MPOOL_A_POOL_TO_NODE] = { .type = NLA_U32 },
	[MPOOL_A_POOL_COUNT] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct genl_ops mpool_genl_ops[] = {
	{
		.cmd	= MPOOL_CMD_VERSION_GET,
		.doit	= mpool_nl_version_get_doit,
		.policy	= mpool_nl_version_get_policy,
		.maxattr = MPOOL_A_VERSION_MAX,
	},
	{
		.cmd	= MPOOL_CMD_POOL_GET,
		.doit	= mpool_nl_pool_get_doit,
		.dumpit	= mpool_nl_pool_get_dumpit,
		.policy	= mpool_nl_pool_ref_policy,
		.maxattr = MPOOL_A_POOL_MAX,
	},
	{
		.cmd	= MPOOL_CMD_POOL_SET,
		.doit	= mpool_nl_pool_set_doit,
		.policy	= mpool_nl_pool_set_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_WARM,
		.doit	= mpool_nl_pool_warm_doit,
		.policy	= mpool_nl_pool_warm_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_SHRINK,
		.doit	= mpool_nl_pool_shrink_doit,
		.policy	= mpool_nl_pool_ref_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_RESET_STATS,
		.doit	= mpool_nl_pool_reset_stats_doit,
		.policy	= mpool_nl_pool_ref_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_NODE_STATS_GET,
		.doit	= mpool_nl_node_stats_get_doit,
		.policy	= mpool_nl_pool_ref_policy,
		.maxattr = MPOOL_A_POOL_MAX,
	},
	{
		.cmd	= MPOOL_CMD_CLASS_GET,
		.doit	= mpool_nl_class_get_doit,
		.policy	= mpool_nl_pool_ref_policy,
		.maxattr = MPOOL_A_POOL_MAX,
	},
	{
		.cmd	= MPOOL_CMD_CLASS_SET,
		.doit	= mpool_nl_class_set_doit,
		.policy	= mpool_nl_class_set_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_REBALANCE,
		.doit	= mpool_nl_pool_rebalance_doit,
		.policy	= mpool_nl_pool_rebalance_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_COLLECT,
		.doit	= mpool_nl_pool_collect_doit,
		.policy	= mpool_nl_pool_collect_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= MPOOL_CMD_POOL_COMPRESS,
		.doit	= mpool_nl_pool_compress_doit,
		.policy	= mpool_nl_pool_compress_policy,
		.maxattr = MPOOL_A_POOL_MAX,
		.flags	= GENL_ADMIN_PERM,
	},
};

static struct genl_family mpool_genl_family __ro_after_init = {
	.name		= MPOOL_FAMILY_NAME,
	.version	= MPOOL_FAMILY_VERSION,
	.module		= THIS_MODULE,
	.ops		= mpool_genl_ops,
	.n_ops		= ARRAY_SIZE(mpool_genl_ops),
	.mcgrps		= mpool_nl_groups,
	.n_mcgrps	= ARRAY_SIZE(mpool_nl_groups),
	/* Every command of this family is new: all get strict validation. */
	.resv_start_op	= MPOOL_CMD_MAX + 1,
};

int __init mpool_netlink_init(void)
{
	int ret = genl_register_family(&mpool_genl_family);

	if (!ret)
		WRITE_ONCE(mpool_nl_registered, true);
	return ret;
}

void mpool_netlink_exit(void)
{
	WRITE_ONCE(mpool_nl_registered, false);
	genl_unregister_family(&mpool_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(MPOOL_FAMILY_NAME);
