// SPDX-License-Identifier: GPL-2.0
/*
 * Read-back, in debugfs (/sys/kernel/debug/mpool_logserver/, root only):
 *
 *   log      every stored line, oldest first, one per line:
 *              SEQ TIER ADDR:PORT PRI FLAGS HOST TAG MSG
 *            TIER is h (recent: an entry) or a (archived: read through its
 *            handle); FLAGS the LOGSRV_LINE_* bits in hex; HOST and TAG are "-" when
 *            the line has none; bytes below 0x20, 0x7f and backslash are written
 *            \xHH. A line dropped by retention while the file is read is skipped.
 *   stats    "name value" lines: the counters, sizes and memory figures
 *   senders  one line per sender: ADDR:PORT LINES BYTES MALFORMED LAST_SEQ GAPS
 *            REORDERS IDLE_MS
 *
 * The log is formatted under the store's lock (as /proc/net/udp holds its bucket
 * locks), so a page of output is one consistent view; archived lines are mapped
 * for the copy, which takes no lock and never sleeps.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/seq_file.h>

#include "logserver.h"

static struct dentry *logsrv_debugfs;

static bool needs_escape(u8 ch)
{
	return ch < 0x20 || ch == 0x7f || ch == '\\';
}

static void put_escaped(struct seq_file *m, const char *s, size_t len)
{
	size_t i = 0, run;

	if (!len) {
		seq_putc(m, '-');
		return;
	}
	while (i < len) {
		for (run = i; run < len && !needs_escape(s[run]); run++)
			;
		seq_write(m, s + i, run - i);
		if (run < len)
			seq_printf(m, "\\x%02x", (u8)s[run]);
		i = run + 1;
	}
}

static void show_line(struct seq_file *m, const struct logsrv_meta *meta, const char *text,
		      char tier)
{
	seq_printf(m, "%llu %c %pI4:%u %u %x ", meta->seq, tier, &meta->addr,
		   ntohs(meta->port), meta->pri, meta->flags);
	put_escaped(m, text + meta->host_off, meta->host_len);
	seq_putc(m, ' ');
	put_escaped(m, text + meta->tag_off, meta->tag_len);
	seq_putc(m, ' ');
	put_escaped(m, text + meta->msg_off, meta->len - meta->msg_off);
	seq_putc(m, '\n');
}

static struct logsrv_slot *log_slot(struct logsrv_store *st, loff_t *pos)
{
	u64 first = st->head > st->retention ? st->head - st->retention : 0;
	u32 idx;

	if (*pos < first)
		*pos = first;
	if (*pos >= st->head)
		return NULL;
	div_u64_rem(*pos, st->retention, &idx);
	return &st->ring[idx];
}

static void *log_start(struct seq_file *m, loff_t *pos)
	__acquires(&st->lock)
{
	struct logsrv_store *st = m->private;

	spin_lock_bh(&st->lock);
	return log_slot(st, pos);
}

static void *log_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return log_slot(m->private, pos);
}

static void log_stop(struct seq_file *m, void *v)
	__releases(&st->lock)
{
	struct logsrv_store *st = m->private;

	spin_unlock_bh(&st->lock);
}

static int log_show(struct seq_file *m, void *v)
{
	const struct logsrv_slot *s = v;
	struct logsrv_record *rec;

	if (s->state == LOGSRV_SLOT_HOT || s->state == LOGSRV_SLOT_MOVING) {
		show_line(m, &s->entry->meta, s->entry->text, 'h');
	} else if (s->state == LOGSRV_SLOT_ARCHIVED) {
		rec = logsrv_archive_map(s->handle);
		if (!rec)
			return -EIO;
		show_line(m, &rec->meta, rec->text, 'a');
		logsrv_archive_unmap(s->handle);
	}
	return 0;
}

static const struct seq_operations log_lines_sops = {
	.start = log_start,
	.next = log_next,
	.stop = log_stop,
	.show = log_show,
};
DEFINE_SEQ_ATTRIBUTE(log_lines);

static int stats_show(struct seq_file *m, void *v)
{
	struct logsrv_store *st = m->private;
	struct logsrv_mem_usage u;
	struct logsrv_store_snap s;
	const struct logsrv_counters *c = &s.count;

	logsrv_store_snapshot(st, &s);
	logsrv_mem_usage(&u);
	seq_printf(m, "allocator %s\n", logsrv_mem_name());
	seq_printf(m, "datagrams %llu\nlines %llu\nbytes %llu\nstored %llu\n",
		   c->datagrams, c->lines, c->bytes, c->stored);
	seq_printf(m, "empty %llu\ntoo_long %llu\nunframed %llu\nbad_header %llu\nbinary %llu\n",
		   c->empty, c->too_long, c->unframed, c->bad_header, c->binary);
	seq_printf(m, "no_entry %llu\nno_text %llu\nno_sender %llu\nrx_errors %llu\n",
		   c->no_entry, c->no_text, c->no_sender, c->rx_errors);
	seq_printf(m, "socket_drops %llu\nretention_drops %llu\n", logsrv_rx_socket_drops(),
		   c->retention_drops);
	seq_printf(m, "archived %llu\narchive_failures %llu\n", c->archived,
		   c->archive_failures);
	seq_printf(m, "senders_opened %llu\nsenders_closed %llu\n", c->senders_opened,
		   c->senders_closed);
	seq_printf(m, "seq_gaps %llu\nseq_reorders %llu\n", c->seq_gaps, c->seq_reorders);
	seq_printf(m, "first %llu\nhead %llu\nhot %u\narchived_live %u\nsenders %u\n",
		   s.first, s.head, s.hot, s.archived, s.senders);
	seq_printf(m, "live_bytes %llu\npool_bytes %llu\narchive_bytes %llu\n", s.live_bytes,
		   u.pool_bytes, u.archive_bytes);
	seq_printf(m, "entry_allocs %llu\nentry_hit_ppm %llu\nentry_capped %llu\n",
		   u.entry_allocs, u.entry_hit_ppm, u.entry_capped);
	seq_printf(m, "archive_young %llu\narchive_old %llu\narchive_collections %llu\n",
		   u.archive_young, u.archive_old, u.archive_collections);
	seq_printf(m, "archive_moved %llu\narchive_ratio_x100 %llu\n", u.archive_moved,
		   u.archive_ratio_x100);
	/* The compressed cold tier of managed pools does not exist yet. */
	seq_puts(m, "archive_compression n/a\n");
	seq_printf(m, "ingest_ns %llu\n", logsrv_rx_ingest_ns());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int senders_show(struct seq_file *m, void *v)
{
	struct logsrv_store *st = m->private;
	struct logsrv_conn *c;
	unsigned int i;

	spin_lock_bh(&st->lock);
	for (i = 0; i < ARRAY_SIZE(st->senders); i++) {
		hlist_for_each_entry(c, &st->senders[i], link) {
			seq_printf(m, "%pI4:%u %llu %llu %llu %llu %llu %llu %u\n", &c->addr,
				   ntohs(c->port), c->lines, c->bytes, c->malformed, c->last_seq,
				   c->seq_gaps, c->seq_reorders,
				   jiffies_to_msecs(jiffies - c->last_seen));
		}
	}
	spin_unlock_bh(&st->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(senders);

/**
 * logsrv_readback_init() - create the debugfs files
 * @st: the store they show.
 *
 * Context: process context; sleeps.
 * Return: 0; debugfs failures are not fatal (the server works without them).
 */
int logsrv_readback_init(struct logsrv_store *st)
{
	logsrv_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("log", 0400, logsrv_debugfs, st, &log_lines_fops);
	debugfs_create_file("stats", 0400, logsrv_debugfs, st, &stats_fops);
	debugfs_create_file("senders", 0400, logsrv_debugfs, st, &senders_fops);
	return 0;
}

/* Removes the files; waits for readers in them. */
void logsrv_readback_exit(void)
{
	debugfs_remove_recursive(logsrv_debugfs);
}
