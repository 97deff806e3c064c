// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA placement for object pools.
 *
 * Every layer below the CPU is per node: a CPU caches objects of its own node
 * (cpu_to_mem(), or the pool's home node), frees of other nodes' objects are batched
 * per home node and go back to that node's depot, never into the local magazines,
 * and when a node has no memory left its allocations fall back to the other nodes in
 * node_distance() order. Each CPU counts, per object node, the allocations and frees
 * that crossed nodes; the local ones are the rest of its totals.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/topology.h>

#include "netlink.h"
#include "pool.h"

int mpool_cpu_home_node(const struct mpool *pool, int cpu)
{
	if (pool->home_node != NUMA_NO_NODE)
		return pool->home_node;
	return cpu_to_mem(cpu);
}

/*
 * The one test of a node a caller names, at every entry point (create, alloc, warm,
 * rebalance, netlink): every pool has a struct mpool_node for each such node.
 */
bool mpool_node_has_memory(int nid)
{
	return nid >= 0 && nid < nr_node_ids && node_state(nid, N_MEMORY);
}

/*
 * An allocation's node: %NUMA_NO_NODE or a node with memory. Anything else is
 * reported (ratelimited) and the allocation refused before it reaches the kernel.
 */
bool mpool_alloc_node_valid(struct mpool *pool, int node)
{
	if (likely(node == NUMA_NO_NODE || mpool_node_has_memory(node)))
		return true;
	pr_warn_ratelimited("%s: alloc from invalid node %d\n", pool->name, node);
	return false;
}

/* Other nodes with memory, nearest first. */
static int node_fallback_init(struct mpool_node *n)
{
	unsigned int nr = 0, i, j;
	int nid;

	n->fallback = kcalloc(nr_node_ids, sizeof(*n->fallback), GFP_KERNEL);
	if (!n->fallback)
		return -ENOMEM;
	for_each_node_state(nid, N_MEMORY) {
		if (nid == n->nid)
			continue;
		/* Insertion sort: a handful of nodes. */
		for (i = nr; i > 0; i--) {
			if (node_distance(n->nid, n->fallback[i - 1]) <= node_distance(n->nid, nid))
				break;
			n->fallback[i] = n->fallback[i - 1];
		}
		n->fallback[i] = nid;
		nr++;
	}
	for (j = nr; j < nr_node_ids; j++)
		n->fallback[j] = NUMA_NO_NODE;
	n->nr_fallback = nr;
	return 0;
}

int mpool_nodes_init(struct mpool *pool)
{
	int nid, ret;

	pool->nodes = kcalloc(nr_node_ids, sizeof(*pool->nodes), GFP_KERNEL);
	if (!pool->nodes)
		return -ENOMEM;
	for_each_node(nid) {
		int home = node_state(nid, N_MEMORY) ? nid : NUMA_NO_NODE;
		struct mpool_node *n;

		n = kzalloc_node(sizeof(*n), GFP_KERNEL, home);
		if (!n)
			return -ENOMEM;
		pool->nodes[nid] = n;
		n->nid = nid;
		/* Two magazines per CPU of the node, at least four. */
		mpool_depot_init(n, max(4U, 2 * cpumask_weight(cpumask_of_node(nid))));
		mpool_slab_node_init(n);
		ret = node_fallback_init(n);
		if (ret)
			return ret;
	}
	return 0;
}

/* Free the node structures; their depots must be empty (mpool_depot_flush()). */
void mpool_nodes_exit(struct mpool *pool)
{
	int nid;

	if (!pool->nodes)
		return;
	for_each_node(nid) {
		if (!pool->nodes[nid])
			continue;
		kfree(pool->nodes[nid]->fallback);
		kfree(pool->nodes[nid]);
	}
	kfree(pool->nodes);
	pool->nodes = NULL;
}

int mpool_numa_cpu_init(struct mpool *pool, struct mpool_cpu *pc, int cpu)
{
	int nid = cpu_to_mem(cpu);

	struct mpool_counters *sets[] = { &pc->hot, &pc->cold };
	unsigned int i;

	if (nr_node_ids == 1)
		return 0;
	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		sets[i]->node_allocs = kcalloc_node(nr_node_ids, sizeof(u64), GFP_KERNEL, nid);
		sets[i]->node_frees = kcalloc_node(nr_node_ids, sizeof(u64), GFP_KERNEL, nid);
		if (!sets[i]->node_allocs || !sets[i]->node_frees)
			return -ENOMEM;
	}
	if (pool->numa_routing) {
		pc->remote = kcalloc_node(nr_node_ids, sizeof(*pc->remote), GFP_KERNEL, nid);
		if (!pc->remote)
			return -ENOMEM;
	}
	return 0;
}

void mpool_numa_cpu_exit(struct mpool_cpu *pc)
{
	kfree(pc->remote);
	kfree(pc->hot.node_allocs);
	kfree(pc->hot.node_frees);
	kfree(pc->cold.node_allocs);
	kfree(pc->cold.node_frees);
}

/* One object already cached on node @nid: depot first, then slabs. */
static void *node_take_one(struct mpool *pool, int nid)
{
	struct mpool_node *n = pool->nodes[nid];
	void *obj;

	if (mpool_depot_take(pool, n, 1, &obj) || mpool_slab_take(pool, n, 1, &obj))
		return obj;
	return NULL;
}

/*
 * What the CPU caches could not serve, for node @nid: objects cached on @nid, a new
 * slab on @nid, then (pools without a home node) the other nodes nearest first,
 * then the reserve. Records the outcome in the calling CPU's counters.
 * Context: as mpool_alloc(); no locks held.
 */
void *mpool_alloc_slow(struct mpool *pool, int nid, gfp_t gfp, size_t req_size)
{
	struct mpool_node *n = pool->nodes[nid];
	enum mpool_cpu_stat item = MPOOL_STAT_ALLOC_SLAB;
	bool capped = false;
	unsigned int i;
	void *obj;
	int ret;

	obj = node_take_one(pool, nid);
	if (obj)
		goto done;
	ret = mpool_slab_grow(pool, nid, gfp, &obj);
	item = MPOOL_STAT_ALLOC_PAGE;
	if (!ret)
		goto done;
	capped = ret == -ENOSPC;

	if (pool->home_node == NUMA_NO_NODE) {
		for (i = 0; i < n->nr_fallback; i++) {
			int other = n->fallback[i];

			obj = node_take_one(pool, other);
			if (obj)
				goto done;
			if (capped)
				continue;
			ret = mpool_slab_grow(pool, other, gfp, &obj);
			if (!ret)
				goto done;
			capped = ret == -ENOSPC;
		}
	}

	obj = mpool_reserve_take(pool);
	item = MPOOL_STAT_ALLOC_RESERVE;
	if (!obj)
		item = capped ? MPOOL_STAT_ALLOC_CAPPED : MPOOL_STAT_ALLOC_FAIL;
	if (item == MPOOL_STAT_ALLOC_CAPPED)
		mpool_nl_limit_hit(pool);
done:
	mpool_count_alloc(pool, item, obj, req_size);
	return obj;
}

/*
 * Count one slow-path outcome; objects of another node than the CPU's are remote.
 * Context: any; the CPU's magazines may be held by whoever this interrupted.
 */
void mpool_count_alloc(struct mpool *pool, enum mpool_cpu_stat item, void *obj,
		       size_t req_size)
{
	struct mpool_counters *c;
	unsigned long irqflags;
	int nid;

	c = mpool_count_begin(pool, &irqflags);
	if (obj) {
		nid = mpool_obj_node(obj);
		if (nid != this_cpu_read(pool->cpu->node)) {
			if (item != MPOOL_STAT_ALLOC_RESERVE)
				item = MPOOL_STAT_ALLOC_REMOTE;
			mpool_stat_node(c->node_allocs, nid);
		}
		if (req_size)
			mpool_stat_requested(c, req_size);
	}
	mpool_stat_add(c, item, 1);
	mpool_count_end(irqflags);
}

/*
 * Free of an object of node @nid by a CPU of another node: batch it in the CPU's
 * magazine for @nid, which goes to @nid's depot when full. Caller holds pc's lock.
 */
enum mpool_cpu_stat mpool_free_remote(struct mpool *pool, struct mpool_cpu *pc, void *obj,
				      int nid)
{
	struct mpool_node *home = pool->nodes[nid];
	struct mpool_magazine *mag = pc->remote[nid];

	mpool_stat_node(pc->hot.node_frees, nid);
	if (!mag) {
		mag = mpool_depot_get_empty(pool, home);
		if (!mag) {
			mpool_slab_put(pool, home, 1, &obj);
			return MPOOL_STAT_FREE_REMOTE;
		}
		pc->remote[nid] = mag;
	}
	mag->objs[mag->count++] = obj;
	if (mag->count == mag->capacity)
		pc->remote[nid] = mpool_depot_exchange_empty(pool, home, mag);
	return MPOOL_STAT_FREE_REMOTE;
}

/* Send every batched remote free home. Caller holds pc's lock or the pool is quiesced. */
void mpool_flush_remote(struct mpool *pool, struct mpool_cpu *pc)
{
	int nid;

	if (!pc->remote)
		return;
	for_each_node(nid) {
		struct mpool_magazine *mag = pc->remote[nid];

		if (!mag)
			continue;
		pc->remote[nid] = NULL;
		mpool_slab_put(pool, pool->nodes[nid], mag->count, mag->objs);
		kfree(mag);
	}
}

/* Both counter sets of @pc: the one the CPU counts with its magazines and the other. */
static u64 read_pair(const u64 *hot, const u64 *cold, unsigned int idx)
{
	return READ_ONCE(hot[idx]) + READ_ONCE(cold[idx]);
}

/* Add @pool's traffic to @pairs (a buffer pool: every class's). */
static void node_matrix_add(struct mpool *pool, struct mpool_node_pair *pairs,
			    unsigned int nr_nodes)
{
	int cpu, nid;
	unsigned int c;

	if (pool->buf) {
		for (c = 0; c < pool->buf->nr_classes; c++)
			node_matrix_add(pool->buf->classes[c].pool, pairs, nr_nodes);
		return;
	}
	for_each_possible_cpu(cpu) {
		struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);
		unsigned int from = cpu_to_node(cpu);
		u64 allocs = 0, frees = 0;
		enum mpool_cpu_stat i;

		if (from >= nr_nodes)
			continue;
		for (i = MPOOL_STAT_ALLOC_MAGAZINE; i <= MPOOL_STAT_ALLOC_REMOTE; i++)
			allocs += read_pair(pc->hot.stat, pc->cold.stat, i);
		for (i = MPOOL_STAT_FREE_MAGAZINE; i <= MPOOL_STAT_FREE_REMOTE; i++)
			frees += read_pair(pc->hot.stat, pc->cold.stat, i);
		for_each_node(nid) {
			u64 a, f;

			if (nid == pc->node || !pc->hot.node_allocs)
				continue;
			a = read_pair(pc->hot.node_allocs, pc->cold.node_allocs, nid);
			f = read_pair(pc->hot.node_frees, pc->cold.node_frees, nid);
			allocs -= a;
			frees -= f;
			if (nid < nr_nodes) {
				pairs[from * nr_nodes + nid].allocs += a;
				pairs[from * nr_nodes + nid].frees += f;
			}
		}
		if (pc->node < nr_nodes) {
			pairs[from * nr_nodes + pc->node].allocs += allocs;
			pairs[from * nr_nodes + pc->node].frees += frees;
		}
	}
}

/**
 * mpool_get_node_matrix() - allocations and frees by (CPU node, object node)
 * @pool: the pool.
 * @pairs: receives nr_nodes * nr_nodes entries, @pairs[cpu_node * @nr_nodes +
 *	object_node]; the diagonal is local traffic. May be NULL to ask the size.
 * @nr_nodes: the side of @pairs; nodes at or above it are left out.
 *
 * Context: any context that may take spinlocks; does not sleep.
 * Return: nr_node_ids, the side a complete matrix needs.
 */
int mpool_get_node_matrix(struct mpool *pool, struct mpool_node_pair *pairs,
			  unsigned int nr_nodes)
{
	if (pairs) {
		memset(pairs, 0, array3_size(nr_nodes, nr_nodes, sizeof(*pairs)));
		node_matrix_add(pool, pairs, nr_nodes);
	}
	return nr_node_ids;
}
EXPORT_SYMBOL_GPL(mpool_get_node_matrix);
