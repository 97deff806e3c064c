/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink attributes without libnl: parse a stream of struct nlattr into a table, read
 * typed values with length checks, and build attribute streams (requests; replies in
 * the host tests' fake kernel). Pure C over <linux/netlink.h>, so host tests link it.
 */
#ifndef MEMPOOLCTL_ATTR_H
#define MEMPOOLCTL_ATTR_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

/*
 * Index the attributes of @data[0..@len) by type into @tb[0..@maxattr] (NULL when
 * absent; the last one wins for repeated types; types above @maxattr are skipped, as
 * a newer kernel may add some). Returns 0, or -EPROTO when an attribute runs past
 * the end or is shorter than its header.
 */
int attr_parse(const struct nlattr **tb, int maxattr, const void *data, size_t len);
/* The same over the payload of nest @nest. */
int attr_parse_nested(const struct nlattr **tb, int maxattr, const struct nlattr *nest);

static inline int attr_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static inline const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static inline size_t attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

/*
 * Walk the attributes of [@data, @data + @len): @a is each one in turn; stops at the
 * first malformed one (attr_valid_stream() tells whether the whole stream is sound).
 */
const struct nlattr *attr_first(const void *data, size_t len);
const struct nlattr *attr_next(const struct nlattr *a, const void *data, size_t len);
#define attr_for_each(a, data, len) \
	for ((a) = attr_first((data), (len)); (a); (a) = attr_next((a), (data), (len)))

/* Typed reads: 0, or -EPROTO when the payload has the wrong size (or no NUL). */
int attr_get_u8(const struct nlattr *a, uint8_t *v);
int attr_get_u32(const struct nlattr *a, uint32_t *v);
int attr_get_s32(const struct nlattr *a, int32_t *v);
int attr_get_u64(const struct nlattr *a, uint64_t *v);
/* The string, or NULL when the payload is not NUL-terminated. */
const char *attr_get_str(const struct nlattr *a);

/*
 * A growing attribute stream. Errors (out of memory) are sticky in @err and checked
 * once at the end.
 */
struct attr_buf {
	unsigned char *data;
	size_t len;
	size_t cap;
	int err;
};

void abuf_init(struct attr_buf *b);
void abuf_free(struct attr_buf *b);
void abuf_put(struct attr_buf *b, int type, const void *data, size_t len);
/* Append an already-built attribute stream (a multiple of 4 bytes long). */
void abuf_append(struct attr_buf *b, const void *data, size_t len);
void abuf_put_u8(struct attr_buf *b, int type, uint8_t v);
void abuf_put_u32(struct attr_buf *b, int type, uint32_t v);
void abuf_put_s32(struct attr_buf *b, int type, int32_t v);
/* Like the kernel's nla_put_u64_64bit(): a @pad attribute first when needed to align. */
void abuf_put_u64(struct attr_buf *b, int type, uint64_t v, int pad);
/*
 * A u64 of a request, unpadded: the kernel reads request u64s unaligned, and its
 * request policies have no pad attribute (strict validation refuses one).
 */
void abuf_put_u64_unpadded(struct attr_buf *b, int type, uint64_t v);
void abuf_put_str(struct attr_buf *b, int type, const char *s);
/* Open a nest; returns its offset for abuf_nest_end(). */
size_t abuf_nest_start(struct attr_buf *b, int type);
void abuf_nest_end(struct attr_buf *b, size_t start);

#endif /* MEMPOOLCTL_ATTR_H */
