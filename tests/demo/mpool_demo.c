// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_demo: the allocation pattern of a small log server, as an mpool consumer.
 *
 * Connections are constructed objects: each owns a receive buffer that its
 * constructor attaches once and that stays attached while the connection object is
 * reused. Log records are plain, poisoned and tracked objects. The module holds
 * @conns connections and @records records open while loaded; with @churn_ms set, a
 * delayed work closes and accepts connections and logs records every @churn_ms
 * milliseconds, so the tools have traffic to show. Log lines (100 to 500 bytes) live
 * in the default buffer pool kbuf: @lines of 300 bytes are held while loaded.
 * Archived entries (64 bytes to 1 KiB, every eighth permanent) live in the managed
 * pool demo_archive: @archived are held, and each churn replaces a few, so its
 * collector has survivors to promote and holes to compact. Its cold tier keeps the
 * old entries nobody maps for a second compressed (mempoolctl compress forces it). Used by `make demo` and by
 * the guest CLI tests.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <mpool.h>

#define DEMO_RXBUF_SIZE		4096
#define DEMO_RECORD_SIZE	1500
#define DEMO_CHURN_BATCH	8

struct demo_conn {
	u64 id;
	u64 bytes;
	char *rxbuf;		/* attached by the constructor, kept across reuse */
	u32 state;
	u32 rxlen;
	char peer[224];
};

DEFINE_MPOOL_TYPE(struct demo_conn, demo_conn);

static unsigned int conns = 32;
module_param(conns, uint, 0444);
MODULE_PARM_DESC(conns, "Connections held open while loaded (default 32)");

static unsigned int records = 8;
module_param(records, uint, 0444);
MODULE_PARM_DESC(records, "Log records held while loaded (default 8)");

static unsigned int lines = 16;
module_param(lines, uint, 0444);
MODULE_PARM_DESC(lines, "Log lines of 300 bytes held in kbuf while loaded (default 16)");

static unsigned int archived = 48;
module_param(archived, uint, 0444);
MODULE_PARM_DESC(archived, "Archived entries held in the managed pool (default 48)");

static bool forget_archive;
module_param(forget_archive, bool, 0444);
MODULE_PARM_DESC(forget_archive,
		 "At unload, leave the archive and its entries to mpool's exit (tests)");

static unsigned int churn_ms;
module_param(churn_ms, uint, 0444);
MODULE_PARM_DESC(churn_ms, "Close/accept connections and log records every N ms (0: never)");

static struct demo_conn_pool *conn_pool;
static struct mpool *record_pool;
static struct demo_conn **open_conns;
static void **held_records;
static void **held_lines;
static u64 next_conn_id;
static struct delayed_work churn_work;
static struct mpool_m_pool *archive;
static mpool_handle_t *held_archive;
static unsigned int archive_seq;

static int conn_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct demo_conn *c = obj;

	c->rxbuf = kmalloc(DEMO_RXBUF_SIZE, gfp);
	return c->rxbuf ? 0 : -ENOMEM;
}

static void conn_dtor(void *obj, void *priv)
{
	struct demo_conn *c = obj;

	kfree(c->rxbuf);
}

/* Every accept starts from a clean connection; the buffer stays. */
static void conn_on_get(void *obj, void *priv)
{
	struct demo_conn *c = obj;

	c->state = 1;
	c->rxlen = 0;
	c->bytes = 0;
}

static struct demo_conn *accept_conn(gfp_t gfp)
{
	struct demo_conn *c = demo_conn_pool_get(conn_pool, gfp);

	if (c) {
		c->id = ++next_conn_id;
		snprintf(c->peer, sizeof(c->peer), "10.0.0.%llu:514", c->id % 250);
	}
	return c;
}

/* An archived entry of 64 bytes to 1 KiB, filled; every eighth one permanent. */
static mpool_handle_t archive_entry(void)
{
	unsigned int seq = archive_seq++;
	size_t len = 64 + (seq * 193) % 961;
	mpool_handle_t h;
	void *text;

	h = mpool_h_alloc(archive, len, GFP_KERNEL, seq % 8 ? 0 : MPOOL_H_PERMANENT);
	if (!h)
		return 0;
	text = mpool_h_map(archive, h);
	if (IS_ERR(text)) {
		mpool_h_free(archive, h);
		return 0;
	}
	memset(text, 'a' + seq % 26, len);
	mpool_h_unmap(archive, h);
	return h;
}

static void churn(struct work_struct *work)
{
	void *batch[DEMO_CHURN_BATCH];
	unsigned int i, got;

	for (i = 0; i < conns && i < DEMO_CHURN_BATCH; i++) {
		unsigned int slot = (next_conn_id + i) % conns;
		struct demo_conn *c = accept_conn(GFP_KERNEL);

		if (!c)
			break;
		demo_conn_pool_put(conn_pool, open_conns[slot]);
		open_conns[slot] = c;
	}
	got = mpool_alloc_bulk(record_pool, GFP_KERNEL, DEMO_CHURN_BATCH, batch);
	for (i = 0; i < got; i++)
		memset(batch[i], 'l', DEMO_RECORD_SIZE);
	mpool_free_bulk(record_pool, got, batch);
	/* Log lines: mostly 100-500 bytes, now and then a 4 KiB and a 64 KiB one. */
	for (i = 0; i < DEMO_CHURN_BATCH; i++) {
		size_t len = i == 0 ? 65536 : i == 1 ? 4096 : 100 + (next_conn_id * 37 + i * 61) % 400;

		batch[i] = mpool_kbuf_alloc(len, GFP_KERNEL);
		if (batch[i])
			memset(batch[i], 'x', len);
	}
	for (i = 0; i < DEMO_CHURN_BATCH; i++)
		mpool_kbuf_free(batch[i]);
	/* Replace a few archived entries: the others age and get promoted. */
	for (i = 0; i < archived && i < DEMO_CHURN_BATCH / 2; i++) {
		unsigned int slot = (archive_seq + i * 7) % archived;
		mpool_handle_t h = archive_entry();

		if (!h)
			break;
		mpool_h_free(archive, held_archive[slot]);
		held_archive[slot] = h;
	}
	schedule_delayed_work(&churn_work, msecs_to_jiffies(churn_ms));
}

static void release_all(void)
{
	unsigned int i;

	for (i = 0; open_conns && i < conns; i++)
		demo_conn_pool_put(conn_pool, open_conns[i]);
	if (held_records)
		mpool_free_bulk(record_pool, records, held_records);
	for (i = 0; held_lines && i < lines; i++)
		mpool_kbuf_free(held_lines[i]);
	/* A module that forgets its managed pool: mpool.ko's exit must free it all. */
	for (i = 0; held_archive && !forget_archive && i < archived; i++)
		mpool_h_free(archive, held_archive[i]);
	kfree(held_archive);
	if (!forget_archive)
		mpool_m_destroy(archive);
	kfree(open_conns);
	kfree(held_records);
	kfree(held_lines);
	mpool_destroy(record_pool);
	demo_conn_pool_destroy(conn_pool);
}

static int __init mpool_demo_init(void)
{
	unsigned int i;

	conn_pool = demo_conn_pool_create(&(struct mpool_config){
		.name = "demo_conn", .ctor = conn_ctor, .dtor = conn_dtor,
		.on_get = conn_on_get, .min_objects = 16, .max_objects = 4096,
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(conn_pool))
		return PTR_ERR(conn_pool);
	record_pool = mpool_create(&(struct mpool_config){
		.name = "demo_frame", .size = DEMO_RECORD_SIZE,
		.flags = MPOOL_F_POISON | MPOOL_F_TRACK, .max_objects = 1024,
		.node = NUMA_NO_NODE,
	});
	if (IS_ERR(record_pool)) {
		demo_conn_pool_destroy(conn_pool);
		return PTR_ERR(record_pool);
	}
	archive = mpool_m_create(&(struct mpool_m_config){
		.name = "demo_archive", .max_size = 1024, .max_handles = 4096,
		.budget = 4 << 20, .node = NUMA_NO_NODE,
		.policy = { .cold_tier = true },
	});
	if (IS_ERR(archive)) {
		mpool_destroy(record_pool);
		demo_conn_pool_destroy(conn_pool);
		return PTR_ERR(archive);
	}

	open_conns = kcalloc(conns, sizeof(*open_conns), GFP_KERNEL);
	held_records = kcalloc(records, sizeof(*held_records), GFP_KERNEL);
	held_lines = kcalloc(lines, sizeof(*held_lines), GFP_KERNEL);
	held_archive = kcalloc(archived, sizeof(*held_archive), GFP_KERNEL);
	if ((conns && !open_conns) || (records && !held_records) || (lines && !held_lines) ||
	    (archived && !held_archive))
		goto err;
	for (i = 0; i < archived; i++) {
		held_archive[i] = archive_entry();
		if (!held_archive[i])
			goto err;
	}
	for (i = 0; i < lines; i++) {
		held_lines[i] = mpool_kbuf_alloc(300, GFP_KERNEL);
		if (!held_lines[i])
			goto err;
	}
	for (i = 0; i < conns; i++) {
		open_conns[i] = accept_conn(GFP_KERNEL);
		if (!open_conns[i])
			goto err;
	}
	if (mpool_alloc_bulk(record_pool, GFP_KERNEL, records, held_records) != records)
		goto err;

	INIT_DELAYED_WORK(&churn_work, churn);
	if (churn_ms)
		schedule_delayed_work(&churn_work, msecs_to_jiffies(churn_ms));
	pr_info("%u connections, %u records, %u log lines and %u archived entries open\n",
		conns, records, lines, archived);
	return 0;

err:
	/* Partial setup is undone by the same release as a full one. */
	release_all();
	return -ENOMEM;
}

static void __exit mpool_demo_exit(void)
{
	cancel_delayed_work_sync(&churn_work);
	release_all();
}

module_init(mpool_demo_init);
module_exit(mpool_demo_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Log-server style consumer of mpool, for demos and tests");
