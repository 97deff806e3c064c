// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_stress: every CPU at once, modelled on lib/test_objpool.c. One kthread per
 * online CPU, bound to it and released together through a start gate, hammers one
 * pool: handing objects across nodes to be freed there, freeing from hard interrupt
 * context, using it from process, softirq and hard irq context at once while a CPU
 * goes offline and online, or churning while another thread shrinks and resizes the
 * pool under it;
 * or one buffer pool, handing buffers of mixed sizes (oversize ones among them) across
 * nodes; or buffer pools destroyed with oversize buffers in use while another pool's
 * classes grow slabs on the pages those buffers had; or a managed pool's objects
 * checked across the moves of its collector, and across the compressions and
 * decompressions of its cold tier.
 *
 * Every object carries an in-use marker, set with cmpxchg() when it is handed out and
 * cleared before it is freed, so an object handed out twice (or freed while idle) is
 * caught at once rather than by a corruption later. Such an object is counted and
 * then left alone, so that one bug is reported, not a cascade of double frees.
 * Buffers carry a stamp besides (who, which request, how big), checked before they
 * are freed: a buffer that overlaps another, or is shared, shows there.
 * Each case ends with exact accounting from mpool_get_stats() against the threads'
 * own counts, and with a shrink that must give every slab back: an object lost
 * anywhere in the caches would keep its slab.
 *
 * Sized for the debug VM (QEMU TCG with KASAN and lockdep): thousands of operations
 * per CPU, a few seconds per case.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/debug_locks.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/topology.h>

#include "pool.h"
#include "pool_test.h"

#define STRESS_IDLE	0x1d1e1d1eUL
#define STRESS_BUSY	0xb5ecb5ecUL

struct stress_obj {
	unsigned long state;	/* STRESS_IDLE or STRESS_BUSY */
	int cpu;		/* who allocated it */
	u32 seq;
	u8 payload[48];
};

/* Objects move between CPUs through rings this big. */
#define RING		32
/* Objects a consumer takes out of its ring at once. */
#define BATCH		8
/*
 * A case that runs longer than this is stuck: its threads are told to give up. The
 * managed cases took up to 55 s of a debug guest under TCG on a loaded host.
 */
#define STRESS_TIMEOUT	(120 * HZ)

struct stress;

struct stress_worker {
	struct stress *s;
	struct task_struct *task;
	int cpu;
	struct stress_worker *peer;	/* consumes what this one produces */

	spinlock_t lock;		/* ring, count, head, producer_done; irqsave */
	void *ring[RING];
	unsigned int head;
	unsigned int count;
	bool producer_done;

	/* Process context, this worker's thread only. */
	u64 allocs;
	u64 frees;
	u64 nulls;

	/* Softirq context, this worker's timer only (every_context_while_a_cpu_goes). */
	struct timer_list soft;
	bool soft_armed;
	u64 soft_allocs;
	u64 soft_frees;
	u64 soft_nulls;

	/* Hard irq context, this CPU's timer only (irq_frees_into_irqsafe_pool). */
	struct hrtimer timer;
	bool armed;
	bool ticked;
	struct completion first_tick;
	u64 irq_allocs;
	u64 irq_frees;
	u64 irq_nulls;
};

struct stress {
	struct kunit *test;
	struct mpool *pool;
	unsigned int ops;		/* allocations each thread makes */
	void (*setup)(struct stress_worker *w);	/* on the worker's CPU, before the gate */
	void (*body)(struct stress_worker *w);
	void *priv;

	unsigned int nr;
	struct stress_worker *w;
	atomic_t setting_up;
	struct completion set_up;
	struct completion start;	/* the gate */
	atomic_t running;
	struct completion done;
	unsigned int rounds;		/* READ_ONCE: reconfigurations done so far */
	bool abort;			/* READ_ONCE: threads give up */
	bool stop;			/* READ_ONCE: timers stop */

	atomic_t dups;			/* handed out while in use */
	atomic_t idle_frees;		/* freed while not in use */
	atomic_t no_tick;		/* timers that never fired */
};

static int stress_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct stress_obj *o = obj;

	o->state = STRESS_IDLE;
	return 0;
}

/*
 * Claim an object just handed out: false if it was already in use. Such an object
 * is counted and dropped (never freed), so one bug does not become a double free.
 */
static bool stress_claim(struct stress *s, struct stress_obj *o)
{
	if (cmpxchg(&o->state, STRESS_IDLE, STRESS_BUSY) != STRESS_IDLE) {
		atomic_inc(&s->dups);
		return false;
	}
	/* Write to it as a user would: KASAN checks the object is really ours. */
	o->cpu = raw_smp_processor_id();
	memset(o->payload, o->cpu, sizeof(o->payload));
	return true;
}

/* Release the claim; false (and no free) if the object was not in use. */
static bool stress_release(struct stress *s, struct stress_obj *o)
{
	if (cmpxchg(&o->state, STRESS_BUSY, STRESS_IDLE) == STRESS_BUSY)
		return true;
	atomic_inc(&s->idle_frees);
	return false;
}

static bool stress_put(struct stress *s, struct stress_obj *o)
{
	if (!stress_release(s, o))
		return false;
	mpool_free(s->pool, o);
	return true;
}

/* ---- rings ---- */

static bool ring_push(struct stress_worker *w, void *obj)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&w->lock, flags);
	ok = w->count < RING;
	if (ok)
		w->ring[(w->head + w->count++) % RING] = obj;
	spin_unlock_irqrestore(&w->lock, flags);
	return ok;
}

static unsigned int ring_pop(struct stress_worker *w, void **objs, unsigned int max)
{
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&w->lock, flags);
	while (n < max && w->count) {
		objs[n++] = w->ring[w->head];
		w->head = (w->head + 1) % RING;
		w->count--;
	}
	spin_unlock_irqrestore(&w->lock, flags);
	return n;
}

/* ---- threads ---- */

static int stress_thread(void *arg)
{
	struct stress_worker *w = arg;
	struct stress *s = w->s;

	if (s->setup)
		s->setup(w);
	if (atomic_dec_and_test(&s->setting_up))
		complete(&s->set_up);
	wait_for_completion(&s->start);
	if (!READ_ONCE(s->abort))
		s->body(w);
	if (atomic_dec_and_test(&s->running))
		complete(&s->done);
	/* Stay until kthread_stop(): the test still reads this worker's task. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/*
 * One worker per online CPU, ordered node by node, each paired with the worker half
 * way round: with CPUs 0-1 on node 0 and 2-3 on node 1, 0 feeds 2, 1 feeds 3, 2
 * feeds 0 and 3 feeds 1, so every hand-over crosses nodes.
 */
static void stress_init(struct kunit *test, struct stress *s, struct mpool *pool,
			unsigned int ops)
{
	unsigned int i = 0;
	int nid, cpu;

	s->test = test;
	s->pool = pool;
	s->ops = ops;
	s->w = kunit_kcalloc(test, num_online_cpus(), sizeof(*s->w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->w);
	for_each_node(nid) {
		for_each_cpu(cpu, cpumask_of_node(nid)) {
			if (cpu_online(cpu) && i < num_online_cpus())
				s->w[i++].cpu = cpu;
		}
	}
	s->nr = i;
	KUNIT_ASSERT_GT(test, s->nr, 0);
	for (i = 0; i < s->nr; i++) {
		struct stress_worker *w = &s->w[i];

		w->s = s;
		w->peer = &s->w[(i + s->nr / 2) % s->nr];
		spin_lock_init(&w->lock);
		init_completion(&w->first_tick);
	}
	init_completion(&s->set_up);
	init_completion(&s->start);
	init_completion(&s->done);
}

/* Workers whose peer is on another node. */
static unsigned int stress_crossings(struct stress *s)
{
	unsigned int i, n = 0;

	for (i = 0; i < s->nr; i++)
		n += cpu_to_mem(s->w[i].cpu) != cpu_to_mem(s->w[i].peer->cpu);
	return n;
}

/*
 * Start a thread on every worker's CPU, let all of them finish their setup, then
 * open the gate. Returns false (everything already told to stop) if a thread could
 * not be created.
 */
static bool stress_start(struct stress *s)
{
	unsigned int i;
	bool ok = true;

	atomic_set(&s->setting_up, 1);
	atomic_set(&s->running, 1);
	for (i = 0; i < s->nr; i++) {
		struct stress_worker *w = &s->w[i];
		struct task_struct *t;

		t = kthread_create_on_node(stress_thread, w, cpu_to_node(w->cpu),
					   "mpool_stress/%d", w->cpu);
		if (IS_ERR(t)) {
			ok = false;
			break;
		}
		w->task = t;
		kthread_bind(t, w->cpu);
		atomic_inc(&s->setting_up);
		atomic_inc(&s->running);
		wake_up_process(t);
	}
	if (atomic_dec_and_test(&s->setting_up))
		complete(&s->set_up);
	wait_for_completion(&s->set_up);
	if (!ok)
		WRITE_ONCE(s->abort, true);
	if (atomic_dec_and_test(&s->running))
		complete(&s->done);
	complete_all(&s->start);
	return ok;
}

/*
 * Wait for every thread to finish its body, calling @meanwhile (if any) in between.
 * Returns false if they had to be told to give up.
 */
static bool stress_wait(struct stress *s, void (*meanwhile)(struct stress *s, unsigned int n))
{
	unsigned long deadline = jiffies + STRESS_TIMEOUT;
	unsigned int n = 0;
	bool ok = true;

	while (!wait_for_completion_timeout(&s->done, meanwhile ? 1 : HZ)) {
		if (time_after(jiffies, deadline)) {
			WRITE_ONCE(s->abort, true);
			ok = false;
			wait_for_completion(&s->done);
			break;
		}
		if (meanwhile)
			meanwhile(s, n++);
	}
	return ok;
}

static void stress_stop_threads(struct stress *s)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++) {
		if (s->w[i].task)
			kthread_stop(s->w[i].task);
	}
}

/* Free what is still in the rings (the test thread, process context). */
static u64 stress_drain_rings(struct stress *s)
{
	void *objs[BATCH];
	unsigned int i, n, k;
	u64 freed = 0;

	for (i = 0; i < s->nr; i++) {
		while ((n = ring_pop(&s->w[i], objs, BATCH))) {
			for (k = 0; k < n; k++)
				freed += stress_put(s, objs[k]);
		}
	}
	return freed;
}

/*
 * End a run that has timers: stop them re-arming, wait for the last ticks, stop the
 * threads, then free what the rings still hold. Returns how many that freed.
 */
static u64 stress_stop_all(struct stress *s)
{
	unsigned int i;

	WRITE_ONCE(s->stop, true);
	for (i = 0; i < s->nr; i++) {
		if (s->w[i].soft_armed)
			timer_shutdown_sync(&s->w[i].soft);
		if (s->w[i].armed)
			hrtimer_cancel(&s->w[i].timer);
	}
	stress_stop_threads(s);
	return stress_drain_rings(s);
}

static void stress_expect_clean(struct kunit *test, struct stress *s)
{
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&s->dups), 0, "objects handed out twice");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&s->idle_frees), 0,
			    "objects not in use when freed");
}

/* Every object back in its slab: a shrink releases them all. */
static void stress_expect_nothing_lost(struct kunit *test, struct mpool *pool)
{
	struct mpool_stats st;

	mpool_shrink(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.live, 0);
	KUNIT_EXPECT_EQ(test, st.reserve, 0);
	KUNIT_EXPECT_EQ_MSG(test, st.objects, 0, "objects missing from their slabs");
	KUNIT_EXPECT_EQ(test, st.slabs, 0);
	KUNIT_EXPECT_EQ(test, st.slabs_released, st.slabs_grown);
}

static struct mpool *stress_pool(struct kunit *test, const char *name, unsigned int flags,
				 unsigned int min_objects)
{
	struct mpool_config cfg = {
		.name = name, .size = sizeof(struct stress_obj), .flags = flags,
		.ctor = stress_ctor, .min_objects = min_objects, .node = NUMA_NO_NODE,
	};

	return mpool_test_create(test, &cfg);
}

/* ---- producers and consumers across nodes ---- */

#define XCPU_OPS	4000

static void produce_consume(struct stress_worker *w)
{
	struct stress *s = w->s;
	unsigned int made = 0, n, i;
	void *objs[BATCH];
	bool drained = false;

	while (!READ_ONCE(s->abort) && !(made == s->ops && drained)) {
		bool done;

		/* Only this thread fills the peer's ring: room seen is room kept. */
		if (made < s->ops && READ_ONCE(w->peer->count) < RING) {
			struct stress_obj *o = mpool_alloc(s->pool, GFP_KERNEL);

			made++;
			if (!o) {
				w->nulls++;
			} else {
				w->allocs++;
				if (stress_claim(s, o)) {
					o->seq = made;
					if (!ring_push(w->peer, o))
						w->frees += stress_put(s, o);
				}
			}
			if (made == s->ops)	/* after every push: pairs with the acquire below */
				smp_store_release(&w->peer->producer_done, true);
		}
		/* Seen done, the producer's last push is visible: pairs with the release. */
		done = smp_load_acquire(&w->producer_done);
		n = ring_pop(w, objs, BATCH);
		for (i = 0; i < n; i++)
			w->frees += stress_put(s, objs[i]);
		drained = done && !n && !READ_ONCE(w->count);
		cond_resched();
	}
}

static void cross_cpu_producer_consumer(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct mpool *pool = stress_pool(test, "stress_xcpu", 0, 0);
	u64 allocs = 0, frees = 0, nulls = 0;
	struct mpool_stats st;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	stress_init(test, s, pool, XCPU_OPS);
	s->body = produce_consume;
	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, NULL), "threads stuck");
	stress_stop_threads(s);
	frees += stress_drain_rings(s);

	for (i = 0; i < s->nr; i++) {
		allocs += s->w[i].allocs;
		frees += s->w[i].frees;
		nulls += s->w[i].nulls;
	}
	stress_expect_clean(test, s);
	KUNIT_EXPECT_EQ(test, nulls, 0);
	KUNIT_EXPECT_EQ(test, allocs, (u64)s->nr * XCPU_OPS);
	KUNIT_EXPECT_EQ(test, frees, allocs);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), allocs);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), frees);
	KUNIT_EXPECT_EQ(test, st.alloc_fail + st.alloc_capped, 0);
	KUNIT_EXPECT_EQ(test, st.live, 0);
	KUNIT_EXPECT_EQ(test, st.objects, st.cached);
	/* Every object crossed to another node to be freed: each went home. */
	if (stress_crossings(s) == s->nr)
		KUNIT_EXPECT_EQ(test, st.free_remote, frees);
	else if (stress_crossings(s))
		KUNIT_EXPECT_GT(test, st.free_remote, 0);
	mpool_test_expect_live(test, pool, 0);
	stress_expect_nothing_lost(test, pool);
}

/* ---- frees (and a few allocations) in hard interrupt context ---- */

#define IRQ_OPS		3000
#define IRQ_PERIOD_NS	(500 * NSEC_PER_USEC)
/* Per timer tick: objects freed from the CPU's ring, objects allocated GFP_ATOMIC. */
#define IRQ_FREES	16
#define IRQ_ALLOCS	2

static enum hrtimer_restart irq_tick(struct hrtimer *t)
{
	struct stress_worker *w = container_of(t, struct stress_worker, timer);
	struct stress *s = w->s;
	void *objs[IRQ_FREES];
	unsigned int n, i;

	n = ring_pop(w, objs, IRQ_FREES);
	for (i = 0; i < n; i++)
		w->irq_frees += stress_put(s, objs[i]);
	for (i = 0; i < IRQ_ALLOCS; i++) {
		struct stress_obj *o = mpool_alloc(s->pool, GFP_ATOMIC);

		if (!o) {
			w->irq_nulls++;
			continue;
		}
		w->irq_allocs++;
		/* Freed by a later tick, or now if the ring is full. */
		if (stress_claim(s, o) && !ring_push(w, o))
			w->irq_frees += stress_put(s, o);
	}
	if (!w->ticked) {
		w->ticked = true;
		complete(&w->first_tick);
	}
	if (READ_ONCE(s->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(IRQ_PERIOD_NS));
	return HRTIMER_RESTART;
}

/*
 * Arm this CPU's timer and wait for its first tick, before the gate opens: the pool
 * is still empty then, so the first GFP_ATOMIC allocations grow slabs from hard irq.
 */
static void irq_setup(struct stress_worker *w)
{
	hrtimer_init(&w->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	w->timer.function = irq_tick;
	w->armed = true;
	hrtimer_start(&w->timer, ns_to_ktime(IRQ_PERIOD_NS), HRTIMER_MODE_REL_PINNED_HARD);
	if (!wait_for_completion_timeout(&w->first_tick, HZ))
		atomic_inc(&w->s->no_tick);
}

/* Allocate and queue for the peer CPU's timer to free; wait while its ring is full. */
static void irq_feed(struct stress_worker *w)
{
	struct stress *s = w->s;
	unsigned int i;

	for (i = 0; i < s->ops && !READ_ONCE(s->abort); i++) {
		struct stress_obj *o = mpool_alloc(s->pool, GFP_KERNEL);

		if (!o) {
			w->nulls++;
			continue;
		}
		w->allocs++;
		if (!stress_claim(s, o))
			continue;
		o->seq = i;
		while (!ring_push(w->peer, o)) {
			if (READ_ONCE(s->abort)) {
				w->frees += stress_put(s, o);
				return;
			}
			usleep_range(200, 400);
		}
	}
}

static void irq_frees_into_irqsafe_pool(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct mpool *pool = stress_pool(test, "stress_irq", MPOOL_F_IRQSAFE, 0);
	u64 allocs = 0, frees = 0, nulls = 0, irq_allocs = 0, irq_frees = 0;
	int lockdep_was_on = debug_locks;
	struct mpool_stats st;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	stress_init(test, s, pool, IRQ_OPS);
	s->setup = irq_setup;
	s->body = irq_feed;
	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, NULL), "threads stuck");

	frees += stress_stop_all(s);

	for (i = 0; i < s->nr; i++) {
		struct stress_worker *w = &s->w[i];

		allocs += w->allocs;
		frees += w->frees;
		nulls += w->nulls + w->irq_nulls;
		irq_allocs += w->irq_allocs;
		irq_frees += w->irq_frees;
	}
	stress_expect_clean(test, s);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->no_tick), 0);
	KUNIT_EXPECT_EQ(test, allocs, (u64)s->nr * IRQ_OPS);
	KUNIT_EXPECT_GT(test, irq_allocs, 0);
	KUNIT_EXPECT_GT(test, irq_frees, 0);
	KUNIT_EXPECT_EQ(test, frees + irq_frees, allocs + irq_allocs);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), allocs + irq_allocs);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), frees + irq_frees);
	KUNIT_EXPECT_EQ(test, st.alloc_fail + st.alloc_capped, nulls);
	if (stress_crossings(s))
		KUNIT_EXPECT_GT(test, st.free_remote, 0);
	mpool_test_expect_live(test, pool, 0);
	stress_expect_nothing_lost(test, pool);
	kunit_info(test, "%llu objects freed in hard irq, %llu allocated there\n", irq_frees,
		   irq_allocs);

	/* An IRQ-safe pool takes no lock in hard irq that it also takes with irqs on. */
	if (lockdep_was_on)
		KUNIT_EXPECT_TRUE_MSG(test, debug_locks,
				      "lockdep reported a problem (see the console) and turned off");
}

/* ---- every context on every CPU while a CPU goes offline and comes back ---- */

#define HOTPLUG_OPS	3000
/* Offline/online cycles of one CPU while the workers run. */
#define HOTPLUG_CYCLES	2
/* Per softirq tick: objects allocated GFP_ATOMIC, objects freed from the ring. */
#define SOFT_ALLOCS	4
#define SOFT_FREES	4

struct hotplug_run {
	int victim;			/* the CPU that goes offline and online */
	unsigned int cycles;
	bool cycled;			/* READ_ONCE: all cycles done, the workers may stop */
	int offline_ret;		/* first failure of remove_cpu(), or 0 */
	int online_ret;			/* first failure of add_cpu(), or 0 */
	unsigned long stranded;		/* objects in the victim's magazines while offline */
	unsigned long cached_before;	/* objects in them just before it went */
};

/* Softirq (a timer_list): allocate, hand some to the thread, free some of its ring. */
static void soft_tick(struct timer_list *t)
{
	struct stress_worker *w = from_timer(w, t, soft);
	struct stress *s = w->s;
	void *objs[SOFT_FREES];
	unsigned int n, i;

	for (i = 0; i < SOFT_ALLOCS; i++) {
		struct stress_obj *o = mpool_alloc(s->pool, GFP_ATOMIC);

		if (!o) {
			w->soft_nulls++;
			continue;
		}
		w->soft_allocs++;
		if (stress_claim(s, o) && (i % 2 || !ring_push(w, o)))
			w->soft_frees += stress_put(s, o);
	}
	n = ring_pop(w, objs, SOFT_FREES);
	for (i = 0; i < n; i++)
		w->soft_frees += stress_put(s, objs[i]);
	if (!READ_ONCE(s->stop))
		mod_timer(&w->soft, jiffies + 1);
}

/* Hard irq (irq_setup()) and softirq ticks on this worker's CPU. */
static void every_context_setup(struct stress_worker *w)
{
	timer_setup(&w->soft, soft_tick, TIMER_PINNED);
	w->soft_armed = true;
	mod_timer(&w->soft, jiffies + 1);
	irq_setup(w);
}

static unsigned long cached_in(struct mpool_cpu *pc)
{
	return (pc->loaded ? pc->loaded->count : 0) + (pc->previous ? pc->previous->count : 0);
}

/*
 * From the test thread, at each poll while the workers run: take the victim CPU
 * offline, check that its magazines were given back (nothing may stay stranded on a
 * CPU that is gone), and bring it back; HOTPLUG_CYCLES times, then let the workers
 * stop.
 */
static void hotplug_cycle(struct stress *s, unsigned int n)
{
	struct hotplug_run *h = s->priv;
	struct mpool_cpu *pc = per_cpu_ptr(s->pool->cpu, h->victim);
	int ret;

	if (h->cycles == HOTPLUG_CYCLES)
		return;
	h->cycles++;
	h->cached_before += cached_in(pc);	/* racy, and only a hint: it is running */
	ret = remove_cpu(h->victim);
	if (ret) {
		h->offline_ret = ret;
		WRITE_ONCE(h->cycled, true);
		return;
	}
	h->stranded += cached_in(pc) + !!pc->loaded + !!pc->previous;
	ret = add_cpu(h->victim);
	if (ret)
		h->online_ret = h->online_ret ?: ret;
	if (h->cycles == HOTPLUG_CYCLES || h->offline_ret || h->online_ret)
		WRITE_ONCE(h->cycled, true);
}

/*
 * The cross-node hand-over, then alloc+free churn on the worker's CPU (wherever the
 * hotplug moved it) until every cycle is done, so the CPU always goes with objects
 * cached and contexts running.
 */
static void hotplug_body(struct stress_worker *w)
{
	struct stress *s = w->s;
	struct hotplug_run *h = s->priv;

	produce_consume(w);
	while (!READ_ONCE(h->cycled) && !READ_ONCE(s->abort)) {
		struct stress_obj *o = mpool_alloc(s->pool, GFP_KERNEL);

		if (!o) {
			w->nulls++;
			continue;
		}
		w->allocs++;
		if (stress_claim(s, o))
			w->frees += stress_put(s, o);
		cond_resched();
	}
}

/*
 * One IRQ-safe pool used at once from process context (threads handing objects across
 * nodes), softirq (a timer on every CPU) and hard irq (an hrtimer on every CPU), while
 * one CPU goes offline and online twice: its magazines go back when it is dead, the
 * timers and threads it had move elsewhere and carry on, and at the end every object
 * any context allocated was freed exactly once and the pool counted exactly that.
 */
static void every_context_while_a_cpu_goes(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct hotplug_run *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct mpool *pool = stress_pool(test, "stress_hotplug", MPOOL_F_IRQSAFE, 0);
	u64 allocs = 0, frees = 0, nulls = 0;
	struct mpool_stats st;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, h);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	stress_init(test, s, pool, HOTPLUG_OPS);
	/* The last worker's CPU: not the boot CPU, which may refuse to go. */
	h->victim = s->w[s->nr - 1].cpu;
	if (!h->victim)
		kunit_skip(test, "only the boot CPU to take offline");
	s->priv = h;
	s->setup = every_context_setup;
	s->body = hotplug_body;
	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, hotplug_cycle), "threads stuck");

	frees += stress_stop_all(s);

	for (i = 0; i < s->nr; i++) {
		struct stress_worker *w = &s->w[i];

		allocs += w->allocs + w->soft_allocs + w->irq_allocs;
		frees += w->frees + w->soft_frees + w->irq_frees;
		nulls += w->nulls + w->soft_nulls + w->irq_nulls;
	}
	KUNIT_EXPECT_EQ(test, h->offline_ret, 0);
	KUNIT_EXPECT_EQ(test, h->online_ret, 0);
	KUNIT_EXPECT_EQ(test, h->cycles, HOTPLUG_CYCLES);
	KUNIT_EXPECT_EQ_MSG(test, h->stranded, 0,
			    "objects or magazines left on CPU %d while it was offline", h->victim);
	KUNIT_EXPECT_TRUE(test, cpu_online(h->victim));
	stress_expect_clean(test, s);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->no_tick), 0);
	KUNIT_EXPECT_EQ(test, nulls, 0);
	KUNIT_EXPECT_EQ(test, frees, allocs);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), allocs);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), frees);
	KUNIT_EXPECT_EQ(test, st.alloc_fail + st.alloc_capped, 0);
	mpool_test_expect_live(test, pool, 0);
	stress_expect_nothing_lost(test, pool);
	kunit_info(test, "%llu objects over process, softirq and hard irq; CPU %d offline %u times, about %lu objects cached there before\n",
		   allocs, h->victim, h->cycles, h->cached_before);
}

/* ---- churn while the pool is shrunk, resized and re-limited ---- */

#define CHURN_OPS	4000
/* Churning goes on until the pool was reconfigured this often (the race is narrow). */
#define CHURN_ROUNDS	32
/* Objects a churning thread holds at most. */
#define HOLD		48
/* The first reserve sets the reserve's capacity, above every later target + a batch. */
#define CHURN_RESERVE	128

struct churn_log {
	unsigned int rounds;
	unsigned int limits_ok;
	unsigned int limits_busy;
	unsigned int limits_short;	/* -ENOSPC: the reserve could not be filled */
	unsigned int overfilled;	/* reserve above min_objects after mpool_set_limits() */
	u64 worst_reserve;
	unsigned int worst_min;
};

static int churn_far_node(int cpu)
{
	int nid;

	for_each_node_state(nid, N_MEMORY) {
		if (nid != cpu_to_mem(cpu))
			return nid;
	}
	return NUMA_NO_NODE;
}

static void churn_free(struct stress_worker *w, void **held, unsigned int n, bool bulk)
{
	struct stress *s = w->s;
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		if (stress_release(s, held[i]))
			held[k++] = held[i];
	}
	if (bulk) {
		mpool_free_bulk(s->pool, k, held);
	} else {
		for (i = 0; i < k; i++)
			mpool_free(s->pool, held[i]);
	}
	w->frees += k;
}

static void churn(struct stress_worker *w)
{
	int far = churn_far_node(w->cpu);
	struct stress *s = w->s;
	unsigned int made = 0, nheld = 0, round, i, n, k;
	void *held[HOLD];

	for (round = 0; (made < s->ops || READ_ONCE(s->rounds) < CHURN_ROUNDS) &&
	     !READ_ONCE(s->abort); round++) {
		unsigned int want = 1 + round % 12;

		if (nheld + want > HOLD) {
			/* Oldest half first, alternately one by one and in bulk. */
			n = nheld / 2;
			churn_free(w, held, n, round & 1);
			memmove(held, held + n, (nheld - n) * sizeof(*held));
			nheld -= n;
		}
		switch (round % 3) {
		case 0:
			n = mpool_alloc_bulk(s->pool, GFP_KERNEL, want, held + nheld);
			/* A short bulk ends at its first failure, counted once. */
			w->nulls += n < want;
			w->allocs += n;
			for (i = 0, k = nheld; i < n; i++) {
				if (stress_claim(s, held[nheld + i]))
					held[k++] = held[nheld + i];
			}
			nheld = k;
			break;
		default:
			/* Local objects, or another node's (they are freed back home). */
			for (i = 0; i < want; i++) {
				struct stress_obj *o = round % 3 == 1 ?
					mpool_alloc(s->pool, GFP_KERNEL) :
					mpool_alloc_node(s->pool, GFP_KERNEL, far);

				if (!o) {
					w->nulls++;
					continue;
				}
				w->allocs++;
				if (stress_claim(s, o))
					held[nheld++] = o;
			}
			break;
		}
		made += want;
		cond_resched();
	}
	churn_free(w, held, nheld, false);
}

static void reconfigure(struct stress *s, unsigned int n)
{
	static const unsigned int mags[] = { 4, 32, 1, 64 };
	static const unsigned int mins[] = { 0, 32, 96 };
	static const unsigned int maxes[] = { 0, 512 };
	struct churn_log *log = s->priv;
	unsigned int min = mins[n % ARRAY_SIZE(mins)];
	struct mpool *pool = s->pool;
	struct mpool_stats st;
	int ret;

	mpool_shrink(pool);
	KUNIT_EXPECT_EQ(s->test, mpool_set_magazine_size(pool, mags[n % ARRAY_SIZE(mags)]), 0);
	ret = mpool_set_limits(pool, min, maxes[n % ARRAY_SIZE(maxes)]);
	WRITE_ONCE(s->rounds, ++log->rounds);
	if (ret == -EBUSY) {
		log->limits_busy++;
		return;
	}
	if (ret == -ENOSPC)
		log->limits_short++;
	else
		KUNIT_EXPECT_EQ(s->test, ret, 0);
	if (!ret)
		log->limits_ok++;
	/*
	 * Frees refill the reserve only up to min_objects, allocations only take from
	 * it: once mpool_set_limits() returned, it holds no more than that.
	 */
	mpool_get_stats(pool, &st);
	if (st.reserve > min) {
		log->overfilled++;
		if (st.reserve > log->worst_reserve) {
			log->worst_reserve = st.reserve;
			log->worst_min = min;
		}
	}
}

static void resize_and_shrink_under_load(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct churn_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	struct mpool *pool = stress_pool(test, "stress_resize", 0, CHURN_RESERVE);
	u64 allocs = 0, frees = 0, nulls = 0;
	struct mpool_stats st;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, log);
	s->priv = log;
	stress_init(test, s, pool, CHURN_OPS);
	s->body = churn;
	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, reconfigure), "threads stuck");
	stress_stop_threads(s);

	for (i = 0; i < s->nr; i++) {
		allocs += s->w[i].allocs;
		frees += s->w[i].frees;
		nulls += s->w[i].nulls;
	}
	stress_expect_clean(test, s);
	kunit_info(test, "%u reconfigurations: %u ok, %u busy, %u reserve short\n",
		   log->rounds, log->limits_ok, log->limits_busy, log->limits_short);
	KUNIT_EXPECT_GT(test, log->rounds, 0);
	/* Otherwise the overfill check below saw no reconfiguration at all. */
	KUNIT_EXPECT_GT(test, log->limits_ok, 0);
	KUNIT_EXPECT_EQ_MSG(test, log->overfilled, 0,
			    "reserve above min_objects after mpool_set_limits(), worst %llu > %u",
			    log->worst_reserve, log->worst_min);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), allocs);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), frees);
	KUNIT_EXPECT_EQ(test, frees, allocs);
	KUNIT_EXPECT_EQ(test, st.alloc_fail + st.alloc_capped, nulls);
	mpool_test_expect_live(test, pool, 0);

	/* No reserve, no cap: everything must go back to the page allocator. */
	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 0, 0), 0);
	stress_expect_nothing_lost(test, pool);
}

/* ---- the same race, made deterministic ---- */

/* 512-byte objects: eight to a 4 KiB slab. */
#define RACE_SIZE	512
#define RACE_PER_SLAB	8

struct fill_race {
	struct mpool *pool;
	void *held[RACE_PER_SLAB];
	bool armed;			/* the next constructor call waits for the frees */
	bool cancelled;			/* the frees are not wanted after all */
	struct completion in_ctor;
	struct completion freed;
};

/*
 * mpool_reserve_fill() constructs a new slab between reading how short the reserve
 * is and storing what it took. Blocking there (a constructor may sleep under
 * GFP_KERNEL) while another thread frees is the interleaving the stress case hits
 * by chance.
 */
static int race_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct fill_race *r = priv;

	stress_ctor(obj, NULL, gfp);
	if (r->armed) {
		r->armed = false;
		complete(&r->in_ctor);
		wait_for_completion(&r->freed);
	}
	return 0;
}

static int race_free_thread(void *arg)
{
	struct fill_race *r = arg;
	unsigned int i;

	wait_for_completion(&r->in_ctor);
	if (!READ_ONCE(r->cancelled)) {
		for (i = 0; i < RACE_PER_SLAB; i++)
			mpool_free(r->pool, r->held[i]);
	}
	/* All: the constructor and the test both wait for it. */
	complete_all(&r->freed);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void reserve_fill_races_with_frees(struct kunit *test)
{
	struct fill_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	/*
	 * The first reserve sets the reserve's capacity to two slabs: room for the
	 * overfill this case provokes, so a fault shows as a count, never as a write
	 * past the array.
	 */
	struct mpool_config cfg = { .name = "stress_fill_race", .size = RACE_SIZE,
				    .ctor = race_ctor, .priv = r,
				    .min_objects = 2 * RACE_PER_SLAB, .node = NUMA_NO_NODE };
	int cpu = raw_smp_processor_id();
	struct task_struct *helper;
	struct mpool_stats st;
	struct mpool *pool;
	unsigned int i;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, r);
	init_completion(&r->in_ctor);
	init_completion(&r->freed);
	/* One CPU: the frees refill the reserve only on the objects' own node. */
	mpool_test_pin(test, cpu);
	pool = mpool_test_create(test, &cfg);
	r->pool = pool;
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ_MSG(test, st.objects, 2 * RACE_PER_SLAB, "stride %llu",
			    st.object_stride);

	/* Empty the node, then hold one whole slab: nothing is cached anywhere. */
	KUNIT_ASSERT_EQ(test, mpool_set_limits(pool, 0, 0), 0);
	mpool_shrink(pool);
	for (i = 0; i < RACE_PER_SLAB; i++) {
		r->held[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, r->held[i]);
	}
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ(test, st.cached, 0);

	helper = kthread_create_on_node(race_free_thread, r, cpu_to_node(cpu), "mpool_race");
	KUNIT_ASSERT_FALSE(test, IS_ERR(helper));
	kthread_bind(helper, cpu);
	wake_up_process(helper);

	/* The fill finds no object, grows a slab, and the frees land meanwhile. */
	r->armed = true;
	ret = mpool_set_limits(pool, RACE_PER_SLAB, 0);
	if (r->armed) {
		/* No constructor ran: let the helper go without freeing. */
		WRITE_ONCE(r->cancelled, true);
		complete(&r->in_ctor);
	}
	wait_for_completion(&r->freed);
	kthread_stop(helper);

	KUNIT_EXPECT_EQ(test, ret, 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.free_reserve, RACE_PER_SLAB);
	KUNIT_EXPECT_LE_MSG(test, st.reserve, st.min_objects,
			    "frees refilled the reserve while mpool_set_limits() filled it");
	mpool_test_expect_live(test, pool, 0);
	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 0, 0), 0);
	stress_expect_nothing_lost(test, pool);
}

/* ---- buffer pools: mixed sizes, every CPU, frees across nodes ---- */

#define BUF_OPS		4000
/* Oversize buffers (2 MiB + 1 and a few pages) per thread: few, the guest is small. */
#define BUF_OVERSIZE	3
/* The default classes, 64 B .. 2 MiB, and one slot more for oversize buffers. */
#define BUF_CLASSES	(ilog2(MPOOL_BUF_MAX_CLASS / MPOOL_BUF_MIN_CLASS) + 1)
#define BUF_OVER	BUF_CLASSES
/* Bytes of a buffer filled with its stamp; beyond, only its last 8 usable bytes. */
#define BUF_FILL_MAX	4096
#define BUF_TAIL	8

#define BUF_IDLE	0x1d1eb0f5UL
#define BUF_BUSY	0xb5ecb0f5UL

/* At the start of every buffer handed out (the smallest class is 64 bytes). */
struct buf_hdr {
	unsigned long state;	/* BUF_BUSY while handed out */
	u32 cpu;		/* who allocated it */
	u32 seq;		/* its request number there */
	size_t size;		/* bytes asked */
	size_t usable;		/* bytes stamped: mpool_buf_size() at allocation */
};

/* What one thread did, per class (and oversize). */
struct buf_counts {
	u64 allocs[BUF_CLASSES + 1];
	u64 frees[BUF_CLASSES + 1];
	u64 asked[BUF_CLASSES + 1];
};

struct buf_stress {
	struct mpool_buf_pool *bp;
	struct buf_counts *counts;	/* one per worker, then the test thread's */
	atomic_t bad_size;		/* mpool_buf_size() not the class (or oversize) size */
	atomic_t misaligned;		/* not aligned to its power-of-two class */
	atomic_t not_zeroed;		/* __GFP_ZERO buffer not zero */
	atomic_t corrupt;		/* stamp changed while handed out: shared with another */
};

static u32 buf_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/*
 * Size of request @i: mostly up to 8 KiB (classes 64 B .. 8 KiB, and 16 KiB just past
 * it), often a class size exactly or one byte more, rarely 64 KiB .. 512 KiB, and
 * BUF_OVERSIZE oversize requests spread over the run.
 */
static size_t buf_pick_size(struct stress *s, u32 *rnd, unsigned int i)
{
	unsigned int every = s->ops / BUF_OVERSIZE;
	u32 r = buf_rand(rnd);

	if (i % every == every / 2 && i / every < BUF_OVERSIZE)
		return MPOOL_BUF_MAX_CLASS + 1 + (r % 4) * PAGE_SIZE;
	switch (r % 64) {
	case 0:
		return SZ_64K + (r >> 6) % (SZ_512K - SZ_64K);
	case 1 ... 8:
		return (MPOOL_BUF_MIN_CLASS << ((r >> 6) % 8)) + ((r >> 9) & 1);
	default:
		return 1 + (r >> 6) % SZ_8K;
	}
}

/* The class a request of @size must get (its size), or 0 for oversize. */
static size_t buf_class_size(size_t size)
{
	if (size > MPOOL_BUF_MAX_CLASS)
		return 0;
	return size <= MPOOL_BUF_MIN_CLASS ? MPOOL_BUF_MIN_CLASS : roundup_pow_of_two(size);
}

static unsigned int buf_slot(size_t size)
{
	size_t class = buf_class_size(size);

	return class ? ilog2(class) - ilog2(MPOOL_BUF_MIN_CLASS) : BUF_OVER;
}

static u8 buf_pattern(const struct buf_hdr *h)
{
	return h->cpu * 64 + h->seq;
}

static u64 buf_tail(const struct buf_hdr *h)
{
	return ((u64)h->cpu << 32 | h->seq) ^ 0x7a11b0f57a11b0f5ULL;
}

static size_t buf_fill_end(const struct buf_hdr *h)
{
	return min_t(size_t, h->usable - BUF_TAIL, BUF_FILL_MAX);
}

/* Allocate request @i of worker @w, check and stamp it; NULL if there is none to pass on. */
static void *buf_get(struct stress_worker *w, int far, u32 *rnd, unsigned int i)
{
	struct stress *s = w->s;
	struct buf_stress *b = s->priv;
	struct buf_counts *c = &b->counts[w - s->w];
	size_t size = buf_pick_size(s, rnd, i), class = buf_class_size(size), usable;
	bool zero = size <= BUF_FILL_MAX && i % 16 == 5;
	gfp_t gfp = GFP_KERNEL | (zero ? __GFP_ZERO : 0);
	unsigned int slot = buf_slot(size);
	struct buf_hdr *h;
	u64 tail;

	/* Now and then another node's memory: it is freed back home, wherever it goes. */
	if (i % 8 == 3 && far != NUMA_NO_NODE)
		h = mpool_buf_alloc_node(b->bp, size, gfp, far);
	else
		h = mpool_buf_alloc(b->bp, size, gfp);
	if (!h) {
		w->nulls++;
		return NULL;
	}
	w->allocs++;
	c->allocs[slot]++;
	c->asked[slot] += size;

	usable = mpool_buf_size(h);
	if (usable != (class ?: size))
		atomic_inc(&b->bad_size);
	if (class && !IS_ALIGNED((unsigned long)h, class))
		atomic_inc(&b->misaligned);
	if (zero && memchr_inv(h, 0, size))
		atomic_inc(&b->not_zeroed);
	/* Dropped, never freed, if someone else holds it: one bug, not a double free. */
	if (xchg(&h->state, BUF_BUSY) == BUF_BUSY) {
		atomic_inc(&s->dups);
		return NULL;
	}
	/* Stamp only what both the pool and the request say is there. */
	h->cpu = w->cpu;
	h->seq = i;
	h->size = size;
	h->usable = min(usable, class ?: size);
	memset(h + 1, buf_pattern(h), buf_fill_end(h) - sizeof(*h));
	tail = buf_tail(h);
	memcpy((u8 *)h + h->usable - BUF_TAIL, &tail, BUF_TAIL);
	return h;
}

/* Check a buffer's stamp and free it, counted in @c; false if it was not freed. */
static bool buf_put(struct stress *s, struct buf_counts *c, void *buf)
{
	struct buf_stress *b = s->priv;
	struct buf_hdr *h = buf;
	size_t size = h->size;
	u64 tail;

	/* A header too broken to trust: leave the buffer alone. */
	if (READ_ONCE(h->state) == BUF_BUSY &&
	    (!size || h->usable < sizeof(*h) + BUF_TAIL ||
	     h->usable != min_t(size_t, mpool_buf_size(h), buf_class_size(size) ?: size))) {
		atomic_inc(&b->corrupt);
		return false;
	}
	if (READ_ONCE(h->state) == BUF_BUSY) {
		memcpy(&tail, (u8 *)h + h->usable - BUF_TAIL, BUF_TAIL);
		if (memchr_inv(h + 1, buf_pattern(h), buf_fill_end(h) - sizeof(*h)) ||
		    tail != buf_tail(h)) {
			atomic_inc(&b->corrupt);
			return false;
		}
	}
	if (cmpxchg(&h->state, BUF_BUSY, BUF_IDLE) != BUF_BUSY) {
		atomic_inc(&s->idle_frees);
		return false;
	}
	mpool_buf_free(b->bp, buf);
	c->frees[buf_slot(size)]++;
	return true;
}

/* As produce_consume(), with buffers of every size. */
static void buf_produce_consume(struct stress_worker *w)
{
	struct stress *s = w->s;
	struct buf_stress *b = s->priv;
	struct buf_counts *c = &b->counts[w - s->w];
	int far = churn_far_node(w->cpu);
	unsigned int made = 0, n, i;
	u32 rnd = 0x9e3779b9 ^ (w->cpu + 1);
	void *objs[BATCH];
	bool drained = false;

	while (!READ_ONCE(s->abort) && !(made == s->ops && drained)) {
		bool done;

		/* Only this thread fills the peer's ring: room seen is room kept. */
		if (made < s->ops && READ_ONCE(w->peer->count) < RING) {
			void *buf = buf_get(w, far, &rnd, made);

			made++;
			if (buf && !ring_push(w->peer, buf))
				w->frees += buf_put(s, c, buf);
			if (made == s->ops)	/* after every push: pairs with the acquire below */
				smp_store_release(&w->peer->producer_done, true);
		}
		/* Seen done, the producer's last push is visible: pairs with the release. */
		done = smp_load_acquire(&w->producer_done);
		n = ring_pop(w, objs, BATCH);
		for (i = 0; i < n; i++)
			w->frees += buf_put(s, c, objs[i]);
		drained = done && !n && !READ_ONCE(w->count);
		cond_resched();
	}
}

static u64 hist_total(const struct mpool_stats *st)
{
	unsigned int i;
	u64 n = 0;

	for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
		n += st->size_hist[i];
	return n;
}

/*
 * One buffer pool (the default classes), a thread on every CPU, each handing what it
 * allocates to a CPU of the other node to check and free: sizes over many classes, a
 * few oversize buffers among them. Every buffer is of its class's size (or exactly
 * the size asked, oversize), aligned to it, zeroed when asked, never handed out twice;
 * and each class counts exactly the allocations, frees, bytes asked and granted the
 * threads made of it, the buffer pool exactly its oversize buffers.
 */
static void buf_mixed_sizes_across_nodes(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct buf_stress *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	const struct mpool_buf_config cfg = { .node = NUMA_NO_NODE };
	u64 allocs = 0, frees = 0, nulls = 0, free_remote = 0;
	struct buf_counts *sum, *drain;
	unsigned int i, k, used = 0;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, st);
	b->bp = mpool_test_buf_create(test, "stress_buf", &cfg);
	KUNIT_ASSERT_EQ(test, mpool_test_buf_nr_classes(b->bp), BUF_CLASSES);
	/* The stress pool's objects are not ours: borrow only its threads and rings. */
	stress_init(test, s, NULL, BUF_OPS);
	s->priv = b;
	s->body = buf_produce_consume;
	/* One set of counts per worker, one for the test thread's drain, one for the sum. */
	b->counts = kunit_kcalloc(test, s->nr + 2, sizeof(*b->counts), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->counts);
	drain = &b->counts[s->nr];
	sum = &b->counts[s->nr + 1];

	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, NULL), "threads stuck");
	stress_stop_threads(s);
	for (i = 0; i < s->nr; i++) {
		void *objs[BATCH];
		unsigned int n;

		while ((n = ring_pop(&s->w[i], objs, BATCH))) {
			for (k = 0; k < n; k++)
				frees += buf_put(s, drain, objs[k]);
		}
	}

	for (i = 0; i <= s->nr; i++) {
		if (i < s->nr) {
			allocs += s->w[i].allocs;
			frees += s->w[i].frees;
			nulls += s->w[i].nulls;
		}
		for (k = 0; k <= BUF_CLASSES; k++) {
			sum->allocs[k] += b->counts[i].allocs[k];
			sum->frees[k] += b->counts[i].frees[k];
			sum->asked[k] += b->counts[i].asked[k];
		}
	}
	stress_expect_clean(test, s);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&b->corrupt), 0,
			    "buffers written by someone else while handed out");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&b->bad_size), 0,
			    "mpool_buf_size() not the class size (oversize: the size asked)");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&b->misaligned), 0,
			    "buffers not aligned to their class size");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&b->not_zeroed), 0, "__GFP_ZERO buffers not zero");
	KUNIT_EXPECT_EQ(test, nulls, 0);
	KUNIT_EXPECT_EQ(test, allocs, (u64)s->nr * BUF_OPS);
	KUNIT_EXPECT_EQ(test, frees, allocs);
	KUNIT_EXPECT_EQ(test, sum->allocs[BUF_OVER], (u64)s->nr * BUF_OVERSIZE);

	/* Every class: exactly what the threads did with it, and nothing in use. */
	for (k = 0; k < BUF_CLASSES; k++) {
		struct mpool *class = mpool_test_buf_class_at(b->bp, k);
		u64 size = MPOOL_BUF_MIN_CLASS << k;

		used += sum->allocs[k] > 0;
		mpool_get_stats(class, st);
		KUNIT_EXPECT_EQ_MSG(test, st->object_size, size, "class %u", k);
		KUNIT_EXPECT_EQ_MSG(test, mpool_stats_allocs(st), sum->allocs[k], "class %llu",
				    size);
		KUNIT_EXPECT_EQ_MSG(test, mpool_stats_frees(st), sum->frees[k], "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, sum->frees[k], sum->allocs[k], "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, st->live, 0, "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, st->alloc_fail + st->alloc_capped, 0, "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, st->requested_bytes, sum->asked[k], "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, st->granted_bytes, sum->allocs[k] * size, "class %llu",
				    size);
		KUNIT_EXPECT_EQ_MSG(test, hist_total(st), sum->allocs[k], "class %llu", size);
		KUNIT_EXPECT_EQ_MSG(test, st->objects, st->cached, "class %llu", size);
		free_remote += st->free_remote;
	}
	KUNIT_EXPECT_GE_MSG(test, used, 8U, "sizes did not mix over many classes");

	/* The buffer pool: the classes summed, and exactly its oversize buffers. */
	mpool_test_buf_stats(b->bp, st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), allocs - sum->allocs[BUF_OVER]);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(st), frees - sum->frees[BUF_OVER]);
	KUNIT_EXPECT_EQ(test, st->live, 0);
	KUNIT_EXPECT_EQ(test, st->alloc_fail + st->alloc_capped, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, sum->allocs[BUF_OVER]);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, sum->frees[BUF_OVER]);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, st->oversize_allocs);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
	KUNIT_EXPECT_EQ(test, st->free_remote, free_remote);
	if (stress_crossings(s))
		KUNIT_EXPECT_GT(test, free_remote, 0);
	kunit_info(test, "%llu buffers over %u classes, %llu oversize, %llu freed remote\n",
		   allocs, used, sum->allocs[BUF_OVER], free_remote);

	/* Every buffer back in its slab: each class gives every slab back. */
	for (k = 0; k < BUF_CLASSES; k++) {
		struct mpool *class = mpool_test_buf_class_at(b->bp, k);

		mpool_test_expect_live(test, class, 0);
		stress_expect_nothing_lost(test, class);
	}
}

/* ---- an IRQ-safe buffer pool, interrupts off ---- */

/* Two small classes: oversize buffers are small kmalloc()s that GFP_ATOMIC always gets. */
static const unsigned int irqoff_sizes[] = { 64, 128 };

/*
 * An IRQ-safe buffer pool may be used from hard interrupt context, so wherever
 * interrupts are off: no allocation or free, class or oversize, may turn them on
 * (in hard irq, that is an interrupt storm in the making and a lockdep splat).
 * Checked in process context with interrupts off, where it is merely wrong.
 */
static void buf_irqsafe_keeps_irqs_off(struct kunit *test)
{
	const struct mpool_buf_config cfg = {
		.sizes = irqoff_sizes, .nr_sizes = ARRAY_SIZE(irqoff_sizes),
		.flags = MPOOL_F_IRQSAFE, .node = NUMA_NO_NODE,
	};
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "stress_buf_irqoff", &cfg);
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	bool on_alloc_small, on_alloc_over, on_free_over, on_free_small;
	size_t over_size;
	void *small, *over;

	KUNIT_ASSERT_NOT_NULL(test, st);
	/* Off again after each call, so each one is judged alone. */
	local_irq_disable();
	small = mpool_buf_alloc(bp, 100, GFP_ATOMIC);
	on_alloc_small = !irqs_disabled();
	local_irq_disable();
	over = mpool_buf_alloc(bp, 1000, GFP_ATOMIC);
	on_alloc_over = !irqs_disabled();
	local_irq_enable();

	KUNIT_EXPECT_NOT_NULL(test, small);
	KUNIT_EXPECT_NOT_NULL(test, over);
	over_size = mpool_buf_size(over);

	local_irq_disable();
	mpool_buf_free(bp, over);
	on_free_over = !irqs_disabled();
	local_irq_disable();
	mpool_buf_free(bp, small);
	on_free_small = !irqs_disabled();
	local_irq_enable();

	KUNIT_EXPECT_EQ(test, over_size, 1000);
	KUNIT_EXPECT_FALSE_MSG(test, on_alloc_small, "a class allocation turned interrupts on");
	KUNIT_EXPECT_FALSE_MSG(test, on_free_small, "a class free turned interrupts on");
	KUNIT_EXPECT_FALSE_MSG(test, on_alloc_over, "an oversize allocation turned interrupts on");
	KUNIT_EXPECT_FALSE_MSG(test, on_free_over, "an oversize free turned interrupts on");
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
	KUNIT_EXPECT_EQ(test, st->live, 0);
}

/* ---- oversize buffers across a destroy, every CPU ---- */

#define OVD_ROUNDS	8
/* Per round: oversize buffers left in the dying pool; class buffers of the shared one. */
#define OVD_LEFT	2
#define OVD_TAKE	4
/* Of order 3 and 2: the pages a class of 32 KiB (or 16 KiB) grows its slabs from. */
static const size_t ovd_left_sizes[OVD_LEFT] = { 30000, 3 * PAGE_SIZE + 1 };
static const size_t ovd_take_sizes[] = { 30000, 10000 };
/* The shared pool's own oversize buffer: above its largest class, 32 KiB. */
#define OVD_OWN		40000

struct ovd_stress {
	struct mpool_buf_pool *shared;	/* classes 16 and 32 KiB, one oversize buffer live */
	atomic_t bad_size;		/* a class buffer said to be of another size */
	atomic_t corrupt;		/* a class buffer's stamp changed under its owner */
	atomic_t create_failed;
	atomic64_t taken;		/* class buffers allocated (and freed) by the threads */
	atomic_t reused;		/* class buffers at a just-disowned buffer's address */
};

/*
 * Each thread, each round: a pool of its own, oversize buffers left in use in it, the
 * pool destroyed, the buffers (now the thread's) written and kvfree()d, then buffers of
 * the shared pool's classes, right after a shrink made them grow slabs again: the page
 * allocator often gives them the pages just freed. Whoever lands at such an address
 * must be told its class size and be freed into its class, never taken for the dead
 * pool's buffer.
 */
static void ovd_rounds(struct stress_worker *w)
{
	static const unsigned int one_class[] = { 64 };
	const struct mpool_buf_config cfg = {
		.sizes = one_class, .nr_sizes = ARRAY_SIZE(one_class), .node = NUMA_NO_NODE,
	};
	struct ovd_stress *o = w->s->priv;
	void *left[OVD_LEFT], *taken[OVD_TAKE];
	unsigned int round, i, k;
	char name[MPOOL_NAME_MAX];

	snprintf(name, sizeof(name), "stress_ovd%d", w->cpu);
	for (round = 0; round < OVD_ROUNDS && !READ_ONCE(w->s->abort); round++) {
		struct mpool_buf_pool *bp = mpool_buf_create(name, &cfg);

		if (IS_ERR(bp)) {
			atomic_inc(&o->create_failed);
			return;
		}
		for (i = 0; i < OVD_LEFT; i++) {
			left[i] = mpool_buf_alloc(bp, ovd_left_sizes[i], GFP_KERNEL);
			w->nulls += !left[i];
		}
		mpool_buf_destroy(bp);
		for (i = 0; i < OVD_LEFT; i++) {
			if (left[i])
				memset(left[i], w->cpu, ovd_left_sizes[i]);
			kvfree(left[i]);
		}

		mpool_shrink(mpool_buf_class(o->shared, 30000));
		mpool_shrink(mpool_buf_class(o->shared, 10000));
		for (k = 0; k < OVD_TAKE; k++) {
			size_t size = ovd_take_sizes[k % ARRAY_SIZE(ovd_take_sizes)];
			size_t class = roundup_pow_of_two(size);

			taken[k] = mpool_buf_alloc(o->shared, size, GFP_KERNEL);
			if (!taken[k]) {
				w->nulls++;
				continue;
			}
			w->allocs++;
			atomic64_inc(&o->taken);
			for (i = 0; i < OVD_LEFT; i++)
				if (taken[k] == left[i])
					atomic_inc(&o->reused);
			if (mpool_buf_size(taken[k]) != class)
				atomic_inc(&o->bad_size);
			memset(taken[k], 0xc0 + w->cpu, class);
		}
		for (k = 0; k < OVD_TAKE; k++) {
			size_t size = ovd_take_sizes[k % ARRAY_SIZE(ovd_take_sizes)];
			size_t class = roundup_pow_of_two(size);

			if (!taken[k])
				continue;
			if (memchr_inv(taken[k], 0xc0 + w->cpu, class))
				atomic_inc(&o->corrupt);
			mpool_buf_free(o->shared, taken[k]);
			w->frees++;
		}
		cond_resched();
	}
}

/*
 * Buffer pools destroyed with oversize buffers in use, on every CPU at once, while
 * a shared pool's classes reuse the pages those buffers had: no record of a dead pool
 * survives to be found at a reused address (the shared pool, which has an oversize
 * buffer of its own and so looks every freed pointer up, frees and counts exactly its
 * class buffers), and nothing is lost.
 */
static void buf_oversize_across_destroy(struct kunit *test)
{
	static const unsigned int sizes[] = { 16384, 32768 };
	const struct mpool_buf_config cfg = {
		.sizes = sizes, .nr_sizes = ARRAY_SIZE(sizes), .node = NUMA_NO_NODE,
	};
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct ovd_stress *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	u64 allocs = 0, frees = 0, nulls = 0;
	unsigned int i;
	void *own;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, st);
	o->shared = mpool_test_buf_create(test, "stress_ovd_shared", &cfg);
	own = mpool_buf_alloc(o->shared, OVD_OWN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, own);
	stress_init(test, s, NULL, OVD_ROUNDS);
	s->priv = o;
	s->body = ovd_rounds;

	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, NULL), "threads stuck");
	stress_stop_threads(s);
	for (i = 0; i < s->nr; i++) {
		allocs += s->w[i].allocs;
		frees += s->w[i].frees;
		nulls += s->w[i].nulls;
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&o->create_failed), 0);
	KUNIT_EXPECT_EQ(test, nulls, 0);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&o->bad_size), 0,
			    "a class buffer was given a dead pool's oversize size");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&o->corrupt), 0,
			    "class buffers written by someone else while in use");
	KUNIT_EXPECT_EQ(test, allocs, (u64)s->nr * OVD_ROUNDS * OVD_TAKE);
	KUNIT_EXPECT_EQ(test, frees, allocs);

	mpool_test_buf_stats(o->shared, st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), allocs);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(st), frees);
	KUNIT_EXPECT_EQ(test, st->live, 0);
	KUNIT_EXPECT_EQ(test, st->invalid_frees, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 1);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(own), OVD_OWN);
	mpool_buf_free(o->shared, own);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		stress_expect_nothing_lost(test, mpool_test_buf_class_at(o->shared, i));
	kunit_info(test, "%u pools destroyed with oversize buffers in use; %d class buffers at a freed one's address\n",
		   s->nr * OVD_ROUNDS, atomic_read(&o->reused));
}

/* ---- a managed pool under its collector, every CPU, a CPU going away ---- */

#define MSTRESS_OPS	1500
#define MSTRESS_HELD	24

struct mstress {
	struct mpool_m_pool *mp;
	struct hotplug_run h;
	atomic_t corrupt;		/* an object's bytes changed under its owner */
	atomic_t refused;		/* a live handle refused */
	atomic64_t allocs;
	atomic64_t frees;
	bool nowait_first;		/* verify with mpool_h_map_nowait() first */
	atomic64_t eagain;		/* which found the object cold */
};

static u32 mstress_size(u32 seed)
{
	return 16 + seed % 1000;
}

/* Check, unmap, free: false (and nothing freed) if the object is not as stamped. */
static void mstress_put(struct mstress *m, mpool_handle_t h, u32 seed)
{
	void *obj = m->nowait_first ? mpool_h_map_nowait(m->mp, h) : mpool_h_map(m->mp, h);

	if (PTR_ERR(obj) == -EAGAIN) {
		atomic64_inc(&m->eagain);
		obj = mpool_h_map(m->mp, h);
	}

	if (IS_ERR(obj)) {
		atomic_inc(&m->refused);
		return;
	}
	if (!mpool_test_stamped(obj, mstress_size(seed), seed))
		atomic_inc(&m->corrupt);
	mpool_h_unmap(m->mp, h);
	if (mpool_h_free(m->mp, h))
		atomic_inc(&m->refused);
	else
		atomic64_inc(&m->frees);
}

/* Allocate, map, stamp, unmap; keep a window of live handles, verified when freed. */
static void mstress_body(struct stress_worker *w)
{
	struct mstress *m = w->s->priv;
	mpool_handle_t held[MSTRESS_HELD] = { };
	u32 seeds[MSTRESS_HELD];
	unsigned int i, slot;

	for (i = 0; i < w->s->ops && !READ_ONCE(w->s->abort); i++) {
		u32 seed = w->cpu << 20 | i;
		mpool_handle_t h;
		void *obj;

		slot = i % MSTRESS_HELD;
		if (held[slot])
			mstress_put(m, held[slot], seeds[slot]);
		held[slot] = 0;
		h = mpool_h_alloc(m->mp, mstress_size(seed), GFP_KERNEL, 0);
		if (!h) {
			w->nulls++;
			continue;
		}
		atomic64_inc(&m->allocs);
		obj = mpool_h_map(m->mp, h);
		if (IS_ERR(obj)) {
			atomic_inc(&m->refused);
			continue;
		}
		mpool_test_stamp(obj, mstress_size(seed), seed);
		mpool_h_unmap(m->mp, h);
		held[slot] = h;
		seeds[slot] = seed;
		cond_resched();
	}
	for (slot = 0; slot < MSTRESS_HELD; slot++) {
		if (held[slot])
			mstress_put(m, held[slot], seeds[slot]);
	}
}

/* Between polls: collect both generations, and take a CPU offline and online twice. */
static void mstress_meanwhile(struct stress *s, unsigned int n)
{
	struct mstress *m = s->priv;

	mpool_m_collect(m->mp, MPOOL_GEN_YOUNG);
	if (n % 4 == 3)
		mpool_m_collect(m->mp, MPOOL_GEN_OLD);
	if (m->h.victim && m->h.cycles < HOTPLUG_CYCLES && n % 8 == 4) {
		m->h.cycles++;
		m->h.offline_ret = m->h.offline_ret ?: remove_cpu(m->h.victim);
		m->h.online_ret = m->h.online_ret ?: add_cpu(m->h.victim);
	}
}

/*
 * Threads on every CPU run mstress_body() on a pool built from @cfg while the test
 * thread calls @meanwhile between polls: every object keeps every byte, no live handle
 * is ever refused, the counts add up with nothing left. @st gets the last snapshot.
 */
static void mstress_run(struct kunit *test, struct mstress *m, const struct mpool_m_config *cfg,
			unsigned int ops, void (*meanwhile)(struct stress *s, unsigned int n),
			struct mpool_m_stats *st)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	u64 nulls = 0, moved = 0;
	unsigned int i, g;

	KUNIT_ASSERT_NOT_NULL(test, s);
	m->mp = mpool_m_create(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(m->mp));
	stress_init(test, s, NULL, ops);
	m->h.victim = s->w[s->nr - 1].cpu;
	s->priv = m;
	s->body = mstress_body;
	KUNIT_EXPECT_TRUE(test, stress_start(s));
	KUNIT_EXPECT_TRUE_MSG(test, stress_wait(s, meanwhile), "threads stuck");
	stress_stop_threads(s);
	for (i = 0; i < s->nr; i++)
		nulls += s->w[i].nulls;

	KUNIT_EXPECT_EQ(test, nulls, 0);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&m->corrupt), 0, "objects changed across moves");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&m->refused), 0, "live handles refused");
	KUNIT_EXPECT_EQ(test, atomic64_read(&m->allocs), (u64)s->nr * ops);
	KUNIT_EXPECT_EQ(test, atomic64_read(&m->frees), atomic64_read(&m->allocs));
	if (m->h.victim) {
		KUNIT_EXPECT_EQ(test, m->h.offline_ret, 0);
		KUNIT_EXPECT_EQ(test, m->h.online_ret, 0);
		KUNIT_EXPECT_TRUE(test, cpu_online(m->h.victim));
	}
	mpool_m_get_stats(m->mp, st);
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		KUNIT_EXPECT_EQ_MSG(test, st->gen[g].live_objects, 0, "generation %u", g);
		KUNIT_EXPECT_EQ_MSG(test, st->gen[g].live_bytes, 0, "generation %u", g);
		moved += st->gen[g].moved_objects;
	}
	KUNIT_EXPECT_GT(test, moved, 0);
	KUNIT_EXPECT_EQ(test, st->stale_refusals, 0);
	kunit_info(test, "%lld objects, %llu moved, %llu young and %llu old collections, %llu pinned skips; CPU %d offline %u times\n",
		   atomic64_read(&m->allocs), moved, st->gen[MPOOL_GEN_YOUNG].collections,
		   st->gen[MPOOL_GEN_OLD].collections,
		   st->gen[MPOOL_GEN_YOUNG].pinned_skips + st->gen[MPOOL_GEN_OLD].pinned_skips,
		   m->h.victim, m->h.cycles);
	mpool_m_destroy(m->mp);
}

/*
 * Threads on every CPU allocate, map, stamp, unmap and (later) verify and free objects
 * of one managed pool while its own worker collects every millisecond, the test
 * thread collects both generations between polls and a CPU goes offline and online.
 */
static void managed_under_collection(struct kunit *test)
{
	const struct mpool_m_config cfg = {
		.name = "stress_managed", .max_size = 1024, .max_handles = 4096,
		.node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .young_interval_ms = 1, .old_interval_ms = 3,
			    .old_sparse_pct = 90 },
	};
	struct mstress *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, st);
	mstress_run(test, m, &cfg, MSTRESS_OPS, mstress_meanwhile, st);
}

/* Decompressing whole blocks under KASAN and TCG: fewer rounds than MSTRESS_OPS. */
#define MCOLD_OPS	400

/* mstress_meanwhile(), and every other poll everything unmapped compressed at once. */
static void mcold_meanwhile(struct stress *s, unsigned int n)
{
	struct mstress *m = s->priv;

	mstress_meanwhile(s, n);
	if (n % 2)
		mpool_m_compress(m->mp, 0);
}

/*
 * The same with a cold tier compressing at threshold 0: its background worker held
 * on (the watermarks at 2% and 1% of the budget, cold after a millisecond), the test
 * thread compressing everything unmapped between polls, the threads mapping without
 * waiting first (a cold object's -EAGAIN, then a waiting map). Every byte survives
 * compression and decompression too, nothing is corrupt or refused, and the last free
 * takes the last block.
 */
static void managed_cold_under_compression(struct kunit *test)
{
	const struct mpool_m_config cfg = {
		.name = "stress_cold", .max_size = 1024, .max_handles = 4096,
		.budget = 4 << 20, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .young_interval_ms = 1, .old_interval_ms = 3,
			    .old_sparse_pct = 90, .cold_tier = true, .cold_age_ms = 1,
			    .cold_high_pct = 2, .cold_low_pct = 1, .cold_interval_ms = 2,
			    .cold_cpu_pct = 50 },
	};
	struct mstress *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, st);
	m->nowait_first = true;
	mstress_run(test, m, &cfg, MCOLD_OPS, mcold_meanwhile, st);
	KUNIT_EXPECT_GT(test, st->cold.compressions, 0);
	KUNIT_EXPECT_GT(test, st->cold.decompressions, 0);
	KUNIT_EXPECT_GE(test, st->cold.worker_starts, 1);
	KUNIT_EXPECT_EQ(test, st->cold.corrupt_blocks, 0);
	KUNIT_EXPECT_EQ(test, st->cold.io_errors, 0);
	KUNIT_EXPECT_EQ(test, st->cold.fault_failures, 0);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);
	KUNIT_EXPECT_EQ(test, st->cold.blocks, 0);
	KUNIT_EXPECT_EQ(test, st->cold.stored_bytes, 0);
	kunit_info(test, "%llu blocks compressed, %llu decompressed (%llu refaults), %lld no-wait misses, %llu worker runs\n",
		   st->cold.compressions, st->cold.decompressions, st->cold.refaults,
		   atomic64_read(&m->eagain), st->cold.worker_runs);
}

static struct kunit_case mpool_stress_cases[] = {
	KUNIT_CASE_SLOW(cross_cpu_producer_consumer),
	KUNIT_CASE_SLOW(irq_frees_into_irqsafe_pool),
	KUNIT_CASE_SLOW(every_context_while_a_cpu_goes),
	KUNIT_CASE_SLOW(resize_and_shrink_under_load),
	KUNIT_CASE_SLOW(reserve_fill_races_with_frees),
	KUNIT_CASE_SLOW(buf_mixed_sizes_across_nodes),
	KUNIT_CASE(buf_irqsafe_keeps_irqs_off),
	KUNIT_CASE_SLOW(buf_oversize_across_destroy),
	KUNIT_CASE_SLOW(managed_under_collection),
	KUNIT_CASE_SLOW(managed_cold_under_compression),
	{}
};

static struct kunit_suite mpool_stress_suite = {
	.name = "mpool_stress",
	.test_cases = mpool_stress_cases,
};

kunit_test_suites(&mpool_stress_suite);
