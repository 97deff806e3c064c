// SPDX-License-Identifier: GPL-2.0
/* Command-line value parsing; see parse.h. Never touches the kernel. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

int parse_u64(const char *s, uint64_t *v, uint64_t min, uint64_t max, unsigned int flags)
{
	uint64_t n = 0, mult = 1;
	const char *p = s;

	if (!s || !*s)
		return PARSE_EMPTY;
	if (*p < '0' || *p > '9')
		return PARSE_SYNTAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		if (n > (UINT64_MAX - d) / 10)
			return PARSE_RANGE;
		n = n * 10 + d;
	}
	if (*p) {
		switch (*p) {
		case 'k':
		case 'K':
			mult = 1ull << 10;
			break;
		case 'm':
		case 'M':
			mult = 1ull << 20;
			break;
		case 'g':
		case 'G':
			mult = 1ull << 30;
			break;
		default:
			return PARSE_SYNTAX;
		}
		if (p[1])
			return PARSE_SYNTAX;
		if (!(flags & PARSE_ALLOW_SUFFIX))
			return PARSE_SUFFIX;
		if (n > UINT64_MAX / mult)
			return PARSE_RANGE;
		n *= mult;
	}
	if (n < min || n > max)
		return PARSE_RANGE;
	*v = n;
	return PARSE_OK;
}

int parse_u32(const char *s, uint32_t *v, uint32_t min, uint32_t max, unsigned int flags)
{
	uint64_t n;
	int ret = parse_u64(s, &n, min, max, flags);

	if (ret == PARSE_OK)
		*v = (uint32_t)n;
	return ret;
}

int parse_duration_ms(const char *s, uint32_t *ms, uint32_t min_ms, uint32_t max_ms)
{
	uint64_t whole = 0, frac = 0;
	const char *p = s;
	unsigned int digits = 0;

	if (!s || !*s)
		return PARSE_EMPTY;
	if (*p < '0' || *p > '9')
		return PARSE_SYNTAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (uint64_t)(*p - '0');
		if (whole > UINT32_MAX)
			return PARSE_RANGE;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 3)
				return PARSE_SYNTAX;
			frac = frac * 10 + (uint64_t)(*p - '0');
		}
		if (!digits)
			return PARSE_SYNTAX;
		while (digits++ < 3)
			frac *= 10;
	}
	if (*p)
		return PARSE_SYNTAX;
	whole = whole * 1000 + frac;
	if (whole < min_ms || whole > max_ms)
		return PARSE_RANGE;
	*ms = (uint32_t)whole;
	return PARSE_OK;
}

const char *parse_strerror(int err)
{
	switch (err) {
	case PARSE_OK:
		return "ok";
	case PARSE_EMPTY:
		return "empty";
	case PARSE_SYNTAX:
		return "not a non-negative decimal number";
	case PARSE_SUFFIX:
		return "no K/M/G suffix allowed here";
	case PARSE_RANGE:
		return "out of range";
	default:
		return "invalid";
	}
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-';
}

int parse_pool_ref(const char *s, struct pool_ref *ref, char *err, size_t errlen)
{
	size_t i, len;
	int ret;

	memset(ref, 0, sizeof(*ref));
	if (!s || !*s) {
		snprintf(err, errlen, "empty pool name");
		return -1;
	}
	if (!strncmp(s, "id:", 3)) {
		ret = parse_u32(s + 3, &ref->id, 1, UINT32_MAX, 0);
		if (ret != PARSE_OK) {
			snprintf(err, errlen, "invalid pool id '%s': %s%s", s + 3,
				 parse_strerror(ret), ret == PARSE_RANGE ? " (1 to 4294967295)" : "");
			return -1;
		}
		return 0;
	}
	len = strlen(s);
	if (len > MPOOL_NAME_LEN_MAX) {
		snprintf(err, errlen, "pool name longer than %d characters", MPOOL_NAME_LEN_MAX);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (!name_char(s[i])) {
			snprintf(err, errlen,
				 "invalid pool name '%s': names use A-Z a-z 0-9 _ . - (or id:N)", s);
			return -1;
		}
	}
	memcpy(ref->name, s, len + 1);
	return 0;
}

const char *pool_ref_str(const struct pool_ref *ref, char *buf, size_t len)
{
	if (ref->id)
		snprintf(buf, len, "id:%u", ref->id);
	else
		snprintf(buf, len, "%s", ref->name);
	return buf;
}

int parse_bool(const char *s, bool *v)
{
	static const char *const on[] = { "on", "1", "yes", "true" };
	static const char *const off[] = { "off", "0", "no", "false" };
	size_t i;

	for (i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		if (!strcmp(s, on[i])) {
			*v = true;
			return 0;
		}
		if (!strcmp(s, off[i])) {
			*v = false;
			return 0;
		}
	}
	return -1;
}

int parse_limit(const char *s, bool none_ok, uint32_t *v)
{
	if (none_ok && s && !strcmp(s, "none")) {
		*v = 0;
		return PARSE_OK;
	}
	return parse_u32(s, v, 0, UINT32_MAX, PARSE_ALLOW_SUFFIX);
}

int parse_class_size(const char *s, uint32_t *size)
{
	return parse_u32(s, size, 1, UINT32_MAX, PARSE_ALLOW_SUFFIX);
}

int parse_node(const char *s, uint32_t *node)
{
	return parse_u32(s, node, 0, INT32_MAX, 0);
}

const char *const set_keys[] = {
	"min-objects", "max-objects", "magazine-size", "poison", "adaptive", "adapt-interval",
	"adapt-rebalance", "promote-after", "young-interval", "old-interval", "old-sparse-pct",
	"cold-age", "cold-high-pct", "cold-low-pct", "cold-min-saving-pct", "cold-interval",
	"cold-cpu-pct", "cold-permanent", NULL,
};

/* Boolean keys of `set`: on or off. */
static int set_bool(const char *key, const char *val, bool *v, char *err, size_t errlen)
{
	if (parse_bool(val, v)) {
		snprintf(err, errlen, "invalid %s '%s': on or off", key, val);
		return -1;
	}
	return 0;
}

int parse_set_arg(const char *arg, struct set_req *req, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	const char *val, *range = NULL;
	char key[24];
	size_t klen;
	bool *has;
	int ret = PARSE_OK;

	if (!eq) {
		snprintf(err, errlen, "expected key=value, got '%s'", arg);
		return -1;
	}
	klen = (size_t)(eq - arg);
	val = eq + 1;
	snprintf(key, sizeof(key), "%.*s", (int)(klen < sizeof(key) ? klen : 0), arg);
	if (!strcmp(key, "min-objects")) {
		has = &req->has_min;
		ret = parse_limit(val, false, &req->min_objects);
	} else if (!strcmp(key, "max-objects")) {
		has = &req->has_max;
		ret = parse_limit(val, true, &req->max_objects);
	} else if (!strcmp(key, "magazine-size")) {
		has = &req->has_magazine;
		ret = parse_u32(val, &req->magazine_size, 1, MPOOL_MAGAZINE_MAX, 0);
		range = "1 to 1024";
	} else if (!strcmp(key, "adapt-interval")) {
		has = &req->has_adapt_interval;
		ret = parse_u32(val, &req->adapt_interval, ADAPT_INTERVAL_MIN, ADAPT_INTERVAL_MAX, 0);
		range = "60 to 86400 seconds";
	} else if (!strcmp(key, "promote-after")) {
		has = &req->has_promote_after;
		ret = parse_u32(val, &req->promote_after, 1, PROMOTE_AFTER_MAX, 0);
		range = "1 to 255 young collections";
	} else if (!strcmp(key, "young-interval")) {
		has = &req->has_young_interval;
		ret = parse_u32(val, &req->young_interval, 1, MANAGED_INTERVAL_MAX, 0);
		range = "1 to 3600000 milliseconds";
	} else if (!strcmp(key, "old-interval")) {
		has = &req->has_old_interval;
		ret = parse_u32(val, &req->old_interval, 1, MANAGED_INTERVAL_MAX, 0);
		range = "1 to 3600000 milliseconds";
	} else if (!strcmp(key, "old-sparse-pct")) {
		has = &req->has_old_sparse_pct;
		ret = parse_u32(val, &req->old_sparse_pct, 1, 100, 0);
		range = "1 to 100 percent";
	} else if (!strcmp(key, "cold-age")) {
		has = &req->has_cold_age;
		ret = parse_u32(val, &req->cold_age, 1, COLD_AGE_MAX, 0);
		range = "1 to 86400000 milliseconds";
	} else if (!strcmp(key, "cold-high-pct")) {
		has = &req->has_cold_high_pct;
		ret = parse_u32(val, &req->cold_high_pct, 1, 100, 0);
		range = "1 to 100 percent";
	} else if (!strcmp(key, "cold-low-pct")) {
		has = &req->has_cold_low_pct;
		ret = parse_u32(val, &req->cold_low_pct, 1, COLD_LOW_PCT_MAX, 0);
		range = "1 to 99 percent";
	} else if (!strcmp(key, "cold-min-saving-pct")) {
		has = &req->has_cold_min_saving_pct;
		ret = parse_u32(val, &req->cold_min_saving_pct, 1, COLD_MIN_SAVING_PCT_MAX, 0);
		range = "1 to 90 percent";
	} else if (!strcmp(key, "cold-interval")) {
		has = &req->has_cold_interval;
		ret = parse_u32(val, &req->cold_interval, 1, MANAGED_INTERVAL_MAX, 0);
		range = "1 to 3600000 milliseconds";
	} else if (!strcmp(key, "cold-cpu-pct")) {
		has = &req->has_cold_cpu_pct;
		ret = parse_u32(val, &req->cold_cpu_pct, 1, 100, 0);
		range = "1 to 100 percent";
	} else if (!strcmp(key, "cold-permanent")) {
		has = &req->has_cold_permanent;
		if (!*has && set_bool(key, val, &req->cold_permanent, err, errlen))
			return -1;
	} else if (!strcmp(key, "poison")) {
		has = &req->has_poison;
		if (!*has && set_bool(key, val, &req->poison, err, errlen))
			return -1;
	} else if (!strcmp(key, "adaptive")) {
		has = &req->has_adaptive;
		if (!*has && set_bool(key, val, &req->adaptive, err, errlen))
			return -1;
	} else if (!strcmp(key, "adapt-rebalance")) {
		has = &req->has_adapt_rebalance;
		if (!*has && set_bool(key, val, &req->adapt_rebalance, err, errlen))
			return -1;
	} else {
		snprintf(err, errlen,
			 "unknown key '%.*s' (min-objects, max-objects, magazine-size, poison, adaptive, adapt-interval, adapt-rebalance; managed pools: promote-after, young-interval, old-interval, old-sparse-pct; their cold tier: cold-age, cold-high-pct, cold-low-pct, cold-min-saving-pct, cold-interval, cold-cpu-pct, cold-permanent)",
			 (int)(klen > 40 ? 40 : klen), arg);
		return -1;
	}
	if (*has) {
		snprintf(err, errlen, "'%s' given twice", key);
		return -1;
	}
	if (ret != PARSE_OK) {
		if (ret == PARSE_RANGE && range)
			snprintf(err, errlen, "invalid %s '%s': %s", key, val, range);
		else
			snprintf(err, errlen, "invalid %s '%s': %s", key, val, parse_strerror(ret));
		return -1;
	}
	*has = true;
	return 0;
}

bool set_req_managed(const struct set_req *req)
{
	return req->has_promote_after || req->has_young_interval || req->has_old_interval ||
	       req->has_old_sparse_pct || req->has_cold_age || req->has_cold_high_pct ||
	       req->has_cold_low_pct || req->has_cold_min_saving_pct || req->has_cold_interval ||
	       req->has_cold_cpu_pct || req->has_cold_permanent;
}

bool set_req_slab(const struct set_req *req)
{
	return req->has_min || req->has_max || req->has_magazine || req->has_poison ||
	       req->has_adaptive || req->has_adapt_interval || req->has_adapt_rebalance;
}

int parse_collect_generation(const char *s, uint32_t *gen)
{
	if (!strcmp(s, "young")) {
		*gen = MPOOL_GENERATION_YOUNG;
		return 0;
	}
	if (!strcmp(s, "old")) {
		*gen = MPOOL_GENERATION_OLD;
		return 0;
	}
	return -1;
}

const char *const sort_key_names[SORT_NR] = {
	[SORT_ID] = "id",
	[SORT_NAME] = "name",
	[SORT_SIZE] = "size",
	[SORT_LIVE] = "live",
	[SORT_CACHED] = "cached",
	[SORT_PAGES] = "pages",
	[SORT_HIT] = "hit",
	[SORT_EFF] = "efficiency",
	[SORT_ALLOCS] = "allocs",
	[SORT_FREES] = "frees",
};

int parse_sort_key(const char *s, enum sort_key *key)
{
	int i;

	for (i = 0; i < SORT_NR; i++) {
		if (!strcmp(s, sort_key_names[i])) {
			*key = (enum sort_key)i;
			return 0;
		}
	}
	return -1;
}
