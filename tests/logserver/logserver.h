/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mpool_logserver: a syslog server in the kernel, the consumer the founding design of
 * mpool describes. Shared definitions of its files:
 *
 *   main.c      parameters, load (every pool warmed) and unload, in order
 *   mem.c       the allocator under test: mpool pools or kmalloc (allocator=)
 *   parse.c     RFC 3164 / RFC 5424 framing: priority, host, tag, message
 *   rx.c        the kernel UDP socket; lines are ingested in its softirq callback
 *   store.c     the log: a ring in arrival order, senders, archiving, retention
 *   readback.c  debugfs: the stored log, the counters, the senders
 *
 * Lock order: logsrv_store.lock (spinlock, bottom halves off) -> every lock of
 * mpool.ko (the pools are called under it). Nothing takes it from inside mpool.
 */
#ifndef _MPOOL_LOGSERVER_H
#define _MPOOL_LOGSERVER_H

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <mpool.h>

/* What a line's fields are, as parsed; offsets and lengths into its text. */
struct logsrv_meta {
	u64 seq;		/* arrival order over every sender, from 0 */
	u64 sender_seq;		/* RFC 5424 [meta sequenceId], 0: none */
	__be32 addr;		/* sender */
	__be16 port;
	u8 pri;			/* facility * 8 + severity */
	u8 flags;		/* LOGSRV_LINE_* */
	u16 len;		/* bytes of text */
	u16 host_off;
	u16 host_len;
	u16 tag_off;
	u16 tag_len;
	u16 msg_off;		/* the message runs to the end of the text */
};

#define LOGSRV_LINE_UNFRAMED	BIT(0)	/* no <PRI>: stored as RFC 3164 says, pri 13 */
#define LOGSRV_LINE_RFC5424	BIT(1)
#define LOGSRV_LINE_BAD_HEADER	BIT(2)	/* <PRI> but no parsable header after it */
#define LOGSRV_LINE_BINARY	BIT(3)	/* control bytes or NUL in the text */

/* A recent line: an object of the entry pool, its text a buffer of the text pool. */
struct logsrv_entry {
	struct logsrv_meta meta;
	char *text;
};

/* An archived line: one object of the archive, its text right behind the fields. */
struct logsrv_record {
	struct logsrv_meta meta;
	char text[];
};

/* A sender (address and port): its counters and the last RFC 5424 sequence seen. */
struct logsrv_conn {
	struct hlist_node link;		/* in logsrv_store.senders */
	__be32 addr;
	__be16 port;
	u64 lines;
	u64 bytes;
	u64 malformed;			/* lines counted by one of the malformed counters */
	u64 last_seq;
	u64 seq_gaps;			/* sequence numbers skipped */
	u64 seq_reorders;		/* sequence numbers not above the last one */
	unsigned long last_seen;	/* jiffies */
};

/* ---- the allocator (mem.c) ---- */

enum logsrv_allocator {
	LOGSRV_ALLOC_MPOOL,
	LOGSRV_ALLOC_KMALLOC,
};

struct logsrv_mem_config {
	enum logsrv_allocator allocator;
	unsigned int entries_warm;
	unsigned int entries_max;
	unsigned int conns_warm;
	unsigned int conns_max;
	unsigned int max_line;
	unsigned int archive_max;	/* archived lines at once */
	unsigned int archive_warm;	/* lines the archive is warmed for: it holds that many */
};

/* Memory of the server's own pools (mpool) or granted by kmalloc (ksize()). */
struct logsrv_mem_usage {
	u64 pool_bytes;		/* pages of the entry, sender and text pools */
	u64 archive_bytes;	/* segments of the archive, and its compressed blocks */
	u64 archive_ratio_x100;	/* its cold tier's original / stored bytes, x100; 0: none */
	u64 entry_allocs;
	u64 entry_hit_ppm;	/* entry pool: allocations served by the magazines */
	u64 entry_capped;	/* entry allocations refused at the cap */
	u64 archive_young;	/* archived lines per generation */
	u64 archive_old;
	u64 archive_collections;
	u64 archive_moved;
};

int logsrv_mem_init(const struct logsrv_mem_config *cfg);
void logsrv_mem_exit(void);
const char *logsrv_mem_name(void);
unsigned int logsrv_entry_alloc_bulk(struct logsrv_entry **entries, unsigned int n, gfp_t gfp);
void logsrv_entry_free(struct logsrv_entry *e);
void logsrv_entry_free_bulk(struct logsrv_entry **entries, unsigned int n);
struct logsrv_conn *logsrv_conn_alloc(gfp_t gfp);
void logsrv_conn_free(struct logsrv_conn *c);
char *logsrv_text_alloc(size_t len, gfp_t gfp);
void logsrv_text_free(char *text);
unsigned int logsrv_archive_alloc_bulk(const u32 *sizes, unsigned int n, u64 *handles);
struct logsrv_record *logsrv_archive_map(u64 handle);
void logsrv_archive_unmap(u64 handle);
void logsrv_archive_free(u64 handle);
void logsrv_archive_free_bulk(u64 *handles, unsigned int n);
void logsrv_mem_usage(struct logsrv_mem_usage *u);

/* ---- parsing (parse.c) ---- */

size_t logsrv_scan_line(const char *p, const char *end, const char **next, bool *binary);
void logsrv_parse(const char *text, size_t len, bool binary, struct logsrv_meta *meta);

/* ---- the log (store.c) ---- */

/* What happened to lines, datagrams and senders; the debugfs "stats" file. */
struct logsrv_counters {
	u64 datagrams;
	u64 lines;		/* lines received, stored or not */
	u64 bytes;
	u64 stored;		/* lines that got a place in the log */
	u64 empty;		/* empty datagrams and empty lines (not stored) */
	u64 too_long;		/* lines above max_line (not stored) */
	u64 unframed;		/* stored, LOGSRV_LINE_UNFRAMED */
	u64 bad_header;		/* stored, LOGSRV_LINE_BAD_HEADER */
	u64 binary;		/* stored, LOGSRV_LINE_BINARY */
	u64 no_entry;		/* dropped: the entry pool gave no entry (cap or memory) */
	u64 no_text;		/* dropped: no text buffer */
	u64 no_sender;		/* dropped: no sender state (cap or memory) */
	u64 rx_errors;		/* datagrams dropped: checksum, or linearising failed */
	u64 retention_drops;	/* stored lines dropped as the oldest beyond retention */
	u64 archived;		/* lines moved to the archive */
	u64 archive_failures;	/* moves that found no memory; retried later */
	u64 senders_opened;
	u64 senders_closed;	/* idle longer than sender_idle_ms */
	u64 seq_gaps;		/* RFC 5424 sequence numbers skipped, every sender */
	u64 seq_reorders;	/* RFC 5424 sequence numbers not above the last one */
};

enum logsrv_slot_state {
	LOGSRV_SLOT_EMPTY,
	LOGSRV_SLOT_HOT,	/* entry */
	LOGSRV_SLOT_MOVING,	/* entry, being copied to the archive */
	LOGSRV_SLOT_ARCHIVED,	/* handle */
};

struct logsrv_slot {
	u64 seq;
	union {
		struct logsrv_entry *entry;
		u64 handle;
	};
	u16 len;
	u8 state;
};

#define LOGSRV_SENDER_HASH_BITS	10

/* Lines a mover (or the worker) moves to the archive per round trip of the lock. */
#define LOGSRV_ARCHIVE_BATCH	64

/* Movers at most, however many CPUs may receive. */
#define LOGSRV_MAX_MOVERS	16

struct logsrv_store;

/* One round of archiving's room: records to allocate, entries and graves to free. */
struct logsrv_batch {
	u32 sizes[LOGSRV_ARCHIVE_BATCH];
	u64 records[LOGSRV_ARCHIVE_BATCH];
	struct logsrv_entry *entries[LOGSRV_ARCHIVE_BATCH];
	u64 dead[LOGSRV_ARCHIVE_BATCH];
};

/*
 * A mover archives the lines that are due and frees graves, a batch of each at a
 * time, until none is left. As many run at once as there are CPUs (up to
 * LOGSRV_MAX_MOVERS): one archiver could not keep up with every CPU receiving, and
 * the lines it had not moved held entries and texts, which grew both pools to twice
 * what hot_lines needs.
 */
struct logsrv_mover {
	struct work_struct work;
	struct logsrv_store *st;
	struct logsrv_batch batch;
};

struct logsrv_store {
	spinlock_t lock;	/* everything below but the work */
	struct logsrv_slot *ring;	/* retention slots, line seq at seq % retention */
	u64 head;		/* the next line's seq */
	u64 archive_next;	/* the oldest line that may still be hot */
	unsigned int retention;
	unsigned int hot_lines;
	unsigned int hot;	/* HOT and MOVING slots */
	unsigned int archived_live;
	unsigned int senders_live;
	u64 live_bytes;		/* entries or records with their texts */
	unsigned int sender_idle_ms;
	bool work_timed;	/* the worker runs in LOGSRV_TAIL_DELAY_MS: less than a batch */
	u64 *graves;		/* archived lines displaced, not freed yet: a ring */
	unsigned int first_grave;
	unsigned int nr_graves;
	struct logsrv_batch worker_batch;
	struct logsrv_mover *movers;
	unsigned int nr_movers;
	struct hlist_head senders[1 << LOGSRV_SENDER_HASH_BITS];
	struct logsrv_counters count;
	struct delayed_work work;	/* the tail, the graveyard, retries, idle senders */
	struct workqueue_struct *wq;	/* runs work, high priority */
};

struct logsrv_store_config {
	unsigned int retention;
	unsigned int hot_lines;
	unsigned int sender_idle_ms;
};

/* Archived lines displaced and not yet freed, at most. */
#define LOGSRV_GRAVES		1024
/*
 * Archive objects beyond the archived lines (at most retention - hot_lines): copies
 * of the batches in flight (every mover's and the worker's) whose lines retention
 * displaced meanwhile, and the graveyard.
 */
#define LOGSRV_ARCHIVE_SLACK	((LOGSRV_MAX_MOVERS + 1) * LOGSRV_ARCHIVE_BATCH + LOGSRV_GRAVES)

/* Lines of one datagram stored under one round trip of the lock, at most. */
#define LOGSRV_COMMIT_MAX	16

/* What logsrv_store_snapshot() sees. */
struct logsrv_store_snap {
	struct logsrv_counters count;
	u64 head;		/* the next line's seq */
	u64 first;		/* the oldest line's seq still in the ring */
	unsigned int hot;
	unsigned int archived;
	unsigned int senders;
	u64 live_bytes;		/* lines (entries or records, texts) and senders */
};

int logsrv_store_init(struct logsrv_store *st, const struct logsrv_store_config *cfg);
void logsrv_store_exit(struct logsrv_store *st);
void logsrv_store_commit(struct logsrv_store *st, __be32 addr, __be16 port,
			 struct logsrv_entry **lines, unsigned int nr,
			 const struct logsrv_counters *delta);
void logsrv_store_snapshot(struct logsrv_store *st, struct logsrv_store_snap *snap);

/* ---- receiving (rx.c) ---- */

struct logsrv_rx_config {
	u16 port;
	unsigned int max_line;
	struct logsrv_store *store;
};

int logsrv_rx_start(const struct logsrv_rx_config *cfg);
void logsrv_rx_stop(void);
u64 logsrv_rx_socket_drops(void);
u64 logsrv_rx_ingest_ns(void);

/* ---- read-back (readback.c) ---- */

int logsrv_readback_init(struct logsrv_store *st);
void logsrv_readback_exit(void);

#endif /* _MPOOL_LOGSERVER_H */
