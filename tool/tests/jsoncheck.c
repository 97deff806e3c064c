// SPDX-License-Identifier: GPL-2.0
/*
 * jsoncheck: a strict JSON (RFC 8259) validator and value picker for tests, in plain
 * C so it runs in the busybox guest as well as on the host.
 *
 *   jsoncheck [-l] [PATH...] <input
 *
 * Reads one JSON document (with -l: one per non-empty line, as mempoolctl's --watch,
 * top and monitor write them) and checks it: grammar, string escapes, UTF-8, no
 * duplicate keys in an object, nothing after the document. Then prints, one per line,
 * the value at each PATH: members separated by dots, array elements by index
 * ("pools.0.name"); strings unquoted and unescaped, anything else as its JSON text;
 * "PATH#" prints the number of elements of an array or object. "." is the document.
 *
 * Exit: 0 valid (and every PATH found), 1 invalid JSON, 2 a PATH not found,
 * 3 usage.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

struct parser {
	const char *end, *p;
	const char *err;
	int depth;
};

static void ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static bool fail(struct parser *ps, const char *err)
{
	if (!ps->err)
		ps->err = err;
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One UTF-8 sequence at p (p < end), well-formed and shortest; returns its length or 0. */
static int utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned int c = p[0], n, i, cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return (int)n;
}

/* A string at ps->p (on the quote); start and len: its raw contents between quotes. */
static bool string(struct parser *ps, const char **start, size_t *len)
{
	const char *p = ps->p + 1;

	*start = p;
	while (p < ps->end && *p != '"') {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20)
			return fail(ps, "control character in a string");
		if (c == '\\') {
			p++;
			if (p >= ps->end)
				break;
			if (*p == 'u') {
				int i, v = 0;

				for (i = 1; i <= 4; i++) {
					if (p + i >= ps->end || hexval(p[i]) < 0)
						return fail(ps, "bad \\u escape");
					v = v * 16 + hexval(p[i]);
				}
				p += 5;
				if (v >= 0xd800 && v <= 0xdbff) {
					int w = 0;

					if (ps->end - p < 6 || p[0] != '\\' || p[1] != 'u')
						return fail(ps, "lone high surrogate");
					for (i = 2; i <= 5; i++) {
						if (hexval(p[i]) < 0)
							return fail(ps, "bad \\u escape");
						w = w * 16 + hexval(p[i]);
					}
					if (w < 0xdc00 || w > 0xdfff)
						return fail(ps, "lone high surrogate");
					p += 6;
				} else if (v >= 0xdc00 && v <= 0xdfff) {
					return fail(ps, "lone low surrogate");
				}
				continue;
			}
			if (!*p || !strchr("\"\\/bfnrt", *p))
				return fail(ps, "bad escape");
			p++;
			continue;
		}
		if (c >= 0x80) {
			int n = utf8_len((const unsigned char *)p, (const unsigned char *)ps->end);

			if (!n)
				return fail(ps, "invalid UTF-8");
			p += n;
			continue;
		}
		p++;
	}
	if (p >= ps->end)
		return fail(ps, "unterminated string");
	*len = (size_t)(p - *start);
	ps->p = p + 1;
	return true;
}

static bool digits(struct parser *ps)
{
	const char *s = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > s;
}

static bool number(struct parser *ps)
{
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (!digits(ps))
		return fail(ps, "bad number");
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!digits(ps))
			return fail(ps, "bad fraction");
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!digits(ps))
			return fail(ps, "bad exponent");
	}
	return true;
}

static bool literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	return true;
}

static bool value(struct parser *ps);

struct key {
	const char *s;
	size_t len;
};

static bool object(struct parser *ps)
{
	struct key *keys = NULL;
	size_t nkeys = 0, cap = 0, i;
	bool ok = false;

	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return true;
	}
	for (;;) {
		const char *k;
		size_t klen;

		ws(ps);
		if (ps->p >= ps->end || *ps->p != '"') {
			fail(ps, "expected a member name");
			break;
		}
		if (!string(ps, &k, &klen))
			break;
		/* Raw comparison: mempoolctl never escapes inside key names. */
		for (i = 0; i < nkeys; i++)
			if (keys[i].len == klen && memcmp(keys[i].s, k, klen) == 0)
				break;
		if (i < nkeys) {
			fail(ps, "duplicate key");
			break;
		}
		if (nkeys == cap) {
			struct key *nk;

			cap = cap ? cap * 2 : 16;
			nk = realloc(keys, cap * sizeof(*keys));
			if (!nk) {
				fail(ps, "out of memory");
				break;
			}
			keys = nk;
		}
		keys[nkeys].s = k;
		keys[nkeys].len = klen;
		nkeys++;
		ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			fail(ps, "expected ':'");
			break;
		}
		ps->p++;
		if (!value(ps))
			break;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			ok = true;
		} else {
			fail(ps, "expected ',' or '}'");
		}
		break;
	}
	free(keys);
	return ok;
}

static bool array(struct parser *ps)
{
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return true;
	}
	for (;;) {
		if (!value(ps))
			return false;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return true;
		}
		return fail(ps, "expected ',' or ']'");
	}
}

static bool value(struct parser *ps)
{
	const char *s;
	size_t len;
	bool ok;

	ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end");
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "nested too deep");
	switch (*ps->p) {
	case '{':
		ok = object(ps);
		break;
	case '[':
		ok = array(ps);
		break;
	case '"':
		ok = string(ps, &s, &len);
		break;
	case 't':
		ok = literal(ps, "true");
		break;
	case 'f':
		ok = literal(ps, "false");
		break;
	case 'n':
		ok = literal(ps, "null");
		break;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			ok = number(ps);
		else
			ok = fail(ps, "unexpected character");
	}
	ps->depth--;
	return ok;
}

/* Validate [s, end) as exactly one document. */
static bool validate(const char *s, const char *end, const char **err, size_t *off)
{
	struct parser ps = { end, s, NULL, 0 };

	if (value(&ps)) {
		ws(&ps);
		if (ps.p != end)
			fail(&ps, "text after the document");
	}
	*err = ps.err;
	*off = (size_t)(ps.p - s);
	return !ps.err;
}

/* ---- picking values out of a valid document ---- */

/* Skip the (valid) value at p; returns the end. */
static const char *skip(const char *p, const char *end)
{
	struct parser ps = { end, p, NULL, 0 };

	value(&ps);
	return ps.p;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The raw (escaped) key at p (on the quote) equals @k of @klen plain bytes. */
static bool key_is(const char *p, const char *end, const char *k, size_t klen, const char **after)
{
	struct parser ps = { end, p, NULL, 0 };
	const char *s;
	size_t len;

	string(&ps, &s, &len);
	*after = ps.p;
	return len == klen && memcmp(s, k, klen) == 0;
}

/* Find the value at the dot path [path, pend) under the value at p. */
static const char *find(const char *p, const char *end, const char *path, const char *pend)
{
	const char *dot, *q;
	size_t clen;

	p = skip_ws(p, end);
	if (path >= pend || (pend - path == 1 && *path == '.'))
		return p;
	dot = memchr(path, '.', (size_t)(pend - path));
	if (!dot)
		dot = pend;
	clen = (size_t)(dot - path);
	if (*p == '{') {
		q = skip_ws(p + 1, end);
		while (q < end && *q == '"') {
			const char *after;
			bool match = key_is(q, end, path, clen, &after);

			q = skip_ws(after, end) + 1;	/* past ':' */
			if (match)
				return find(q, end, dot < pend ? dot + 1 : pend, pend);
			q = skip_ws(skip(q, end), end);
			if (*q == ',')
				q = skip_ws(q + 1, end);
		}
		return NULL;
	}
	if (*p == '[') {
		char *e;
		unsigned long idx = strtoul(path, &e, 10);
		unsigned long i;

		if (e != dot || clen == 0)
			return NULL;
		q = skip_ws(p + 1, end);
		if (*q == ']')
			return NULL;
		for (i = 0; i < idx; i++) {
			q = skip_ws(skip(q, end), end);
			if (*q != ',')
				return NULL;
			q = skip_ws(q + 1, end);
		}
		return find(q, end, dot < pend ? dot + 1 : pend, pend);
	}
	return NULL;
}

static void put_utf8(unsigned long cp)
{
	if (cp < 0x80) {
		putchar((int)cp);
	} else if (cp < 0x800) {
		putchar((int)(0xc0 | (cp >> 6)));
		putchar((int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		putchar((int)(0xe0 | (cp >> 12)));
		putchar((int)(0x80 | ((cp >> 6) & 0x3f)));
		putchar((int)(0x80 | (cp & 0x3f)));
	} else {
		putchar((int)(0xf0 | (cp >> 18)));
		putchar((int)(0x80 | ((cp >> 12) & 0x3f)));
		putchar((int)(0x80 | ((cp >> 6) & 0x3f)));
		putchar((int)(0x80 | (cp & 0x3f)));
	}
}

static void print_value(const char *p, const char *end, bool count)
{
	const char *e = skip(p, end);

	if (count) {
		unsigned long n = 0;
		const char *q;

		if (*p != '[' && *p != '{') {
			printf("0\n");
			return;
		}
		q = skip_ws(p + 1, end);
		while (*q != ']' && *q != '}') {
			n++;
			if (*p == '{') {
				const char *after;

				key_is(q, end, "", 0, &after);
				q = skip_ws(after, end) + 1;
			}
			q = skip_ws(skip(q, end), end);
			if (*q == ',')
				q = skip_ws(q + 1, end);
		}
		printf("%lu\n", n);
		return;
	}
	if (*p != '"') {
		fwrite(p, 1, (size_t)(e - p), stdout);
		putchar('\n');
		return;
	}
	for (p++; p < e - 1; p++) {
		if (*p != '\\') {
			putchar(*p);
			continue;
		}
		p++;
		switch (*p) {
		case 'b': putchar('\b'); break;
		case 'f': putchar('\f'); break;
		case 'n': putchar('\n'); break;
		case 'r': putchar('\r'); break;
		case 't': putchar('\t'); break;
		case 'u': {
			unsigned long cp = strtoul((char[]){ p[1], p[2], p[3], p[4], 0 }, NULL, 16);

			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				unsigned long lo = strtoul((char[]){ p[3], p[4], p[5], p[6], 0 }, NULL, 16);

				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
			put_utf8(cp);
			break;
		}
		default: putchar(*p);
		}
	}
	putchar('\n');
}

static int check_doc(const char *s, const char *end, int npaths, char **paths,
		     unsigned long line)
{
	const char *err;
	size_t off;
	int i, ret = 0;

	if (!validate(s, end, &err, &off)) {
		if (line)
			fprintf(stderr, "jsoncheck: line %lu, offset %zu: %s\n", line, off, err);
		else
			fprintf(stderr, "jsoncheck: offset %zu: %s\n", off, err);
		return 1;
	}
	for (i = 0; i < npaths; i++) {
		size_t plen = strlen(paths[i]);
		bool count = plen && paths[i][plen - 1] == '#';
		const char *v;

		if (count)
			plen--;
		v = find(s, end, paths[i], paths[i] + plen);
		if (!v) {
			fprintf(stderr, "jsoncheck: no value at '%s'\n", paths[i]);
			ret = 2;
			continue;
		}
		print_value(v, end, count);
	}
	return ret;
}

int main(int argc, char **argv)
{
	bool lines = false;
	size_t len = 0, cap = 1 << 16;
	char *buf;
	int ret = 0, argi = 1;
	size_t n;

	if (argi < argc && !strcmp(argv[argi], "-l")) {
		lines = true;
		argi++;
	}
	if (argi < argc && (!strcmp(argv[argi], "-h") || !strcmp(argv[argi], "--help"))) {
		fprintf(stderr, "usage: jsoncheck [-l] [PATH...] <input\n");
		return 3;
	}
	buf = malloc(cap);
	if (!buf)
		return 3;
	while ((n = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				return 3;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (!lines) {
		ret = check_doc(buf, buf + len, argc - argi, argv + argi, 0);
	} else {
		const char *p = buf, *end = buf + len;
		unsigned long line = 0, docs = 0;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *e = nl ? nl : end;
			int r;

			line++;
			if (skip_ws(p, e) < e) {
				docs++;
				r = check_doc(p, e, argc - argi, argv + argi, line);
				if (r == 1 || (r == 2 && ret == 0))
					ret = r;
			}
			p = nl ? nl + 1 : end;
		}
		if (!docs) {
			fprintf(stderr, "jsoncheck: no documents\n");
			ret = 1;
		}
	}
	free(buf);
	return ret;
}
