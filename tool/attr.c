// SPDX-License-Identifier: GPL-2.0
/* Netlink attribute parsing and building without libnl; see attr.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"

const struct nlattr *attr_first(const void *data, size_t len)
{
	const struct nlattr *a = data;

	if (len < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > len)
		return NULL;
	return a;
}

const struct nlattr *attr_next(const struct nlattr *a, const void *data, size_t len)
{
	size_t off = (size_t)((const char *)a - (const char *)data) + NLA_ALIGN(a->nla_len);

	if (off >= len)
		return NULL;
	return attr_first((const char *)data + off, len - off);
}

int attr_parse(const struct nlattr **tb, int maxattr, const void *data, size_t len)
{
	size_t off = 0;

	memset(tb, 0, sizeof(const struct nlattr *) * (size_t)(maxattr + 1));
	while (off + NLA_HDRLEN <= len) {
		const struct nlattr *a = (const struct nlattr *)((const char *)data + off);
		int type;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len - off)
			return -EPROTO;
		type = attr_type(a);
		if (type <= maxattr)
			tb[type] = a;
		off += NLA_ALIGN(a->nla_len);
	}
	/* Less than a header left over is padding; the kernel tolerates it too. */
	return 0;
}

int attr_parse_nested(const struct nlattr **tb, int maxattr, const struct nlattr *nest)
{
	return attr_parse(tb, maxattr, attr_data(nest), attr_len(nest));
}

int attr_get_u8(const struct nlattr *a, uint8_t *v)
{
	if (attr_len(a) != sizeof(*v))
		return -EPROTO;
	memcpy(v, attr_data(a), sizeof(*v));
	return 0;
}

int attr_get_u32(const struct nlattr *a, uint32_t *v)
{
	if (attr_len(a) != sizeof(*v))
		return -EPROTO;
	memcpy(v, attr_data(a), sizeof(*v));
	return 0;
}

int attr_get_s32(const struct nlattr *a, int32_t *v)
{
	if (attr_len(a) != sizeof(*v))
		return -EPROTO;
	memcpy(v, attr_data(a), sizeof(*v));
	return 0;
}

int attr_get_u64(const struct nlattr *a, uint64_t *v)
{
	if (attr_len(a) != sizeof(*v))
		return -EPROTO;
	memcpy(v, attr_data(a), sizeof(*v));
	return 0;
}

const char *attr_get_str(const struct nlattr *a)
{
	size_t len = attr_len(a);

	if (!len || memchr(attr_data(a), '\0', len) == NULL)
		return NULL;
	return attr_data(a);
}

void abuf_init(struct attr_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void abuf_free(struct attr_buf *b)
{
	free(b->data);
	abuf_init(b);
}

static unsigned char *abuf_reserve(struct attr_buf *b, size_t len)
{
	size_t need;

	if (b->err)
		return NULL;
	need = b->len + NLA_ALIGN(len);
	if (need > UINT16_MAX * 16u) {
		b->err = -EMSGSIZE;
		return NULL;
	}
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		unsigned char *p;

		while (cap < need)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->err = -ENOMEM;
			return NULL;
		}
		b->data = p;
		b->cap = cap;
	}
	return b->data + b->len;
}

void abuf_put(struct attr_buf *b, int type, const void *data, size_t len)
{
	struct nlattr hdr;
	unsigned char *p;

	if (NLA_HDRLEN + len > UINT16_MAX) {
		if (!b->err)
			b->err = -EMSGSIZE;
		return;
	}
	p = abuf_reserve(b, NLA_HDRLEN + len);
	if (!p)
		return;
	hdr.nla_len = (uint16_t)(NLA_HDRLEN + len);
	hdr.nla_type = (uint16_t)type;
	memcpy(p, &hdr, sizeof(hdr));
	if (len)
		memcpy(p + NLA_HDRLEN, data, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(NLA_HDRLEN + len) - (NLA_HDRLEN + len));
	b->len += NLA_ALIGN(NLA_HDRLEN + len);
}

void abuf_append(struct attr_buf *b, const void *data, size_t len)
{
	unsigned char *p;

	if (!len)
		return;
	p = abuf_reserve(b, len);
	if (!p)
		return;
	memcpy(p, data, len);
	memset(p + len, 0, NLA_ALIGN(len) - len);
	b->len += NLA_ALIGN(len);
}

void abuf_put_u8(struct attr_buf *b, int type, uint8_t v)
{
	abuf_put(b, type, &v, sizeof(v));
}

void abuf_put_u32(struct attr_buf *b, int type, uint32_t v)
{
	abuf_put(b, type, &v, sizeof(v));
}

void abuf_put_s32(struct attr_buf *b, int type, int32_t v)
{
	abuf_put(b, type, &v, sizeof(v));
}

void abuf_put_u64(struct attr_buf *b, int type, uint64_t v, int pad)
{
	if ((b->len + NLA_HDRLEN) % 8)
		abuf_put(b, pad, NULL, 0);
	abuf_put(b, type, &v, sizeof(v));
}

void abuf_put_u64_unpadded(struct attr_buf *b, int type, uint64_t v)
{
	abuf_put(b, type, &v, sizeof(v));
}

void abuf_put_str(struct attr_buf *b, int type, const char *s)
{
	abuf_put(b, type, s, strlen(s) + 1);
}

size_t abuf_nest_start(struct attr_buf *b, int type)
{
	size_t start = b->len;

	abuf_put(b, type | NLA_F_NESTED, NULL, 0);
	return start;
}

void abuf_nest_end(struct attr_buf *b, size_t start)
{
	struct nlattr hdr;

	if (b->err)
		return;
	if (b->len - start > UINT16_MAX) {
		b->err = -EMSGSIZE;
		return;
	}
	memcpy(&hdr, b->data + start, sizeof(hdr));
	hdr.nla_len = (uint16_t)(b->len - start);
	memcpy(b->data + start, &hdr, sizeof(hdr));
}
