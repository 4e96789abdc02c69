/* evidence.c - weighs the evidence in a reply (see evidence.h; the rules are in
 * evidence_rules.c). */
#include "report/match/evidence_priv.h"
#include "report/match/wordindex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when needle occurs in text as words: at a word start (when it starts with a letter or
 * digit) and at a word end (when it ends with one), or anywhere after the start for a stem
 * ("blacklist*"). */
static int has_word(const char *text, const char *needle)
{
	char buf[64];
	size_t n = strlen(needle);
	int lead = isalnum((unsigned char)needle[0]), tail;
	const char *p;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, needle, n + 1);
	tail = isalnum((unsigned char)buf[n - 1]);
	if (buf[n - 1] == '*') {
		buf[--n] = '\0';
		tail = 0;
	}
	for (p = text; (p = strstr(p, buf)) != NULL; p++) {
		if (lead && p > text && isalnum((unsigned char)p[-1]))
			continue;
		if (tail && isalnum((unsigned char)p[n]))
			continue;
		return 1;
	}
	return 0;
}

static void add_hit(struct evidence *ev, const struct evidence_rule *r)
{
	size_t i;

	ev->totals[r->category] += r->weight;
	if (ev->nhits < EVIDENCE_MAX_HITS) {
		ev->hits[ev->nhits++] = r;
		return;
	}
	/* full: keep the heaviest */
	for (i = 0; i < ev->nhits; i++) {
		if (ev->hits[i]->weight < r->weight) {
			ev->hits[i] = r;
			return;
		}
	}
}

/* Several words of one kind ("spamhaus", "blocked using") are one piece of evidence,
 * corroborated: the first counts in full, each further one adds at most CORROBORATE. */
#define CORROBORATE 2

const struct evidence_table evidence_text_tables[] = {
	{ evidence_text_rules, &evidence_ntext_rules },
	{ evidence_lang_rules, &evidence_nlang_rules },
	{ evidence_doc_rules, &evidence_ndoc_rules },
	{ evidence_phrase_rules, &evidence_nphrase_rules },
};
const size_t evidence_ntext_tables = sizeof(evidence_text_tables) / sizeof(evidence_text_tables[0]);

static void weigh_table(const char *norm, const struct wordindex *ix, const struct evidence_table *t,
			struct evidence *ev)
{
	size_t i, j;

	for (i = 0; i < *t->n; i++) {
		const struct evidence_rule *r = &t->rules[i];
		int dup = 0;
		if (!wordindex_may_hold(ix, r->needle) || !has_word(norm, r->needle))
			continue;
		for (j = 0; j < ev->nhits && !dup; j++)
			dup = ev->hits[j]->category == r->category && !strcmp(ev->hits[j]->kind, r->kind);
		if (dup)
			ev->totals[r->category] += r->weight < CORROBORATE ? r->weight : CORROBORATE;
		else
			add_hit(ev, r);
	}
}

static void weigh_text(const char *norm, struct evidence *ev)
{
	struct wordindex ix; /* most needles are ruled out by a byte pair the text lacks */
	size_t t;

	wordindex_init(&ix, norm);
	for (t = 0; t < evidence_ntext_tables; t++)
		weigh_table(norm, &ix, &evidence_text_tables[t], ev);
}

/* "5.7.606" -> 606 when the code is 5.7.NNN, else 0. */
static long detail_of(const char *enh, char cls, int subject)
{
	char want[8], *end;
	long v;

	snprintf(want, sizeof(want), "%c.%d.", cls, subject);
	if (strncmp(enh, want, strlen(want)))
		return 0;
	v = strtol(enh + strlen(want), &end, 10);
	return *end ? 0 : v;
}

static void weigh_code(const char *enh, struct evidence *ev)
{
	char x[16];
	size_t i;
	long d;

	if (!enh || (enh[0] != '4' && enh[0] != '5') || strlen(enh) >= sizeof(x))
		return;
	snprintf(x, sizeof(x), "X%s", enh + 1);
	for (i = 0; i < evidence_ncode_rules; i++) {
		const char *k = evidence_code_rules[i].needle;
		if (!strcmp(k, k[0] == 'X' ? x : enh)) {
			add_hit(ev, &evidence_code_rules[i]);
			return;
		}
	}
	d = detail_of(enh, '5', 7);
	if (d >= 606 && d <= 649)
		add_hit(ev, &evidence_ms_banned_ip);
	else if (d >= 700 && d <= 749)
		add_hit(ev, &evidence_ms_tenant);
	d = detail_of(enh, '4', 7);
	if (d >= 500 && d <= 699)
		add_hit(ev, &evidence_ms_throttled_ip);
}

/* Orange writes its codes "OFR_506" or "OFR004_104": the number after the underscore
 * says what happened, whatever digits come before it. */
static void weigh_orange(const char *norm, struct evidence *ev)
{
	const char *p, *q;
	size_t i;

	for (p = norm; (p = strstr(p, "ofr")) != NULL; p += 3) {
		if (p > norm && isalnum((unsigned char)p[-1]))
			continue;
		for (q = p + 3; isdigit((unsigned char)*q); q++)
			;
		if (*q != '_' || !isdigit((unsigned char)q[1]) || !isdigit((unsigned char)q[2]) ||
		    !isdigit((unsigned char)q[3]) || isalnum((unsigned char)q[4]))
			continue;
		for (i = 0; i < evidence_norange_rules; i++) {
			if (!strncmp(evidence_orange_rules[i].needle + 4, q + 1, 3)) {
				add_hit(ev, &evidence_orange_rules[i]);
				return;
			}
		}
	}
}

/* The ISPs that filter with Cloudmark (Spectrum/Charter, Cox) end a refusal with "AUP#"
 * and a code: a number ("AUP#In-1310", "AUP#I-1010"), whose first two digits say the kind
 * (needle "aup#13"), or a name ("AUP#CXCNCT", needle "aup#cxcnct"). */
static void weigh_aup(const char *norm, struct evidence *ev)
{
	const char *p, *q;
	char key[24];
	size_t i, n;

	for (p = norm; (p = strstr(p, "aup#")) != NULL; p += 4) {
		if (p > norm && isalnum((unsigned char)p[-1]))
			continue;
		q = p + 4;
		n = strspn(q, "abcdefghijklmnopqrstuvwxyz");
		if (q[n] == '-' && strspn(q + n + 1, "0123456789") == 4 &&
		    !isalnum((unsigned char)q[n + 5]))
			snprintf(key, sizeof(key), "aup#%.2s", q + n + 1);
		else if (n > 0 && n < 16 && !isalnum((unsigned char)q[n]))
			snprintf(key, sizeof(key), "aup#%.*s", (int)n, q);
		else
			continue;
		for (i = 0; i < evidence_naup_rules; i++) {
			if (!strcmp(evidence_aup_rules[i].needle, key)) {
				add_hit(ev, &evidence_aup_rules[i]);
				return;
			}
		}
	}
}

/* "failed 20 attempts", "failed after 7 attempts": a count of retries that ended. */
static void weigh_attempts(const char *norm, struct evidence *ev)
{
	const char *p, *q;

	for (p = norm; (p = strstr(p, "failed ")) != NULL; p += 7) {
		if (p > norm && isalnum((unsigned char)p[-1]))
			continue;
		q = p + 7;
		if (!strncmp(q, "after ", 6))
			q += 6;
		if (!isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (!strncmp(q, " attempt", 8)) {
			add_hit(ev, &evidence_failed_attempts);
			return;
		}
	}
}

static const char *find_provider(const char *norm)
{
	size_t i;

	for (i = 0; i < evidence_nproviders; i++)
		if (has_word(norm, evidence_providers[i].needle))
			return evidence_providers[i].name;
	return NULL;
}

/* Where the server says which command it answered: MAIL FROM names the sender. */
static const char *const sender_stage_words[] = {
	"in reply to mail from", "after mail from", "at mail from", "reply to mail from",
};
_Static_assert(sizeof(sender_stage_words) / sizeof(sender_stage_words[0]) == 4, "stage words");

static int answered_mail_from(const char *norm)
{
	size_t i;

	for (i = 0; i < sizeof(sender_stage_words) / sizeof(sender_stage_words[0]); i++)
		if (has_word(norm, sender_stage_words[i]))
			return 1;
	return 0;
}

/* At MAIL FROM no recipient has been named yet: what reads as "no such user/domain" is
 * the sender's address, a DNS/identity matter. */
void evidence_sender_stage(const struct evidence *ev, int *totals)
{
	if (!ev->sender_stage)
		return;
	totals[CATEGORY_DNS_AUTH] += totals[CATEGORY_RECIPIENT_INVALID];
	totals[CATEGORY_RECIPIENT_INVALID] = 0;
}

static int by_weight(const void *a, const void *b)
{
	const struct evidence_rule *x = *(const struct evidence_rule *const *)a;
	const struct evidence_rule *y = *(const struct evidence_rule *const *)b;

	return y->weight - x->weight;
}

void evidence_weigh(const char *norm, int smtp_code, const char *enhanced, struct evidence *out)
{
	int c, best = CATEGORY_UNKNOWN;

	memset(out, 0, sizeof(*out));
	out->category = CATEGORY_UNKNOWN;
	(void)smtp_code;
	if (norm && *norm) {
		weigh_text(norm, out);
		weigh_orange(norm, out);
		weigh_aup(norm, out);
		weigh_attempts(norm, out);
		out->provider = find_provider(norm);
		out->sender_stage = answered_mail_from(norm);
	}
	weigh_code(enhanced, out);
	evidence_sender_stage(out, out->totals);
	for (c = 0; c < CATEGORY_UNKNOWN; c++) {
		if (best == CATEGORY_UNKNOWN || out->totals[c] > out->totals[best])
			best = c;
	}
	for (c = 0; c < CATEGORY_UNKNOWN; c++)
		if (c != best && out->totals[c] > out->runner_up)
			out->runner_up = out->totals[c];
	out->score = out->totals[best];
	if (out->score >= EVIDENCE_CERTAIN && out->score > out->runner_up)
		out->category = (enum sh_category)best;
	qsort(out->hits, out->nhits, sizeof(out->hits[0]), by_weight);
}

static const struct evidence_rule *find_in(const struct evidence_rule *rules, size_t n,
					    const char *needle, const char *kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rules[i].needle, needle) && !strcmp(rules[i].kind, kind))
			return &rules[i];
	return NULL;
}

const struct evidence_rule *evidence_rule_find(const char *needle, const char *kind)
{
	/* the rules outside the text tables, in the order they are looked up */
	const struct {
		const struct evidence_rule *rules;
		size_t n;
	} more[] = {
		{ evidence_code_rules, evidence_ncode_rules },
		{ &evidence_ms_banned_ip, 1 },
		{ &evidence_ms_tenant, 1 },
		{ &evidence_ms_throttled_ip, 1 },
		{ &evidence_failed_attempts, 1 },
		{ evidence_orange_rules, evidence_norange_rules },
		{ evidence_aup_rules, evidence_naup_rules },
		{ &evidence_mail_from_stage, 1 },
		{ &evidence_final_failure, 1 },
	};
	const struct evidence_rule *r = NULL;
	size_t t;

	if (!needle || !kind)
		return NULL;
	for (t = 0; !r && t < evidence_ntext_tables; t++)
		r = find_in(evidence_text_tables[t].rules, *evidence_text_tables[t].n, needle, kind);
	for (t = 0; !r && t < sizeof(more) / sizeof(more[0]); t++)
		r = find_in(more[t].rules, more[t].n, needle, kind);
	return r;
}

const char *evidence_provider_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < evidence_nproviders; i++)
		if (!strcmp(evidence_providers[i].name, name))
			return evidence_providers[i].name;
	return NULL;
}
