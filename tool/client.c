// SPDX-License-Identifier: GPL-2.0
/*
 * Requests every command shares, on top of the transport (nl.h): connecting, getting
 * and dumping pools, node statistics, mutating requests, and reporting failures the
 * one way mempoolctl.8 documents. No libnl here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/mpool.h>

#include "attr.h"
#include "mempoolctl.h"
#include "nl.h"

int report_kernel_error(const char *what, int err, const struct mpool_nl *nl)
{
	const char *msg = nl ? mpool_nl_kernel_msg(nl) : NULL;

	if (err == -ENOENT && !nl) {
		fprintf(stderr,
			"mempoolctl: the mpool module is not loaded (no generic netlink family \"mpool\"); load it with 'modprobe mpool'\n");
		return EXIT_KERNEL;
	}
	if (msg)
		fprintf(stderr, "mempoolctl: kernel: %s\n", msg);
	if (err == -EPERM)
		fprintf(stderr, "mempoolctl: %s: %s (needs CAP_NET_ADMIN)\n", what, strerror(-err));
	else if (err == -EPROTO)
		fprintf(stderr, "mempoolctl: %s: malformed reply from the kernel\n", what);
	else
		fprintf(stderr, "mempoolctl: %s: %s\n", what, strerror(-err));
	return EXIT_KERNEL;
}

int client_open(struct mpool_nl **nl)
{
	int err = mpool_nl_open(nl);

	if (err)
		return report_kernel_error("connect", err, NULL);
	return 0;
}

static void put_ref(struct attr_buf *b, const struct pool_ref *ref)
{
	if (ref->id)
		abuf_put_u32(b, MPOOL_A_POOL_ID, ref->id);
	else
		abuf_put_str(b, MPOOL_A_POOL_NAME, ref->name);
}

/* A request about one pool whose reply is exactly one message of the same command. */
struct one_reply {
	uint8_t cmd;
	int (*decode)(void *dst, const struct mpool_reply *r);
	void *dst;
	int got;
};

static int one_reply(const struct mpool_reply *r, void *ctx)
{
	struct one_reply *o = ctx;
	int ret;

	if (r->cmd != o->cmd || o->got)
		return -EPROTO;
	ret = o->decode(o->dst, r);
	if (!ret)
		o->got = 1;
	return ret;
}

/* The pool reference, then the attributes of @extra (NULL: none). */
static void put_request(struct attr_buf *b, const struct pool_ref *ref,
			const struct attr_buf *extra)
{
	put_ref(b, ref);
	if (extra) {
		abuf_append(b, extra->data, extra->len);
		if (extra->err)
			b->err = extra->err;
	}
}

static int request_one(struct mpool_nl *nl, const struct pool_ref *ref,
		       const struct attr_buf *extra, struct one_reply *o, const char *what)
{
	struct attr_buf b;
	int err;

	abuf_init(&b);
	put_request(&b, ref, extra);
	err = b.err;
	if (!err)
		err = mpool_nl_request(nl, o->cmd, false, b.data, b.len, MPOOL_A_POOL_MAX,
				       one_reply, o);
	abuf_free(&b);
	if (!err && !o->got)
		err = -EPROTO;
	if (err)
		return report_kernel_error(what, err, nl);
	return 0;
}

static int decode_pool(void *dst, const struct mpool_reply *r)
{
	return pool_decode(dst, r);
}

int client_pool_get(struct mpool_nl *nl, const struct pool_ref *ref, struct pool *p)
{
	struct one_reply o = { MPOOL_CMD_POOL_GET, decode_pool, p, 0 };

	return request_one(nl, ref, NULL, &o, "pool-get");
}

static int list_reply(const struct mpool_reply *r, void *ctx)
{
	struct pool_list *list = ctx;

	if (r->cmd != MPOOL_CMD_POOL_GET)
		return -EPROTO;
	if (list->nr == list->cap) {
		unsigned int cap = list->cap ? list->cap * 2 : 16;
		struct pool *p = realloc(list->pools, sizeof(*p) * cap);

		if (!p)
			return -ENOMEM;
		list->pools = p;
		list->cap = cap;
	}
	if (pool_decode(&list->pools[list->nr], r))
		return -EPROTO;
	list->nr++;
	return 0;
}

int client_pool_dump(struct mpool_nl *nl, struct pool_list *list)
{
	int err = 0;
	int i;

	for (i = 0; i < DUMP_RETRIES; i++) {
		list->nr = 0;
		err = mpool_nl_request(nl, MPOOL_CMD_POOL_GET, true, NULL, 0, MPOOL_A_POOL_MAX,
				       list_reply, list);
		if (err != MPOOL_NL_DUMP_INTR)
			break;
	}
	if (err)
		pool_list_free(list);	/* what a failed dump decoded is no answer */
	if (err == MPOOL_NL_DUMP_INTR) {
		fprintf(stderr,
			"mempoolctl: pool-get dump: pools kept changing during %d attempts\n",
			DUMP_RETRIES);
		return EXIT_KERNEL;
	}
	if (err)
		return report_kernel_error("pool-get dump", err, nl);
	return 0;
}

void pool_list_free(struct pool_list *list)
{
	free(list->pools);
	memset(list, 0, sizeof(*list));
}

static int decode_node_matrix(void *dst, const struct mpool_reply *r)
{
	return node_matrix_decode(dst, r);
}

int client_node_stats(struct mpool_nl *nl, const struct pool_ref *ref, struct node_matrix *m)
{
	struct one_reply o = { MPOOL_CMD_NODE_STATS_GET, decode_node_matrix, m, 0 };

	return request_one(nl, ref, NULL, &o, "node-stats-get");
}

struct cmd_ctx {
	uint8_t cmd;
	int reply_attr;		/* 0: nothing expected in the reply */
	uint64_t *value;
	int got;
};

static int cmd_reply(const struct mpool_reply *r, void *ctx)
{
	struct cmd_ctx *c = ctx;
	const struct nlattr *a;
	uint32_t v32;

	if (r->cmd != c->cmd)
		return -EPROTO;
	if (!c->reply_attr)
		return 0;
	a = c->reply_attr <= r->maxattr ? r->tb[c->reply_attr] : NULL;
	if (!a)
		return -EPROTO;
	/* released is a u64, moved a u32. */
	if (attr_len(a) == sizeof(uint64_t)) {
		if (attr_get_u64(a, c->value))
			return -EPROTO;
	} else {
		if (attr_get_u32(a, &v32))
			return -EPROTO;
		*c->value = v32;
	}
	c->got = 1;
	return 0;
}

int client_pool_cmd(struct mpool_nl *nl, uint8_t cmd, const char *what,
		    const struct pool_ref *ref, const struct attr_buf *extra,
		    int reply_attr, uint64_t *value)
{
	struct cmd_ctx c = { cmd, value ? reply_attr : 0, value, 0 };
	struct attr_buf b;
	int err;

	abuf_init(&b);
	put_request(&b, ref, extra);
	err = b.err;
	if (!err)
		err = mpool_nl_request(nl, cmd, false, b.data, b.len, MPOOL_A_POOL_MAX,
				       cmd_reply, &c);
	abuf_free(&b);
	if (!err && c.reply_attr && !c.got)
		err = -EPROTO;
	if (err)
		return report_kernel_error(what, err, nl);
	return 0;
}

static int decode_class_list(void *dst, const struct mpool_reply *r)
{
	return class_list_decode(dst, r);
}

int client_class_get(struct mpool_nl *nl, const struct pool_ref *ref, struct class_list *c)
{
	struct one_reply o = { MPOOL_CMD_CLASS_GET, decode_class_list, c, 0 };

	return request_one(nl, ref, NULL, &o, "class-get");
}

static int decode_collect_result(void *dst, const struct mpool_reply *r)
{
	return collect_result_decode(dst, r);
}

int client_pool_collect(struct mpool_nl *nl, const struct pool_ref *ref, uint32_t gen,
			struct collect_result *c)
{
	struct one_reply o = { MPOOL_CMD_POOL_COLLECT, decode_collect_result, c, 0 };
	struct attr_buf b;
	int ret;

	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_GENERATION, gen);
	ret = request_one(nl, ref, &b, &o, "pool-collect");
	abuf_free(&b);
	/* The generation collected is the one asked for, or the reply is not an answer. */
	if (!ret && c->generation != gen)
		ret = report_kernel_error("pool-collect", -EPROTO, nl);
	return ret;
}

static int decode_compress_result(void *dst, const struct mpool_reply *r)
{
	return compress_result_decode(dst, r);
}

int client_pool_compress(struct mpool_nl *nl, const struct pool_ref *ref, uint64_t bytes,
			 struct compress_result *c)
{
	struct one_reply o = { MPOOL_CMD_POOL_COMPRESS, decode_compress_result, c, 0 };
	struct attr_buf b;
	int ret;

	abuf_init(&b);
	/* Absent, not 0, for no limit: the request is the same for either. */
	if (bytes)
		abuf_put_u64_unpadded(&b, MPOOL_A_POOL_BYTES, bytes);
	ret = request_one(nl, ref, &b, &o, "pool-compress");
	abuf_free(&b);
	return ret;
}

int sort_option(const char *arg, enum sort_key *key, const char *usage)
{
	char keys[128] = "";
	size_t len = 0;
	int i;

	if (!parse_sort_key(arg, key))
		return 0;
	for (i = 0; i < SORT_NR && len < sizeof(keys); i++)
		len += snprintf(keys + len, sizeof(keys) - len, "%s%s", i ? ", " : "",
				sort_key_names[i]);
	return usage_error(usage, "unknown sort key '%s' (%s)", arg, keys);
}

static double row_key(const struct pool_row *r, enum sort_key key)
{
	const struct pool *p = r->p;
	uint32_t eff;

	switch (key) {
	case SORT_SIZE:
		/* A managed pool by its largest object, as list shows it. */
		return (double)(p->has_managed ? p->managed.max_size : p->info.object_size);
	case SORT_LIVE:
		return (double)pool_live(p);
	case SORT_CACHED:
		return (double)p->stat[ST_CACHED];
	case SORT_PAGES:
		return (double)pool_pages(p, page_size());
	case SORT_HIT:
		return p->hit_rate;
	case SORT_EFF:
		return pool_efficiency(p, &eff) ? eff : 0;
	case SORT_ALLOCS:
		return r->has_rate ? r->allocs_rate : (double)pool_allocs(p);
	case SORT_FREES:
		return r->has_rate ? r->frees_rate : (double)pool_frees(p);
	default:
		return 0;
	}
}

static enum sort_key sort_by;

static int row_cmp(const void *a, const void *b)
{
	const struct pool_row *ra = a, *rb = b;
	double ka, kb;

	switch (sort_by) {
	case SORT_ID:
		return ra->p->id < rb->p->id ? -1 : ra->p->id > rb->p->id;
	case SORT_NAME:
		return strcmp(ra->p->name, rb->p->name);
	default:
		ka = row_key(ra, sort_by);
		kb = row_key(rb, sort_by);
		if (ka != kb)
			return ka < kb ? 1 : -1;
		return strcmp(ra->p->name, rb->p->name);
	}
}

void pool_rows_sort(struct pool_row *rows, unsigned int nr, enum sort_key key)
{
	sort_by = key;
	qsort(rows, nr, sizeof(*rows), row_cmp);
}

double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint64_t page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps > 0 ? (uint64_t)ps : 4096;
}
