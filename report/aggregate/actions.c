/* actions.c - grouping errors into ranked actions and wording them per language. */
#include "report/aggregate/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/entry_json.h"
#include "model/l10n.h"
#include "util/strmap.h"
#include "util/strbuf.h"
#include "util/text.h"

/* "1,204" (en) or "1.204" (de). */
static void fmt_count(long n, enum sh_lang lang, char *buf, size_t size)
{
	char grouped[32];

	text_group_digits(grouped, n, *l10n(L_DIGIT_GROUP, lang));
	snprintf(buf, size, "%s", grouped);
}

struct group {
	enum sh_action kind;
	enum sh_category category;
	char provider[16]; /* the provider the group is kept apart by, "" when none */
	long failures;
	long top_count;
	const struct err_stat *top;
	struct counter senders, rcpts;
};

/* "a.com, b.com and 3 more" */
static void name_list(struct strbuf *sb, const struct counter *c, enum sh_lang lang)
{
	size_t *idx = counter_sorted(c);
	size_t n = counter_size(c), i, shown = n > 3 ? 3 : n;

	for (i = 0; i < shown; i++) {
		if (i)
			strbuf_adds(sb, i + 1 == shown && n <= 3 ? l10n(L_LIST_AND, lang) : ", ");
		strbuf_adds(sb, c->keys.keys[idx[i]]);
	}
	if (n > 3) {
		char more[32];
		snprintf(more, sizeof(more), "%zu", n - 3);
		l10n_fill(sb, L_LIST_MORE, lang, more, NULL);
	}
	free(idx);
}

const char *actions_entry_text(const struct cat_entry *e, enum sh_category c,
			       enum cat_field en_field, enum sh_lang lang)
{
	/* the German columns sit three places before the English ones */
	enum cat_field own = lang == LANG_DE ? (enum cat_field)(en_field - 3) : en_field;
	const struct category_text *ct;

	if (!e)
		return "";
	if (*e->f[own])
		return e->f[own];
	ct = category_text(c, lang);
	return en_field == CAT_MEANING_EN ? ct->description : ct->action;
}

const char *actions_error_text(const struct err_stat *e, enum cat_field en_field,
			       enum sh_lang lang)
{
	return actions_entry_text(e->entry, e->category, en_field, lang);
}

#define SHORT_REASON_MAX 160

/* Where the first sentence of t ends: at ';', a line break, a ':' before a space, a '('
 * after one, or a full stop that ends a word of four letters or more ("bzw. die IP",
 * "z.B.", "Reverse-DNS-(PTR-)Prüfungen" and "https://" go on). */
static size_t first_stop(const char *t)
{
	size_t i, word = 0;

	for (i = 0; t[i] && t[i] != ';' && t[i] != '\n'; i++) {
		if (t[i] == ':' && (!t[i + 1] || t[i + 1] == ' '))
			break;
		if (t[i] == '(' && (i == 0 || t[i - 1] == ' '))
			break;
		if (t[i] == '.' && word >= 4 && (!t[i + 1] || t[i + 1] == ' '))
			break;
		word = t[i] == ' ' || t[i] == '.' ? 0 : word + 1;
	}
	return i;
}

/* The short reason in brackets: the top error's meaning up to its first stop. */
static void short_reason(struct strbuf *sb, const struct err_stat *e, enum sh_lang lang)
{
	const char *t = actions_error_text(e, CAT_MEANING_EN, lang);
	size_t n;

	if (!*t)
		t = e->entry && *e->entry->f[CAT_MESSAGE] ? e->entry->f[CAT_MESSAGE] : e->example;
	if (!t)
		t = "";
	n = first_stop(t);
	while (n && t[n - 1] == ' ')
		n--;
	if (n && t[n - 1] == '.' && !t[n]) /* the text is one sentence: its full stop goes */
		n--;
	/* the first sentence whole (the cell wraps); only a run-on one is shortened, and then
	 * between words, never inside one ("sender domai…") */
	if (n > SHORT_REASON_MAX) {
		size_t cut = SHORT_REASON_MAX;
		while (cut > SHORT_REASON_MAX / 2 && t[cut] != ' ')
			cut--;
		if (t[cut] == ' ')
			n = cut;
		else
			while (n > SHORT_REASON_MAX || (n && ((unsigned char)t[n] & 0xC0) == 0x80))
				n--;
		while (n && (t[n - 1] == ' ' || t[n - 1] == ','))
			n--;
		strbuf_add(sb, t, n);
		strbuf_adds(sb, "…");
	} else {
		strbuf_add(sb, t, n);
	}
}

/* Most failures of the group at one recipient domain: the receiver is throttling us.
 * Spread over many: the sending side (an ESP or SMTP quota) is the limit. */
static int receiver_bound(const struct counter *rcpts, long failures)
{
	size_t *idx = counter_sorted(rcpts);
	int yes = counter_size(rcpts) && rcpts->v[idx[0]] * 2 >= failures;

	free(idx);
	return yes;
}

static const char *provider_title(const char *p)
{
	static const char *const map[][2] = { { "mailgun", "Mailgun" }, { "sendgrid", "SendGrid" },
					      { "gmail", "Google" },   { "outlook", "Microsoft" } };
	size_t i;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(p, map[i][0]))
			return map[i][1];
	return NULL;
}

/* The sentence of g's action kind, for these domains. */
static enum l10n_id sentence_of(const struct group *g, int *rcpts)
{
	*rcpts = 0;
	switch (g->kind) {
	case ACTION_VERIFY_DNS: return L_ACT_VERIFY_DNS;
	case ACTION_UPGRADE_PLAN: return L_ACT_UPGRADE_PLAN;
	case ACTION_CONTACT_SUPPORT: return L_ACT_CONTACT_SUPPORT;
	case ACTION_CLEAR_ERROR:
		return g->category == CATEGORY_EXPIRED ? L_ACT_CLEAR_TOO_OLD : L_ACT_CLEAR_ERRORS;
	case ACTION_REDUCE_VOLUME:
		*rcpts = receiver_bound(&g->rcpts, g->failures);
		return *rcpts ? L_ACT_REDUCE_TO : L_ACT_REDUCE_FROM;
	case ACTION_REMOVE_ADDRESSES:
		return g->category == CATEGORY_RECIPIENT_INVALID ? L_ACT_REMOVE_INVALID
								 : L_ACT_REMOVE_SUPPRESSED;
	case ACTION_FIX_REQUEST: return L_ACT_FIX_REQUEST;
	case ACTION_FIX_CREDENTIALS: return L_ACT_FIX_CREDENTIALS;
	case ACTION_CHECK_NETWORK: return L_ACT_CHECK_NETWORK;
	case ACTION_RETRY_LATER:
		*rcpts = 1;
		return L_ACT_RETRY_LATER;
	case ACTION_REVIEW_CONTENT: return L_ACT_REVIEW_CONTENT;
	default: return L_ACT_UNKNOWN;
	}
}

/* The distinct invalid addresses to remove. An estimate (past ADDRSET_EXACT_MAX, or
 * summed from reports saved before address sets were) never says more addresses than
 * the failures it counts them in. */
static long invalid_addresses(const struct agg *a, const struct group *g)
{
	long n = (long)addrset_count(&a->addresses) + a->merged_addresses;

	return n > g->failures ? g->failures : n;
}

/* What to do, e.g. "Verify DNS for mg.a.com and mg.b.com". */
static void sentence(struct strbuf *sb, const struct group *g, const struct agg *a,
		     const char *prov, enum sh_lang lang, enum report_audience au)
{
	struct strbuf list;
	char k[32];
	int rcpts;
	enum l10n_id id = sentence_of(g, &rcpts);

	if (au == AUDIENCE_CLIENT && id == L_ACT_UNKNOWN)
		id = L_ACT_UNKNOWN_CLIENT;

	strbuf_init(&list);
	if (id == L_ACT_REMOVE_INVALID) {
		long n = invalid_addresses(a, g);
		fmt_count(n, lang, k, sizeof(k));
		if (au == AUDIENCE_CLIENT)
			id = n == 1 ? L_ACT_REMOVE_INVALID_CLIENT_1 : L_ACT_REMOVE_INVALID_CLIENT;
		else if (n == 1)
			id = L_ACT_REMOVE_INVALID_1;
		/* past ADDRSET_EXACT_MAX, or summed from old reports, the count is an estimate */
		l10n_fill(sb, id, lang,
			  addrset_is_exact(&a->addresses) && !a->merged_addresses ?
				  "" : l10n(L_ACT_ABOUT, lang),
			  k, NULL);
	} else if (id == L_ACT_CONTACT_SUPPORT) {
		name_list(&list, &g->senders, lang);
		l10n_fill(sb, id, lang, prov ? prov : l10n(L_ACT_THE_PROVIDER, lang), list.buf, NULL);
	} else {
		name_list(&list, rcpts ? &g->rcpts : &g->senders, lang);
		l10n_fill(sb, id, lang, list.buf, NULL);
	}
	strbuf_release(&list);
}

/* " (Provider: the top error's meaning)", when there is something to say. */
static void reason(struct strbuf *sb, const struct group *g, const char *prov, enum sh_lang lang)
{
	size_t before = sb->len, prefix;

	if (!g->top || g->kind == ACTION_NONE || g->kind == ACTION_RETRY_LATER ||
	    g->kind == ACTION_REMOVE_ADDRESSES ||
	    (g->kind == ACTION_CLEAR_ERROR && g->category == CATEGORY_EXPIRED))
		return;
	strbuf_adds(sb, " (");
	if (prov && g->kind != ACTION_CONTACT_SUPPORT)
		strbuf_addf(sb, "%s: ", prov);
	prefix = sb->len;
	short_reason(sb, g->top, lang);
	if (sb->len == prefix)
		sb->len = before; /* nothing to say */
	else
		strbuf_addch(sb, ')');
	sb->buf[sb->len] = '\0';
}

static void word(struct strbuf *sb, const struct group *g, const struct agg *a, enum sh_lang lang,
		 enum report_audience au)
{
	const char *prov = g->top ? provider_title(g->top->provider) : NULL;
	char n[32];

	sentence(sb, g, a, prov, lang, au);
	reason(sb, g, prov, lang);
	fmt_count(g->failures, lang, n, sizeof(n));
	strbuf_adds(sb, " — ");
	l10n_fill(sb, g->failures == 1 ? L_FAILURE_ONE : L_FAILURES_N, lang, n, NULL);
}

static int by_failures(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	if (a->failures != b->failures)
		return a->failures > b->failures ? -1 : 1;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if (a->category != b->category)
		return (int)a->category - (int)b->category;
	return strcmp(a->provider, b->provider);
}

/* Actions are grouped by what to do, for which category, at which provider: Mailgun's
 * "domain unverified" and Gmail's DMARC rejections both say "verify DNS", but they are
 * two jobs for the agency. Returns the groups (owned; *n of them) in a's error order. */
static struct group *group_errors(const struct agg *a, size_t *n)
{
	struct strmap keys;
	struct group *g = NULL;
	size_t i, cap = 0;
	char key[64];

	strmap_init(&keys);
	for (i = 0; i < a->err_keys.n; i++) {
		const struct err_stat *e = &a->errs[i];
		struct group *gr;
		/* removing addresses or waiting is one job whoever reported the failure */
		int per_provider = e->action != ACTION_REMOVE_ADDRESSES && e->action != ACTION_RETRY_LATER;
		int added, kn = snprintf(key, sizeof(key), "%d|%d|%s", (int)e->action, (int)e->category,
					 per_provider ? e->provider : "");
		size_t gi = strmap_intern(&keys, key, (size_t)kn, &added);
		if (gi >= cap) {
			cap = cap ? cap * 2 : 16;
			g = xrealloc(g, cap * sizeof(*g));
		}
		gr = &g[gi];
		if (added) {
			memset(gr, 0, sizeof(*gr));
			gr->kind = e->action;
			gr->category = e->category;
			if (per_provider)
				memcpy(gr->provider, e->provider, sizeof(gr->provider));
			counter_init(&gr->senders);
			counter_init(&gr->rcpts);
		}
		gr->failures += e->count;
		if (e->count > gr->top_count ||
		    (e->count == gr->top_count && gr->top &&
		     strcmp(a->err_keys.keys[i], a->err_keys.keys[gr->top - a->errs]) < 0)) {
			gr->top = e;
			gr->top_count = e->count;
		}
		counter_merge(&gr->senders, &e->senders);
		counter_merge(&gr->rcpts, &e->rcpt);
	}
	*n = keys.n;
	strmap_release(&keys);
	return g;
}

/* The domains an action names: the receivers for a throttling receiver or a wait, else
 * the senders. */
static const struct counter *domains_of(const struct group *g)
{
	if ((g->kind == ACTION_REDUCE_VOLUME && receiver_bound(&g->rcpts, g->failures)) ||
	    g->kind == ACTION_RETRY_LATER)
		return &g->rcpts;
	return &g->senders;
}

/* One action object (schema: actions[]); a new reference. */
static json_t *action_json(const struct group *g, const struct agg *a, enum sh_lang lang,
			   enum report_audience au)
{
	json_t *o = json_object();
	/* the key is what the group is: the same action next week whichever error led it */
	const char *prov = g->provider;
	struct strbuf text;
	char key[64];

	strbuf_init(&text);
	word(&text, g, a, lang, au);
	snprintf(key, sizeof(key), "%s|%s|%s", action_name(g->kind), category_name(g->category), prov);
	json_object_set_new(o, "key", json_string(key));
	json_object_set_new(o, "kind", json_string(action_name(g->kind)));
	json_object_set_new(o, "category", json_string(category_name(g->category)));
	json_object_set_new(o, "provider", json_string(prov));
	json_object_set_new(o, "text", json_string(text.buf));
	json_object_set_new(o, "failures", json_integer(g->failures));
	json_object_set_new(o, "domains", counter_domains_json(domains_of(g)));
	if (g->kind == ACTION_REMOVE_ADDRESSES && g->category == CATEGORY_RECIPIENT_INVALID)
		json_object_set_new(o, "addresses",
				    json_integer((json_int_t)invalid_addresses(a, g)));
	strbuf_release(&text);
	return o;
}

json_t *actions_build(const struct agg *a, enum sh_lang lang, enum report_audience audience)
{
	size_t i, n;
	struct group *g = group_errors(a, &n);
	json_t *arr = json_array();

	if (n)
		qsort(g, n, sizeof(*g), by_failures);
	for (i = 0; i < n; i++) {
		json_array_append_new(arr, action_json(&g[i], a, lang, audience));
		counter_release(&g[i].senders);
		counter_release(&g[i].rcpts);
	}
	free(g);
	return arr;
}
