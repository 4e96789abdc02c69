/* actions.c - grouping errors into ranked actions and wording them per language. */
#include "report/aggregate/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/entry_json.h"
#include "util/strmap.h"
#include "util/strbuf.h"
#include "util/text.h"

void fmt_count(long n, enum sh_lang lang, char *buf, size_t size)
{
	char grouped[32];

	text_group_digits(grouped, n, lang == LANG_DE ? '.' : ',');
	snprintf(buf, size, "%s", grouped);
}

struct group {
	enum sh_action kind;
	enum sh_category category;
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
			strbuf_adds(sb, i + 1 == shown && n <= 3 ? (lang == LANG_DE ? " und " : " and ") : ", ");
		strbuf_adds(sb, c->keys.keys[idx[i]]);
	}
	if (n > 3)
		strbuf_addf(sb, lang == LANG_DE ? " und %zu weitere" : " and %zu more", n - 3);
	free(idx);
}

/* The short reason in brackets: the top error's meaning up to its first stop, capped. */
static void short_reason(struct strbuf *sb, const struct err_stat *e, enum sh_lang lang)
{
	const char *t = e->entry ? entry_text(e->entry, CAT_MEANING_EN, lang) : "";
	size_t n;

	if (!*t)
		t = e->entry && *e->entry->f[CAT_MESSAGE] ? e->entry->f[CAT_MESSAGE] : e->example;
	if (!t)
		t = "";
	n = strcspn(t, ".;:(\n");
	while (n && t[n - 1] == ' ')
		n--;
	if (n > 64) {
		n = 61;
		while (n && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--;
		while (n && t[n - 1] == ' ')
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

static void word(struct strbuf *sb, const struct group *g, const struct agg *a, enum sh_lang lang)
{
	int de = lang == LANG_DE;
	char n[32], k[32];
	const char *prov = g->top ? provider_title(g->top->provider) : NULL;

	fmt_count(g->failures, lang, n, sizeof(n));
	switch (g->kind) {
	case ACTION_VERIFY_DNS:
		strbuf_adds(sb, de ? "DNS prüfen für " : "Verify DNS for ");
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_UPGRADE_PLAN:
		strbuf_adds(sb, de ? "Tarif upgraden oder Empfänger autorisieren für " : "Upgrade the plan or authorize the recipients for ");
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_CONTACT_SUPPORT:
		strbuf_addf(sb, de ? "%s-Support kontaktieren für " : "Contact %s support about ", prov ? prov : (de ? "Anbieter" : "the provider's"));
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_CLEAR_ERROR:
		if (g->category == CATEGORY_EXPIRED)
			strbuf_adds(sb, de ? "'Too old'-Fehler in den Agency-Einstellungen → Email Services löschen und den Mailgun-Support kontaktieren, wenn sie wiederkehren"
					   : "Clear 'Too old' errors in Agency settings → Email Services and contact Mailgun support if they recur");
		else {
			strbuf_adds(sb, de ? "Fehler in den Agency-Einstellungen → Email Services löschen für " : "Clear the errors in Agency settings → Email Services for ");
			name_list(sb, &g->senders, lang);
		}
		break;
	case ACTION_REDUCE_VOLUME:
		if (receiver_bound(&g->rcpts, g->failures)) {
			strbuf_adds(sb, de ? "Volumen reduzieren an " : "Reduce volume to ");
			name_list(sb, &g->rcpts, lang);
		} else {
			strbuf_adds(sb, de ? "Sendevolumen reduzieren von " : "Reduce the sending volume of ");
			name_list(sb, &g->senders, lang);
		}
		break;
	case ACTION_REMOVE_ADDRESSES:
		if (g->category == CATEGORY_RECIPIENT_INVALID) {
			fmt_count((long)addrset_count(&a->addresses) + a->merged_addresses, lang, k, sizeof(k));
			/* past ADDRSET_EXACT_MAX the count is an estimate */
			strbuf_addf(sb, de ? "%s%s ungültige Adressen entfernen (Liste mit --export-addresses)"
					   : "Remove %s%s invalid addresses (list them with --export-addresses)",
				    addrset_is_exact(&a->addresses) ? "" : de ? "etwa " : "about ", k);
		} else {
			strbuf_adds(sb, de ? "Gesperrte Adressen aus den Listen entfernen" : "Remove suppressed addresses from the lists");
		}
		break;
	case ACTION_FIX_REQUEST:
		strbuf_adds(sb, de ? "Sendeanfragen korrigieren für " : "Fix the send requests of ");
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_FIX_CREDENTIALS:
		strbuf_adds(sb, de ? "Zugangsdaten (SMTP/API) korrigieren für " : "Fix the SMTP or API credentials for ");
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_CHECK_NETWORK:
		strbuf_adds(sb, de ? "Verbindungseinstellungen prüfen für " : "Check the connection settings for ");
		name_list(sb, &g->senders, lang);
		break;
	case ACTION_RETRY_LATER:
		strbuf_adds(sb, de ? "Vorübergehende Probleme bei " : "Temporary problems at ");
		name_list(sb, &g->rcpts, lang);
		strbuf_adds(sb, de ? ": nichts zu tun, solange sie nicht anhalten" : ": nothing to do unless they persist");
		break;
	case ACTION_REVIEW_CONTENT:
		strbuf_adds(sb, de ? "Inhalte, Listenqualität und Reputation prüfen für " : "Review content, list quality and reputation for ");
		name_list(sb, &g->senders, lang);
		break;
	default:
		strbuf_adds(sb, de ? "Fehler ohne bekannte Ursache untersuchen (siehe Unmatched)" : "Look into failures without a known cause (see Unmatched)");
		break;
	}
	if (g->top && g->kind != ACTION_NONE && g->kind != ACTION_RETRY_LATER &&
	    g->kind != ACTION_REMOVE_ADDRESSES &&
	    !(g->kind == ACTION_CLEAR_ERROR && g->category == CATEGORY_EXPIRED)) {
		size_t before = sb->len;
		strbuf_adds(sb, " (");
		if (prov && g->kind != ACTION_CONTACT_SUPPORT)
			strbuf_addf(sb, "%s: ", prov);
		short_reason(sb, g->top, lang);
		if (sb->len == before + 2 + (prov && g->kind != ACTION_CONTACT_SUPPORT ? strlen(prov) + 2 : 0))
			sb->len = before; /* nothing to say */
		else
			strbuf_addch(sb, ')');
		sb->buf[sb->len] = '\0';
	}
	strbuf_addf(sb, " — %s %s", n, de ? (g->failures == 1 ? "Fehler" : "Fehler") : (g->failures == 1 ? "failure" : "failures"));
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
	return strcmp(a->top ? a->top->provider : "", b->top ? b->top->provider : "");
}

/* Actions are grouped by what to do, for which category, at which provider: Mailgun's
 * "domain unverified" and Gmail's DMARC rejections both say "verify DNS", but they are
 * two jobs for the agency. */
json_t *actions_build(const struct agg *a, enum sh_lang lang)
{
	struct strmap keys;
	struct group *g = NULL;
	json_t *arr = json_array();
	size_t i, cap = 0, n;
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
	n = keys.n;
	if (n)
		qsort(g, n, sizeof(*g), by_failures);
	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *doms = json_array();
		const struct counter *dc = (g[i].kind == ACTION_REDUCE_VOLUME &&
					    receiver_bound(&g[i].rcpts, g[i].failures)) ||
						   g[i].kind == ACTION_RETRY_LATER
						   ? &g[i].rcpts : &g[i].senders;
		size_t *idx = counter_sorted(dc), j;
		struct strbuf text;

		strbuf_init(&text);
		word(&text, &g[i], a, lang);
		for (j = 0; j < counter_size(dc); j++) {
			json_t *d = json_object();
			json_object_set_new(d, "domain", json_string(dc->keys.keys[idx[j]]));
			json_object_set_new(d, "count", json_integer(dc->v[idx[j]]));
			json_array_append_new(doms, d);
		}
		free(idx);
		snprintf(key, sizeof(key), "%s|%s|%s", action_name(g[i].kind), category_name(g[i].category),
			 g[i].top ? g[i].top->provider : "");
		json_object_set_new(o, "key", json_string(key));
		json_object_set_new(o, "kind", json_string(action_name(g[i].kind)));
		json_object_set_new(o, "category", json_string(category_name(g[i].category)));
		json_object_set_new(o, "provider", json_string(g[i].top ? g[i].top->provider : ""));
		json_object_set_new(o, "text", json_string(text.buf));
		json_object_set_new(o, "failures", json_integer(g[i].failures));
		json_object_set_new(o, "domains", doms);
		if (g[i].kind == ACTION_REMOVE_ADDRESSES && g[i].category == CATEGORY_RECIPIENT_INVALID)
			json_object_set_new(o, "addresses", json_integer((json_int_t)addrset_count(&a->addresses) + a->merged_addresses));
		json_array_append_new(arr, o);
		strbuf_release(&text);
		counter_release(&g[i].senders);
		counter_release(&g[i].rcpts);
	}
	free(g);
	strmap_release(&keys);
	return arr;
}
