/* report_load.c - a saved report document back into counts (report_from_json), so that
 * `sendhealth merge` gives exactly what one run over all the inputs gives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc/report_json.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timeparse.h"

static long jint(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (long)json_integer_value(v) : 0;
}

static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int code_of(const char *s)
{
	long v;
	return text_parse_long(s, 0, 999, &v) == 0 ? (int)v : 0;
}

static void add_by_category(long *into, const json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)o, k, v) {
		int c = category_from_name(k);
		if (c >= 0 && json_is_integer(v))
			into[c] += (long)json_integer_value(v);
	}
}

static void add_counts(struct counter *c, const json_t *arr)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *d = jstr(v, "domain");
		counter_add(c, d, strlen(d), jint(v, "count"));
	}
}

static void first_last(struct agg *a, const json_t *period)
{
	double t;
	const char *f = jstr(period, "first_event"), *l = jstr(period, "last_event");

	if (*f && time_parse(f, strlen(f), &t) == 0 && (!a->first_ts || t < a->first_ts))
		a->first_ts = t;
	if (*l && time_parse(l, strlen(l), &t) == 0 && t > a->last_ts)
		a->last_ts = t;
}

/* `how` is a static string in live runs; map the saved text back onto one. */
static const char *static_how(const char *s, enum match_tier tier)
{
	static const char *const known[] = { "message pattern", "message text", "exact Outlook code",
					     "ESP reason", "SendGrid bounce classification",
					     "enhanced status code", "exact enhanced code", "exact code",
					     "basic code class", "nothing matched", "evidence" };
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(s, known[i]))
			return known[i];
	return match_tier_name(tier);
}

/* The evidence a saved error row names, back to the static rules it came from. */
static void load_evidence(struct err_stat *s, const json_t *ev)
{
	const json_t *hits = json_object_get(ev, "hits"), *h;
	size_t i;

	s->weight = (int)jint(ev, "weight");
	s->seen_provider = evidence_provider_find(json_string_value(json_object_get(ev, "provider")));
	json_array_foreach(hits, i, h) {
		const struct evidence_rule *r = evidence_rule_find(
			json_string_value(json_object_get(h, "words")), json_string_value(json_object_get(h, "kind")));
		if (r && s->nwhy < MATCH_WHY_MAX)
			s->why[s->nwhy++] = r;
	}
}

static void load_errors(struct agg *a, const json_t *errors)
{
	size_t i;
	json_t *e;

	json_array_foreach(errors, i, e) {
		const char *key = jstr(e, "key");
		int added, c = category_from_name(jstr(e, "category")), act = action_from_name(jstr(e, "action_kind"));
		struct err_stat *s = agg_error(a, key, strlen(key), &added);
		if (added) {
			const char *id = json_string_value(json_object_get(e, "entry_id"));
			long tier = jint(e, "tier");
			s->entry = id && a->cfg->catalogue ? catalogue_find_id(a->cfg->catalogue, id) : NULL;
			s->category = c < 0 ? CATEGORY_UNKNOWN : (enum sh_category)c;
			s->action = act < 0 ? ACTION_NONE : (enum sh_action)act;
			s->tier = tier >= 0 && tier <= TIER_LAST ? (enum match_tier)tier : TIER_NONE;
			s->how = static_how(jstr(e, "match"), s->tier);
			load_evidence(s, json_object_get(e, "evidence"));
			/* catalogue_provider since the Provider column names who refused */
			snprintf(s->provider, sizeof(s->provider), "%s",
				 json_is_string(json_object_get(e, "catalogue_provider"))
					 ? jstr(e, "catalogue_provider") : jstr(e, "provider"));
			snprintf(s->esp, sizeof(s->esp), "%s", jstr(e, "reported_by"));
			s->smtp = code_of(jstr(e, "smtp_code"));
			snprintf(s->enh, sizeof(s->enh), "%s", jstr(e, "enhanced_code"));
			s->example = xstrdup(jstr(e, "example"));
		}
		s->count += jint(e, "count");
		s->perm += jint(e, "permanent");
		s->temp += jint(e, "temporary");
		add_counts(&s->rcpt, json_object_get(e, "recipient_domains"));
		add_counts(&s->senders, json_object_get(e, "sending_domains"));
	}
}

/* A day's cells per sending domain (daily[].by_domain), when the day is a date. */
static void load_day_domains(struct agg *a, const char *day, const json_t *cells)
{
	const json_t *v;
	size_t i;

	if (strlen(day) != AGG_DAY_LEN)
		return;
	json_array_foreach(cells, i, v) {
		const char *dom = jstr(v, "domain");
		struct dd_stat *c = agg_day_domain(a, day, dom, strlen(dom));
		c->accepted += jint(v, "accepted");
		c->delivered += jint(v, "delivered");
		c->failures += jint(v, "failures");
	}
}

static void load_domains(struct agg *a, const json_t *domains)
{
	size_t i;
	json_t *d;

	json_array_foreach(domains, i, d) {
		const char *name = jstr(d, "domain");
		const char *client = json_string_value(json_object_get(d, "client"));
		struct dom_stat *s = agg_domain(a, name, strlen(name));
		s->accepted += jint(d, "accepted");
		s->delivered += jint(d, "delivered");
		s->failures += jint(d, "failures");
		s->perm += jint(d, "permanent");
		s->temp += jint(d, "temporary");
		s->complaints += jint(d, "complaints");
		add_by_category(s->by_cat, json_object_get(d, "by_category"));
		if (client && !s->client)
			s->client = xstrdup(client);
	}
}

static void load_rest(struct agg *a, const json_t *doc)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(doc, "recipient_domains"), i, v) {
		const char *name = jstr(v, "domain"), *mp = jstr(v, "mailbox_provider");
		struct rcpt_stat *r = agg_rcpt(a, name, strlen(name));
		r->failures += jint(v, "failures");
		r->delivered += jint(v, "delivered");
		add_by_category(r->by_cat, json_object_get(v, "by_category"));
		if (!r->provider[0] && strcmp(mp, mailbox_provider(name)))
			snprintf(r->provider, sizeof(r->provider), "%s", mp);
	}
	json_array_foreach(json_object_get(doc, "daily"), i, v) {
		const char *day = jstr(v, "date");
		struct day_stat *d = agg_day(a, day, strlen(day));
		d->accepted += jint(v, "accepted");
		d->delivered += jint(v, "delivered");
		d->failures += jint(v, "failures");
		d->complaints += jint(v, "complaints");
		add_by_category(d->by_cat, json_object_get(v, "by_category"));
		load_day_domains(a, day, json_object_get(v, "by_domain"));
	}
	json_array_foreach(json_object_get(doc, "unmatched"), i, v) {
		const char *msg = jstr(v, "message");
		int added, c = category_from_name(jstr(v, "category"));
		struct unm_stat *u = agg_unmatched(a, msg, strlen(msg), &added);
		if (added) {
			u->example = xstrdup(jstr(v, "example"));
			snprintf(u->provider, sizeof(u->provider), "%s", jstr(v, "provider"));
			u->smtp = code_of(jstr(v, "smtp_code"));
			snprintf(u->enh, sizeof(u->enh), "%s", jstr(v, "enhanced_code"));
			u->category = c < 0 ? CATEGORY_UNKNOWN : (enum sh_category)c;
		}
		u->count += jint(v, "count");
	}
	/* A report written before address sets were saved: its count of invalid addresses
	 * can only be summed. A later report says in its set what it summed so (the set
	 * holds the rest), so that merging it again keeps that part. */
	v = json_object_get(doc, "address_set");
	if (v) {
		a->merged_addresses += jint(v, "summed");
		return;
	}
	json_array_foreach(json_object_get(doc, "actions"), i, v)
		if (!strcmp(jstr(v, "category"), "recipient_invalid"))
			a->merged_addresses += jint(v, "addresses");
}

static void load_inputs(struct agg *a, struct report_inputs *in, const json_t *inputs)
{
	size_t i;
	json_t *s;
	const char *k;
	json_t *v;

	json_array_foreach(json_object_get(inputs, "sources"), i, s)
		report_inputs_add(in, jstr(s, "name"), *jstr(s, "kind") ? jstr(s, "kind") : "file",
				  jstr(s, "format"), jint(s, "records"), jint(s, "skipped"),
				  jint(s, "duplicates"));
	json_object_foreach(json_object_get(inputs, "skipped_by_reason"), k, v)
		counter_add(&in->skipped_by_reason, k, strlen(k), json_is_integer(v) ? (long)json_integer_value(v) : 0);
	in->skipped += jint(inputs, "skipped");
	in->duplicates += jint(inputs, "duplicates");
	a->outside_window += jint(inputs, "outside_window");
}

/* Every whole number a report holds (outside "compare", whose changes may be negative) is
 * a count; a hostile one near LONG_MAX would overflow the sums. Returns 0, or -1 with the
 * key that holds the offending number in *where. */
static int counts_ok(const json_t *v, const char **where, int depth)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_integer(v))
		return json_integer_value(v) >= 0 && json_integer_value(v) <= REPORT_MAX_COUNT ? 0 : -1;
	if (depth > 64)
		return -1;
	if (json_is_array(v)) {
		json_array_foreach((json_t *)v, i, x)
			if (counts_ok(x, where, depth + 1) != 0)
				return -1;
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x) {
			if (depth == 0 && !strcmp(k, "compare"))
				continue;
			if (counts_ok(x, where, depth + 1) != 0) {
				if (!*where)
					*where = k;
				return -1;
			}
		}
	}
	return 0;
}

int report_check_counts(const json_t *doc, const char *name, struct sh_error *err)
{
	const char *where = NULL;

	if (counts_ok(doc, &where, 0) != 0)
		return sh_error_set(err, SH_ERR_DATA, name, 0,
				    "'%s': \"%.60s\" holds a number that is not a count (0 to %lld) "
				    "or is nested too deep",
				    name, where ? where : "?", (long long)REPORT_MAX_COUNT);
	return 0;
}

/* The document is a report this version reads: its version, counts and sections. */
static int check_shape(const json_t *doc, const char *name, struct sh_error *err)
{
	static const char *const arrays[] = { "categories", "errors", "domains", "recipient_domains",
					      "daily", "unmatched", "actions" };
	size_t i;

	if (!json_is_object(doc))
		return sh_error_set(err, SH_ERR_DATA, name, 0, "'%s' is not a sendhealth report", name);
	if (jint(doc, "schema_version") != REPORT_SCHEMA_VERSION)
		return sh_error_set(err, SH_ERR_DATA, name, 0,
				    "'%s' has schema_version %ld; this sendhealth reads version %d",
				    name, jint(doc, "schema_version"), REPORT_SCHEMA_VERSION);
	if (report_check_counts(doc, name, err) != 0)
		return -1;
	/* its errors are keyed by rank, not by catalogue entry: two weeks would add up the
	 * wrong rows */
	if (!strcmp(jstr(doc, "audience"), "client"))
		return sh_error_set(err, SH_ERR_DATA, name, 0,
				    "'%s' is a client's report (no catalogue ids to add its errors up "
				    "by): merge the agency's reports", name);
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		if (!json_is_array(json_object_get(doc, arrays[i])))
			return sh_error_set(err, SH_ERR_DATA, name, 0, "'%s' lacks the \"%s\" array",
					    name, arrays[i]);
	if (!json_is_object(json_object_get(doc, "totals")) ||
	    !json_is_object(json_object_get(doc, "inputs")))
		return sh_error_set(err, SH_ERR_DATA, name, 0, "'%s' lacks \"totals\" or \"inputs\"",
				    name);
	return 0;
}

static void load_totals(struct agg *a, const json_t *doc)
{
	const json_t *totals = json_object_get(doc, "totals");
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(json_object_get(totals, "by_event"), k, v) {
		int e = record_event_from_name(k);
		if (e >= 0 && json_is_integer(v))
			a->by_event[e] += (long)json_integer_value(v);
	}
	a->records += jint(totals, "events");
	a->failures += jint(totals, "failures");
	a->perm += jint(totals, "permanent");
	a->temp += jint(totals, "temporary");
	a->complaints += jint(totals, "complaints");
	a->delivered += jint(totals, "delivered");
	a->accepted += jint(totals, "accepted");
	a->matched += jint(totals, "matched");
	a->unmatched += jint(totals, "unmatched");
	json_array_foreach(json_object_get(doc, "categories"), i, v) {
		int c = category_from_name(jstr(v, "id"));
		if (c < 0)
			continue;
		a->cats[c].count += jint(v, "count");
		a->cats[c].perm += jint(v, "permanent");
		a->cats[c].temp += jint(v, "temporary");
	}
}

/* The saved distinct addresses, checked whole before anything is counted. */
static int load_address_set(struct agg *a, const json_t *doc, const char *name,
			    struct sh_error *err)
{
	const json_t *v = json_object_get(doc, "address_set");
	struct addrset set;
	struct sh_error e = { 0 };

	if (!v)
		return 0;
	addrset_init(&set, 0);
	if (addrset_merge_json(&set, v, &e) != 0) {
		addrset_release(&set);
		return sh_error_set(err, SH_ERR_DATA, name, 0, "'%s': %s", name, e.msg);
	}
	addrset_merge(&a->addresses, &set);
	addrset_release(&set);
	return 0;
}

int report_from_json(struct agg *a, struct report_inputs *inputs, const json_t *doc,
		     const char *name, struct sh_error *err)
{
	if (check_shape(doc, name, err) != 0 || load_address_set(a, doc, name, err) != 0)
		return -1;
	load_totals(a, doc);
	first_last(a, json_object_get(doc, "period"));
	load_inputs(a, inputs, json_object_get(doc, "inputs"));
	load_errors(a, json_object_get(doc, "errors"));
	load_domains(a, json_object_get(doc, "domains"));
	load_rest(a, doc);
	return 0;
}

json_t *report_load_file(const char *path, struct sh_error *err)
{
	struct sh_error rerr = { 0 };
	json_error_t jerr;
	size_t len = 0;
	char *buf = read_whole_file(path, REPORT_MAX_FILE, &len, &rerr);
	json_t *doc;

	if (!buf) {
		sh_error_set(err, SH_ERR_IO, rerr.file, 0, "%s", rerr.msg);
		return NULL;
	}
	doc = json_loadb(buf, len, 0, &jerr);
	free(buf);
	if (!doc)
		sh_error_set(err, SH_ERR_IO, path, jerr.line > 0 ? jerr.line : 0,
			     "not a JSON report: %s", jerr.text);
	return doc;
}
