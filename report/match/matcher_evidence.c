/* matcher_evidence.c - the last step of classification: the evidence across the whole
 * text (evidence.h) weighed together with the best catalogue candidate. The candidate
 * lends its category a weight by how it matched: an ESP's own message or reason decides,
 * a long catalogue pattern counts as strong evidence, a short one as clear evidence, a
 * specific RFC 3463 row or the code class as a hint, a generic code (X.0.0, X.7.0) not at
 * all. When other evidence outweighs it, the best candidate of the evidence's category
 * wins, or no entry (TIER_EVIDENCE). */
#include "report/match/matcher_priv.h"

#include <string.h>

#define DECISIVE 100

static int pattern_weight(const struct match_result *r)
{
	int literal = r->score / 4; /* by_pattern scores 4 per literal character */

	return literal >= 40 ? 8 : literal >= 20 ? 6 : 4;
}

/* The weight the candidate r lends its own category. */
static int tier_weight(const struct match_result *r, const struct match_input *in)
{
	const char *prov = r->entry ? r->entry->f[CAT_PROVIDER] : "";

	if (r->category == CATEGORY_UNKNOWN)
		return 0;
	switch (r->tier) {
	case TIER_ESP_REASON:
		return DECISIVE;
	case TIER_SENDER_PATTERN:
		/* an ESP's own words decide; the generic "smtp" rows are our reading of
		 * other servers' replies (bounce mail, SMTP logs), weighed like any pattern */
		if (in->provider && *in->provider && strcmp(in->provider, "smtp") &&
		    !strcmp(prov, in->provider))
			return DECISIVE;
		return r->score >= 4000 ? 10 : pattern_weight(r);
	case TIER_RECEIVER_PATTERN:
		return r->score >= 4000 ? 10 : pattern_weight(r); /* 4000: an exact Outlook code */
	case TIER_EXACT_CODE:
		return 3;
	case TIER_ENHANCED_CODE:
		return r->entry && r->entry->f[CAT_ENHANCED_CODE][0] &&
				       strcmp(strrchr(r->entry->f[CAT_ENHANCED_CODE], '.'), ".0")
			       ? 1
			       : 0;
	case TIER_CODE_CLASS:
		return r->category == CATEGORY_TRANSIENT ? 1 : 0;
	default:
		return 0;
	}
}

/* The category the evidence and the candidate's weight decide, or CATEGORY_UNKNOWN. */
static enum sh_category decide(const struct evidence *ev, const struct match_result *best, int tw)
{
	int c, top = -1, second = 0, t[CATEGORY_COUNT];

	memcpy(t, ev->totals, sizeof(t));
	/* a catalogue pattern often holds the very words the evidence found: the stronger
	 * of the two counts, the other corroborates */
	if (best && best->category != CATEGORY_UNKNOWN && tw > 0) {
		int e = t[best->category];
		t[best->category] = (e > tw ? e : tw) + (e > 0 && tw >= 4 ? 2 : 0);
	}
	evidence_sender_stage(ev, t);
	for (c = 0; c < CATEGORY_UNKNOWN; c++)
		if (top < 0 || t[c] > t[top])
			top = c;
	for (c = 0; c < CATEGORY_UNKNOWN; c++)
		if (c != top && t[c] > second)
			second = t[c];
	if (t[top] < EVIDENCE_CERTAIN || t[top] == second)
		return CATEGORY_UNKNOWN;
	return (enum sh_category)top;
}

static void attach_why(struct match_result *out, const struct evidence *ev)
{
	size_t i;
	int stage = ev->sender_stage && out->category == CATEGORY_DNS_AUTH;

	out->nwhy = 0;
	/* at MAIL FROM the recipient words speak for the sender: name the stage first */
	if (stage)
		out->why[out->nwhy++] = &evidence_mail_from_stage;
	for (i = 0; i < ev->nhits && out->nwhy < MATCH_WHY_MAX; i++)
		if (ev->hits[i]->category == out->category ||
		    (stage && ev->hits[i]->category == CATEGORY_RECIPIENT_INVALID))
			out->why[out->nwhy++] = ev->hits[i];
	out->weight = out->category < CATEGORY_UNKNOWN ? ev->totals[out->category] : 0;
	out->seen_provider = ev->provider;
}

static void nothing(struct match_result *out, const struct match_input *in)
{
	memset(out, 0, sizeof(*out));
	out->tier = TIER_NONE;
	out->category = CATEGORY_UNKNOWN;
	out->action = ACTION_COUNT;
	out->severity = SEV_UNKNOWN;
	out->how = "nothing matched";
	matcher_finish(out, NULL, in);
}

/* The kinds of evidence that say a failure is temporary by nature: the sender would retry
 * them, so in a final failure they are what kept failing until it gave up. */
static int temporary_kind(const struct evidence_rule *r)
{
	static const char *const kinds[] = { "connection", "DNS lookup", "delay", "try later",
					     "greylisting" };
	size_t i;

	if (r->category != CATEGORY_NETWORK_CLIENT && r->category != CATEGORY_TRANSIENT)
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(r->kind, kinds[i]))
			return 1;
	return 0;
}

/* 1 when out, a connection or temporary server problem, ended a final failure: the reply
 * is not a permanent refusal (no 5xx code) and says it is temporary by its words (all of
 * a temporary kind) or, without such words, by its catalogue entry's severity. A server's
 * own error ("451 local error in processing") stays transient: a relay may have made it
 * final at once, without retries. */
static int gave_up(const struct match_input *in, const struct evidence *ev,
		   const struct match_result *out)
{
	size_t i;

	if (in->severity != SEV_PERMANENT ||
	    (out->category != CATEGORY_NETWORK_CLIENT && out->category != CATEGORY_TRANSIENT))
		return 0;
	/* an ESP's own message or reason is never overruled; a 5xx is a refusal, not a retry */
	if (tier_weight(out, in) >= DECISIVE)
		return 0;
	if ((in->smtp_code >= 500 && in->smtp_code < 600) ||
	    (in->enhanced && in->enhanced[0] == '5'))
		return 0;
	/* a TLS, HELO or protocol failure is worth fixing as such, retried or not */
	for (i = 0; i < ev->nhits; i++)
		if (ev->hits[i]->category == out->category && !temporary_kind(ev->hits[i]))
			return 0;
	for (i = 0; i < ev->nhits; i++)
		if (ev->hits[i]->category == out->category)
			return 1;
	return out->entry && !strcmp(out->entry->f[CAT_SEVERITY], "temporary");
}

/* Makes out "expired": the best candidate entry of that category, or none; the evidence
 * names the final failure first, then what kept failing. */
static void expire(const struct match_input *in, const struct evidence *ev,
		   const struct match_result *cands, size_t n, struct match_result *out)
{
	enum sh_category was = out->category;
	size_t i;

	for (i = 0; i < n && !(cands[i].entry && cands[i].category == CATEGORY_EXPIRED); i++)
		;
	if (i < n) {
		*out = cands[i];
	} else {
		nothing(out, in);
		out->tier = TIER_EVIDENCE;
		out->category = CATEGORY_EXPIRED;
		out->action = ACTION_COUNT;
		matcher_finish(out, NULL, in);
	}
	out->severity = SEV_PERMANENT;
	out->how = "evidence";
	out->why[0] = &evidence_final_failure;
	out->nwhy = 1;
	for (i = 0; i < ev->nhits && out->nwhy < MATCH_WHY_MAX; i++)
		if (ev->hits[i]->category == was)
			out->why[out->nwhy++] = ev->hits[i];
	out->weight = evidence_final_failure.weight + ev->totals[was];
	out->seen_provider = ev->provider;
}

/* The candidate that leads: the best one, or - where the best leaves the category open
 * (X.0.0, X.2.0, a pattern row without a category, a code listed twice) - the next one
 * that has a category, so an open row never turns a 4xx or clear evidence into unknown.
 * Returns 0 when every candidate is open. */
static size_t leader(const struct match_result *cands, size_t n)
{
	size_t i;

	for (i = 0; i < n && cands[i].open; i++)
		;
	return i < n ? i : 0;
}

void matcher_weigh(const struct match_input *in, const char *norm, const struct match_result *cands,
		   size_t n, struct match_result *out)
{
	struct evidence ev;
	enum sh_category c;
	size_t i, lead = leader(cands, n);

	evidence_weigh(norm, in->smtp_code, in->enhanced, &ev);
	c = decide(&ev, n ? &cands[lead] : NULL, n ? tier_weight(&cands[lead], in) : 0);
	if (n && (c == CATEGORY_UNKNOWN || c == cands[lead].category)) {
		*out = cands[lead];
	} else if (c == CATEGORY_UNKNOWN) {
		nothing(out, in);
	} else {
		for (i = 0; i < n && !(cands[i].entry && cands[i].category == c); i++)
			;
		if (i < n) {
			*out = cands[i];
		} else {
			nothing(out, in);
			out->tier = TIER_EVIDENCE;
			out->category = c;
			out->action = ACTION_COUNT;
			matcher_finish(out, NULL, in);
		}
		out->how = "evidence";
	}
	attach_why(out, &ev);
	if (gave_up(in, &ev, out))
		expire(in, &ev, cands, n, out);
}
