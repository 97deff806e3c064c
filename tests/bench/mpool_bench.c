// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_bench: mpool side by side with the kernel's own allocators (kmem_cache,
 * kmalloc, mempool_t, objpool), every peer measured in the same kernel in the same
 * run. `make bench` (tests/bench/bench.sh) loads it in User-Mode Linux and in QEMU.
 *
 * Loading the module runs the workloads named by workloads= and leaves the results in
 * /sys/kernel/debug/mpool_bench/results, one line per figure, for tests/bench/report.py:
 *
 *   I key value...                          facts about the kernel and the run
 *   R workload variant peer unit v1 v2 ...  one value per measured run (warm-ups dropped)
 *   S workload variant peer reason...       a peer that does not apply here
 *   E workload variant peer reason...       a failure: the benchmark as a whole fails
 *
 * Units: ps_op, picoseconds per operation (one allocation and its free; for the
 * cross-CPU hand-over, the time both CPUs spent in the allocator per object, and
 * wall_ps_op the elapsed time per object); ps_op_cpu, the same per thread of a scaling
 * run, averaged over its threads, and control_ps_op_cpu that of a CPU-only loop run
 * right after it; bytes and ppm (held per live byte) for the memory workload.
 *
 * Every timed loop calls the allocator through a direct call (no function pointer per
 * operation) and hides each pointer from the compiler with OPTIMIZER_HIDE_VAR(), so
 * that no allocation/free pair can be optimised away. Single-CPU runs are timed with
 * ktime_get_ns() around the whole loop with preemption disabled; every peer allocates
 * with BENCH_GFP so that none may sleep there.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/lz4.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/topology.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
#include <linux/objpool.h>
#endif

#include <mpool.h>
#include "pool.h"	/* struct mpool_slab: mpool's per-slab descriptor, for the memory count */

static char *workloads = "floor,hot,burst,bulk,ctor,bufmix,mem,cold,xcpu,scale";
module_param(workloads, charp, 0444);
MODULE_PARM_DESC(workloads, "comma-separated workloads to run");
static char *peers = "all";
module_param(peers, charp, 0444);
MODULE_PARM_DESC(peers, "comma-separated peers to measure, or all");
static unsigned int runs = 7;
module_param(runs, uint, 0444);
MODULE_PARM_DESC(runs, "measured runs per figure (5 to 31)");
static unsigned int warmup = 2;
module_param(warmup, uint, 0444);
MODULE_PARM_DESC(warmup, "discarded warm-up runs before them");
static unsigned int run_ms = 5;
module_param(run_ms, uint, 0444);
MODULE_PARM_DESC(run_ms, "length of one run in milliseconds (iterations are calibrated)");
static unsigned int mem_objects = 200000;
module_param(mem_objects, uint, 0444);
MODULE_PARM_DESC(mem_objects, "allocations of the memory churn");
static char *tag = "";
module_param(tag, charp, 0444);
MODULE_PARM_DESC(tag, "label copied into the results (e.g. the mpool build)");

/* Nothing in a timed loop may sleep: preemption is off there. */
#define BENCH_GFP		(GFP_NOWAIT | __GFP_NOWARN)
#define BENCH_MAX_RUNS		31
#define BENCH_MAX_ITERS		BIT(31)
#define BURST			64
#define MC_BURST		256
#define MC_MAX_THREADS		4
#define XCHUNK			64	/* objects handed over at a time */
#define XCHUNKS			4	/* chunks in flight */
#define OBJPOOL_OBJS		4096
#define NR_PEERS_MAX		5	/* peers of one figure */

/* ---- results ---------------------------------------------------------------------- */

static char *out_buf;
static size_t out_len;
#define OUT_CAP			(256 * 1024)
static struct debugfs_blob_wrapper out_blob;
static struct dentry *out_dir;
static bool bench_failed;

static __printf(1, 2) void emit(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (out_len < OUT_CAP)
		out_len += vscnprintf(out_buf + out_len, OUT_CAP - out_len, fmt, args);
	va_end(args);
}

static void emit_values(const char *wl, const char *var, const char *peer, const char *unit,
			const u64 *v, unsigned int n)
{
	unsigned int i;

	emit("R %s %s %s %s", wl, var, peer, unit);
	for (i = 0; i < n; i++)
		emit(" %llu", v[i]);
	emit("\n");
}

static void emit_error(const char *wl, const char *var, const char *peer, const char *what,
		       int err)
{
	bench_failed = true;
	emit("E %s %s %s %s (%d)\n", wl, var, peer, what, err);
	pr_err("%s %s %s: %s (%d)\n", wl, var, peer, what, err);
}

/* Is @name in the comma-separated @list ("all" matches everything)? */
static bool listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	if (!strcmp(list, "all"))
		return true;
	while (p && *p) {
		if (!strncmp(p, name, len) && (p[len] == ',' || !p[len]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

/* A small deterministic generator: every peer sees the same sequence. */
static u32 xorshift32(u32 *s)
{
	u32 x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/* ---- the peers ---------------------------------------------------------------------- */

struct bench_ctx {
	size_t size;
	struct mpool *mp;
	struct kmem_cache *kc;
	mempool_t *mempool;
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	struct objpool_head op;
	bool op_ready;
#endif
	unsigned int bulk;
	mpool_handle_t handle;		/* a managed pool's object (map_unmap) */
	void *priv;			/* the workload's own context */
	char name[MPOOL_NAME_MAX];	/* of the pool and of the caches */
	void *objs[BURST];
};

#define A_mpool(c)		mpool_alloc((c)->mp, BENCH_GFP)
#define F_mpool(c, p)		mpool_free((c)->mp, p)
#define A_kmem_cache(c)		kmem_cache_alloc((c)->kc, BENCH_GFP)
#define F_kmem_cache(c, p)	kmem_cache_free((c)->kc, p)
/* kmalloc with a constant size, as nearly every caller has it. */
#define A_kmalloc64(c)		kmalloc(64, BENCH_GFP)
#define F_kmalloc64(c, p)	kfree(p)
#define A_kmalloc256(c)		kmalloc(256, BENCH_GFP)
#define F_kmalloc256(c, p)	kfree(p)
#define A_mempool(c)		mempool_alloc((c)->mempool, BENCH_GFP)
#define F_mempool(c, p)		mempool_free(p, (c)->mempool)
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
#define A_objpool(c)		objpool_pop(&(c)->op)
#define F_objpool(c, p)		objpool_push(p, &(c)->op)
#endif

/*
 * The loops of one peer, each with the allocator called directly:
 *   hot_P:    alloc + free of one object;
 *   burst_P:  BURST allocations, then their frees in the same order;
 *   mcpair_P, mcburst_P: the same in a thread of a multi-CPU run (MC_BURST objects);
 *   xprod_P, xcons_P: producer and consumer of the cross-CPU hand-over.
 */
#define DEFINE_PEER_LOOPS(P)								\
static int hot_##P(struct bench_ctx *c, unsigned long n)				\
{											\
	unsigned long i;								\
											\
	for (i = 0; i < n; i++) {							\
		void *p = A_##P(c);							\
											\
		if (unlikely(!p))							\
			return -ENOMEM;							\
		OPTIMIZER_HIDE_VAR(p);							\
		F_##P(c, p);								\
	}										\
	return 0;									\
}											\
static int burst_loop_##P(struct bench_ctx *c, void **objs, unsigned int burst,	\
			  unsigned long n)						\
{											\
	unsigned long i;								\
	unsigned int k, j;								\
											\
	for (i = 0; i < n; i++) {							\
		for (k = 0; k < burst; k++) {						\
			void *p = A_##P(c);						\
											\
			if (unlikely(!p)) {						\
				for (j = 0; j < k; j++)					\
					F_##P(c, objs[j]);				\
				return -ENOMEM;						\
			}								\
			OPTIMIZER_HIDE_VAR(p);						\
			objs[k] = p;							\
		}									\
		for (k = 0; k < burst; k++)						\
			F_##P(c, objs[k]);						\
	}										\
	return 0;									\
}											\
static int burst_##P(struct bench_ctx *c, unsigned long n)				\
{											\
	return burst_loop_##P(c, c->objs, BURST, n);					\
}											\
static int mcpair_##P(struct bench_ctx *c, struct mc_thread *t, unsigned long n)	\
{											\
	return hot_##P(c, n);								\
}											\
static int mcburst_##P(struct bench_ctx *c, struct mc_thread *t, unsigned long n)	\
{											\
	return burst_loop_##P(c, t->objs, MC_BURST, n);					\
}											\
static int xprod_##P(struct bench_ctx *c, struct mc_thread *t, unsigned long n)	\
{											\
	struct mc_run *r = t->run;							\
	unsigned long i;								\
	unsigned int k;									\
	int ret;									\
	u64 t0;										\
											\
	for (i = 0; i < n; i++) {							\
		void **chunk = r->chunk[r->head % XCHUNKS];				\
											\
		/* Pairs with the consumer's release: the chunk is free again. */	\
		ret = SPIN_UNTIL(r->head - smp_load_acquire(&r->tail) < XCHUNKS, r);	\
		if (ret)								\
			return ret;							\
		t0 = ktime_get_ns();							\
		for (k = 0; k < XCHUNK; k++) {						\
			void *p = A_##P(c);						\
											\
			if (unlikely(!p)) {						\
				while (k--)						\
					F_##P(c, chunk[k]);				\
				WRITE_ONCE(r->abort, 1);				\
				return -ENOMEM;						\
			}								\
			OPTIMIZER_HIDE_VAR(p);						\
			chunk[k] = p;							\
		}									\
		t->work += ktime_get_ns() - t0;						\
		/* Publishes the chunk's pointers to the consumer. */			\
		smp_store_release(&r->head, r->head + 1);				\
	}										\
	return 0;									\
}											\
static int xcons_##P(struct bench_ctx *c, struct mc_thread *t, unsigned long n)	\
{											\
	struct mc_run *r = t->run;							\
	unsigned long i;								\
	unsigned int k;									\
	int ret;									\
	u64 t0;										\
											\
	for (i = 0; i < n; i++) {							\
		void **chunk = r->chunk[r->tail % XCHUNKS];				\
											\
		/* Pairs with the producer's release: the chunk is filled. */		\
		ret = SPIN_UNTIL(smp_load_acquire(&r->head) != r->tail, r);		\
		if (ret)								\
			return ret;							\
		t0 = ktime_get_ns();							\
		for (k = 0; k < XCHUNK; k++)						\
			F_##P(c, chunk[k]);						\
		t->work += ktime_get_ns() - t0;						\
		/* Hands the emptied chunk back to the producer. */			\
		smp_store_release(&r->tail, r->tail + 1);				\
	}										\
	return 0;									\
}											\
static void xdrain_##P(struct bench_ctx *c, struct mc_run *r)			\
{											\
	unsigned int k;									\
											\
	for (; r->tail != r->head; r->tail++)						\
		for (k = 0; k < XCHUNK; k++)						\
			F_##P(c, r->chunk[r->tail % XCHUNKS][k]);			\
}

/* ---- multi-CPU runs: one kthread per CPU, started together ---------------------- */

struct mc_run;

struct mc_thread {
	struct mc_run *run;
	struct task_struct *task;
	unsigned int idx;
	int cpu;
	int err;
	u64 ns;				/* the whole run */
	u64 work;			/* the hand-over: time in the allocator only */
	u32 sink;			/* the control loop's result */
	void **objs;			/* MC_BURST pointers */
};

typedef int (*mc_fn)(struct bench_ctx *c, struct mc_thread *t, unsigned long n);

struct mc_run {
	struct bench_ctx *ctx;
	mc_fn fn[MC_MAX_THREADS];	/* per thread */
	unsigned long iters;
	unsigned int nr;
	atomic_t arrived;
	atomic_t left;
	struct completion start;
	struct completion done;
	struct mc_thread t[MC_MAX_THREADS];
	/* The hand-over ring of chunks: producer writes head, consumer tail. */
	void *chunk[XCHUNKS][XCHUNK];
	unsigned int head ____cacheline_aligned_in_smp;
	unsigned int tail ____cacheline_aligned_in_smp;
	int abort;
};

/* Spin until @cond, giving up after 5 seconds (a stuck peer must not hang the guest). */
#define SPIN_UNTIL(cond, run)								\
({											\
	struct mc_run *__run = (run);							\
	unsigned int __spins = 0;							\
	u64 __t0 = 0;									\
	int __ret = 0;									\
											\
	while (!(cond)) {								\
		if (READ_ONCE(__run->abort)) {						\
			__ret = -ECANCELED;						\
			break;								\
		}									\
		cpu_relax();								\
		if (++__spins % 4096 == 0) {						\
			if (!__t0) {							\
				__t0 = ktime_get_ns();					\
			} else if (ktime_get_ns() - __t0 > 5 * NSEC_PER_SEC) {		\
				WRITE_ONCE(__run->abort, 1);				\
				__ret = -ETIMEDOUT;					\
				break;							\
			}								\
		}									\
	}										\
	__ret;										\
})

static int mc_thread_fn(void *arg)
{
	struct mc_thread *t = arg;
	struct mc_run *r = t->run;
	u64 t0;

	wait_for_completion(&r->start);
	/* All threads are awake on their own CPUs: start together. */
	atomic_inc(&r->arrived);
	t->err = SPIN_UNTIL(atomic_read(&r->arrived) == r->nr, r);
	if (!t->err) {
		t0 = ktime_get_ns();
		t->err = r->fn[t->idx](r->ctx, t, r->iters);
		t->ns = ktime_get_ns() - t0;
	}
	if (atomic_dec_and_test(&r->left))
		complete(&r->done);
	/* Stay until kthread_stop(), so that the task cannot go away under it. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* One run on the CPUs @cpus[0..nr-1]; every thread's time in r->t[i].ns. */
static int mc_once(struct mc_run *r, const int *cpus, unsigned int nr)
{
	unsigned int i;
	int ret = 0;

	r->nr = nr;
	r->head = 0;
	r->tail = 0;
	r->abort = 0;
	atomic_set(&r->arrived, 0);
	atomic_set(&r->left, nr);
	init_completion(&r->start);
	init_completion(&r->done);
	for (i = 0; i < nr; i++) {
		struct mc_thread *t = &r->t[i];
		struct task_struct *task;

		t->run = r;
		t->idx = i;
		t->cpu = cpus[i];
		t->err = 0;
		t->ns = 0;
		t->work = 0;
		task = kthread_create(mc_thread_fn, t, "mpool_bench/%d", cpus[i]);
		if (IS_ERR(task)) {
			ret = PTR_ERR(task);
			break;
		}
		kthread_bind(task, cpus[i]);
		get_task_struct(task);
		t->task = task;
		wake_up_process(task);
	}
	if (i < nr) {
		/* Threads already started must still finish: let them run with nothing. */
		r->iters = 0;
		atomic_set(&r->left, i);
		r->nr = i;
	}
	complete_all(&r->start);
	if (i)
		wait_for_completion(&r->done);
	while (i--) {
		kthread_stop(r->t[i].task);
		put_task_struct(r->t[i].task);
		if (!ret)
			ret = r->t[i].err;
	}
	return ret;
}

/* ---- timing --------------------------------------------------------------------- */

typedef int (*bench_fn)(struct bench_ctx *c, unsigned long n);

static int timed(bench_fn fn, struct bench_ctx *c, unsigned long n, u64 *ns)
{
	u64 t0;
	int ret;

	preempt_disable();
	t0 = ktime_get_ns();
	ret = fn(c, n);
	*ns = ktime_get_ns() - t0;
	preempt_enable();
	cond_resched();
	return ret;
}

/* One timed run in softirq context: a timer callback, where network consumers allocate. */
struct softirq_run {
	struct timer_list timer;
	bench_fn fn;
	struct bench_ctx *c;
	unsigned long n;
	u64 ns;
	int ret;
	struct completion done;
};

static void softirq_run_fn(struct timer_list *t)
{
	struct softirq_run *r = from_timer(r, t, timer);
	u64 t0 = ktime_get_ns();

	r->ret = r->fn(r->c, r->n);
	r->ns = ktime_get_ns() - t0;
	complete(&r->done);
}

static int timed_softirq(bench_fn fn, struct bench_ctx *c, unsigned long n, u64 *ns)
{
	struct softirq_run r = { .fn = fn, .c = c, .n = n };

	init_completion(&r.done);
	timer_setup_on_stack(&r.timer, softirq_run_fn, 0);
	mod_timer(&r.timer, jiffies);
	wait_for_completion(&r.done);
	del_timer_sync(&r.timer);
	destroy_timer_on_stack(&r.timer);
	*ns = r.ns;
	cond_resched();
	return r.ret;
}

typedef int (*timer_fn)(bench_fn fn, struct bench_ctx *c, unsigned long n, u64 *ns);

/* Iterations for one run of about run_ms, from a few runs of growing length. */
static unsigned long next_iters(unsigned long n, u64 ns, bool *done)
{
	u64 target = (u64)run_ms * NSEC_PER_MSEC;

	*done = ns >= target / 2 || n >= BENCH_MAX_ITERS;
	if (*done)
		return clamp_t(u64, div64_u64((u64)n * target, max_t(u64, ns, 1)), 1,
			       BENCH_MAX_ITERS);
	if (!ns)
		return n * 16;
	return min_t(u64, n * 16, max_t(u64, n * 2, div64_u64((u64)n * target, ns)));
}

/* Iterations of @fn for one run of about run_ms; the warm-up runs done. */
static int calibrate(timer_fn time, bench_fn fn, struct bench_ctx *c, unsigned long *iters)
{
	unsigned long n = 16;
	bool done = false;
	unsigned int i;
	u64 ns;
	int ret;

	while (!done) {
		ret = time(fn, c, n, &ns);
		if (ret)
			return ret;
		n = next_iters(n, ns, &done);
	}
	for (i = 0; i < warmup; i++) {
		ret = time(fn, c, n, &ns);
		if (ret)
			return ret;
	}
	*iters = n;
	return 0;
}

/*
 * Peers of one figure measured side by side: each is calibrated and warmed up, then
 * their runs alternate, one run of each peer a round, so that a slow stretch of the
 * host falls on all of them alike and their ratios stay fair. Each run is timed by
 * @time: in process or in softirq context.
 */
#define SIDE_MAX	NR_PEERS_MAX

struct side_entry {
	const char *peer;
	bench_fn fn;
	struct bench_ctx *c;
	unsigned int ops;
	unsigned long iters;
	int ret;
	u64 v[BENCH_MAX_RUNS];
};

struct side {
	const char *wl, *var;
	timer_fn time;
	unsigned int nr;
	struct side_entry e[SIDE_MAX];
};

static void side_add(struct side *sd, const char *peer, bench_fn fn, struct bench_ctx *c,
		     unsigned int ops)
{
	if (WARN_ON_ONCE(sd->nr == SIDE_MAX))
		return;
	sd->e[sd->nr++] = (struct side_entry){ .peer = peer, .fn = fn, .c = c, .ops = ops };
}

static void side_run(struct side *sd)
{
	unsigned int i, r;
	u64 ns;

	for (i = 0; i < sd->nr; i++)
		sd->e[i].ret = calibrate(sd->time, sd->e[i].fn, sd->e[i].c, &sd->e[i].iters);
	for (r = 0; r < runs; r++) {
		for (i = 0; i < sd->nr; i++) {
			struct side_entry *e = &sd->e[i];

			if (e->ret)
				continue;
			e->ret = sd->time(e->fn, e->c, e->iters, &ns);
			e->v[r] = div64_u64(ns * 1000, (u64)e->iters * e->ops);
		}
	}
	for (i = 0; i < sd->nr; i++) {
		struct side_entry *e = &sd->e[i];

		if (e->ret)
			emit_error(sd->wl, sd->var, e->peer, "allocation failed in a timed run",
				   e->ret);
		else
			emit_values(sd->wl, sd->var, e->peer, "ps_op", e->v, runs);
	}
}

/* One peer alone (the floors, and workloads whose peers cannot be in flight at once). */
static void run_single(const char *wl, const char *var, const char *peer, bench_fn fn,
		       struct bench_ctx *c, unsigned int ops)
{
	struct side *sd = kzalloc(sizeof(*sd), GFP_KERNEL);

	if (!sd) {
		emit_error(wl, var, peer, "no memory for the context", -ENOMEM);
		return;
	}
	*sd = (struct side){ .wl = wl, .var = var, .time = timed };
	side_add(sd, peer, fn, c, ops);
	side_run(sd);
	kfree(sd);
}

/* ---- setup and teardown of the peers -------------------------------------------- */

enum peer_id { P_MPOOL, P_KMEM_CACHE, P_KMALLOC, P_MEMPOOL, P_OBJPOOL, NR_PEERS };

static const char *const peer_names[NR_PEERS] = {
	"mpool", "kmem_cache", "kmalloc", "mempool", "objpool",
};

static void skip_objpool(const char *wl, const char *var)
{
	if (listed(peers, "objpool"))
		emit("S %s %s objpool objpool_init/objpool_fini not exported by this kernel\n",
		     wl, var);
}

static void ctx_teardown(struct bench_ctx *c)
{
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	if (c->op_ready)
		objpool_fini(&c->op);
	c->op_ready = false;
#endif
	mempool_destroy(c->mempool);
	c->mempool = NULL;
	kmem_cache_destroy(c->kc);
	c->kc = NULL;
	if (c->mp)
		mpool_destroy(c->mp);
	c->mp = NULL;
}

/*
 * An mpool pool, a kmem_cache (SLAB_NO_MERGE: its own cache, not an alias of kmalloc's)
 * and a mempool_t over a second such cache, all of @size bytes; an objpool of
 * OBJPOOL_OBJS objects where the kernel exports it.
 */
static int ctx_setup(struct bench_ctx *c, const char *wl, const char *var, size_t size,
		     unsigned int magazine_size)
{
	const char *name = c->name;
	int ret;

	memset(c, 0, sizeof(*c));
	c->size = size;
	snprintf(c->name, sizeof(c->name), "bench_%s_%s", wl, var);
	c->mp = mpool_create(&(struct mpool_config){
		.name = name, .size = size, .node = NUMA_NO_NODE,
		.magazine_size = magazine_size,
	});
	if (IS_ERR(c->mp)) {
		ret = PTR_ERR(c->mp);
		c->mp = NULL;
		emit_error(wl, var, "mpool", "mpool_create", ret);
		return ret;
	}
	c->kc = kmem_cache_create(name, size, 0, SLAB_NO_MERGE, NULL);
	if (!c->kc) {
		emit_error(wl, var, "kmem_cache", "kmem_cache_create", -ENOMEM);
		goto err;
	}
	/* mempool_t keeps a few elements aside and otherwise calls its slab cache. */
	c->mempool = mempool_create_slab_pool(16, c->kc);
	if (!c->mempool) {
		emit_error(wl, var, "mempool", "mempool_create_slab_pool", -ENOMEM);
		goto err;
	}
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	ret = objpool_init(&c->op, OBJPOOL_OBJS, size, GFP_KERNEL, NULL, NULL, NULL);
	if (ret) {
		emit_error(wl, var, "objpool", "objpool_init", ret);
		goto err;
	}
	c->op_ready = true;
#endif
	return 0;
err:
	ctx_teardown(c);
	return -ENOMEM;
}

/* Which fraction of mpool's allocations reached which layer during the workload. */
static void emit_mpool_paths(const char *wl, const char *var, struct mpool *mp)
{
	struct mpool_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return;
	mpool_get_stats(mp, st);
	emit("I mpool_paths %s %s", wl, var);
	emit(" magazine=%llu depot=%llu slab=%llu page=%llu remote=%llu", st->alloc_magazine,
	     st->alloc_depot, st->alloc_slab, st->alloc_page, st->alloc_remote);
	emit(" free_magazine=%llu free_depot=%llu free_slab=%llu free_remote=%llu\n",
	     st->free_magazine, st->free_depot, st->free_slab, st->free_remote);
	kfree(st);
}

DEFINE_PEER_LOOPS(mpool)
DEFINE_PEER_LOOPS(kmem_cache)
DEFINE_PEER_LOOPS(kmalloc64)
DEFINE_PEER_LOOPS(kmalloc256)
DEFINE_PEER_LOOPS(mempool)
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
DEFINE_PEER_LOOPS(objpool)
#endif

struct peer_loops {
	bench_fn hot, burst;
	mc_fn mcpair, mcburst, xprod, xcons;
	void (*xdrain)(struct bench_ctx *c, struct mc_run *r);
};

#define PEER_LOOPS(P) {								\
	hot_##P, burst_##P, mcpair_##P, mcburst_##P, xprod_##P, xcons_##P, xdrain_##P	\
}

/* The loops of peer @id for objects of @size bytes (kmalloc has one set per size). */
static const struct peer_loops *loops_of(enum peer_id id, size_t size)
{
	static const struct peer_loops l_mpool = PEER_LOOPS(mpool);
	static const struct peer_loops l_kmem_cache = PEER_LOOPS(kmem_cache);
	static const struct peer_loops l_kmalloc64 = PEER_LOOPS(kmalloc64);
	static const struct peer_loops l_kmalloc256 = PEER_LOOPS(kmalloc256);
	static const struct peer_loops l_mempool = PEER_LOOPS(mempool);
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	static const struct peer_loops l_objpool = PEER_LOOPS(objpool);
#endif

	switch (id) {
	case P_MPOOL:
		return &l_mpool;
	case P_KMEM_CACHE:
		return &l_kmem_cache;
	case P_KMALLOC:
		return size == 64 ? &l_kmalloc64 : &l_kmalloc256;
	case P_MEMPOOL:
		return &l_mempool;
	case P_OBJPOOL:
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
		return &l_objpool;
#else
		return NULL;
#endif
	default:
		return NULL;
	}
}

/* ---- workloads 1 and 2: hot pair, burst ------------------------------------------ */

/* Hot pair or burst of every peer, in process context or (@time) in softirq context. */
static void wl_simple_in(timer_fn time, const char *wl, const char *var, size_t size,
			 unsigned int magazine_size, bool burst)
{
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct side *sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	enum peer_id id;

	if (!c || !sd || ctx_setup(c, wl, var, size, magazine_size)) {
		if (!c || !sd)
			emit_error(wl, var, "all", "no memory for the context", -ENOMEM);
		kfree(sd);
		kfree(c);
		return;
	}
	*sd = (struct side){ .wl = wl, .var = var, .time = time };
	for (id = 0; id < NR_PEERS; id++) {
		const struct peer_loops *l = loops_of(id, size);

		if (!listed(peers, peer_names[id]))
			continue;
		if (!l) {
			skip_objpool(wl, var);
			continue;
		}
		side_add(sd, peer_names[id], burst ? l->burst : l->hot, c, burst ? BURST : 1);
	}
	side_run(sd);
	if (listed(peers, "mpool"))
		emit_mpool_paths(wl, var, c->mp);
	ctx_teardown(c);
	kfree(sd);
	kfree(c);
}

static void wl_simple(const char *wl, const char *var, size_t size, unsigned int magazine_size,
		      bool burst)
{
	wl_simple_in(timed, wl, var, size, magazine_size, burst);
}

/*
 * Not peers: what protecting per-CPU magazines costs by itself, per alloc+free pair
 * (two protected sections), for the choices of magazine.c's header comment:
 *   marker_x2: preemption off and a per-CPU busy byte, tested, set and cleared (what
 *	mpool does, compat.h);
 *   context_slot_x2: preemption off and the interrupt context level read to pick a
 *	per-context magazine (block/bio.c's per-CPU cache, perf's recursion slots);
 *   bh_off_on_x2: bottom halves off and on (mpool's fast path before).
 */
struct floor_cpu {
	u8 busy;
	void *slot[4];
};

static DEFINE_PER_CPU(struct floor_cpu, floor_cpu);

static __always_inline void floor_marker_once(void)
{
	struct floor_cpu *f;

	preempt_disable();
	f = this_cpu_ptr(&floor_cpu);
	if (likely(!READ_ONCE(f->busy))) {
		WRITE_ONCE(f->busy, 1);
		barrier();
		OPTIMIZER_HIDE_VAR(f);
		barrier();
		WRITE_ONCE(f->busy, 0);
	}
	preempt_enable();
}

static __always_inline void floor_slot_once(void)
{
	struct floor_cpu *f;
	void **slot;

	preempt_disable();
	f = this_cpu_ptr(&floor_cpu);
	slot = &f->slot[interrupt_context_level()];
	OPTIMIZER_HIDE_VAR(slot);
	preempt_enable();
}

static int floor_marker(struct bench_ctx *c, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		floor_marker_once();
		floor_marker_once();
	}
	return 0;
}

static int floor_slot(struct bench_ctx *c, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		floor_slot_once();
		floor_slot_once();
	}
	return 0;
}

static int floor_bh(struct bench_ctx *c, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		local_bh_disable();
		local_bh_enable();
		local_bh_disable();
		local_bh_enable();
	}
	return 0;
}

static void wl_floor(void)
{
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c) {
		emit_error("floor", "per_pair", "all", "no memory for the context", -ENOMEM);
		return;
	}
	run_single("floor", "per_pair", "marker_x2", floor_marker, c, 1);
	run_single("floor", "per_pair", "context_slot_x2", floor_slot, c, 1);
	run_single("floor", "per_pair", "bh_off_on_x2", floor_bh, c, 1);
	kfree(c);
}

/* ---- workload 3: bulk ------------------------------------------------------------ */

static int bulk_mpool(struct bench_ctx *c, unsigned long n)
{
	unsigned int nb = c->bulk;
	unsigned long i;

	for (i = 0; i < n; i++) {
		unsigned int got = mpool_alloc_bulk(c->mp, BENCH_GFP, nb, c->objs);

		if (unlikely(got != nb)) {
			mpool_free_bulk(c->mp, got, c->objs);
			return -ENOMEM;
		}
		OPTIMIZER_HIDE_VAR(c->objs[0]);
		mpool_free_bulk(c->mp, nb, c->objs);
	}
	return 0;
}

static int bulk_kmem_cache(struct bench_ctx *c, unsigned long n)
{
	unsigned int nb = c->bulk;
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (unlikely(kmem_cache_alloc_bulk(c->kc, BENCH_GFP, nb, c->objs) != nb))
			return -ENOMEM;	/* all or nothing */
		OPTIMIZER_HIDE_VAR(c->objs[0]);
		kmem_cache_free_bulk(c->kc, nb, c->objs);
	}
	return 0;
}

static void wl_bulk(unsigned int nb)
{
	const char *wl = "bulk";
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct side *sd;
	char var[16];

	snprintf(var, sizeof(var), "64B_x%u", nb);
	if (!c || ctx_setup(c, wl, var, 64, 0)) {
		if (!c)
			emit_error(wl, var, "all", "no memory for the context", -ENOMEM);
		kfree(c);
		return;
	}
	c->bulk = nb;
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (sd) {
		*sd = (struct side){ .wl = wl, .var = var, .time = timed };
		if (listed(peers, "mpool"))
			side_add(sd, "mpool", bulk_mpool, c, nb);
		if (listed(peers, "kmem_cache"))
			side_add(sd, "kmem_cache", bulk_kmem_cache, c, nb);
		side_run(sd);
		kfree(sd);
	} else {
		emit_error(wl, var, "all", "no memory for the context", -ENOMEM);
	}
	if (listed(peers, "kmalloc"))
		emit("S %s %s kmalloc no bulk allocation API for kmalloc\n", wl, var);
	if (listed(peers, "mempool"))
		emit("S %s %s mempool no bulk API in mempool_t\n", wl, var);
	if (listed(peers, "objpool"))
		emit("S %s %s objpool no bulk API in objpool\n", wl, var);
	if (listed(peers, "mpool"))
		emit_mpool_paths(wl, var, c->mp);
	ctx_teardown(c);
	kfree(c);
}

/* ---- workload 4: constructed objects ---------------------------------------------- */

/*
 * A connection owning a receive and a send buffer of 4 KiB. Constructing one means
 * allocating both buffers and initialising the lock, the list head and the buffer
 * headers; resetting one for a new use is what every peer does on every allocation.
 */
#define CONN_BUF		4096
#define CONN_OBJPOOL_OBJS	64

struct conn_buf_head {
	u32 head;
	u32 tail;
	u32 size;
	u32 flags;
};

struct bench_conn {
	spinlock_t lock;		/* what a real one would guard with it */
	struct list_head link;
	refcount_t ref;
	u32 state;
	u64 rx_bytes;
	u64 tx_bytes;
	struct conn_buf_head *rx;
	struct conn_buf_head *tx;
	u64 cookie;
};

struct conn_ctx {
	struct mpool *mp;		/* constructed connections */
	struct kmem_cache *conn_kc;	/* kmem_cache peer: connections */
	struct kmem_cache *buf_kc;	/* kmem_cache peer: buffers */
	mempool_t *conn_mp;		/* mempool peer over conn_kc */
	mempool_t *buf_mp;		/* mempool peer over buf_kc */
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	struct objpool_head op;		/* constructed once, like mpool's */
	bool op_ready;
#endif
};

static void conn_buf_init(struct conn_buf_head *b)
{
	b->head = 0;
	b->tail = 0;
	b->size = CONN_BUF - sizeof(*b);
	b->flags = 0;
}

/* What a constructor does once: everything but the buffers' allocation. */
static void conn_init(struct bench_conn *c)
{
	spin_lock_init(&c->lock);
	INIT_LIST_HEAD(&c->link);
	conn_buf_init(c->rx);
	conn_buf_init(c->tx);
}

/* What every use needs, constructed or not. */
static void conn_reset(struct bench_conn *c)
{
	refcount_set(&c->ref, 1);
	c->state = 1;
	c->rx_bytes = 0;
	c->tx_bytes = 0;
	c->rx->head = 0;
	c->rx->tail = 0;
	c->tx->head = 0;
	c->tx->tail = 0;
	c->cookie = (unsigned long)c;
}

static int conn_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct bench_conn *c = obj;

	c->rx = kmalloc(CONN_BUF, gfp);
	c->tx = kmalloc(CONN_BUF, gfp);
	if (!c->rx || !c->tx) {
		kfree(c->rx);
		kfree(c->tx);
		return -ENOMEM;
	}
	conn_init(c);
	return 0;
}

static void conn_dtor(void *obj, void *priv)
{
	struct bench_conn *c = obj;

	kfree(c->rx);
	kfree(c->tx);
}

static int ctor_mpool(struct bench_ctx *bc, unsigned long n)
{
	struct conn_ctx *cc = bc->priv;
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct bench_conn *c = mpool_alloc(cc->mp, BENCH_GFP);

		if (unlikely(!c))
			return -ENOMEM;
		conn_reset(c);
		OPTIMIZER_HIDE_VAR(c);
		mpool_free(cc->mp, c);
	}
	return 0;
}

/* The unconstructed peers: three allocations, initialisation, three frees. */
#define DEFINE_CONN_PEER(P, ALLOC_CONN, ALLOC_BUF, FREE_CONN, FREE_BUF)		\
static int ctor_##P(struct bench_ctx *bc, unsigned long n)				\
{											\
	struct conn_ctx *cc __maybe_unused = bc->priv;			\
	unsigned long i;								\
											\
	for (i = 0; i < n; i++) {							\
		struct bench_conn *c = ALLOC_CONN;					\
											\
		if (unlikely(!c))							\
			return -ENOMEM;							\
		c->rx = ALLOC_BUF;							\
		c->tx = ALLOC_BUF;							\
		if (unlikely(!c->rx || !c->tx)) {					\
			if (c->rx)							\
				FREE_BUF(c->rx);					\
			if (c->tx)							\
				FREE_BUF(c->tx);					\
			FREE_CONN(c);							\
			return -ENOMEM;							\
		}									\
		conn_init(c);								\
		conn_reset(c);								\
		OPTIMIZER_HIDE_VAR(c);							\
		FREE_BUF(c->rx);							\
		FREE_BUF(c->tx);							\
		FREE_CONN(c);								\
	}										\
	return 0;									\
}

#define KC_FREE_CONN(p)		kmem_cache_free(cc->conn_kc, p)
#define KC_FREE_BUF(p)		kmem_cache_free(cc->buf_kc, p)
#define MP_FREE_CONN(p)		mempool_free(p, cc->conn_mp)
#define MP_FREE_BUF(p)		mempool_free(p, cc->buf_mp)

DEFINE_CONN_PEER(kmem_cache, kmem_cache_alloc(cc->conn_kc, BENCH_GFP),
		 kmem_cache_alloc(cc->buf_kc, BENCH_GFP), KC_FREE_CONN, KC_FREE_BUF)
DEFINE_CONN_PEER(kmalloc, kmalloc(sizeof(struct bench_conn), BENCH_GFP),
		 kmalloc(CONN_BUF, BENCH_GFP), kfree, kfree)
DEFINE_CONN_PEER(mempool, mempool_alloc(cc->conn_mp, BENCH_GFP),
		 mempool_alloc(cc->buf_mp, BENCH_GFP), MP_FREE_CONN, MP_FREE_BUF)

#ifdef MPOOL_BENCH_HAVE_OBJPOOL
static int conn_objinit(void *obj, void *context)
{
	return conn_ctor(obj, context, GFP_KERNEL);
}

static int ctor_objpool(struct bench_ctx *bc, unsigned long n)
{
	struct conn_ctx *cc = bc->priv;
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct bench_conn *c = objpool_pop(&cc->op);

		if (unlikely(!c))
			return -ENOMEM;
		conn_reset(c);
		OPTIMIZER_HIDE_VAR(c);
		objpool_push(c, &cc->op);
	}
	return 0;
}

/*
 * objpool has no per-object destructor: take every object out, free its buffers,
 * put it back, then let objpool_fini() free the pool.
 */
static void conn_objpool_fini(struct objpool_head *op)
{
	struct bench_conn *objs[CONN_OBJPOOL_OBJS];
	unsigned int n = 0, i;

	while (n < CONN_OBJPOOL_OBJS && (objs[n] = objpool_pop(op)))
		n++;
	for (i = 0; i < n; i++) {
		conn_dtor(objs[i], NULL);
		objpool_push(objs[i], op);
	}
	objpool_fini(op);
}
#endif

static void conn_teardown(struct conn_ctx *cc)
{
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	if (cc->op_ready)
		conn_objpool_fini(&cc->op);
#endif
	mempool_destroy(cc->conn_mp);
	mempool_destroy(cc->buf_mp);
	kmem_cache_destroy(cc->conn_kc);
	kmem_cache_destroy(cc->buf_kc);
	if (cc->mp)
		mpool_destroy(cc->mp);
}

static void wl_ctor(void)
{
	const char *wl = "ctor", *var = "conn_2x4KiB";
	struct bench_ctx *bc = kzalloc(sizeof(*bc), GFP_KERNEL);
	struct conn_ctx *cc = kzalloc(sizeof(*cc), GFP_KERNEL);
	struct side *sd;
	int ret = -ENOMEM;

	if (!bc || !cc) {
		emit_error(wl, var, "all", "no memory for the context", ret);
		goto out;
	}
	bc->priv = cc;
	cc->mp = mpool_create(&(struct mpool_config){
		.name = "bench_conn", .size = sizeof(struct bench_conn),
		.ctor = conn_ctor, .dtor = conn_dtor, .node = NUMA_NO_NODE,
	});
	if (IS_ERR(cc->mp)) {
		ret = PTR_ERR(cc->mp);
		cc->mp = NULL;
		emit_error(wl, var, "mpool", "mpool_create", ret);
		goto out;
	}
	cc->conn_kc = kmem_cache_create("bench_conn", sizeof(struct bench_conn), 0,
					SLAB_NO_MERGE, NULL);
	cc->buf_kc = kmem_cache_create("bench_conn_buf", CONN_BUF, 0, SLAB_NO_MERGE, NULL);
	if (!cc->conn_kc || !cc->buf_kc) {
		emit_error(wl, var, "kmem_cache", "kmem_cache_create", ret);
		goto out;
	}
	cc->conn_mp = mempool_create_slab_pool(16, cc->conn_kc);
	cc->buf_mp = mempool_create_slab_pool(32, cc->buf_kc);
	if (!cc->conn_mp || !cc->buf_mp) {
		emit_error(wl, var, "mempool", "mempool_create_slab_pool", ret);
		goto out;
	}
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	ret = objpool_init(&cc->op, CONN_OBJPOOL_OBJS, sizeof(struct bench_conn), GFP_KERNEL,
			   NULL, conn_objinit, NULL);
	if (ret) {
		emit_error(wl, var, "objpool", "objpool_init", ret);
		goto out;
	}
	cc->op_ready = true;
#endif

	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd) {
		emit_error(wl, var, "all", "no memory for the context", -ENOMEM);
		goto out;
	}
	*sd = (struct side){ .wl = wl, .var = var, .time = timed };
	if (listed(peers, "mpool"))
		side_add(sd, "mpool", ctor_mpool, bc, 1);
	if (listed(peers, "kmem_cache"))
		side_add(sd, "kmem_cache", ctor_kmem_cache, bc, 1);
	if (listed(peers, "kmalloc"))
		side_add(sd, "kmalloc", ctor_kmalloc, bc, 1);
	if (listed(peers, "mempool"))
		side_add(sd, "mempool", ctor_mempool, bc, 1);
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	if (listed(peers, "objpool"))
		side_add(sd, "objpool", ctor_objpool, bc, 1);
#else
	skip_objpool(wl, var);
#endif
	side_run(sd);
	kfree(sd);
	if (listed(peers, "mpool"))
		emit_mpool_paths(wl, var, cc->mp);
out:
	if (cc)
		conn_teardown(cc);
	kfree(cc);
	kfree(bc);
}

/* ---- workload 5: the log server's buffer mix ------------------------------------- */

/*
 * 90% of the requests ask 100-500 B, 5% 4 KiB and 5% 64 KiB (one fixed sequence for
 * every peer). BUFMIX_INFLIGHT buffers are in use at any time: each operation frees
 * the oldest and allocates the next size, and writes its first byte.
 */
#ifdef MPOOL_BENCH_HAVE_BUF
#define BUFMIX_SEQ		4096
#define BUFMIX_INFLIGHT		32

struct bufmix_ctx {
	u32 sizes[BUFMIX_SEQ];
	void *ring[BUFMIX_INFLIGHT];
	unsigned int pos;
	struct mpool_buf_pool *bp;
};

static void bufmix_sizes(struct bufmix_ctx *m)
{
	u32 seed = 0x6d706f6f;	/* fixed: the same sequence every time */
	unsigned int i;

	for (i = 0; i < BUFMIX_SEQ; i++) {
		u32 r = xorshift32(&seed) % 100;

		if (r < 90)
			m->sizes[i] = 100 + xorshift32(&seed) % 401;
		else if (r < 95)
			m->sizes[i] = 4096;
		else
			m->sizes[i] = 65536;
	}
}

#define DEFINE_BUFMIX_PEER(P, ALLOC, FREE)						\
static int bufmix_fill_##P(struct bufmix_ctx *m)					\
{											\
	unsigned int k;									\
											\
	for (k = 0; k < BUFMIX_INFLIGHT; k++) {						\
		m->ring[k] = ALLOC(m->sizes[k]);					\
		if (!m->ring[k])							\
			return -ENOMEM;							\
	}										\
	m->pos = BUFMIX_INFLIGHT;							\
	return 0;									\
}											\
static void bufmix_drain_##P(struct bufmix_ctx *m)					\
{											\
	unsigned int k;									\
											\
	for (k = 0; k < BUFMIX_INFLIGHT; k++) {						\
		if (m->ring[k])								\
			FREE(m->ring[k]);						\
		m->ring[k] = NULL;							\
	}										\
}											\
static int bufmix_##P(struct bench_ctx *bc, unsigned long n)				\
{											\
	struct bufmix_ctx *m = bc->priv;			\
	unsigned int pos = m->pos;							\
	unsigned long i;								\
											\
	for (i = 0; i < n; i++, pos++) {						\
		unsigned int slot = pos % BUFMIX_INFLIGHT;				\
		u8 *p;									\
											\
		FREE(m->ring[slot]);							\
		p = ALLOC(m->sizes[pos % BUFMIX_SEQ]);					\
		m->ring[slot] = p;							\
		if (unlikely(!p)) {							\
			m->pos = pos;							\
			return -ENOMEM;							\
		}									\
		*p = (u8)i;								\
		OPTIMIZER_HIDE_VAR(p);							\
	}										\
	m->pos = pos;									\
	return 0;									\
}

#define KMALLOC_BUF(sz)		kmalloc(sz, BENCH_GFP)
DEFINE_BUFMIX_PEER(kmalloc, KMALLOC_BUF, kfree)
#define MPOOL_BUF(sz)		mpool_buf_alloc(m->bp, sz, BENCH_GFP)
#define MPOOL_BUF_FREE(p)	mpool_buf_free(m->bp, p)
#define MPOOL_KBUF(sz)		mpool_kbuf_alloc(sz, BENCH_GFP)
DEFINE_BUFMIX_PEER(mpool_buf, MPOOL_BUF, MPOOL_BUF_FREE)
DEFINE_BUFMIX_PEER(mpool_kbuf, MPOOL_KBUF, mpool_kbuf_free)

static void run_bufmix(struct bench_ctx *bc, struct bufmix_ctx *m, const char *peer,
		       int (*fill)(struct bufmix_ctx *m), void (*drain)(struct bufmix_ctx *m),
		       bench_fn fn)
{
	int ret;

	if (!listed(peers, peer))
		return;
	ret = fill(m);
	if (ret)
		emit_error("bufmix", "log_server", peer, "filling the in-flight buffers", ret);
	else
		run_single("bufmix", "log_server", peer, fn, bc, 1);
	drain(m);
}

static void wl_bufmix(void)
{
	struct bench_ctx *bc = kzalloc(sizeof(*bc), GFP_KERNEL);
	struct bufmix_ctx *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!bc || !m) {
		emit_error("bufmix", "log_server", "all", "no memory for the context", -ENOMEM);
		goto out;
	}
	bc->priv = m;
	bufmix_sizes(m);
	m->bp = mpool_buf_create("bench_bufmix", &(struct mpool_buf_config){
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(m->bp)) {
		emit_error("bufmix", "log_server", "mpool_buf", "mpool_buf_create",
			   (int)PTR_ERR(m->bp));
		goto out;
	}
	run_bufmix(bc, m, "mpool_buf", bufmix_fill_mpool_buf, bufmix_drain_mpool_buf,
		   bufmix_mpool_buf);
	mpool_buf_destroy(m->bp);
	run_bufmix(bc, m, "mpool_kbuf", bufmix_fill_mpool_kbuf, bufmix_drain_mpool_kbuf,
		   bufmix_mpool_kbuf);
	run_bufmix(bc, m, "kmalloc", bufmix_fill_kmalloc, bufmix_drain_kmalloc, bufmix_kmalloc);
out:
	kfree(m);
	kfree(bc);
}
#else
static void wl_bufmix(void)
{
	/* No numbers for a workload that cannot run. */
	emit("S bufmix log_server all the buffer pool API (mpool_buf_*) is not in this tree\n");
}
#endif

/* ---- workload 8: memory after a churn of mixed lifetimes ------------------------- */

/*
 * mem_objects allocations; each is long-lived with probability 1/10 (kept to the end),
 * otherwise short-lived: it takes a random slot of a window of MEM_WINDOW objects and
 * frees the one there (geometric lifetimes, mean MEM_WINDOW allocations). At the end
 * the short-lived ones go, the long-lived stay, both allocators are shrunk, and the
 * memory each holds is compared with the bytes live.
 */
#define MEM_WINDOW	2048
#define MEM_RUNS	5	/* the churn is deterministic: 5 runs show it */

struct mem_churn {
	void **window;
	void **longs;
	unsigned long nr_longs;
};

#define DEFINE_MEM_PEER(P, ALLOC, FREE)							\
static int churn_##P(struct bench_ctx *c, struct mem_churn *mc)			\
{											\
	u32 seed = 0x11a3a;								\
	unsigned long i;								\
											\
	for (i = 0; i < mem_objects; i++) {						\
		void *p = ALLOC(c);							\
		u32 r;									\
											\
		if (!p)									\
			return -ENOMEM;							\
		memset(p, 0xa5, c->size);						\
		r = xorshift32(&seed);							\
		if (r % 10 == 0) {							\
			mc->longs[mc->nr_longs++] = p;					\
		} else {								\
			r = xorshift32(&seed) % MEM_WINDOW;				\
			if (mc->window[r])						\
				FREE(c, mc->window[r]);					\
			mc->window[r] = p;						\
		}									\
	}										\
	for (i = 0; i < MEM_WINDOW; i++) {						\
		if (mc->window[i])							\
			FREE(c, mc->window[i]);						\
		mc->window[i] = NULL;							\
	}										\
	return 0;									\
}											\
static void release_##P(struct bench_ctx *c, struct mem_churn *mc)			\
{											\
	unsigned long i;								\
											\
	for (i = 0; i < MEM_WINDOW; i++) {						\
		if (mc->window[i])							\
			FREE(c, mc->window[i]);						\
		mc->window[i] = NULL;							\
	}										\
	for (i = 0; i < mc->nr_longs; i++)						\
		FREE(c, mc->longs[i]);							\
	mc->nr_longs = 0;								\
}

#define A_MEM_MPOOL(c)		mpool_alloc((c)->mp, GFP_KERNEL)
#define A_MEM_KC(c)		kmem_cache_alloc((c)->kc, GFP_KERNEL)
DEFINE_MEM_PEER(mpool, A_MEM_MPOOL, F_mpool)
DEFINE_MEM_PEER(kmem_cache, A_MEM_KC, F_kmem_cache)

/* A number from a sysfs file (the first one: "slabs" reads "N N0=... N1=..."). */
static int read_sysfs_ulong(const char *path, unsigned long *val)
{
	char buf[64] = { };
	struct file *f;
	loff_t pos = 0;
	ssize_t len;
	char *sp;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	len = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	filp_close(f, NULL);
	if (len <= 0)
		return len ? (int)len : -ENODATA;
	sp = strpbrk(buf, "\t\n ");
	if (sp)
		*sp = '\0';
	return kstrtoul(buf, 10, val);
}

/* Bytes of slab pages the cache holds, from its own counters (needs SLUB_DEBUG). */
static int kmem_cache_held(const char *name, u64 *held)
{
	unsigned long slabs, order;
	char path[96];
	int ret;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/slabs", name);
	ret = read_sysfs_ulong(path, &slabs);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/order", name);
	ret = read_sysfs_ulong(path, &order);
	if (ret)
		return ret;
	*held = (u64)slabs << (PAGE_SHIFT + order);
	return 0;
}

/*
 * Bytes mpool holds: its slab pages plus the descriptors it keeps outside them (the
 * slab cache keeps its descriptor in struct page, so it has none to add).
 */
static u64 mpool_held(struct mpool *mp, u64 *live)
{
	struct mpool_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);
	u64 held = 0, per_slab, desc;

	if (!st)
		return 0;
	mpool_get_stats(mp, st);
	if (st->slabs) {
		per_slab = div64_u64(st->pages * PAGE_SIZE, st->slabs) / st->object_stride;
		/* The free map and the poisoned map (slab.c). */
		desc = kmalloc_size_roundup(struct_size_t(struct mpool_slab, free_map,
							  2 * BITS_TO_LONGS(per_slab)));
		held = st->pages * PAGE_SIZE + st->slabs * desc;
	}
	*live = st->live;
	kfree(st);
	return held;
}

/* One churn of an mpool pool: held and live bytes after mpool_shrink(). */
static int mem_mpool(struct bench_ctx *c, struct mem_churn *mc, struct mpool *mp, u64 *held,
		     u64 *live)
{
	struct mpool *keep = c->mp;
	u64 lv = 0;
	int ret;

	c->mp = mp;
	ret = churn_mpool(c, mc);
	mpool_shrink(mp);
	*held = mpool_held(mp, &lv);
	*live = lv * c->size;
	release_mpool(c, mc);
	c->mp = keep;
	return ret;
}

static int mem_kmem_cache(struct bench_ctx *c, struct mem_churn *mc, u64 *held, u64 *live)
{
	int ret;

	ret = churn_kmem_cache(c, mc);
	kmem_cache_shrink(c->kc);
	*live = (u64)mc->nr_longs * c->size;
	if (!ret)
		ret = kmem_cache_held(c->name, held);
	release_kmem_cache(c, mc);
	return ret;
}

/*
 * mpool as created by default (the slab cache's alignment), mpool with objects aligned
 * to a cache line (what it asks when objects are written from several CPUs), and the
 * slab cache.
 */
#define MEM_PEERS	3
static const char *const mem_peers[MEM_PEERS] = { "mpool", "mpool_cacheline", "kmem_cache" };

struct mem_figures {
	u64 held[MEM_PEERS][BENCH_MAX_RUNS];
	u64 live[MEM_PEERS][BENCH_MAX_RUNS];
	u64 ppm[MEM_PEERS][BENCH_MAX_RUNS];
};

static void wl_mem(size_t size)
{
	const char *wl = "mem";
	struct mem_figures *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct mem_churn mc = { };
	struct mpool *lined;
	unsigned int r, p;
	char var[16];
	int ret = 0;

	snprintf(var, sizeof(var), "%zuB", size);
	mc.window = kvcalloc(MEM_WINDOW, sizeof(void *), GFP_KERNEL);
	mc.longs = kvcalloc(mem_objects, sizeof(void *), GFP_KERNEL);
	if (!f || !c || !mc.window || !mc.longs) {
		emit_error(wl, var, "all", "no memory for the churn", -ENOMEM);
		goto out;
	}
	for (r = 0; r < MEM_RUNS && !ret; r++) {
		/* Fresh allocators each run: nothing left over from the one before. */
		ret = ctx_setup(c, wl, var, size, 0);
		if (ret)
			break;
		lined = mpool_create(&(struct mpool_config){
			.name = "bench_mem_cacheline", .size = size,
			.align = cache_line_size(), .node = NUMA_NO_NODE,
		});
		if (IS_ERR(lined)) {
			ret = PTR_ERR(lined);
			emit_error(wl, var, "mpool_cacheline", "mpool_create", ret);
			ctx_teardown(c);
			break;
		}
		for (p = 0; p < MEM_PEERS && !ret; p++) {
			u64 *held = &f->held[p][r], *live = &f->live[p][r];

			if (p == 0)
				ret = mem_mpool(c, &mc, c->mp, held, live);
			else if (p == 1)
				ret = mem_mpool(c, &mc, lined, held, live);
			else
				ret = mem_kmem_cache(c, &mc, held, live);
			if (ret)
				emit_error(wl, var, mem_peers[p], "churn or counters", ret);
			else
				f->ppm[p][r] = *live ? div64_u64(*held * 1000000, *live) : 0;
		}
		mpool_destroy(lined);
		ctx_teardown(c);
		cond_resched();
	}
	if (!ret) {
		for (p = 0; p < MEM_PEERS; p++) {
			emit_values(wl, var, mem_peers[p], "held_per_live_ppm", f->ppm[p],
				    MEM_RUNS);
			emit_values(wl, var, mem_peers[p], "held_bytes", f->held[p], MEM_RUNS);
			emit_values(wl, var, mem_peers[p], "live_bytes", f->live[p], MEM_RUNS);
		}
	}
out:
	kvfree(mc.window);
	kvfree(mc.longs);
	kfree(c);
	kfree(f);
}

/* ---- workloads 6 and 7: cross-CPU hand-over, scaling (multi-CPU) ---------------- */

/* The control of the scaling runs: CPU work only, one operation per MC_BURST steps. */
static int control_loop(struct bench_ctx *c, struct mc_thread *t, unsigned long n)
{
	u32 seed = 1 + t->idx;
	unsigned long i;
	unsigned int k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < MC_BURST; k++)
			xorshift32(&seed);
		OPTIMIZER_HIDE_VAR(seed);
	}
	/* The chain of steps must be computed: its end is stored. */
	WRITE_ONCE(t->sink, seed);
	return 0;
}

/*
 * The hand-over: calibrate, then time runs on @cpus. @v gets the time both threads
 * spent in the allocator per object (waits for the other CPU excluded, so that a vCPU
 * the host descheduled does not count), @wall the elapsed time per object.
 */
static int measure_mc(struct mc_run *r, const int *cpus, unsigned int nr, unsigned int ops,
		      u64 *v, u64 *wall)
{
	unsigned long n = 16;
	bool done = false;
	unsigned int i, k;
	int ret;

	while (!done) {
		r->iters = n;
		ret = mc_once(r, cpus, nr);
		if (ret)
			return ret;
		n = next_iters(n, r->t[0].ns, &done);
	}
	r->iters = n;
	for (i = 0; i < warmup + runs; i++) {
		u64 work = 0, longest = 0;

		ret = mc_once(r, cpus, nr);
		if (ret)
			return ret;
		for (k = 0; k < nr; k++) {
			work += r->t[k].work;
			longest = max(longest, r->t[k].ns);
		}
		if (i < warmup)
			continue;
		v[i - warmup] = div64_u64(work * 1000, (u64)n * ops);
		wall[i - warmup] = div64_u64(longest * 1000, (u64)n * ops);
	}
	return 0;
}

static int mc_alloc_objs(struct mc_run *r)
{
	unsigned int i;

	for (i = 0; i < MC_MAX_THREADS; i++) {
		r->t[i].objs = kcalloc(MC_BURST, sizeof(void *), GFP_KERNEL);
		if (!r->t[i].objs)
			return -ENOMEM;
	}
	return 0;
}

static void mc_free_objs(struct mc_run *r)
{
	unsigned int i;

	for (i = 0; i < MC_MAX_THREADS; i++)
		kfree(r->t[i].objs);
}

static void wl_xcpu(void)
{
	const char *wl = "xcpu";
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct mc_run *r = kzalloc(sizeof(*r), GFP_KERNEL);
	int cpus[2] = { cpumask_first(cpu_online_mask), -1 };
	u64 v[BENCH_MAX_RUNS], wall[BENCH_MAX_RUNS];
	char var[32];
	enum peer_id id;
	int cpu, ret;

	/* The consumer: the first online CPU on another node, else any other CPU. */
	for_each_online_cpu(cpu) {
		if (cpu != cpus[0] && cpus[1] < 0)
			cpus[1] = cpu;
		if (cpu_to_node(cpu) != cpu_to_node(cpus[0])) {
			cpus[1] = cpu;
			break;
		}
	}
	if (cpus[1] < 0) {
		emit("S xcpu - all needs at least 2 CPUs (this kernel has %u)\n",
		     num_online_cpus());
		goto out;
	}
	snprintf(var, sizeof(var), "cpu%d_node%d-cpu%d_node%d", cpus[0],
		 cpu_to_node(cpus[0]), cpus[1], cpu_to_node(cpus[1]));
	if (!c || !r || ctx_setup(c, wl, var, 64, 0)) {
		if (!c || !r)
			emit_error(wl, var, "all", "no memory for the context", -ENOMEM);
		goto out;
	}
	r->ctx = c;
	for (id = 0; id < NR_PEERS; id++) {
		const struct peer_loops *l = loops_of(id, 64);

		if (!listed(peers, peer_names[id]))
			continue;
		if (!l) {
			skip_objpool(wl, var);
			continue;
		}
		r->fn[0] = l->xprod;
		r->fn[1] = l->xcons;
		ret = measure_mc(r, cpus, 2, XCHUNK, v, wall);
		/* After a failed run, objects may be left in the ring. */
		l->xdrain(c, r);
		if (ret) {
			emit_error(wl, var, peer_names[id], "hand-over run failed", ret);
		} else {
			emit_values(wl, var, peer_names[id], "ps_op", v, runs);
			emit_values(wl, var, peer_names[id], "wall_ps_op", wall, runs);
		}
	}
	if (listed(peers, "mpool"))
		emit_mpool_paths(wl, var, c->mp);
	ctx_teardown(c);
out:
	kfree(r);
	kfree(c);
}

/* Iterations of @fn for a run of about run_ms on the first CPU alone. */
static int scale_calibrate(struct mc_run *r, mc_fn fn, const int *cpus, unsigned long *iters)
{
	unsigned long n = 16;
	bool done = false;
	unsigned int k;
	int ret;

	for (k = 0; k < MC_MAX_THREADS; k++)
		r->fn[k] = fn;
	while (!done) {
		r->iters = n;
		ret = mc_once(r, cpus, 1);
		if (ret)
			return ret;
		n = next_iters(n, r->t[0].ns, &done);
	}
	*iters = n;
	return 0;
}

/* One run of @fn on the first @nr of @cpus: the threads' average ps per operation. */
static int scale_once(struct mc_run *r, mc_fn fn, unsigned long iters, const int *cpus,
		      unsigned int nr, unsigned int ops, u64 *v)
{
	unsigned int k;
	u64 sum = 0;
	int ret;

	for (k = 0; k < MC_MAX_THREADS; k++)
		r->fn[k] = fn;
	r->iters = iters;
	ret = mc_once(r, cpus, nr);
	if (ret)
		return ret;
	for (k = 0; k < nr; k++)
		sum += div64_u64(r->t[k].ns * 1000, (u64)iters * ops);
	*v = div64_u64(sum, nr);
	return 0;
}

#define SCALE_WIDTHS	3
static const unsigned int scale_widths[SCALE_WIDTHS] = { 1, 2, 4 };

struct scale_figures {
	u64 v[SCALE_WIDTHS][BENCH_MAX_RUNS];	/* the peer */
	u64 cv[SCALE_WIDTHS][BENCH_MAX_RUNS];	/* the control, right after it */
};

/*
 * One peer at every width. A round runs each width once, the peer then the control
 * (CPU work only), so that the host's load at that moment weighs on all of them
 * alike; warm-up rounds first.
 */
static int scale_peer(struct mc_run *r, mc_fn fn, unsigned int ops, const int *cpus,
		      unsigned int widths, struct scale_figures *f)
{
	unsigned long iters, citers;
	unsigned int round, w;
	u64 v, cv;
	int ret;

	ret = scale_calibrate(r, fn, cpus, &iters);
	if (!ret)
		ret = scale_calibrate(r, control_loop, cpus, &citers);
	for (round = 0; !ret && round < warmup + runs; round++) {
		for (w = 0; !ret && w < widths; w++) {
			ret = scale_once(r, fn, iters, cpus, scale_widths[w], ops, &v);
			if (!ret)
				ret = scale_once(r, control_loop, citers, cpus, scale_widths[w],
						 1, &cv);
			if (!ret && round >= warmup) {
				f->v[w][round - warmup] = v;
				f->cv[w][round - warmup] = cv;
			}
		}
	}
	return ret;
}

static void wl_scale(bool burst)
{
	const char *wl = "scale";
	struct scale_figures *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct mc_run *r = kzalloc(sizeof(*r), GFP_KERNEL);
	const char *kind = burst ? "burst256" : "pair";
	unsigned int ops = burst ? MC_BURST : 1;
	unsigned int w, widths = 0, nr = 0;
	int cpus[MC_MAX_THREADS];
	enum peer_id id;
	char var[32];
	int cpu, ret;

	for_each_online_cpu(cpu) {
		if (nr < MC_MAX_THREADS)
			cpus[nr++] = cpu;
	}
	if (nr < 2) {
		emit("S scale %s all needs at least 2 CPUs (this kernel has %u)\n", kind,
		     num_online_cpus());
		goto out;
	}
	while (widths < SCALE_WIDTHS && scale_widths[widths] <= nr)
		widths++;
	if (!f || !c || !r || mc_alloc_objs(r)) {
		emit_error(wl, kind, "all", "no memory for the context", -ENOMEM);
		goto out;
	}
	if (ctx_setup(c, wl, kind, 64, 0))
		goto out;
	r->ctx = c;
	for (id = 0; id < NR_PEERS; id++) {
		const struct peer_loops *l = loops_of(id, 64);

		if (!listed(peers, peer_names[id]))
			continue;
		if (!l) {
			skip_objpool(wl, kind);
			continue;
		}
		ret = scale_peer(r, burst ? l->mcburst : l->mcpair, ops, cpus, widths, f);
		if (ret) {
			emit_error(wl, kind, peer_names[id], "parallel run failed", ret);
			continue;
		}
		for (w = 0; w < widths; w++) {
			snprintf(var, sizeof(var), "%s_%ucpu", kind, scale_widths[w]);
			emit_values(wl, var, peer_names[id], "ps_op_cpu", f->v[w], runs);
			emit_values(wl, var, peer_names[id], "control_ps_op_cpu", f->cv[w], runs);
		}
	}
	if (listed(peers, "mpool"))
		emit_mpool_paths(wl, kind, c->mp);
	ctx_teardown(c);
out:
	if (r)
		mc_free_objs(r);
	kfree(r);
	kfree(c);
	kfree(f);
}

/* ---- module --------------------------------------------------------------------- */

static void emit_facts(void)
{
	int nid, nodes = 0;

	for_each_online_node(nid)
		nodes++;
	emit("I kernel %s\n", init_utsname()->release);
	emit("I machine %s\n", init_utsname()->machine);
	emit("I cpus %u\n", num_online_cpus());
	emit("I nodes %d\n", nodes);
	emit("I tag %s\n", *tag ? tag : "-");
	emit("I runs %u\n", runs);
	emit("I warmup %u\n", warmup);
	emit("I run_ms %u\n", run_ms);
#ifdef MPOOL_BENCH_HAVE_OBJPOOL
	emit("I objpool exported\n");
#else
	emit("I objpool not-exported\n");
#endif
	emit("I preempt %s\n", IS_ENABLED(CONFIG_PREEMPTION) ? "preemptible" : "none");
	emit("I init_on_alloc %d\n", want_init_on_alloc(0) ? 1 : 0);
	emit("I init_on_free %d\n", want_init_on_free() ? 1 : 0);
}

static void run_workload(const char *name, void (*fn)(void))
{
	u64 t0 = ktime_get_ns();

	if (!listed(workloads, name))
		return;
	fn();
	emit("I elapsed_ms_%s %llu\n", name, div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC));
}

static void wl_hot(void)
{
	wl_simple("hot", "64B", 64, 0, false);
	wl_simple("hot", "256B", 256, 0, false);
	wl_simple_in(timed_softirq, "hot", "64B_softirq", 64, 0, false);
	wl_simple_in(timed_softirq, "hot", "256B_softirq", 256, 0, false);
}

static void wl_burst(void)
{
	wl_simple("burst", "64B", 64, 0, true);
	wl_simple("burst", "256B", 256, 0, true);
	/* Magazines of 16: every burst trades magazines with the node depot. */
	wl_simple("burst", "64B_mag16", 64, 16, true);
}

static void wl_bulks(void)
{
	wl_bulk(16);
	wl_bulk(64);
}

/*
 * Mixed lifetimes, the log server's pattern: a stream of MIX_TOTAL objects of 64 B to
 * 1 KiB, one in MIX_LONG_EVERY kept to the end, the others living while the next
 * MIX_WINDOW come; then the short-lived ones are all freed. Bytes held per live byte
 * after it, for kmalloc (the slab pages the kernel counts, before and after; its
 * caches cannot be shrunk from here), a buffer pool (after mpool_shrink() of every
 * class) and a managed pool (after one young and one old collection, which promote
 * the survivors and compact them).
 */
#define MIX_TOTAL	30000
#define MIX_WINDOW	2048
#define MIX_LONG_EVERY	20
#define MIX_RUNS	3
#define MIX_PEERS	3

static const char *const mix_peers[MIX_PEERS] = { "kmalloc", "mpool_buf", "managed" };

struct mix_churn {
	void **window;
	void **longs;
	mpool_handle_t *hwindow;
	mpool_handle_t *hlongs;
	struct mpool_buf_pool *bp;
	struct mpool_m_pool *mp;
};

static size_t mix_size(u32 *rnd)
{
	return 64 + xorshift32(rnd) % 961;
}

/* One stream through @peer; *@live gets the bytes of the long-lived objects. */
static int mix_run(struct mix_churn *m, unsigned int peer, u64 *live)
{
	unsigned int i, w = 0, l = 0, filled = 0;
	u32 rnd = 0x12345678;

	*live = 0;
	for (i = 0; i < MIX_TOTAL; i++) {
		size_t size = mix_size(&rnd);
		bool keep = i % MIX_LONG_EVERY == 0;
		void *p = NULL;
		mpool_handle_t h = 0;

		if (!keep && filled == MIX_WINDOW) {
			if (peer == 0)
				kfree(m->window[w]);
			else if (peer == 1)
				mpool_buf_free(m->bp, m->window[w]);
			else
				mpool_h_free(m->mp, m->hwindow[w]);
			filled--;
		}
		if (peer == 0)
			p = kmalloc(size, GFP_KERNEL);
		else if (peer == 1)
			p = mpool_buf_alloc(m->bp, size, GFP_KERNEL);
		else
			h = mpool_h_alloc(m->mp, size, GFP_KERNEL, 0);
		if (!p && !h)
			return -ENOMEM;
		if (keep) {
			m->longs[l] = p;
			m->hlongs[l++] = h;
			*live += size;
		} else {
			m->window[w] = p;
			m->hwindow[w] = h;
			w = (w + 1) % MIX_WINDOW;
			filled++;
		}
	}
	for (i = 0; i < MIX_WINDOW && filled; i++, filled--) {
		w = (w + MIX_WINDOW - 1) % MIX_WINDOW;
		if (peer == 0)
			kfree(m->window[w]);
		else if (peer == 1)
			mpool_buf_free(m->bp, m->window[w]);
		else
			mpool_h_free(m->mp, m->hwindow[w]);
	}
	return 0;
}

static void mix_free_longs(struct mix_churn *m, unsigned int peer)
{
	unsigned int i;

	for (i = 0; i < MIX_TOTAL / MIX_LONG_EVERY; i++) {
		if (peer == 0)
			kfree(m->longs[i]);
		else if (peer == 1)
			mpool_buf_free(m->bp, m->longs[i]);
		else
			mpool_h_free(m->mp, m->hlongs[i]);
	}
}

static u64 slab_bytes(void)
{
	return (u64)global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) << PAGE_SHIFT;
}

/* Held bytes of @peer after its stream, with what it can give back given back. */
static u64 mix_held(struct mix_churn *m, unsigned int peer, u64 slab_before)
{
	struct mpool_m_stats *st;
	u64 held = 0, live;
	unsigned int g;
	size_t c;

	if (peer == 0)
		return slab_bytes() - min(slab_bytes(), slab_before);
	if (peer == 1) {
		for (c = 64; c <= 1024; c *= 2) {
			mpool_shrink(mpool_buf_class(m->bp, c));
			held += mpool_held(mpool_buf_class(m->bp, c), &live);
		}
		return held;
	}
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return 0;
	mpool_m_collect(m->mp, MPOOL_GEN_YOUNG);
	mpool_m_collect(m->mp, MPOOL_GEN_OLD);
	mpool_m_get_stats(m->mp, st);
	for (g = 0; g < MPOOL_NR_GENS; g++)
		held += st->gen[g].held_bytes;
	kfree(st);
	return held;
}

static int map_unmap(struct bench_ctx *c, unsigned long n)
{
	struct mpool_m_pool *mp = c->priv;
	mpool_handle_t h = c->handle;
	unsigned long i;

	for (i = 0; i < n; i++) {
		void *p = mpool_h_map(mp, h);

		OPTIMIZER_HIDE_VAR(p);
		mpool_h_unmap(mp, h);
	}
	return 0;
}

static void wl_mixed(void)
{
	const struct mpool_m_config mcfg = {
		.name = "bench_managed", .max_size = 1024,
		.max_handles = MIX_WINDOW + MIX_TOTAL / MIX_LONG_EVERY + 1,
		.node = NUMA_NO_NODE, .policy = { .promote_after = 1, .no_worker = true },
	};
	struct mix_figures {
		u64 held[MIX_PEERS][BENCH_MAX_RUNS];
		u64 live[MIX_PEERS][BENCH_MAX_RUNS];
		u64 ppm[MIX_PEERS][BENCH_MAX_RUNS];
	} *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct bench_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct mix_churn m = { };
	unsigned int r, p;
	int ret = 0;

	m.window = kvcalloc(MIX_WINDOW, sizeof(void *), GFP_KERNEL);
	m.hwindow = kvcalloc(MIX_WINDOW, sizeof(mpool_handle_t), GFP_KERNEL);
	m.longs = kvcalloc(MIX_TOTAL / MIX_LONG_EVERY, sizeof(void *), GFP_KERNEL);
	m.hlongs = kvcalloc(MIX_TOTAL / MIX_LONG_EVERY, sizeof(mpool_handle_t), GFP_KERNEL);
	if (!f || !c || !m.window || !m.hwindow || !m.longs || !m.hlongs) {
		emit_error("mem", "mixed", "all", "no memory for the churn", -ENOMEM);
		goto out;
	}
	for (r = 0; r < MIX_RUNS && !ret; r++) {
		for (p = 0; p < MIX_PEERS && !ret; p++) {
			u64 before = slab_bytes();

			if (p == 1)
				m.bp = mpool_buf_create("bench_mixed", &(struct mpool_buf_config){
					.node = NUMA_NO_NODE });
			if (p == 2)
				m.mp = mpool_m_create(&mcfg);
			if (IS_ERR(m.bp) || IS_ERR(m.mp)) {
				ret = IS_ERR(m.bp) ? PTR_ERR(m.bp) : PTR_ERR(m.mp);
				emit_error("mem", "mixed", mix_peers[p], "create", ret);
				m.bp = NULL;
				m.mp = NULL;
				break;
			}
			ret = mix_run(&m, p, &f->live[p][r]);
			if (ret)
				emit_error("mem", "mixed", mix_peers[p], "the churn", ret);
			f->held[p][r] = ret ? 0 : mix_held(&m, p, before);
			f->ppm[p][r] = f->live[p][r] ?
				div64_u64(f->held[p][r] * 1000000, f->live[p][r]) : 0;
			if (!ret && p == 2 && r == 0) {
				/* A hot object: map+unmap where the churn left the pool. */
				c->priv = m.mp;
				c->handle = m.hlongs[0];
				run_single("managed", "map_unmap", "managed", map_unmap, c, 1);
			}
			if (!ret)
				mix_free_longs(&m, p);
			mpool_buf_destroy(m.bp);
			mpool_m_destroy(m.mp);
			m.bp = NULL;
			m.mp = NULL;
			cond_resched();
		}
	}
	if (!ret) {
		for (p = 0; p < MIX_PEERS; p++) {
			emit_values("mem", "mixed", mix_peers[p], "held_per_live_ppm", f->ppm[p],
				    MIX_RUNS);
			emit_values("mem", "mixed", mix_peers[p], "held_bytes", f->held[p],
				    MIX_RUNS);
			emit_values("mem", "mixed", mix_peers[p], "live_bytes", f->live[p],
				    MIX_RUNS);
		}
	}
out:
	kvfree(m.window);
	kvfree(m.hwindow);
	kvfree(m.longs);
	kvfree(m.hlongs);
	kfree(c);
	kfree(f);
}

/* ---- the cold tier ----------------------------------------------------------------- */

/*
 * A log server's archive in a managed pool with a cold tier: one object per line of a
 * real log (tests/bench/corpus/dpkg.log, 723 lines of dpkg's own log), promoted to
 * the old generation, then compressed as the cold tier does (mpool_m_compress(): the
 * lines packed in blocks of about 4 KiB, LZ4) and mapped back. Per run:
 *   ratio_x100      original bytes / bytes stored (block headers, class rounding), of
 *                   what was compressed (a block that saves too little stays hot)
 *   per_entry       the same had LZ4 compressed each line alone (for comparison)
 *   compress_mb_s   bytes of lines per second of mpool_m_compress()
 *   decompress_mb_s bytes of lines per second of a pass that maps every line once
 *                   (the first map of each block decompresses it)
 *   cold_map p50_ns/p99_ns  one map of a cold line, each timed alone (COLD_PASSES
 *                   compress-and-map passes per run: a few hundred maps)
 * and side by side, map+unmap of a hot object in a pool without and with a cold tier.
 */
#include "mpool_bench_corpus.h"

#define COLD_MAX_LINES		2048
#define COLD_PASSES		12

struct cold_bench {
	struct mpool_m_pool *mp;
	mpool_handle_t *h;
	u32 *len;
	unsigned int lines;
	u64 bytes;
	u64 *samples;
	unsigned int nr_samples;
};

static int cold_archive(struct cold_bench *cb)
{
	const char *p = mpool_bench_corpus, *end = p + sizeof(mpool_bench_corpus);

	while (p < end && cb->lines < COLD_MAX_LINES) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? nl - p + 1 : end - p;
		mpool_handle_t h = mpool_h_alloc(cb->mp, n, GFP_KERNEL, 0);
		void *obj;

		if (!h)
			return -ENOMEM;
		obj = mpool_h_map(cb->mp, h);
		if (IS_ERR(obj))
			return PTR_ERR(obj);
		memcpy(obj, p, n);
		mpool_h_unmap(cb->mp, h);
		cb->h[cb->lines] = h;
		cb->len[cb->lines++] = n;
		cb->bytes += n;
		p += n;
	}
	mpool_m_collect(cb->mp, MPOOL_GEN_YOUNG);
	return 0;
}

/* Map every line once, checking it; each map timed alone into cb->samples if it was cold. */
static int cold_pass(struct cold_bench *cb, struct mpool_m_stats *st, bool sample)
{
	const char *line = mpool_bench_corpus;
	u64 before, t0, ns;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < cb->lines && !ret; i++) {
		void *obj;

		if (sample) {
			mpool_m_get_stats(cb->mp, st);
			before = st->cold.decompressions;
		}
		t0 = ktime_get_ns();
		obj = mpool_h_map(cb->mp, cb->h[i]);
		ns = ktime_get_ns() - t0;
		if (IS_ERR(obj)) {
			ret = PTR_ERR(obj);
			break;
		}
		if (memcmp(obj, line, cb->len[i]))
			ret = -EIO;
		mpool_h_unmap(cb->mp, cb->h[i]);
		line += cb->len[i];
		if (!sample)
			continue;
		mpool_m_get_stats(cb->mp, st);
		if (st->cold.decompressions != before && cb->nr_samples < COLD_MAX_LINES)
			cb->samples[cb->nr_samples++] = ns;
	}
	return ret;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* LZ4 on each line alone: bytes of lines per compressed byte, x100. */
static u64 cold_per_entry_ratio(struct cold_bench *cb)
{
	void *wrk = kvmalloc(LZ4_MEM_COMPRESS, GFP_KERNEL);
	char *out = kmalloc(LZ4_COMPRESSBOUND(256), GFP_KERNEL);
	const char *line = mpool_bench_corpus;
	u64 packed = 0;
	unsigned int i;

	for (i = 0; wrk && out && i < cb->lines; i++) {
		int n = 0;

		if (cb->len[i] <= 256)
			n = LZ4_compress_default(line, out, cb->len[i], LZ4_COMPRESSBOUND(256),
						 wrk);

		packed += n > 0 ? n : cb->len[i];
		line += cb->len[i];
	}
	kvfree(wrk);
	kfree(out);
	return packed ? div64_u64(cb->bytes * 100, packed) : 0;
}

static void wl_cold(void)
{
	const struct mpool_m_config cfg = {
		.name = "bench_cold", .max_size = 1024, .max_handles = COLD_MAX_LINES + 1,
		.node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .no_worker = true, .cold_tier = true },
	};
	const struct mpool_m_config hot_cfg = {
		.name = "bench_hot", .max_size = 1024, .max_handles = 4, .node = NUMA_NO_NODE,
		.policy = { .no_worker = true },
	};
	struct cold_figures {
		u64 ratio[BENCH_MAX_RUNS], comp[BENCH_MAX_RUNS], decomp[BENCH_MAX_RUNS];
		u64 p50[BENCH_MAX_RUNS], p99[BENCH_MAX_RUNS], alone[BENCH_MAX_RUNS];
	} *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct mpool_m_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);
	struct bench_ctx *hc = kzalloc(2 * sizeof(*hc), GFP_KERNEL);
	struct mpool_m_pool *hot = NULL;
	struct cold_bench cb = { };
	struct side *sd = NULL;
	unsigned int r, k;
	u64 t0, ns;
	int ret = -ENOMEM;
	s64 done;

	cb.h = kvcalloc(COLD_MAX_LINES, sizeof(*cb.h), GFP_KERNEL);
	cb.len = kvcalloc(COLD_MAX_LINES, sizeof(*cb.len), GFP_KERNEL);
	cb.samples = kvcalloc(COLD_MAX_LINES, sizeof(*cb.samples), GFP_KERNEL);
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!f || !st || !hc || !cb.h || !cb.len || !cb.samples || !sd)
		goto out;
	cb.mp = mpool_m_create(&cfg);
	if (IS_ERR(cb.mp)) {
		ret = PTR_ERR(cb.mp);
		cb.mp = NULL;
		goto out;
	}
	ret = cold_archive(&cb);
	for (r = 0; r < runs && !ret; r++) {
		t0 = ktime_get_ns();
		done = mpool_m_compress(cb.mp, 0);
		ns = ktime_get_ns() - t0;
		if (done <= 0) {
			ret = done ?: -EAGAIN;
			break;
		}
		mpool_m_get_stats(cb.mp, st);
		f->ratio[r] = mpool_m_cold_ratio_x100(&st->cold);
		f->comp[r] = div64_u64(done * 1000, max_t(u64, ns, 1));
		t0 = ktime_get_ns();
		ret = cold_pass(&cb, st, false);
		ns = ktime_get_ns() - t0;
		f->decomp[r] = div64_u64(done * 1000, max_t(u64, ns, 1));
		cb.nr_samples = 0;
		for (k = 0; k < COLD_PASSES && !ret; k++) {
			done = mpool_m_compress(cb.mp, 0);
			ret = done > 0 ? cold_pass(&cb, st, true) : done ?: -EAGAIN;
		}
		if (ret || !cb.nr_samples)
			break;
		sort(cb.samples, cb.nr_samples, sizeof(*cb.samples), cmp_u64, NULL);
		f->p50[r] = cb.samples[cb.nr_samples / 2];
		f->p99[r] = cb.samples[min(cb.nr_samples - 1, cb.nr_samples * 99 / 100)];
		f->alone[r] = cold_per_entry_ratio(&cb);
		cond_resched();
	}
	if (ret)
		goto out;
	emit("I cold_lines %u\n", cb.lines);
	emit("I cold_bytes %llu\n", cb.bytes);
	emit("I cold_map_samples %u\n", cb.nr_samples);
	emit_values("cold", "archive", "managed_cold", "ratio_x100", f->ratio, runs);
	emit_values("cold", "archive", "lz4_per_entry", "ratio_x100", f->alone, runs);
	emit_values("cold", "compress", "managed_cold", "mb_s", f->comp, runs);
	emit_values("cold", "decompress", "managed_cold", "mb_s", f->decomp, runs);
	emit_values("cold", "cold_map", "managed_cold", "p50_ns", f->p50, runs);
	emit_values("cold", "cold_map", "managed_cold", "p99_ns", f->p99, runs);

	/* A hot object, in a pool without and with a cold tier, side by side. */
	hot = mpool_m_create(&hot_cfg);
	if (IS_ERR(hot)) {
		ret = PTR_ERR(hot);
		hot = NULL;
		goto out;
	}
	hc[0].priv = hot;
	hc[0].handle = mpool_h_alloc(hot, 64, GFP_KERNEL, 0);
	hc[1].priv = cb.mp;
	hc[1].handle = mpool_h_alloc(cb.mp, 64, GFP_KERNEL, MPOOL_H_NOCOMPRESS);
	if (!hc[0].handle || !hc[1].handle) {
		ret = -ENOMEM;
		goto out;
	}
	*sd = (struct side){ .wl = "cold", .var = "hot_map_unmap", .time = timed };
	side_add(sd, "managed", map_unmap, &hc[0], 1);
	side_add(sd, "managed_cold", map_unmap, &hc[1], 1);
	side_run(sd);
out:
	if (ret)
		emit_error("cold", "archive", "managed_cold", "the cold tier's run", ret);
	mpool_m_destroy(hot);
	mpool_m_destroy(cb.mp);
	kvfree(cb.h);
	kvfree(cb.len);
	kvfree(cb.samples);
	kfree(sd);
	kfree(hc);
	kfree(st);
	kfree(f);
}

static void wl_mems(void)
{
	wl_mem(64);
	wl_mem(200);
	wl_mixed();
}

static void wl_scales(void)
{
	wl_scale(false);
	wl_scale(true);
}

static int __init mpool_bench_init(void)
{
	u64 t0 = ktime_get_ns();

	if (runs < 5 || runs > BENCH_MAX_RUNS || !run_ms) {
		pr_err("runs must be 5 to %d, run_ms above 0\n", BENCH_MAX_RUNS);
		return -EINVAL;
	}
	out_buf = vzalloc(OUT_CAP);
	if (!out_buf)
		return -ENOMEM;
	emit_facts();
	run_workload("floor", wl_floor);
	run_workload("hot", wl_hot);
	run_workload("burst", wl_burst);
	run_workload("bulk", wl_bulks);
	run_workload("ctor", wl_ctor);
	run_workload("bufmix", wl_bufmix);
	run_workload("mem", wl_mems);
	run_workload("cold", wl_cold);
	run_workload("xcpu", wl_xcpu);
	run_workload("scale", wl_scales);
	emit("I elapsed_ms %llu\n", div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC));
	emit("I status %s\n", bench_failed ? "failed" : "ok");

	out_blob.data = out_buf;
	out_blob.size = out_len;
	out_dir = debugfs_create_dir("mpool_bench", NULL);
	debugfs_create_blob("results", 0444, out_dir, &out_blob);
	return 0;
}

static void __exit mpool_bench_exit(void)
{
	debugfs_remove(out_dir);
	vfree(out_buf);
}

module_init(mpool_bench_init);
module_exit(mpool_bench_exit);
MODULE_DESCRIPTION("mpool against kmem_cache, kmalloc, mempool_t and objpool");
MODULE_LICENSE("GPL");
