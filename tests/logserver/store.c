// SPDX-License-Identifier: GPL-2.0
/*
 * The log: every stored line in arrival order, the senders, archiving and retention.
 *
 * Line seq (numbered from 0 over all senders) lives in ring slot seq % retention, so
 * the ring holds exactly the last retention lines, read back in order by seq, and the
 * line that a new one displaces is the oldest (a retention drop, counted). A slot
 * holds a recent line as an entry (its text in a text buffer) or an archived one as
 * a handle of the archive. The newest hot_lines lines stay entries; movers (several
 * at once, struct logsrv_mover) move older ones into the archive, a batch at a time,
 * copying outside the lock (slot state MOVING). A line displaced while it moves is
 * left to its mover, which finds its slot taken by a newer seq and frees both copies.
 *
 * An archived line that retention displaces is not freed in the receive path but left
 * in a graveyard for the movers: freeing a managed object takes the managed pool's
 * lock, which its collector holds while it walks a generation, and the receive
 * path must not wait for that (nor, in the kmalloc build, do the same work in a
 * different place). They free the oldest graves a batch at a time, so that the
 * archive's memory empties in the order it filled. A full graveyard frees in place.
 *
 * Senders (address and port) are found in a hash table; the same worker closes those
 * idle longer than sender_idle_ms. The lock is taken once per datagram (all its
 * lines) and, in the worker, once per batch each way.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "logserver.h"

/* The worker's period when it has idle senders to look for or a move to retry. */
#define LOGSRV_WORK_PERIOD_MS	1000

/*
 * A mover runs when a whole batch of lines is due for the archive (one more mover for
 * each further batch) or of graves is to free; less than a batch waits this long for
 * the worker, for more to join it. Kicked for every line beyond hot_lines, one
 * archiver woke once a line and archived that one: the wakeups cost the receive path
 * more than the moves did.
 */
#define LOGSRV_TAIL_DELAY_MS	10

static u64 entry_bytes(unsigned int len)
{
	return sizeof(struct logsrv_entry) + len;
}

static u64 record_bytes(unsigned int len)
{
	return sizeof(struct logsrv_record) + len;
}

static struct logsrv_slot *slot_of(struct logsrv_store *st, u64 seq)
{
	u32 idx;

	div_u64_rem(seq, st->retention, &idx);
	return &st->ring[idx];
}

static void entry_release(struct logsrv_entry *e)
{
	logsrv_text_free(e->text);
	logsrv_entry_free(e);
}

/* Free what a displaced slot held (a MOVING line is the worker's to free). */
static void slot_release(const struct logsrv_slot *s)
{
	if (s->state == LOGSRV_SLOT_HOT)
		entry_release(s->entry);
	else if (s->state == LOGSRV_SLOT_ARCHIVED)
		logsrv_archive_free(s->handle);
}

static struct hlist_head *sender_bucket(struct logsrv_store *st, __be32 addr, __be16 port)
{
	u32 key = (__force u32)addr ^ ((__force u32)port << 16);

	return &st->senders[hash_32(key, LOGSRV_SENDER_HASH_BITS)];
}

/* The sender's state, created on its first datagram. Caller holds lock. */
static struct logsrv_conn *sender_get(struct logsrv_store *st, __be32 addr, __be16 port)
{
	struct hlist_head *bucket = sender_bucket(st, addr, port);
	struct logsrv_conn *c;

	hlist_for_each_entry(c, bucket, link) {
		if (c->addr == addr && c->port == port)
			return c;
	}
	c = logsrv_conn_alloc(GFP_ATOMIC);
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	c->addr = addr;
	c->port = port;
	hlist_add_head(&c->link, bucket);
	st->senders_live++;
	st->count.senders_opened++;
	return c;
}

/* Caller holds lock. */
static void sender_count_seq(struct logsrv_store *st, struct logsrv_conn *c, u64 seq)
{
	if (!seq)
		return;
	if (c->last_seq && seq <= c->last_seq) {
		c->seq_reorders++;
		st->count.seq_reorders++;
		return;
	}
	if (c->last_seq) {
		c->seq_gaps += seq - c->last_seq - 1;
		st->count.seq_gaps += seq - c->last_seq - 1;
	}
	c->last_seq = seq;
}

static void counters_add(struct logsrv_counters *to, const struct logsrv_counters *d)
{
	const u64 *src = (const u64 *)d;
	u64 *dst = (u64 *)to;
	unsigned int i;

	BUILD_BUG_ON(sizeof(*d) % sizeof(u64));
	for (i = 0; i < sizeof(*d) / sizeof(u64); i++)
		dst[i] += src[i];
}

static unsigned int malformed(const struct logsrv_counters *d)
{
	return d->empty + d->too_long + d->unframed + d->bad_header + d->binary;
}

/**
 * logsrv_store_commit() - store the lines of one datagram
 * @st: the store.
 * @addr: the sender's address.
 * @port: and port.
 * @lines: entries with their texts and parsed fields; stored, or freed.
 * @nr: how many, at most LOGSRV_COMMIT_MAX.
 * @delta: the datagram's counters, added to the store's and the sender's.
 *
 * Context: softirq or process context.
 */
void logsrv_store_commit(struct logsrv_store *st, __be32 addr, __be16 port,
			 struct logsrv_entry **lines, unsigned int nr,
			 const struct logsrv_counters *delta)
{
	struct logsrv_slot displaced[LOGSRV_COMMIT_MAX];
	unsigned int i, nr_displaced = 0, batches;
	bool kick_later = false;
	struct logsrv_mover *mover = NULL;
	struct logsrv_conn *c;
	unsigned int due;

	spin_lock_bh(&st->lock);
	counters_add(&st->count, delta);
	c = sender_get(st, addr, port);
	if (!c) {
		st->count.no_sender += nr;
		spin_unlock_bh(&st->lock);
		for (i = 0; i < nr; i++)
			entry_release(lines[i]);
		return;
	}
	c->malformed += malformed(delta);
	c->last_seen = jiffies;
	for (i = 0; i < nr; i++) {
		struct logsrv_entry *e = lines[i];
		struct logsrv_slot *s = slot_of(st, st->head);

		if (s->state != LOGSRV_SLOT_EMPTY) {
			st->count.retention_drops++;
			if (s->state == LOGSRV_SLOT_ARCHIVED) {
				st->archived_live--;
				st->live_bytes -= record_bytes(s->len);
			} else {
				st->hot--;
				st->live_bytes -= entry_bytes(s->len);
			}
			if (s->state == LOGSRV_SLOT_ARCHIVED && st->nr_graves < LOGSRV_GRAVES)
				st->graves[(st->first_grave + st->nr_graves++) % LOGSRV_GRAVES] =
					s->handle;
			else
				displaced[nr_displaced++] = *s;
		}
		e->meta.seq = st->head++;
		e->meta.addr = addr;
		e->meta.port = port;
		s->seq = e->meta.seq;
		s->len = e->meta.len;
		s->entry = e;
		s->state = LOGSRV_SLOT_HOT;
		st->hot++;
		st->live_bytes += entry_bytes(e->meta.len);
		st->count.stored++;
		c->lines++;
		c->bytes += e->meta.len;
		sender_count_seq(st, c, e->meta.sender_seq);
	}
	due = st->hot > st->hot_lines ? st->hot - st->hot_lines : 0;
	batches = min(due / LOGSRV_ARCHIVE_BATCH, st->nr_movers);
	if (!batches && st->nr_graves >= LOGSRV_ARCHIVE_BATCH)
		batches = 1;
	if (batches) {
		mover = &st->movers[batches - 1];
	} else if (!st->work_timed && (due || st->nr_graves)) {
		st->work_timed = true;
		kick_later = true;
	}
	spin_unlock_bh(&st->lock);

	for (i = 0; i < nr_displaced; i++)
		slot_release(&displaced[i]);
	/* A no-op while it is queued; a mover running now goes round once more. */
	if (mover)
		queue_work(st->wq, &mover->work);
	else if (kick_later)
		queue_delayed_work(st->wq, &st->work, msecs_to_jiffies(LOGSRV_TAIL_DELAY_MS));
}

/* A line being copied to the archive, outside the lock. */
struct logsrv_move {
	u64 seq;
	struct logsrv_entry *entry;
	u64 handle;
};

/*
 * Mark up to LOGSRV_ARCHIVE_BATCH of the oldest lines beyond hot_lines MOVING.
 * Caller holds lock. Returns how many.
 */
static unsigned int archive_pick(struct logsrv_store *st, struct logsrv_move *moves)
{
	u64 first = st->head > st->retention ? st->head - st->retention : 0;
	u64 limit = st->head > st->hot_lines ? st->head - st->hot_lines : 0;
	unsigned int n = 0;

	st->archive_next = max(st->archive_next, first);
	while (st->archive_next < limit && n < LOGSRV_ARCHIVE_BATCH) {
		struct logsrv_slot *s = slot_of(st, st->archive_next);

		if (s->seq == st->archive_next && s->state == LOGSRV_SLOT_HOT) {
			s->state = LOGSRV_SLOT_MOVING;
			moves[n].seq = s->seq;
			moves[n].entry = s->entry;
			n++;
		}
		st->archive_next++;
	}
	return n;
}

/*
 * Copy the picked lines into new archive records, allocated in bulk with @b's room:
 * each move's handle, 0 for those that found no memory.
 */
static void archive_copy(struct logsrv_move *moves, unsigned int n, struct logsrv_batch *b)
{
	struct logsrv_record *rec;
	unsigned int i, got;

	for (i = 0; i < n; i++)
		b->sizes[i] = record_bytes(moves[i].entry->meta.len);
	got = logsrv_archive_alloc_bulk(b->sizes, n, b->records);
	for (i = 0; i < n; i++) {
		moves[i].handle = 0;
		if (i >= got)
			continue;
		rec = logsrv_archive_map(b->records[i]);
		if (!rec) {
			logsrv_archive_free(b->records[i]);
			continue;
		}
		rec->meta = moves[i].entry->meta;
		memcpy(rec->text, moves[i].entry->text, moves[i].entry->meta.len);
		logsrv_archive_unmap(b->records[i]);
		moves[i].handle = b->records[i];
	}
}

/*
 * Put the moved lines in place, or back (no memory), or free them when retention
 * displaced them meanwhile; @copied is room for the entries freed in bulk. Returns
 * false when a move failed.
 */
static bool archive_finish(struct logsrv_store *st, struct logsrv_move *moves, unsigned int n,
			   struct logsrv_entry **copied)
{
	unsigned int i, nr_copied = 0;
	bool all = true;

	spin_lock_bh(&st->lock);
	for (i = 0; i < n; i++) {
		struct logsrv_move *m = &moves[i];
		struct logsrv_slot *s = slot_of(st, m->seq);

		if (s->seq != m->seq || s->state != LOGSRV_SLOT_MOVING)
			continue;	/* displaced: both copies are freed below */
		if (!m->handle) {
			s->state = LOGSRV_SLOT_HOT;
			st->archive_next = min(st->archive_next, m->seq);
			st->count.archive_failures++;
			all = false;
			m->entry = NULL;
			continue;
		}
		s->state = LOGSRV_SLOT_ARCHIVED;
		s->handle = m->handle;
		st->hot--;
		st->archived_live++;
		st->live_bytes += record_bytes(s->len) - entry_bytes(s->len);
		st->count.archived++;
		m->handle = 0;
	}
	spin_unlock_bh(&st->lock);

	for (i = 0; i < n; i++) {
		if (moves[i].handle)
			logsrv_archive_free(moves[i].handle);
		if (moves[i].entry) {
			logsrv_text_free(moves[i].entry->text);
			copied[nr_copied++] = moves[i].entry;
		}
	}
	logsrv_entry_free_bulk(copied, nr_copied);
	return all;
}

/* Take up to @max of the oldest graves into @into. Caller holds lock. */
static unsigned int graves_take(struct logsrv_store *st, u64 *into, unsigned int max)
{
	unsigned int i, n = min(st->nr_graves, max);

	for (i = 0; i < n; i++)
		into[i] = st->graves[(st->first_grave + i) % LOGSRV_GRAVES];
	st->first_grave = (st->first_grave + n) % LOGSRV_GRAVES;
	st->nr_graves -= n;
	return n;
}

/*
 * One round: up to a batch of due lines moved into the archive and a batch of graves
 * freed, with @b for what they free. The worker's round that finds nothing to do ends
 * its tail delay. Returns how much it found (0: nothing), or -ENOMEM when a move
 * found no memory.
 */
static int archive_round(struct logsrv_store *st, struct logsrv_batch *b, bool worker)
{
	struct logsrv_move moves[LOGSRV_ARCHIVE_BATCH];
	unsigned int n, dead;

	spin_lock_bh(&st->lock);
	n = archive_pick(st, moves);
	dead = graves_take(st, b->dead, LOGSRV_ARCHIVE_BATCH);
	if (worker && !n && !dead)
		st->work_timed = false;
	spin_unlock_bh(&st->lock);
	logsrv_archive_free_bulk(b->dead, dead);
	if (!n)
		return dead;
	archive_copy(moves, n, b);
	return archive_finish(st, moves, n, b->entries) ? n + dead : -ENOMEM;
}

/* Rounds until nothing is left; memory running out leaves the rest to the worker. */
static void mover_work(struct work_struct *work)
{
	struct logsrv_mover *mv = container_of(work, struct logsrv_mover, work);
	int n;

	while ((n = archive_round(mv->st, &mv->batch, false)) > 0)
		cond_resched();
	if (n < 0)
		queue_delayed_work(mv->st->wq, &mv->st->work,
				   msecs_to_jiffies(LOGSRV_WORK_PERIOD_MS));
}

/* The worker's rounds. Returns false when memory ran out: the rest waits a period. */
static bool work_run(struct logsrv_store *st)
{
	int n;

	while ((n = archive_round(st, &st->worker_batch, true)) > 0)
		cond_resched();
	return !n;
}

static void senders_reap(struct logsrv_store *st)
{
	unsigned long idle = msecs_to_jiffies(st->sender_idle_ms);
	struct logsrv_conn *c;
	struct hlist_node *tmp;
	HLIST_HEAD(closed);
	unsigned int i;

	spin_lock_bh(&st->lock);
	for (i = 0; i < ARRAY_SIZE(st->senders); i++) {
		hlist_for_each_entry_safe(c, tmp, &st->senders[i], link) {
			if (time_before(jiffies, c->last_seen + idle))
				continue;
			hlist_del(&c->link);
			hlist_add_head(&c->link, &closed);
			st->senders_live--;
			st->count.senders_closed++;
		}
	}
	spin_unlock_bh(&st->lock);
	hlist_for_each_entry_safe(c, tmp, &closed, link)
		logsrv_conn_free(c);
}

static void store_work(struct work_struct *work)
{
	struct logsrv_store *st = container_of(to_delayed_work(work), struct logsrv_store,
					       work);
	bool retry = !work_run(st);
	unsigned int period = LOGSRV_WORK_PERIOD_MS;

	if (st->sender_idle_ms) {
		senders_reap(st);
		period = clamp(st->sender_idle_ms / 2, 10U, period);
	}
	if (retry || st->sender_idle_ms)
		queue_delayed_work(st->wq, &st->work, msecs_to_jiffies(period));
}

static void logsrv_store_free(struct logsrv_store *st)
{
	if (st->wq)
		destroy_workqueue(st->wq);
	st->wq = NULL;
	kfree(st->movers);
	st->movers = NULL;
	kvfree(st->ring);
	kfree(st->graves);
	st->ring = NULL;
	st->graves = NULL;
}

/**
 * logsrv_store_init() - an empty log
 * @st: the store to set up.
 * @cfg: retention, hot_lines (1 to retention) and sender_idle_ms (0: never close).
 *
 * Context: process context; sleeps.
 * Return: 0 or -ENOMEM.
 */
int logsrv_store_init(struct logsrv_store *st, const struct logsrv_store_config *cfg)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	st->ring = kvcalloc(cfg->retention, sizeof(*st->ring), GFP_KERNEL);
	st->graves = kcalloc(LOGSRV_GRAVES, sizeof(*st->graves), GFP_KERNEL);
	/*
	 * The archiver has to keep up with every receiving CPU: the lines it has not
	 * moved yet hold entries and texts, and a worker of ordinary priority gets the
	 * CPU after the senders it competes with. Unbound: it runs where there is room.
	 */
	st->wq = alloc_workqueue("logsrv_archiver", WQ_UNBOUND | WQ_HIGHPRI, 0);
	st->nr_movers = min_t(unsigned int, num_possible_cpus(), LOGSRV_MAX_MOVERS);
	st->movers = kcalloc(st->nr_movers, sizeof(*st->movers), GFP_KERNEL);
	if (!st->ring || !st->graves || !st->wq || !st->movers) {
		logsrv_store_free(st);
		return -ENOMEM;
	}
	spin_lock_init(&st->lock);
	st->retention = cfg->retention;
	st->hot_lines = cfg->hot_lines;
	st->sender_idle_ms = cfg->sender_idle_ms;
	INIT_DELAYED_WORK(&st->work, store_work);
	for (i = 0; i < st->nr_movers; i++) {
		INIT_WORK(&st->movers[i].work, mover_work);
		st->movers[i].st = st;
	}
	if (st->sender_idle_ms)
		queue_delayed_work(st->wq, &st->work,
				   msecs_to_jiffies(st->sender_idle_ms));
	return 0;
}

/**
 * logsrv_store_exit() - free every line and sender
 * @st: the store; nothing may commit to it any more.
 *
 * Context: process context; sleeps.
 */
void logsrv_store_exit(struct logsrv_store *st)
{
	struct logsrv_conn *c;
	struct hlist_node *tmp;
	unsigned int i;

	/* Movers first: one that runs out of memory queues the worker. */
	for (i = 0; i < st->nr_movers; i++)
		cancel_work_sync(&st->movers[i].work);
	cancel_delayed_work_sync(&st->work);
	for (i = 0; i < st->retention; i++)
		slot_release(&st->ring[i]);
	for (i = 0; i < st->nr_graves; i++)
		logsrv_archive_free(st->graves[(st->first_grave + i) % LOGSRV_GRAVES]);
	for (i = 0; i < ARRAY_SIZE(st->senders); i++) {
		hlist_for_each_entry_safe(c, tmp, &st->senders[i], link)
			logsrv_conn_free(c);
	}
	logsrv_store_free(st);
}

/**
 * logsrv_store_snapshot() - the store's counters and sizes, consistent at one moment
 * @st: the store.
 * @snap: receives them.
 *
 * Context: process context.
 */
void logsrv_store_snapshot(struct logsrv_store *st, struct logsrv_store_snap *snap)
{
	spin_lock_bh(&st->lock);
	snap->count = st->count;
	snap->head = st->head;
	snap->first = st->head > st->retention ? st->head - st->retention : 0;
	snap->hot = st->hot;
	snap->archived = st->archived_live;
	snap->senders = st->senders_live;
	snap->live_bytes = st->live_bytes + (u64)st->senders_live * sizeof(struct logsrv_conn);
	spin_unlock_bh(&st->lock);
}
