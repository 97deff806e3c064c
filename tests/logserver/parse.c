// SPDX-License-Identifier: GPL-2.0
/*
 * Syslog framing: the priority, host, tag and message of one line.
 *
 *   RFC 5424: <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]
 *             the tag is APP-NAME; [meta sequenceId="N"] gives the sender's sequence
 *   RFC 3164: <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG
 *
 * A line without a valid <PRI> is kept whole as the message with priority 13
 * (user.notice), as RFC 3164 section 4.3.3 asks of a relay, and flagged unframed; a
 * <PRI> followed by neither header is flagged bad_header, its message everything
 * after the <PRI>. Nothing here fails: every line gets fields that lie inside it.
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "logserver.h"

#define LOGSRV_DEFAULT_PRI	13
#define LOGSRV_MAX_PRI		191
#define LOGSRV_TAG_MAX		48

struct cursor {
	const char *t;
	size_t len;
	size_t pos;
};

static bool at(const struct cursor *c, size_t i, char ch)
{
	return c->pos + i < c->len && c->t[c->pos + i] == ch;
}

static bool digit_at(const struct cursor *c, size_t i)
{
	return c->pos + i < c->len && isdigit(c->t[c->pos + i]);
}

/* A non-empty token up to the next space, which is skipped. */
static bool token(struct cursor *c, u16 *off, u16 *len)
{
	size_t start = c->pos;

	while (c->pos < c->len && c->t[c->pos] != ' ')
		c->pos++;
	if (c->pos == start || c->pos == c->len)
		return false;
	*off = start;
	*len = c->pos - start;
	c->pos++;
	return true;
}

/* "<PRI>": 1 to 3 digits, at most 191. */
static bool parse_pri(struct cursor *c, u8 *pri)
{
	unsigned int v = 0, n = 0;

	if (!at(c, 0, '<'))
		return false;
	while (n < 3 && digit_at(c, 1 + n)) {
		v = v * 10 + c->t[c->pos + 1 + n] - '0';
		n++;
	}
	if (!n || !at(c, 1 + n, '>') || v > LOGSRV_MAX_PRI)
		return false;
	*pri = v;
	c->pos += n + 2;
	return true;
}

/* The digits of sequenceId="N" inside one SD-ELEMENT that starts at @from. */
static void sd_meta_sequence(const struct cursor *c, size_t from, size_t to, u64 *seq)
{
	static const char id[] = "[meta ", param[] = "sequenceId=\"";
	const char *p = c->t + from, *end = c->t + to;
	u64 v = 0;

	if (to - from < sizeof(id) - 1 || memcmp(p, id, sizeof(id) - 1))
		return;
	p = strnstr(p, param, end - p);
	if (!p)
		return;
	for (p += sizeof(param) - 1; p < end && isdigit(*p); p++)
		v = v * 10 + (*p - '0');
	if (p < end && *p == '"')
		*seq = v;
}

/* STRUCTURED-DATA: "-" or [ID PARAM="VALUE" ...]...; values escape \" \\ \]. */
static bool parse_sd(struct cursor *c, u64 *seq)
{
	if (at(c, 0, '-')) {
		c->pos++;
		return true;
	}
	if (!at(c, 0, '['))
		return false;
	while (at(c, 0, '[')) {
		size_t start = c->pos;
		bool quoted = false;

		for (c->pos++; c->pos < c->len; c->pos++) {
			char ch = c->t[c->pos];

			if (quoted && ch == '\\')
				c->pos++;
			else if (ch == '"')
				quoted = !quoted;
			else if (!quoted && ch == ']')
				break;
		}
		if (c->pos >= c->len)
			return false;
		c->pos++;
		sd_meta_sequence(c, start, c->pos, seq);
	}
	return true;
}

static bool parse_5424(struct cursor *c, struct logsrv_meta *m)
{
	u16 off, len;

	c->pos += 2;					/* "1 " */
	if (!token(c, &off, &len) ||			/* TIMESTAMP */
	    !token(c, &m->host_off, &m->host_len) ||
	    !token(c, &m->tag_off, &m->tag_len) ||	/* APP-NAME */
	    !token(c, &off, &len) ||			/* PROCID */
	    !token(c, &off, &len) ||			/* MSGID */
	    !parse_sd(c, &m->sender_seq))
		return false;
	if (at(c, 0, ' '))
		c->pos++;
	else if (c->pos != c->len)
		return false;
	m->msg_off = c->pos;
	m->flags |= LOGSRV_LINE_RFC5424;
	return true;
}

/* "Mmm dd hh:mm:ss " (the day may have a leading space). */
static bool rfc3164_timestamp(const struct cursor *c)
{
	static const char shape[] = "Aaa dd dd:dd:dd ";
	size_t i;

	for (i = 0; i < sizeof(shape) - 1; i++) {
		char ch;

		if (c->pos + i >= c->len)
			return false;
		ch = c->t[c->pos + i];
		switch (shape[i]) {
		case 'A':
			if (!isupper(ch))
				return false;
			break;
		case 'a':
			if (!islower(ch))
				return false;
			break;
		case 'd':
			if (!isdigit(ch) && !(i == 4 && ch == ' '))
				return false;
			break;
		default:
			if (ch != shape[i])
				return false;
		}
	}
	return true;
}

static bool tag_char(char ch)
{
	return isalnum(ch) || ch == '_' || ch == '-' || ch == '.' || ch == '/';
}

static bool parse_3164(struct cursor *c, struct logsrv_meta *m)
{
	size_t start;

	if (!rfc3164_timestamp(c))
		return false;
	c->pos += 16;
	if (!token(c, &m->host_off, &m->host_len))
		return false;
	start = c->pos;
	while (c->pos < c->len && c->pos - start < LOGSRV_TAG_MAX && tag_char(c->t[c->pos]))
		c->pos++;
	m->tag_off = start;
	m->tag_len = c->pos - start;
	if (at(c, 0, '[')) {
		while (c->pos < c->len && c->t[c->pos] != ']')
			c->pos++;
		if (c->pos < c->len)
			c->pos++;
	}
	if (at(c, 0, ':'))
		c->pos++;
	if (at(c, 0, ' '))
		c->pos++;
	m->msg_off = c->pos;
	return true;
}

static void clear_fields(struct logsrv_meta *meta)
{
	meta->flags = 0;
	meta->sender_seq = 0;
	meta->host_off = 0;
	meta->host_len = 0;
	meta->tag_off = 0;
	meta->tag_len = 0;
}

#define LOGSRV_BYTES(b)	((b) * 0x0101010101010101ULL)

/*
 * Whether one of the eight bytes of @w is below 0x20 or is DEL (0x7f): the newline
 * that ends a line and every byte that makes it binary are among them. The test for
 * "below" is exact for a bound up to 0x80, the one for DEL is the zero-byte test of
 * @w XOR DELs; neither says which byte it was, only whether there is one.
 */
static bool word_has_control(u64 w)
{
	u64 del = w ^ LOGSRV_BYTES(0x7f);

	return ((w - LOGSRV_BYTES(0x20)) & ~w & LOGSRV_BYTES(0x80)) |
	       ((del - LOGSRV_BYTES(0x01)) & ~del & LOGSRV_BYTES(0x80));
}

/* Not iscntrl(): it takes the UTF-8 bytes 0x80-0x9f for controls. */
static bool binary_byte(u8 ch)
{
	return (ch < 0x20 && ch != '\t') || ch == 0x7f;
}

/**
 * logsrv_scan_line() - find where a line ends, and whether it is binary
 * @p: the line's first byte.
 * @end: the end of the datagram that holds it.
 * @next: receives where the next line starts (@end when this was the last).
 * @binary: set when the line holds a control byte other than a tab.
 *
 * A line ends at a newline or at @end; a CR right before its end belongs to the
 * line break (CR LF), not to the line. Syslog text is almost all printable, so the
 * line is read eight bytes at a time and only a word with a control byte in it is
 * looked at byte by byte: this is the one pass over a line's bytes besides its copy.
 *
 * Context: any.
 * Return: the line's length, without its newline or CR LF.
 */
size_t logsrv_scan_line(const char *p, const char *end, const char **next, bool *binary)
{
	const char *q = p;
	size_t len;

	*binary = false;
	while (q < end) {
		if (end - q >= sizeof(u64)) {
			u64 word;

			/* One load where the CPU allows unaligned ones, as x86 does. */
			memcpy(&word, q, sizeof(word));
			if (!word_has_control(word)) {
				q += sizeof(word);
				continue;
			}
		}
		if (*q == '\n')
			break;
		if (binary_byte(*q) && !(*q == '\r' && (q + 1 == end || q[1] == '\n')))
			*binary = true;
		q++;
	}
	*next = q < end ? q + 1 : end;
	len = q - p;
	if (len && p[len - 1] == '\r')
		len--;
	return len;
}

/**
 * logsrv_parse() - fill in the fields of one line
 * @text: the line, without its newline; not NUL terminated.
 * @len: its length, at least 1.
 * @binary: logsrv_scan_line() found a control byte in it.
 * @meta: receives pri, flags, host, tag, msg and sender_seq; len is set too.
 *
 * Context: any.
 */
void logsrv_parse(const char *text, size_t len, bool binary, struct logsrv_meta *meta)
{
	struct cursor c = { .t = text, .len = len };
	size_t body;

	meta->len = len;
	clear_fields(meta);
	if (binary)
		meta->flags |= LOGSRV_LINE_BINARY;
	if (!parse_pri(&c, &meta->pri)) {
		meta->pri = LOGSRV_DEFAULT_PRI;
		meta->flags |= LOGSRV_LINE_UNFRAMED;
		meta->msg_off = 0;
		return;
	}
	body = c.pos;
	if (at(&c, 0, '1') && at(&c, 1, ' ')) {
		if (parse_5424(&c, meta))
			return;
	} else if (parse_3164(&c, meta)) {
		return;
	}
	clear_fields(meta);
	meta->flags = (binary ? LOGSRV_LINE_BINARY : 0) | LOGSRV_LINE_BAD_HEADER;
	meta->msg_off = body;
}
