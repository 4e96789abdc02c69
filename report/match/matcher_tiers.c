/* matcher_tiers.c - classification by tiers (see matcher.h): each tier adds its candidate
 * entries with a score, and the candidates are ranked, best first. The catalogue is the
 * one matcher.c compiled; nothing here writes to it, so threads may share a matcher. */
#include "report/match/matcher_priv.h"
#include "report/match/wordindex.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/text.h"

/* Finds an Outlook/Windows hex code such as 0x800CCC0E in text. */
static int find_outlook(const char *text, char out[20])
{
	const char *p;

	for (p = text; (p = text_istr(p, "0x")) != NULL; p += 2) {
		size_t n = 0;
		while (isxdigit((unsigned char)p[2 + n]) && n < 10)
			n++;
		if (n >= 5 && n <= 8 && (p == text || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[2 + n])) {
			memcpy(out, p, n + 2);
			out[n + 2] = '\0';
			return 1;
		}
	}
	return 0;
}

#define MAX_CAND 64

struct cands {
	struct match_result r[MAX_CAND];
	size_t n;
	const char *provider;
	int explain;
};

static enum sh_severity severity_from_codes(int smtp, const char *enh)
{
	if ((enh && enh[0] == '4') || (smtp >= 400 && smtp < 500))
		return SEV_TEMPORARY;
	if ((enh && enh[0] == '5') || (smtp >= 500 && smtp < 600))
		return SEV_PERMANENT;
	return SEV_UNKNOWN;
}

void matcher_finish(struct match_result *r, const struct centry *c, const struct match_input *in)
{
	if (c) {
		r->entry = c->e;
		if (c->category >= 0)
			r->category = (enum sh_category)c->category;
		if (c->action >= 0)
			r->action = (enum sh_action)c->action;
		if (c->severity != SEV_UNKNOWN)
			r->severity = c->severity;
	}
	if (r->severity == SEV_UNKNOWN)
		r->severity = severity_from_codes(in->smtp_code, in->enhanced);
	if (r->action == ACTION_COUNT)
		r->action = category_text(r->category, LANG_EN)->action_kind;
}

static void add(struct cands *cs, const struct centry *c, enum match_tier tier, int score,
		enum sh_category cat, const struct match_input *in, const char *how)
{
	struct match_result r;
	size_t i;

	if (c) {
		for (i = 0; i < cs->n; i++) {
			if (cs->r[i].entry == c->e) {
				if (tier < cs->r[i].tier || (tier == cs->r[i].tier && score > cs->r[i].score)) {
					cs->r[i].tier = tier;
					cs->r[i].score = score;
					cs->r[i].how = how;
				}
				return;
			}
		}
	}
	if (cs->n == MAX_CAND)
		return;
	memset(&r, 0, sizeof(r));
	r.tier = tier;
	r.score = score;
	r.how = how;
	r.category = cat;
	r.action = ACTION_COUNT;
	r.severity = SEV_UNKNOWN;
	matcher_finish(&r, c, in);
	r.open = r.category == CATEGORY_UNKNOWN;
	cs->r[cs->n++] = r;
}

static int provider_is(const struct centry *c, const char *p)
{
	return p && *p && !strcmp(c->e->f[CAT_PROVIDER], p);
}

/* Agreement of the entry's codes with the input's: + when equal, - when they conflict. */
static int code_bonus(const struct centry *c, const struct match_input *in)
{
	int b = 0;

	if (in->enhanced && *in->enhanced && c->enh[0] && c->enh[0] != 'X')
		b += !strcmp(c->enh, in->enhanced) ? 30 : -20;
	if (in->smtp_code && c->smtp)
		b += c->smtp == in->smtp_code ? 10 : -10;
	return b;
}

/* ix: text's byte pairs; a segment with a pair the text lacks is nowhere in it. */
static int glob_match(const struct glob *g, const char *text, const struct wordindex *ix)
{
	size_t i;

	if (!g->nsegs)
		return 0;
	for (i = 0; i < g->nsegs; i++)
		if (!wordindex_may_hold(ix, g->segs[i]))
			return 0;
	for (i = 0; i < g->nsegs; i++) {
		const char *hit = strstr(text, g->segs[i]);
		if (!hit)
			return 0;
		text = hit + strlen(g->segs[i]);
	}
	return 1;
}

static void by_pattern(const struct matcher *m, struct cands *cs, const struct match_input *in,
		       const char *norm, enum match_tier own_tier)
{
	struct wordindex ix;
	size_t i, j;

	wordindex_init(&ix, norm);
	for (i = 0; i < m->n; i++) {
		const struct centry *c = &m->ce[i];
		int best = -1;
		for (j = 0; j < c->nglobs; j++)
			if ((int)c->globs[j].literal > best && glob_match(&c->globs[j], norm, &ix))
				best = (int)c->globs[j].literal;
		if (in->explain && *norm &&
		    (!strcmp(norm, c->norm_message) || !strcmp(norm, c->norm_meaning_de) ||
		     !strcmp(norm, c->norm_meaning_en)))
			best = 1000;
		if (best < 0)
			continue;
		add(cs, c,
		    provider_is(c, in->provider) || (in->explain && !in->provider) ? own_tier
										 : TIER_RECEIVER_PATTERN,
		    best * 4 + code_bonus(c, in), CATEGORY_UNKNOWN, in,
		    best == 1000 ? "message text" : "message pattern");
	}
}

static const struct {
	const char *reason; /* Mailgun reason or SendGrid type, lowercase */
	int code;           /* Mailgun internal code, 0 for none */
	const char *text;   /* the text Mailgun writes, matched against the catalogue */
	enum sh_category category;
} esp_reasons[] = {
	{ "old", 602, "Too old", CATEGORY_EXPIRED },
	{ "suppress-bounce", 605, "Not delivering to previously bounced address", CATEGORY_SUPPRESSED },
	{ "suppress-unsubscribe", 606, "Not delivering to unsubscribed address", CATEGORY_SUPPRESSED },
	{ "suppress-complaint", 607, "Not delivering to a user who marked your messages as spam", CATEGORY_SUPPRESSED },
	{ "hardfail", 0, "Not delivering to previously bounced address", CATEGORY_SUPPRESSED },
	{ "espblock", 0, NULL, CATEGORY_REPUTATION_BLOCK },
	{ "blacklisted", 0, NULL, CATEGORY_REPUTATION_BLOCK },
	{ "greylisted", 0, NULL, CATEGORY_TRANSIENT },
	{ "expired", 0, NULL, CATEGORY_EXPIRED },
};

static void by_reason(const struct matcher *m, struct cands *cs, const struct match_input *in)
{
	size_t i, before;

	for (i = 0; i < sizeof(esp_reasons) / sizeof(esp_reasons[0]); i++) {
		int hit = (in->esp_reason && text_ieq(in->esp_reason, esp_reasons[i].reason)) ||
			  (esp_reasons[i].code && in->smtp_code == esp_reasons[i].code);
		if (!hit)
			continue;
		before = cs->n;
		if (esp_reasons[i].text) {
			struct strbuf norm;
			struct match_input sub = *in;
			size_t j;
			strbuf_init(&norm);
			matcher_normalize(&norm, esp_reasons[i].text, strlen(esp_reasons[i].text));
			sub.explain = 0;
			by_pattern(m, cs, &sub, norm.buf, TIER_ESP_REASON);
			strbuf_release(&norm);
			for (j = before; j < cs->n; j++) {
				cs->r[j].tier = TIER_ESP_REASON;
				cs->r[j].how = "ESP reason";
				if (!cs->r[j].entry || !*cs->r[j].entry->f[CAT_CATEGORY])
					cs->r[j].category = esp_reasons[i].category;
			}
		}
		if (cs->n == before)
			add(cs, NULL, TIER_ESP_REASON, 0, esp_reasons[i].category, in, "ESP reason");
		return;
	}
	if (in->bounce_class && *in->bounce_class) {
		enum sh_category c = category_from_sendgrid_class(in->bounce_class);
		if (c != CATEGORY_UNKNOWN)
			add(cs, NULL, TIER_ESP_REASON, 0, c, in, "SendGrid bounce classification");
	}
}

/* Marks the candidate of entry c open when the code it matched is shared with rows of
 * other categories (a guess, then, whatever its category). */
static void mark_open(struct cands *cs, const struct centry *c, int shared)
{
	size_t i;

	for (i = 0; shared && i < cs->n; i++)
		if (cs->r[i].entry == c->e && cs->r[i].tier >= TIER_ENHANCED_CODE)
			cs->r[i].open = 1;
}

static void by_enhanced(const struct matcher *m, struct cands *cs, const struct match_input *in)
{
	char key[16];
	const char *enh = in->enhanced;
	int step, exact = 0;
	size_t i;

	if (!enh || !*enh)
		return;
	if (in->explain || in->provider) {
		for (i = 0; i < m->n; i++) {
			const struct centry *c = &m->ce[i];
			if (c->enh[0] && c->enh[0] != 'X' && !strcmp(c->enh, enh) &&
			    (in->explain || provider_is(c, in->provider))) {
				add(cs, c, in->explain ? TIER_EXACT_CODE : TIER_ENHANCED_CODE,
				    10 + code_bonus(c, in), CATEGORY_UNKNOWN, in, "exact enhanced code");
				exact++;
			}
		}
	}
	/* X.Y.Z, then X.Y.0, then X.0.0: the most specific row RFC 3463 has */
	snprintf(key, sizeof(key), "X%s", enh + 1);
	for (step = 0; step < 3; step++) {
		int found = 0;
		for (i = 0; i < m->nrfc3463; i++)
			found += !strcmp(m->ce[m->rfc3463[i]].enh, key);
		for (i = 0; found && i < m->nrfc3463; i++) {
			const struct centry *c = &m->ce[m->rfc3463[i]];
			/* The shared sheet lists some codes twice (X.2.0 also as a misfiled X.1.2).
			 * The code alone cannot tell such rows apart, so the row with the least
			 * specific advice wins: no "remove the address" on a guess. */
			int claim = found > 1 && c->category >= 0 && c->category != CATEGORY_UNKNOWN;
			/* a person asking about 5.7.26 wants the entries with that very code
			 * before RFC 3463's less specific X.7.0 */
			enum match_tier t = exact && in->explain && step ? TIER_EXACT_CODE
									 : TIER_ENHANCED_CODE;
			if (!strcmp(c->enh, key)) {
				add(cs, c, t, (3 - step) * 2 - claim, CATEGORY_UNKNOWN, in,
				    "enhanced status code");
				mark_open(cs, c, found > 1);
			}
		}
		if (found)
			break;
		if (step == 0) {
			char *dot = strrchr(key, '.');
			if (!dot || !strcmp(dot, ".0"))
				step = 1;
			else
				snprintf(dot, sizeof(key) - (size_t)(dot - key), ".0");
		}
		if (step == 1)
			snprintf(key, sizeof(key), "X.0.0");
	}
	for (i = 0; i < cs->n; i++) {
		struct match_result *r = &cs->r[i];
		if (r->tier == TIER_ENHANCED_CODE && r->severity == SEV_UNKNOWN)
			r->severity = severity_from_codes(0, enh);
	}
}

static void by_code(const struct matcher *m, struct cands *cs, const struct match_input *in)
{
	size_t i;
	int code = in->smtp_code;

	if (!code && in->enhanced && (in->enhanced[0] == '4' || in->enhanced[0] == '5'))
		code = (in->enhanced[0] - '0') * 100; /* a DSN's Status: without a reply code */
	if (!code)
		return;
	if (in->explain && in->bare_code && in->smtp_code) {
		for (i = 0; i < m->n; i++) {
			const struct centry *c = &m->ce[i];
			if (c->smtp == code || c->http == code)
				add(cs, c, TIER_EXACT_CODE, code_bonus(c, in), CATEGORY_UNKNOWN, in,
				    "exact code");
		}
	}
	if (code >= 400 && code < 500)
		add(cs, NULL, TIER_CODE_CLASS, 0, CATEGORY_TRANSIENT, in, "basic code class");
	else if (code >= 500 && code < 600)
		add(cs, NULL, TIER_CODE_CLASS, 0, CATEGORY_UNKNOWN, in, "basic code class");
}

static int rank(const struct match_result *a, const struct match_result *b, const char *provider,
		int explain)
{
	if (explain && provider && *provider) {
		/* a message pattern beats any code; among code matches the provider asked for
		 * comes first */
		int ga = a->tier > TIER_RECEIVER_PATTERN, gb = b->tier > TIER_RECEIVER_PATTERN;
		int pa = a->entry && !strcmp(a->entry->f[CAT_PROVIDER], provider);
		int pb = b->entry && !strcmp(b->entry->f[CAT_PROVIDER], provider);
		if (ga != gb)
			return ga - gb;
		if (pa != pb)
			return pb - pa;
	}
	if (a->tier >= TIER_ENHANCED_CODE && a->tier <= TIER_CODE_CLASS &&
	    b->tier >= TIER_ENHANCED_CODE && b->tier <= TIER_CODE_CLASS && a->open != b->open) {
		/* an RFC 3463 row that leaves the category open ("other or undefined status"),
		 * or guesses one for a code listed twice, says less than the code class does: a
		 * 4xx is at least a temporary failure. Open first, then tier: an order (the
		 * sort needs one), whichever pair is compared. */
		return a->open - b->open;
	}
	if (a->tier != b->tier)
		return (int)a->tier - (int)b->tier;
	if (a->score != b->score)
		return b->score - a->score;
	return 0;
}

static void sort_cands(struct cands *cs)
{
	size_t i, j;

	/* insertion sort: stable, and the lists are short */
	for (i = 1; i < cs->n; i++) {
		struct match_result r = cs->r[i];
		for (j = i; j > 0 && rank(&r, &cs->r[j - 1], cs->provider, cs->explain) < 0; j--)
			cs->r[j] = cs->r[j - 1];
		cs->r[j] = r;
	}
}

/* Ranks every candidate into cs; norm receives the normalised text. */
static void collect(const struct matcher *m, const struct match_input *in, struct cands *cs,
		    struct strbuf *norm_out)
{
	struct strbuf norm;
	char outlook[20];
	size_t i;
	const char *oc = in->outlook_code;

	memset(cs, 0, sizeof(*cs));
	cs->provider = in->provider;
	cs->explain = in->explain;
	strbuf_init(&norm);
	if (in->text)
		matcher_normalize(&norm, in->text, strlen(in->text));
	if ((!oc || !*oc) && in->text && find_outlook(in->text, outlook))
		oc = outlook;
	if (oc && *oc) {
		for (i = 0; i < m->n; i++)
			if (*m->ce[i].e->f[CAT_OUTLOOK_CODE] && text_ieq(m->ce[i].e->f[CAT_OUTLOOK_CODE], oc))
				add(cs, &m->ce[i], in->explain ? TIER_SENDER_PATTERN : TIER_RECEIVER_PATTERN,
				    4000, CATEGORY_UNKNOWN, in, "exact Outlook code");
	}
	if (norm.len)
		by_pattern(m, cs, in, norm.buf, TIER_SENDER_PATTERN);
	by_reason(m, cs, in);
	by_enhanced(m, cs, in);
	by_code(m, cs, in);
	if (norm_out)
		strbuf_add(norm_out, norm.buf, norm.len);
	strbuf_release(&norm);
	sort_cands(cs);
}

void matcher_classify(const struct matcher *m, const struct match_input *in,
		      struct match_result *out)
{
	struct cands cs;
	struct strbuf norm;

	strbuf_init(&norm);
	collect(m, in, &cs, &norm);
	matcher_weigh(in, norm.buf, cs.r, cs.n, out);
	strbuf_release(&norm);
}

size_t matcher_candidates(const struct matcher *m, const struct match_input *in,
			  struct match_result *out, size_t max)
{
	struct cands cs;
	size_t i, n = 0;

	collect(m, in, &cs, NULL);
	for (i = 0; i < cs.n && n < max; i++)
		if (cs.r[i].entry)
			out[n++] = cs.r[i];
	return n;
}

const char *match_tier_name(enum match_tier t)
{
	static const char *const names[] = {
		"none", "sender message pattern", "receiver message pattern", "ESP reason",
		"enhanced status code", "basic code class", "exact code", "evidence",
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == TIER_LAST + 1, "tier names");
	return (unsigned)t <= TIER_LAST ? names[t] : "none";
}
