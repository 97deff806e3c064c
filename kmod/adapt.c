// SPDX-License-Identifier: GPL-2.0
/*
 * The adaptive controller: sizes a pool to its demand.
 *
 * Once a minute it samples the pool (allocations in the minute, objects in use at
 * its end) into a 60-slot history. Every interval (default MPOOL_ADAPT_INTERVAL
 * seconds) it looks at the samples of that interval and decides:
 *  - expand: the expected peak (the most objects in use) exceeds twice the cached
 *    supply: warm the pool to that peak, spread over its nodes;
 *  - shrink: the peak is below a quarter of the supply: release every cached object
 *    above the reserve;
 *  - magazine: grow the magazine size when CPUs exchange more than
 *    MPOOL_ADAPT_EXCHANGES_PER_S magazines a second with the depots (Bonwick's
 *    contention rule), halve it back after an idle interval;
 *  - rebalance (opt in): when a node's CPUs allocated more objects of other nodes
 *    than of their own, move cached memory from the node holding most to theirs.
 * It never goes below min_objects (shrinking keeps the reserve) nor above
 * max_objects (warming is clamped to the cap). Each decision is counted, described
 * ("last adaptation: what and why") and announced on the monitor group.
 *
 * Time is the caller's: the delayed work passes seconds since the controller
 * started, KUnit its own clock (mpool_adapt_step()), so tests do not wait minutes.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "netlink.h"
#include "pool.h"

#define MPOOL_ADAPT_SLOTS		60
#define MPOOL_ADAPT_SAMPLE_S		60
#define MPOOL_ADAPT_EXCHANGES_PER_S	50
#define MPOOL_ADAPT_REBALANCE_MIN	64

enum mpool_adapt_event {
	MPOOL_ADAPT_EXPAND,
	MPOOL_ADAPT_SHRINK,
	MPOOL_ADAPT_MAG_GROW,
	MPOOL_ADAPT_MAG_SHRINK,
	MPOOL_ADAPT_REBALANCE,
	MPOOL_ADAPT_NR_EVENTS
};

struct mpool_adapt_sample {
	u64 allocs;		/* allocations during the minute */
	u64 live;		/* objects in use at its end */
};

struct mpool_adapt {
	struct mutex lock;	/* everything below; taken before pool->config_lock */
	struct delayed_work work;
	struct mpool *pool;
	bool on;
	bool timer;		/* driven by the work item (false: by the caller) */
	bool rebalance;
	unsigned int interval_s;
	unsigned int base_magazine;	/* magazine size when it started */
	u64 epoch_s;		/* boot time when it started, for the work item */
	u64 last_sample_s;
	u64 last_decision_s;
	u64 sample_allocs;	/* allocation count at the last sample */
	u64 decision_exchanges;	/* depot exchanges at the last decision */
	u64 *decision_matrix;	/* node-pair allocations at the last decision */
	unsigned int next, filled;
	struct mpool_adapt_sample hist[MPOOL_ADAPT_SLOTS];
	u64 events[MPOOL_ADAPT_NR_EVENTS];
	char last[160];
	u64 last_ns;
	bool announce;		/* a decision to announce once a->lock is dropped */
};

/* The pool a decision is announced as: a class speaks for its buffer pool. */
static struct mpool *announced(struct mpool *pool)
{
	return pool->owner ? pool->owner->head : pool;
}

static __printf(3, 4) void decided(struct mpool_adapt *a, enum mpool_adapt_event event,
				   const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(a->last, sizeof(a->last), fmt, args);
	va_end(args);
	WRITE_ONCE(a->events[event], a->events[event] + 1);
	WRITE_ONCE(a->last_ns, ktime_get_real_ns());
	a->announce = true;
}

static void record_samples(struct mpool_adapt *a, const struct mpool_stats *st, u64 now_s)
{
	u64 allocs = mpool_stats_allocs(st);

	/* A reset of the counters restarts them from zero. */
	if (allocs < a->sample_allocs)
		a->sample_allocs = 0;
	while (now_s >= a->last_sample_s + MPOOL_ADAPT_SAMPLE_S) {
		a->hist[a->next] = (struct mpool_adapt_sample){
			.allocs = allocs - a->sample_allocs, .live = st->live,
		};
		a->next = (a->next + 1) % MPOOL_ADAPT_SLOTS;
		a->filled = min(a->filled + 1, MPOOL_ADAPT_SLOTS);
		a->sample_allocs = allocs;
		a->last_sample_s += MPOOL_ADAPT_SAMPLE_S;
	}
}

/* The most objects in use, and all allocations, over the last @minutes samples. */
static void recent_demand(const struct mpool_adapt *a, unsigned int minutes, u64 *peak,
			  u64 *allocs)
{
	unsigned int i, n = min(minutes, a->filled);

	*peak = 0;
	*allocs = 0;
	for (i = 1; i <= n; i++) {
		const struct mpool_adapt_sample *s =
			&a->hist[(a->next + MPOOL_ADAPT_SLOTS - i) % MPOOL_ADAPT_SLOTS];

		*peak = max(*peak, s->live);
		*allocs += s->allocs;
	}
}

static void expand(struct mpool_adapt *a, const struct mpool_stats *st, u64 peak)
{
	unsigned int nodes = a->pool->home_node == NUMA_NO_NODE ?
			     num_node_state(N_MEMORY) : 1;
	u64 per_node = DIV_ROUND_UP_ULL(peak, nodes);
	int ret;

	/* Warming past max_objects is refused whole: aim lower until it fits. */
	do {
		ret = mpool_warm(a->pool, per_node, NUMA_NO_NODE);
	} while (ret == -ENOSPC && (per_node /= 2));
	if (!ret && per_node)
		decided(a, MPOOL_ADAPT_EXPAND,
			"expanded: peak %llu in use > 2 x %llu cached; warmed to %llu per node",
			peak, st->cached, per_node);
}

static void shrink(struct mpool_adapt *a, const struct mpool_stats *st, u64 peak)
{
	long released = mpool_shrink(a->pool);

	decided(a, MPOOL_ADAPT_SHRINK,
		"shrank: peak %llu in use < 1/4 of %llu cached; released %ld bytes",
		peak, st->cached, released);
}

static void resize_magazines(struct mpool_adapt *a, const struct mpool_stats *st,
			     u64 allocs)
{
	u64 exchanges = st->alloc_depot + st->free_depot;
	u64 rate, delta = exchanges >= a->decision_exchanges ?
			  exchanges - a->decision_exchanges : exchanges;
	unsigned int size = st->magazine_size;

	a->decision_exchanges = exchanges;
	rate = div_u64(delta, a->interval_s);
	if (rate >= MPOOL_ADAPT_EXCHANGES_PER_S && size < MPOOL_MAX_MAGAZINE) {
		size = min(size * 2, MPOOL_MAX_MAGAZINE);
		if (!mpool_set_magazine_size(a->pool, size))
			decided(a, MPOOL_ADAPT_MAG_GROW,
				"magazine grown to %u: %llu depot exchanges/s", size, rate);
	} else if (!allocs && size > a->base_magazine) {
		size = max(size / 2, a->base_magazine);
		if (!mpool_set_magazine_size(a->pool, size))
			decided(a, MPOOL_ADAPT_MAG_SHRINK,
				"magazine shrunk to %u: idle for %u s", size, a->interval_s);
	}
}

/* The node with the most cached objects other than @except, or NUMA_NO_NODE. */
static int richest_node(struct mpool *pool, int except)
{
	unsigned long best = 0;
	int nid, found = NUMA_NO_NODE;

	for_each_node_state(nid, N_MEMORY) {
		struct mpool_node *n = pool->nodes[nid];
		unsigned long cached = READ_ONCE(n->depot_objects) + READ_ONCE(n->slab_free);

		if (nid != except && cached > best) {
			best = cached;
			found = nid;
		}
	}
	return found;
}

static void rebalance(struct mpool_adapt *a)
{
	unsigned int n = nr_node_ids;
	struct mpool_node_pair *m;
	int to, from, moved;

	m = kcalloc(n * n, sizeof(*m), GFP_KERNEL);
	if (!m)
		return;
	mpool_get_node_matrix(a->pool, m, n);
	for_each_node_state(to, N_MEMORY) {
		const u64 *before = &a->decision_matrix[to * n];
		const struct mpool_node_pair *row = &m[to * n];
		u64 local = row[to].allocs - before[to], remote = 0;

		for_each_node(from) {
			if (from != to)
				remote += row[from].allocs - before[from];
		}
		from = richest_node(a->pool, to);
		if (remote <= local || remote < MPOOL_ADAPT_REBALANCE_MIN || from == NUMA_NO_NODE)
			continue;
		moved = mpool_rebalance(a->pool, from, to, min_t(u64, remote, UINT_MAX));
		if (moved > 0)
			decided(a, MPOOL_ADAPT_REBALANCE,
				"rebalanced %d objects from node %d to %d: %llu remote vs %llu local allocations",
				moved, from, to, remote, local);
	}
	for (from = 0; from < n * n; from++)
		a->decision_matrix[from] = m[from].allocs;
	kfree(m);
}

static void decide(struct mpool_adapt *a, const struct mpool_stats *st)
{
	u64 peak, allocs;

	recent_demand(a, max(a->interval_s / MPOOL_ADAPT_SAMPLE_S, 1U), &peak, &allocs);
	if (peak > 2 * st->cached)
		expand(a, st, peak);
	else if (4 * peak < st->cached && st->cached > st->reserve)
		shrink(a, st, peak);
	resize_magazines(a, st, allocs);
	if (a->rebalance && a->pool->numa_routing)
		rebalance(a);
}

/**
 * mpool_adapt_step() - run the adaptive controller of a pool up to a time
 * @pool: an object pool whose controller is on.
 * @now_s: seconds since the controller started: one sample is taken for each
 *	minute passed since the last, and a decision when an interval has passed.
 *
 * The delayed work calls this once a minute; KUnit calls it with a fake clock.
 *
 * Context: process context; sleeps.
 * Return: 0, or -EINVAL when the controller is off.
 */
VISIBLE_IF_KUNIT int mpool_adapt_step(struct mpool *pool, u64 now_s)
{
	struct mpool_adapt *a = pool->adapt;
	struct mpool_stats *st;
	bool announce;
	int ret = 0;

	might_sleep();
	if (!a)
		return -EINVAL;
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	mutex_lock(&a->lock);
	if (!a->on) {
		ret = -EINVAL;
		goto out;
	}
	mpool_get_stats(pool, st);
	record_samples(a, st, now_s);
	if (now_s >= a->last_decision_s + a->interval_s) {
		a->last_decision_s = now_s;
		decide(a, st);
	}
out:
	announce = a->announce;
	a->announce = false;
	mutex_unlock(&a->lock);
	/* The notification describes the controller: it takes a->lock itself. */
	if (announce)
		mpool_nl_notify_pool(announced(pool), MPOOL_CMD_POOL_CHANGE_NTF);
	kfree(st);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mpool_adapt_step);

static void adapt_work(struct work_struct *work)
{
	struct mpool_adapt *a = container_of(to_delayed_work(work), struct mpool_adapt, work);

	mpool_adapt_step(a->pool, ktime_get_boottime_seconds() - a->epoch_s);
	/* Turning off cancels this work synchronously: requeueing here is safe. */
	if (READ_ONCE(a->on))
		schedule_delayed_work(&a->work, MPOOL_ADAPT_SAMPLE_S * HZ);
}

static struct mpool_adapt *adapt_get(struct mpool *pool)
{
	struct mpool_adapt *a = pool->adapt;

	if (a)
		return a;
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return NULL;
	a->decision_matrix = kcalloc(nr_node_ids * nr_node_ids, sizeof(u64), GFP_KERNEL);
	if (!a->decision_matrix) {
		kfree(a);
		return NULL;
	}
	mutex_init(&a->lock);
	INIT_DELAYED_WORK(&a->work, adapt_work);
	a->pool = pool;
	a->interval_s = MPOOL_ADAPT_INTERVAL;
	pool->adapt = a;
	return a;
}

/*
 * Switch @pool's controller. @timer: driven by its work item once a minute, or (for
 * KUnit) only by mpool_adapt_step() calls. Process context.
 */
VISIBLE_IF_KUNIT int mpool_adapt_control(struct mpool *pool, bool on, unsigned int interval_s,
					 bool rebalance, bool timer)
{
	struct mpool_adapt *a;
	unsigned int i;
	int ret;

	might_sleep();
	if (interval_s && (interval_s < MPOOL_ADAPT_SAMPLE_S || interval_s > 86400))
		return -EINVAL;
	if (pool->buf) {
		/*
		 * All classes or none: every controller exists before any is switched on,
		 * so the switching below cannot fail half way.
		 */
		for (i = 0; on && i < pool->buf->nr_classes; i++)
			if (!adapt_get(pool->buf->classes[i].pool))
				return -ENOMEM;
		for (i = 0; i < pool->buf->nr_classes; i++) {
			ret = mpool_adapt_control(pool->buf->classes[i].pool, on, interval_s,
						  rebalance, timer);
			if (WARN_ON_ONCE(ret))
				return ret;
		}
		return 0;
	}
	if (!on && !pool->adapt)
		return 0;
	a = adapt_get(pool);
	if (!a)
		return -ENOMEM;

	mutex_lock(&a->lock);
	if (interval_s)
		a->interval_s = interval_s;
	a->rebalance = rebalance;
	if (on && !a->on) {
		a->on = true;
		a->timer = timer;
		a->epoch_s = ktime_get_boottime_seconds();
		a->last_sample_s = 0;
		a->last_decision_s = 0;
		a->filled = 0;
		a->sample_allocs = 0;
		a->base_magazine = READ_ONCE(pool->magazine_size);
		if (timer)
			schedule_delayed_work(&a->work, MPOOL_ADAPT_SAMPLE_S * HZ);
	}
	timer = a->timer;
	if (!on)
		WRITE_ONCE(a->on, false);
	mutex_unlock(&a->lock);
	/* Outside a->lock: the work takes it. */
	if (!on && timer)
		cancel_delayed_work_sync(&a->work);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mpool_adapt_control);

/**
 * mpool_set_adaptive() - switch a pool's adaptive controller
 * @pool: the pool (a buffer pool's head switches every class).
 * @on: run it or stop it.
 * @interval_s: seconds between decisions, 60 to 86400; 0 keeps the current one
 *	(MPOOL_ADAPT_INTERVAL at first).
 * @rebalance: let it move cached memory between nodes by itself.
 *
 * Context: process context; sleeps.
 * Return: 0, -EINVAL for an interval out of range, -ENOMEM.
 */
int mpool_set_adaptive(struct mpool *pool, bool on, unsigned int interval_s, bool rebalance)
{
	return mpool_adapt_control(pool, on, interval_s, rebalance, true);
}
EXPORT_SYMBOL_GPL(mpool_set_adaptive);

/* The controller's counters, for mpool_get_stats(). Any context. */
void mpool_adapt_read(struct mpool *pool, struct mpool_stats *stats)
{
	struct mpool_adapt *a = READ_ONCE(pool->adapt);

	if (!a)
		return;
	stats->adapt_expansions = READ_ONCE(a->events[MPOOL_ADAPT_EXPAND]);
	stats->adapt_shrinks = READ_ONCE(a->events[MPOOL_ADAPT_SHRINK]);
	stats->adapt_magazine_grows = READ_ONCE(a->events[MPOOL_ADAPT_MAG_GROW]);
	stats->adapt_magazine_shrinks = READ_ONCE(a->events[MPOOL_ADAPT_MAG_SHRINK]);
	stats->adapt_rebalances = READ_ONCE(a->events[MPOOL_ADAPT_REBALANCE]);
}

/*
 * State and last decision of a pool's controller; for a buffer pool, the latest
 * decision of any class. Process context.
 */
void mpool_adapt_describe(struct mpool *pool, struct mpool_adapt_info *info)
{
	struct mpool_adapt *a = pool->adapt;
	unsigned int i;

	for (i = 0; pool->buf && i < pool->buf->nr_classes; i++) {
		struct mpool_adapt_info class;

		mpool_adapt_describe(pool->buf->classes[i].pool, &class);
		if (!i || class.last_ns > info->last_ns)
			*info = class;
	}
	if (pool->buf)
		return;
	memset(info, 0, sizeof(*info));
	if (!a)
		return;
	mutex_lock(&a->lock);
	info->on = a->on;
	info->interval_s = a->interval_s;
	info->rebalance = a->rebalance;
	info->last_ns = a->last_ns;
	strscpy(info->last, a->last, sizeof(info->last));
	mutex_unlock(&a->lock);
}

void mpool_adapt_free(struct mpool *pool)
{
	if (!pool->adapt)
		return;
	kfree(pool->adapt->decision_matrix);
	kfree(pool->adapt);
	pool->adapt = NULL;
}
