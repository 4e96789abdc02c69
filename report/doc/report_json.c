/* report_json.c - agg -> report document, and a saved document -> agg (merge).
 * Output order is deterministic: counts descending, then keys ascending (days: oldest
 * first), so equal inputs give equal documents apart from generated_at. */
#include "report/doc/report_json.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/aggregate/actions.h"
#include "catalogue/entry_json.h"
#include "catalogue/layers.h"
#include "report/doc/refused_by.h"
#include "report/doc/report_json_priv.h"
#include "report/match/match_json.h"
#include "util/csv_quote.h"
#include "util/text.h"
#include "util/timeparse.h"

#ifndef SENDHEALTH_VERSION
#define SENDHEALTH_VERSION "0.0.0"
#endif

void report_inputs_init(struct report_inputs *in)
{
	memset(in, 0, sizeof(*in));
	counter_init(&in->skipped_by_reason);
}

void report_inputs_release(struct report_inputs *in)
{
	size_t i;

	if (!in)
		return;
	for (i = 0; i < in->n; i++) {
		free(in->sources[i].name);
		free(in->sources[i].kind);
		free(in->sources[i].format);
	}
	free(in->sources);
	counter_release(&in->skipped_by_reason);
	memset(in, 0, sizeof(*in));
}

void report_inputs_add(struct report_inputs *in, const char *name, const char *kind,
		       const char *format, long records, long skipped, long duplicates)
{
	struct report_source *s;

	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 8;
		in->sources = xrealloc(in->sources, in->cap * sizeof(*in->sources));
	}
	s = &in->sources[in->n++];
	s->name = xstrdup(name);
	s->kind = xstrdup(kind);
	s->format = xstrdup(format);
	s->records = records;
	s->skipped = skipped;
	s->duplicates = duplicates;
}

const char *mailbox_provider(const char *d)
{
	static const struct {
		const char *domain;
		const char *provider;
	} map[] = {
		{ "gmail.com", "Gmail" },      { "googlemail.com", "Gmail" },
		{ "outlook.com", "Microsoft" }, { "hotmail.com", "Microsoft" },
		{ "live.com", "Microsoft" },   { "msn.com", "Microsoft" },
		{ "hotmail.co.uk", "Microsoft" }, { "outlook.de", "Microsoft" },
		{ "hotmail.de", "Microsoft" }, { "yahoo.com", "Yahoo" },
		{ "yahoo.de", "Yahoo" },       { "yahoo.co.uk", "Yahoo" },
		{ "ymail.com", "Yahoo" },      { "aol.com", "Yahoo" },
		{ "icloud.com", "Apple" },     { "me.com", "Apple" },
		{ "mac.com", "Apple" },        { "gmx.de", "GMX / WEB.DE" },
		{ "gmx.net", "GMX / WEB.DE" }, { "web.de", "GMX / WEB.DE" },
		{ "t-online.de", "Telekom" },  { "proton.me", "Proton" },
		{ "protonmail.com", "Proton" }, { "zoho.com", "Zoho" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(d, map[i].domain))
			return map[i].provider;
	return "other";
}

json_t *report_json_by_category(const long *counts)
{
	json_t *o = json_object();
	int c;

	for (c = 0; c < CATEGORY_COUNT; c++)
		if (counts[c])
			json_object_set_new(o, category_name((enum sh_category)c), json_integer(counts[c]));
	return o;
}

static json_t *iso_or_null(double t)
{
	char buf[32];

	if (t <= 0)
		return json_null();
	time_format_iso(t, buf);
	return json_string(buf);
}

static int order_cmp(const void *x, const void *y)
{
	const struct order *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int order_key_cmp(const void *x, const void *y)
{
	return strcmp(((const struct order *)x)->key, ((const struct order *)y)->key);
}

struct order *report_json_ordered(const struct strmap *m, const void *base, size_t stride,
				  size_t offset, int by_key)
{
	struct order *o = xmalloc((m->n ? m->n : 1) * sizeof(*o));
	size_t i;

	for (i = 0; i < m->n; i++) {
		o[i].count = base ? *(const long *)((const char *)base + i * stride + offset) : 0;
		o[i].key = m->keys[i];
		o[i].i = i;
	}
	qsort(o, m->n, sizeof(*o), by_key ? order_key_cmp : order_cmp);
	return o;
}

json_t *report_json_volume_fields(json_t *o, long sent, long accepted, long delivered,
				  long failures, long perm, long temp, long complaints)
{
	json_object_set_new(o, "sent", json_integer(sent));
	json_object_set_new(o, "accepted", json_integer(accepted));
	json_object_set_new(o, "delivered", json_integer(delivered));
	json_object_set_new(o, "failures", json_integer(failures));
	json_object_set_new(o, "permanent", json_integer(perm));
	json_object_set_new(o, "temporary", json_integer(temp));
	json_object_set_new(o, "complaints", json_integer(complaints));
	return o;
}

static json_t *build_period(const struct agg *a, const struct report_meta *m)
{
	json_t *p = json_object();

	if (m->have_window) {
		json_object_set_new(p, "start", iso_or_null(m->since));
		json_object_set_new(p, "end", iso_or_null(m->until));
		json_object_set_new(p, "source", json_string("window"));
	} else {
		json_object_set_new(p, "start", iso_or_null(a->first_ts));
		json_object_set_new(p, "end", iso_or_null(a->last_ts));
		json_object_set_new(p, "source", json_string(a->first_ts > 0 ? "data" : "none"));
	}
	json_object_set_new(p, "first_event", iso_or_null(a->first_ts));
	json_object_set_new(p, "last_event", iso_or_null(a->last_ts));
	return p;
}

/* A client's report names no input and counts only its own records. */
static json_t *build_inputs(const struct agg *a, const struct report_inputs *in,
			    enum report_audience au)
{
	json_t *o = json_object(), *srcs = json_array(), *reasons = json_object();
	size_t i;

	if (au == AUDIENCE_CLIENT)
		in = NULL;
	for (i = 0; in && i < in->n; i++) {
		const struct report_source *s = &in->sources[i];
		json_t *j = json_object();
		json_object_set_new(j, "name", json_string(s->name));
		json_object_set_new(j, "kind", json_string(s->kind));
		json_object_set_new(j, "format", json_string(s->format));
		json_object_set_new(j, "records", json_integer(s->records));
		json_object_set_new(j, "skipped", json_integer(s->skipped));
		json_object_set_new(j, "duplicates", json_integer(s->duplicates));
		json_array_append_new(srcs, j);
	}
	if (in) {
		size_t *idx = counter_sorted(&in->skipped_by_reason);
		for (i = 0; i < counter_size(&in->skipped_by_reason); i++)
			json_object_set_new(reasons, in->skipped_by_reason.keys.keys[idx[i]],
					    json_integer(in->skipped_by_reason.v[idx[i]]));
		free(idx);
	}
	json_object_set_new(o, "sources", srcs);
	json_object_set_new(o, "records", json_integer(a->records));
	json_object_set_new(o, "skipped", json_integer(in ? in->skipped : 0));
	json_object_set_new(o, "skipped_by_reason", reasons);
	json_object_set_new(o, "duplicates", json_integer(in ? in->duplicates : 0));
	json_object_set_new(o, "outside_window", json_integer(a->outside_window));
	return o;
}

static json_t *build_totals(const struct agg *a, const struct report_meta *m)
{
	json_t *o = json_object(), *ev = json_object();
	long sent = 0, delivered = 0;
	size_t i;
	int e;

	for (e = 0; e < EV_COUNT; e++)
		if (a->by_event[e])
			json_object_set_new(ev, record_event_name((enum sh_event)e), json_integer(a->by_event[e]));
	for (i = 0; i < a->dom_keys.n; i++) {
		long dl;
		int fs;
		sent += report_json_domain_sent(&a->doms[i], a->dom_keys.keys[i], m, &dl, &fs);
		delivered += dl;
	}
	json_object_set_new(o, "events", json_integer(a->records));
	json_object_set_new(o, "by_event", ev);
	report_json_volume_fields(o, sent, a->accepted, delivered, a->failures, a->perm, a->temp,
				  a->complaints);
	json_object_set_new(o, "matched", json_integer(a->matched));
	json_object_set_new(o, "unmatched", json_integer(a->unmatched));
	return o;
}

static json_t *build_categories(const struct agg *a, enum sh_lang lang)
{
	json_t *arr = json_array();
	int order[CATEGORY_COUNT], i, j;

	for (i = 0; i < CATEGORY_COUNT; i++)
		order[i] = i;
	for (i = 1; i < CATEGORY_COUNT; i++) /* insertion sort by count, stable on id order */
		for (j = i; j > 0 && a->cats[order[j]].count > a->cats[order[j - 1]].count; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < CATEGORY_COUNT; i++) {
		const struct cat_counts *c = &a->cats[order[i]];
		const struct category_text *ct = category_text((enum sh_category)order[i], lang);
		json_t *o;
		if (!c->count)
			continue;
		o = json_object();
		json_object_set_new(o, "id", json_string(category_name((enum sh_category)order[i])));
		json_object_set_new(o, "title", json_string(ct->title));
		json_object_set_new(o, "description", json_string(ct->description));
		json_object_set_new(o, "count", json_integer(c->count));
		json_object_set_new(o, "share", json_real(a->failures ? (double)c->count / (double)a->failures : 0));
		json_object_set_new(o, "permanent", json_integer(c->perm));
		json_object_set_new(o, "temporary", json_integer(c->temp));
		json_object_set_new(o, "action_kind", json_string(action_name(ct->action_kind)));
		json_object_set_new(o, "action", json_string(ct->action));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *build_errors(const struct agg *a, enum sh_lang lang, enum report_audience au)
{
	json_t *arr = json_array();
	struct order *o = report_json_ordered(&a->err_keys, a->errs, sizeof(*a->errs),
					      offsetof(struct err_stat, count), 0);
	size_t k;

	for (k = 0; k < a->err_keys.n; k++) {
		const struct err_stat *e = &a->errs[o[k].i];
		json_t *j = json_object();
		char smtp[24];
		if (au == AUDIENCE_CLIENT) { /* the catalogue's ids are the agency's */
			snprintf(smtp, sizeof(smtp), "%zu", k + 1);
			json_object_set_new(j, "key", json_string(smtp));
			json_object_set_new(j, "entry_id", json_null());
			json_object_set_new(j, "catalogued", json_boolean(e->entry != NULL));
		} else {
			json_object_set_new(j, "key", json_string(o[k].key));
			json_object_set_new(j, "entry_id", e->entry ? json_string(e->entry->f[CAT_ID]) : json_null());
		}
		snprintf(smtp, sizeof(smtp), "%d", e->smtp);
		/* who refused; the catalogue entry's own provider beside it */
		json_object_set_new(j, "provider", json_string(refused_by(e)));
		json_object_set_new(j, "catalogue_provider", json_string(e->provider));
		json_object_set_new(j, "reported_by", json_string(e->esp));
		json_object_set_new(j, "code", json_string(e->entry && *entry_display_code(e->entry)
								    ? entry_display_code(e->entry)
								    : e->smtp ? smtp : e->enh));
		json_object_set_new(j, "smtp_code", json_string(e->smtp ? smtp : ""));
		json_object_set_new(j, "enhanced_code", json_string(e->enh));
		json_object_set_new(j, "message", json_string(e->entry && *e->entry->f[CAT_MESSAGE]
								       ? e->entry->f[CAT_MESSAGE]
								       : e->example ? e->example : ""));
		json_object_set_new(j, "example", json_string(e->example ? e->example : ""));
		json_object_set_new(j, "meaning", json_string(actions_error_text(e, CAT_MEANING_EN, lang)));
		json_object_set_new(j, "solution", json_string(actions_error_text(e, CAT_SOLUTION_EN, lang)));
		json_object_set_new(j, "category", json_string(category_name(e->category)));
		json_object_set_new(j, "action_kind", json_string(action_name(e->action)));
		json_object_set_new(j, "tier", json_integer(e->tier));
		json_object_set_new(j, "match", json_string(e->how ? e->how : match_tier_name(e->tier)));
		if (e->entry)
			json_object_set_new(j, "layer", json_string(catalogue_layer_name(e->entry->layer)));
		json_object_set_new(j, "evidence", match_evidence_json(e->category, e->weight, e->seen_provider,
								       e->why, e->nwhy));
		json_object_set_new(j, "count", json_integer(e->count));
		json_object_set_new(j, "permanent", json_integer(e->perm));
		json_object_set_new(j, "temporary", json_integer(e->temp));
		json_object_set_new(j, "recipient_domains", counter_domains_json(&e->rcpt));
		json_object_set_new(j, "sending_domains", counter_domains_json(&e->senders));
		if (au == AUDIENCE_CLIENT) { /* how the classifier found it is the agency's */
			json_object_del(j, "tier");
			json_object_del(j, "match");
		}
		json_array_append_new(arr, j);
	}
	free(o);
	return arr;
}

static json_t *build_recipients(const struct agg *a)
{
	json_t *arr = json_array();
	struct order *o = report_json_ordered(&a->rcpt_keys, a->rcpts, sizeof(*a->rcpts),
					      offsetof(struct rcpt_stat, failures), 0);
	size_t k;

	for (k = 0; k < a->rcpt_keys.n; k++) {
		const struct rcpt_stat *r = &a->rcpts[o[k].i];
		json_t *j = json_object();
		json_object_set_new(j, "domain", json_string(o[k].key));
		json_object_set_new(j, "mailbox_provider",
				    json_string(r->provider[0] ? r->provider : mailbox_provider(o[k].key)));
		json_object_set_new(j, "failures", json_integer(r->failures));
		json_object_set_new(j, "delivered", json_integer(r->delivered));
		json_object_set_new(j, "by_category", report_json_by_category(r->by_cat));
		json_array_append_new(arr, j);
	}
	free(o);
	return arr;
}

/* Per day: the sent of each domain's events that day, by the domain's own rule (so that
 * the days add up to the domains' sent), and the cells themselves, for merge. */
struct day_sent {
	long sent;
	json_t *by_domain; /* owned until the day's row takes it */
};

static int dd_key_cmp(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	return strcmp(*a, *b);
}

static struct day_sent *days_sent(const struct agg *a)
{
	struct day_sent *ds = xcalloc(a->day_keys.n + 1, sizeof(*ds));
	const char **keys = xcalloc(a->dd_keys.n + 1, sizeof(*keys));
	size_t i;

	for (i = 0; i < a->day_keys.n; i++)
		ds[i].by_domain = json_array();
	for (i = 0; i < a->dd_keys.n; i++)
		keys[i] = a->dd_keys.keys[i];
	qsort(keys, a->dd_keys.n, sizeof(*keys), dd_key_cmp); /* by day, then domain */
	for (i = 0; i < a->dd_keys.n; i++) {
		size_t len = strlen(keys[i]);
		long di = strmap_find(&a->day_keys, keys[i], AGG_DAY_LEN);
		long dm = strmap_find(&a->dom_keys, keys[i] + AGG_DAY_LEN, len - AGG_DAY_LEN);
		const struct dd_stat *c = &a->dds[strmap_find(&a->dd_keys, keys[i], len)];
		json_t *j;
		if (di < 0 || dm < 0)
			continue;
		ds[di].sent += report_json_events_sent(report_json_sent_by_accepted(&a->doms[dm]),
						       c->accepted, c->delivered, c->failures);
		j = json_object();
		json_object_set_new(j, "domain", json_string(keys[i] + AGG_DAY_LEN));
		json_object_set_new(j, "accepted", json_integer(c->accepted));
		json_object_set_new(j, "delivered", json_integer(c->delivered));
		json_object_set_new(j, "failures", json_integer(c->failures));
		json_array_append_new(ds[di].by_domain, j);
	}
	free(keys);
	return ds;
}

static json_t *build_daily(const struct agg *a)
{
	json_t *arr = json_array();
	struct order *o = report_json_ordered(&a->day_keys, NULL, 0, 0, 1);
	struct day_sent *ds = days_sent(a);
	size_t k;

	for (k = 0; k < a->day_keys.n; k++) {
		const struct day_stat *d = &a->days[o[k].i];
		json_t *j = json_object();
		json_object_set_new(j, "date", json_string(o[k].key));
		json_object_set_new(j, "sent", json_integer(ds[o[k].i].sent));
		json_object_set_new(j, "accepted", json_integer(d->accepted));
		json_object_set_new(j, "delivered", json_integer(d->delivered));
		json_object_set_new(j, "failures", json_integer(d->failures));
		json_object_set_new(j, "complaints", json_integer(d->complaints));
		json_object_set_new(j, "by_category", report_json_by_category(d->by_cat));
		json_object_set_new(j, "by_domain", ds[o[k].i].by_domain);
		ds[o[k].i].by_domain = NULL;
		json_array_append_new(arr, j);
	}
	free(ds);
	free(o);
	return arr;
}

/* The row to paste into the shared sheet: Code,Fehlermeldung,Bedeutung,Lösung,Glossar.
 * The code cell reads 550, "5.1.1" (as the sheet writes codes); the message is one line,
 * always quoted, guarded against running as a formula. */
static void csv_row(struct strbuf *sb, const struct unm_stat *u)
{
	const char *p = u->example ? u->example : "";
	struct strbuf cell;

	strbuf_init(&cell);
	strbuf_reset(sb);
	if (u->smtp)
		strbuf_addf(&cell, "%d", u->smtp);
	if (u->enh[0])
		strbuf_addf(&cell, "%s\"%s\"", u->smtp ? ", " : "", u->enh);
	csv_quote_field(sb, cell.buf, cell.len, 0);
	strbuf_addch(sb, ',');
	strbuf_reset(&cell);
	if (csv_quote_is_formula(p, strlen(p)))
		strbuf_addch(&cell, '\'');
	for (; *p; p++)
		strbuf_addch(&cell, *p == '\n' || *p == '\r' ? ' ' : *p);
	csv_quote_field(sb, cell.buf, cell.len, CSV_QUOTE_ALWAYS);
	strbuf_adds(sb, ",,,");
	strbuf_release(&cell);
}

static json_t *build_unmatched(const struct agg *a)
{
	json_t *arr = json_array();
	struct order *o = report_json_ordered(&a->unm_keys, a->unms, sizeof(*a->unms),
					      offsetof(struct unm_stat, count), 0);
	struct strbuf row;
	size_t k;

	strbuf_init(&row);
	for (k = 0; k < a->unm_keys.n; k++) {
		const struct unm_stat *u = &a->unms[o[k].i];
		json_t *j;
		char smtp[8];
		if (!u->count)
			continue;
		j = json_object();
		snprintf(smtp, sizeof(smtp), "%d", u->smtp);
		csv_row(&row, u);
		json_object_set_new(j, "message", json_string(o[k].key));
		json_object_set_new(j, "example", json_string(u->example ? u->example : ""));
		json_object_set_new(j, "count", json_integer(u->count));
		json_object_set_new(j, "provider", json_string(u->provider));
		json_object_set_new(j, "smtp_code", json_string(u->smtp ? smtp : ""));
		json_object_set_new(j, "enhanced_code", json_string(u->enh));
		json_object_set_new(j, "category", json_string(category_name(u->category)));
		json_object_set_new(j, "csv_row", json_string(row.buf));
		json_array_append_new(arr, j);
	}
	strbuf_release(&row);
	free(o);
	return arr;
}

json_t *report_to_json(const struct agg *a, const struct report_meta *m)
{
	json_t *doc = json_object();
	double now = m->generated_at;
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (now <= 0) {
		long v;
		now = sde && text_parse_long(sde, 0, 4102444800L, &v) == 0 ? (double)v : (double)time(NULL);
	}
	json_object_set_new(doc, "schema_version", json_integer(REPORT_SCHEMA_VERSION));
	json_object_set_new(doc, "generator", json_string("sendhealth " SENDHEALTH_VERSION));
	json_object_set_new(doc, "generated_at", iso_or_null(now));
	json_object_set_new(doc, "lang", json_string(m->lang == LANG_DE ? "de" : "en"));
	json_object_set_new(doc, "audience",
			    json_string(m->audience == AUDIENCE_CLIENT ? "client" : "agency"));
	json_object_set_new(doc, "period", build_period(a, m));
	json_object_set_new(doc, "inputs", build_inputs(a, m->inputs, m->audience));
	json_object_set_new(doc, "totals", build_totals(a, m));
	json_object_set_new(doc, "categories", build_categories(a, m->lang));
	json_object_set_new(doc, "errors", build_errors(a, m->lang, m->audience));
	report_json_domains(a, m, doc);
	json_object_set_new(doc, "recipient_domains", build_recipients(a));
	json_object_set_new(doc, "daily", build_daily(a));
	json_object_set_new(doc, "actions", actions_build(a, m->lang, m->audience));
	/* the rows to paste into the shared sheet are the agency's work */
	json_object_set_new(doc, "unmatched",
			    m->audience == AUDIENCE_CLIENT ? json_array() : build_unmatched(a));
	/* what lets saved shards merge into the exact count of distinct addresses (and
	 * "summed": what reports saved without a set added to it, kept for the next merge);
	 * nothing a client needs */
	if (m->audience != AUDIENCE_CLIENT &&
	    (addrset_count(&a->addresses) > 0 || a->merged_addresses > 0)) {
		json_t *set = addrset_to_json(&a->addresses);
		if (a->merged_addresses > 0)
			json_object_set_new(set, "summed", json_integer(a->merged_addresses));
		json_object_set_new(doc, "address_set", set);
	}
	json_object_set_new(doc, "compare", json_null());
	return doc;
}
