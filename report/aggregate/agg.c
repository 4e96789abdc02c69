/* agg.c - classify each failure once per distinct message shape, then count it in every
 * dimension the report shows. The per-record path does no allocation once the maps have
 * seen a key: lookups go through strmap, texts through two reused scratch buffers. */
#include "report/aggregate/agg.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/match/msgnorm.h"
#include "util/text.h"
#include "util/timeparse.h"

#define GROW(arr, cap, n)                                                               \
	do {                                                                            \
		if ((n) >= (cap)) {                                                     \
			size_t ncap_ = (cap) ? (cap) * 2 : 16;                          \
			while (ncap_ <= (n))                                            \
				ncap_ *= 2;                                             \
			(arr) = xrealloc((arr), ncap_ * sizeof(*(arr)));                \
			memset((arr) + (cap), 0, (ncap_ - (cap)) * sizeof(*(arr)));    \
			(cap) = ncap_;                                                  \
		}                                                                       \
	} while (0)

void agg_init(struct agg *a, const struct agg_config *cfg)
{
	memset(a, 0, sizeof(*a));
	a->cfg = cfg;
	strmap_init(&a->err_keys);
	strmap_init(&a->dom_keys);
	strmap_init(&a->rcpt_keys);
	strmap_init(&a->day_keys);
	strmap_init(&a->dd_keys);
	strmap_init(&a->unm_keys);
	strmap_init(&a->cache_keys);
	addrset_init(&a->addresses, cfg->collect_addresses);
	strbuf_init(&a->key);
	strbuf_init(&a->norm);
}

void agg_release(struct agg *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->err_keys.n; i++) {
		free(a->errs[i].example);
		counter_release(&a->errs[i].rcpt);
		counter_release(&a->errs[i].senders);
	}
	for (i = 0; i < a->dom_keys.n; i++) {
		free(a->doms[i].subaccount);
		free(a->doms[i].client);
	}
	for (i = 0; i < a->unm_keys.n; i++)
		free(a->unms[i].example);
	free(a->errs);
	free(a->doms);
	free(a->rcpts);
	free(a->days);
	free(a->dds);
	free(a->unms);
	free(a->cache);
	strmap_release(&a->err_keys);
	strmap_release(&a->dom_keys);
	strmap_release(&a->rcpt_keys);
	strmap_release(&a->day_keys);
	strmap_release(&a->dd_keys);
	strmap_release(&a->unm_keys);
	strmap_release(&a->cache_keys);
	addrset_release(&a->addresses);
	strbuf_release(&a->key);
	strbuf_release(&a->norm);
}

struct err_stat *agg_error(struct agg *a, const char *key, size_t len, int *added)
{
	int add;
	size_t i = strmap_intern(&a->err_keys, key, len, &add);

	GROW(a->errs, a->errs_cap, i);
	if (add) {
		counter_init(&a->errs[i].rcpt);
		counter_init(&a->errs[i].senders);
	}
	if (added)
		*added = add;
	return &a->errs[i];
}

struct dom_stat *agg_domain(struct agg *a, const char *dom, size_t len)
{
	size_t i = strmap_intern(&a->dom_keys, dom, len, NULL);
	GROW(a->doms, a->doms_cap, i);
	return &a->doms[i];
}

struct rcpt_stat *agg_rcpt(struct agg *a, const char *dom, size_t len)
{
	size_t i = strmap_intern(&a->rcpt_keys, dom, len, NULL);
	GROW(a->rcpts, a->rcpts_cap, i);
	return &a->rcpts[i];
}

struct day_stat *agg_day(struct agg *a, const char *day, size_t len)
{
	size_t i = strmap_intern(&a->day_keys, day, len, NULL);
	GROW(a->days, a->days_cap, i);
	return &a->days[i];
}

struct dd_stat *agg_day_domain(struct agg *a, const char *day, const char *dom, size_t len)
{
	size_t i;

	strbuf_reset(&a->key);
	strbuf_add(&a->key, day, AGG_DAY_LEN);
	strbuf_add(&a->key, dom, len);
	i = strmap_intern(&a->dd_keys, a->key.buf, a->key.len, NULL);
	GROW(a->dds, a->dds_cap, i);
	return &a->dds[i];
}

struct unm_stat *agg_unmatched(struct agg *a, const char *norm, size_t len, int *added)
{
	int add;
	size_t i = strmap_intern(&a->unm_keys, norm, len, &add);

	GROW(a->unms, a->unms_cap, i);
	if (added)
		*added = add;
	return &a->unms[i];
}

/* s into dst[cap], cut on a UTF-8 character (half of one would make the report's JSON
 * drop the field). */
static void slice_copy(char *dst, size_t cap, struct slice s)
{
	size_t n = text_utf8_cut(s.ptr, s.len, cap - 1);
	if (n) /* an empty slice may be (NULL, 0) */
		memcpy(dst, s.ptr, n);
	dst[n] = '\0';
}

static enum sh_severity default_severity(enum sh_event e)
{
	switch (e) {
	case EV_BLOCKED:
	case EV_DEFERRED:
		return SEV_TEMPORARY;
	default:
		return SEV_PERMANENT;
	}
}

static void add_int(struct strbuf *sb, int v)
{
	char d[12];
	int n = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0 && n < 11);
	if (v < 0)
		strbuf_addch(sb, '-');
	while (n)
		strbuf_addch(sb, d[--n]);
}

/* The cache key: everything classification depends on, with the message normalised. */
static void build_key(struct agg *a, const struct sh_record *r)
{
	struct strbuf *k = &a->key;

	strbuf_reset(k);
	strbuf_add(k, r->esp.ptr, r->esp.len);
	strbuf_addch(k, '\x1f');
	add_int(k, r->smtp_code);
	strbuf_addch(k, '\x1f');
	strbuf_adds(k, r->enhanced);
	strbuf_addch(k, '\x1f');
	strbuf_add(k, r->esp_reason.ptr, r->esp_reason.len);
	strbuf_addch(k, '\x1f');
	strbuf_add(k, r->bounce_class.ptr, r->bounce_class.len);
	strbuf_addch(k, '\x1f');
	/* a final failure with a temporary reason is "expired", a deferral is not */
	strbuf_addch(k, (char)('0' + (int)r->severity));
	strbuf_reset(&a->norm);
	msgnorm(&a->norm, r->message.ptr, r->message.len);
	strbuf_add(k, a->norm.buf, a->norm.len);
	if (r->description.len) {
		strbuf_addch(k, '\x1e');
		msgnorm(k, r->description.ptr, r->description.len);
	}
}

/* The matcher's view of a record: message and description as one text, the ESP's fields
 * as strings (prov, 16 bytes, is kept for the error row). */
static void match_record(const struct agg *a, const struct sh_record *r, struct strbuf *text,
			 char *prov, struct match_result *res)
{
	struct match_input in;
	char reason[64], klass[64];

	strbuf_add(text, r->message.ptr, r->message.len);
	if (r->description.len) {
		if (text->len)
			strbuf_adds(text, " | ");
		strbuf_add(text, r->description.ptr, r->description.len);
	}
	slice_copy(prov, 16, r->esp);
	slice_copy(reason, sizeof(reason), r->esp_reason);
	slice_copy(klass, sizeof(klass), r->bounce_class);
	memset(&in, 0, sizeof(in));
	in.provider = prov[0] ? prov : NULL;
	in.smtp_code = r->smtp_code;
	in.enhanced = r->enhanced[0] ? r->enhanced : NULL;
	in.text = text->len ? text->buf : NULL;
	in.esp_reason = reason[0] ? reason : NULL;
	in.bounce_class = klass[0] ? klass : NULL;
	in.severity = r->severity;
	matcher_classify(a->cfg->matcher, &in, res);
}

/* The error row's key: the entry's id, or "msg:" and the normalised message when nothing
 * matched. Returns the length before the category suffix. */
static size_t error_key(const struct agg *a, const struct sh_record *r,
			const struct match_result *res, struct strbuf *ekey)
{
	size_t nlen;

	/* the message part of the cache key is a->norm (computed by build_key) */
	if (res->entry) {
		strbuf_adds(ekey, res->entry->f[CAT_ID]);
	} else {
		strbuf_adds(ekey, "msg:");
		if (a->norm.len)
			strbuf_add(ekey, a->norm.buf, a->norm.len);
		else
			msgnorm(ekey, r->description.ptr, r->description.len);
	}
	nlen = ekey->len;
	/* One error row, one category: where the entry leaves the category open (no entry, an
	 * RFC 3463 X.0.0 row) it is part of the key. Otherwise the first failure decided the
	 * row's category for all, and merged shards differed from one run (fuzz_pipeline). */
	if (!res->entry || !*res->entry->f[CAT_CATEGORY])
		strbuf_addf(ekey, "#%s", category_name(res->category));
	return nlen;
}

static struct err_stat *error_row(struct agg *a, const struct strbuf *ekey,
				  const struct match_result *res, const struct sh_record *r,
				  const char *prov, const char *text)
{
	int added;
	struct err_stat *e = agg_error(a, ekey->buf, ekey->len, &added);

	if (added) {
		e->entry = res->entry;
		e->category = res->category;
		e->action = res->action;
		e->tier = res->tier;
		e->how = res->how;
		memcpy(e->why, res->why, sizeof(e->why));
		e->nwhy = res->nwhy;
		e->weight = res->weight;
		e->seen_provider = res->seen_provider;
		snprintf(e->provider, sizeof(e->provider), "%s",
			 res->entry ? res->entry->f[CAT_PROVIDER] : prov[0] ? prov : "smtp");
		snprintf(e->esp, sizeof(e->esp), "%s", prov[0] ? prov : "smtp");
		e->smtp = r->smtp_code;
		memcpy(e->enh, r->enhanced, sizeof(e->enh));
		e->example = xstrdup(text);
	}
	return e;
}

static long unmatched_row(struct agg *a, const char *norm, size_t len,
			  const struct match_result *res, const struct sh_record *r,
			  const char *prov, const char *text)
{
	int added;
	struct unm_stat *u = agg_unmatched(a, norm, len, &added);

	if (added) {
		u->example = xstrdup(text);
		snprintf(u->provider, sizeof(u->provider), "%s", prov[0] ? prov : "smtp");
		u->smtp = r->smtp_code;
		memcpy(u->enh, r->enhanced, sizeof(u->enh));
		u->category = res->category;
	}
	return (long)(u - a->unms);
}

/* Classifies a record once per cache key; returns its index in a->cache. */
static size_t classify(struct agg *a, const struct sh_record *r)
{
	struct match_result res;
	struct strbuf text, ekey;
	char prov[16];
	struct err_stat *e;
	size_t ci, nlen;
	long hit;

	build_key(a, r);
	hit = strmap_find(&a->cache_keys, a->key.buf, a->key.len);
	if (hit >= 0)
		return (size_t)hit;
	strbuf_init(&text);
	strbuf_init(&ekey);
	match_record(a, r, &text, prov, &res);
	nlen = error_key(a, r, &res, &ekey);
	e = error_row(a, &ekey, &res, r, prov, text.buf);
	ci = strmap_intern(&a->cache_keys, a->key.buf, a->key.len, NULL);
	GROW(a->cache, a->cache_cap, ci);
	a->cache[ci].err = (size_t)(e - a->errs);
	a->cache[ci].severity = res.severity;
	a->cache[ci].unm = -1;
	if (!res.entry) /* the key without "msg:" */
		a->cache[ci].unm = unmatched_row(a, ekey.buf + 4, nlen - 4, &res, r, prov, text.buf);
	strbuf_release(&text);
	strbuf_release(&ekey);
	return ci;
}

static void lower_into(struct strbuf *sb, struct slice s)
{
	size_t i;

	strbuf_reset(sb);
	strbuf_grow(sb, s.len);
	for (i = 0; i < s.len; i++) /* room made once: not an append call per byte */
		sb->buf[i] = (char)tolower((unsigned char)s.ptr[i]);
	sb->len = s.len;
	sb->buf[s.len] = '\0';
}

/* A record without the domain is counted under "(unknown)". */
static struct slice known(struct slice s)
{
	if (!s.len) {
		s.ptr = "(unknown)";
		s.len = 9;
	}
	return s;
}

static struct rcpt_stat *rcpt_of(struct agg *a, const struct sh_record *r)
{
	struct slice rd = known(r->recipient_domain);
	struct rcpt_stat *rs = agg_rcpt(a, rd.ptr, rd.len);

	if (!rs->provider[0] && r->recipient_provider.len)
		slice_copy(rs->provider, sizeof(rs->provider), r->recipient_provider);
	return rs;
}

static void count_failure(struct agg *a, const struct sh_record *r, struct dom_stat *d,
			  struct day_stat *day)
{
	size_t ci = classify(a, r);
	const struct cache_val *cv = &a->cache[ci];
	struct err_stat *e = &a->errs[cv->err];
	enum sh_category c = e->category;
	enum sh_severity sev = r->severity != SEV_UNKNOWN ? r->severity
			       : cv->severity != SEV_UNKNOWN ? cv->severity
							     : default_severity(r->event);
	int perm = sev == SEV_PERMANENT;
	struct slice rd = known(r->recipient_domain);
	struct rcpt_stat *rs;

	a->failures++;
	a->perm += perm;
	a->temp += !perm;
	a->cats[c].count++;
	a->cats[c].perm += perm;
	a->cats[c].temp += !perm;
	e->count++;
	e->perm += perm;
	e->temp += !perm;
	counter_add(&e->rcpt, rd.ptr, rd.len, 1);
	counter_add(&e->senders, a->dom_keys.keys[d - a->doms], a->dom_keys.lens[d - a->doms], 1);
	d->failures++;
	d->perm += perm;
	d->temp += !perm;
	d->by_cat[c]++;
	rs = rcpt_of(a, r);
	rs->failures++;
	rs->by_cat[c]++;
	if (day) {
		day->failures++;
		day->by_cat[c]++;
	}
	if (e->entry)
		a->matched++;
	else
		a->unmatched++;
	if (cv->unm >= 0)
		a->unms[cv->unm].count++;
	/* the addresses are those the "remove invalid addresses" action counts: an invalid
	 * recipient whose entry recommends something else is not among its failures */
	if (c == CATEGORY_RECIPIENT_INVALID && e->action == ACTION_REMOVE_ADDRESSES && perm &&
	    r->recipient.len) {
		lower_into(&a->norm, r->recipient);
		addrset_add(&a->addresses, a->norm.buf, a->norm.len);
	}
}

/* The record's day row (NULL without a time), and the first and last time seen. */
static struct day_stat *day_of(struct agg *a, double ts)
{
	char buf[16];
	long secs, dn;
	struct day_stat *day;

	if (ts <= 0)
		return NULL;
	if (!a->first_ts || ts < a->first_ts)
		a->first_ts = ts;
	if (ts > a->last_ts)
		a->last_ts = ts;
	/* events come in time order: the day is mostly the previous record's */
	secs = (long)floor(ts);
	dn = (secs >= 0 ? secs : secs - 86399) / 86400;
	if (a->day_cached && dn == a->day_num)
		return &a->days[a->day_idx];
	time_format_day(ts, buf);
	day = agg_day(a, buf, strlen(buf));
	a->day_num = dn;
	a->day_idx = (size_t)(day - a->days);
	a->day_cached = 1;
	return day;
}

enum dd_what { DD_ACCEPTED, DD_DELIVERED, DD_FAILED };

/* Counts the event in the cell of the last record's day (day_of just set a->day_idx) and
 * the domain d. A day that is not "YYYY-MM-DD" (a year past 9999) has no cell. */
static void day_domain_add(struct agg *a, const struct dom_stat *d, enum dd_what what)
{
	size_t di = (size_t)(d - a->doms);
	struct dom_stat *dw = &a->doms[di];
	struct dd_stat *c;

	if (a->day_keys.lens[a->day_idx] != AGG_DAY_LEN)
		return;
	/* the cell of the domain's last record: events come in time order, so it is mostly
	 * this one, found without building and hashing its key (1.6 % of a Mailgun report) */
	if (dw->dd_day == a->day_idx + 1) {
		c = &a->dds[dw->dd_idx];
	} else {
		c = agg_day_domain(a, a->day_keys.keys[a->day_idx], a->dom_keys.keys[di],
				   a->dom_keys.lens[di]);
		dw->dd_day = a->day_idx + 1;
		dw->dd_idx = (size_t)(c - a->dds);
	}
	c->accepted += what == DD_ACCEPTED;
	c->delivered += what == DD_DELIVERED;
	c->failures += what == DD_FAILED;
}

void agg_add(struct agg *a, const struct sh_record *r)
{
	struct slice dom = known(r->sending_domain);
	struct dom_stat *d;
	struct day_stat *day;

	if (a->cfg->have_window &&
	    (r->timestamp <= 0 || r->timestamp < a->cfg->since || r->timestamp >= a->cfg->until)) {
		a->outside_window++;
		return;
	}
	a->records++;
	if ((unsigned)r->event < EV_COUNT)
		a->by_event[r->event]++;
	day = day_of(a, r->timestamp);
	d = agg_domain(a, dom.ptr, dom.len);
	if (!d->subaccount && r->subaccount.len)
		d->subaccount = xstrndup(r->subaccount.ptr, r->subaccount.len);
	switch (r->event) {
	case EV_ACCEPTED:
		a->accepted++;
		d->accepted++;
		if (day) {
			day->accepted++;
			day_domain_add(a, d, DD_ACCEPTED);
		}
		break;
	case EV_DELIVERED:
		a->delivered++;
		d->delivered++;
		if (day) {
			day->delivered++;
			day_domain_add(a, d, DD_DELIVERED);
		}
		rcpt_of(a, r)->delivered++;
		break;
	case EV_COMPLAINED:
		a->complaints++;
		d->complaints++;
		if (day)
			day->complaints++;
		break;
	default:
		if (!record_is_failure(r))
			break;
		count_failure(a, r, d, day);
		if (day)
			day_domain_add(a, d, DD_FAILED);
		break;
	}
}
