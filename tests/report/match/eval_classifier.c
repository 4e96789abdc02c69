/* eval_classifier.c - `make eval`: how often the classifier agrees with Sisimai's labels on
 * real SMTP replies (../shared/corpus/smtp-replies.tsv) and on real bounce mails read by
 * import/mail (../shared/corpus/bounces, eval_bounces.h); the reason -> category mapping is
 * tests/report/sisimai_map.h, from the corpus READMEs. Prints agreement and the unknown rate
 * for the whole corpus, for the part rules may be tuned on and for the held-back part, a
 * confusion table (Sisimai reason x our category) and the 15 worst misses of the tuning
 * part. It prints; it never fails on a number (exit 0; 1 only when the file is unreadable).
 * Skips (exit 0, a line saying so) without ../shared.
 *
 * The held-back part: every reply whose source (the sample's sender or receiver family:
 * the source column's file name without "-NN.eml", e.g. "lhost-postfix", "rhost-google",
 * or a provider table such as "Google") hashes (FNV-1a, 32 bits) to 0 modulo 4. A whole
 * source is held back or not, so a rule written for one provider's wording is measured on
 * other providers. Its misses are not printed (EVAL_SHOW_HELDBACK=1 prints them) so that
 * nobody tunes on them by accident. EVAL_VERBOSE=1 lists every tuning-part miss;
 * EVAL_RULE=needle lists the tuning-part replies one evidence rule fires on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/store.h"
#include "report/match/evidence.h"
#include "report/match/matcher.h"
#include "report/match/matcher_priv.h"
#include "tests/report/sisimai_map.h"
#include "tests/testlib.h"
#include "util/smtp_codes.h"

enum part { PART_TUNE, PART_HELD, PART_ALL, NPARTS };

#define MAX_REASONS 64
#define MAX_MISSES 512
#define EXCERPT 160
#define WORST 15

struct part_tally {
	long n, agreed, unknown;
};

struct miss {
	char reason[32], excerpt[EXCERPT + 1], how[64];
	enum sh_category got;
	int held;
	long n;
};

/* How often one evidence rule fired on the tuning part, and how often its category was one
 * the label accepts: its precision. */
struct rule_tally {
	const struct evidence_rule *rule;
	long fired, agreed;
};

#define MAX_RULES 512

struct eval {
	struct part_tally part[NPARTS];
	struct rule_tally rules[MAX_RULES];
	size_t nrules;
	long by_evidence, by_evidence_ok; /* tuning replies the evidence decided, and agreed */
	char reasons[MAX_REASONS][32];
	long confusion[MAX_REASONS][CATEGORY_COUNT], reason_n[MAX_REASONS], reason_ok[MAX_REASONS];
	size_t nreasons;
	struct miss misses[MAX_MISSES];
	size_t nmisses;
	long rows, excluded, bad_lines;
	char held_groups[2048]; /* the held-back sources, comma-separated */
	int verbose; /* EVAL_VERBOSE=1: every tuning-part miss; 2: held-back ones too */
	const char *name; /* the corpus */
};

/* The source family of a corpus row: the file name without its number and extension. */
static void source_group(const char *source, char *out, size_t cap)
{
	size_t n = strcspn(source, " #[");
	const char *p = source, *q;
	size_t len;

	for (q = source; q < source + n; q++)
		if (*q == '/' || *q == ':')
			p = q + 1;
	len = (size_t)(source + n - p);
	if (len >= cap)
		len = cap - 1;
	memcpy(out, p, len);
	out[len] = '\0';
	if ((q = strrchr(out, '.')) != NULL)
		out[q - out] = '\0';                 /* .eml, .pm */
	len = strlen(out);
	while (len && out[len - 1] >= '0' && out[len - 1] <= '9')
		len--;
	if (len && len < strlen(out) && out[len - 1] == '-')
		out[len - 1] = '\0';                 /* -01 */
}

static int held_back(const char *source, char *list, size_t cap)
{
	char group[128], key[132];
	uint32_t h = 2166136261u;
	const unsigned char *p;
	size_t n = strlen(list);

	source_group(source, group, sizeof(group));
	for (p = (const unsigned char *)group; *p; p++)
		h = (h ^ *p) * 16777619u;
	if (h % 4)
		return 0;
	snprintf(key, sizeof(key), " %s,", group);
	if (!strstr(list, key) && n + strlen(key) < cap)
		memcpy(list + n, key, strlen(key) + 1);
	return 1;
}

static size_t reason_index(struct eval *ev, const char *reason)
{
	size_t i;

	for (i = 0; i < ev->nreasons; i++)
		if (!strcmp(ev->reasons[i], reason))
			return i;
	if (ev->nreasons == MAX_REASONS)
		return MAX_REASONS - 1;
	snprintf(ev->reasons[i], sizeof(ev->reasons[i]), "%s", reason);
	return ev->nreasons++;
}

static void note_miss(struct eval *ev, const char *reason, const struct match_result *r,
		      const char *text, int held)
{
	struct miss *m = NULL;
	size_t i;

	for (i = 0; i < ev->nmisses && !m; i++)
		if (ev->misses[i].got == r->category && ev->misses[i].held == held &&
		    !strcmp(ev->misses[i].reason, reason))
			m = &ev->misses[i];
	if (!m) {
		if (ev->nmisses == MAX_MISSES)
			return;
		m = &ev->misses[ev->nmisses++];
		snprintf(m->reason, sizeof(m->reason), "%s", reason);
		snprintf(m->excerpt, sizeof(m->excerpt), "%s", text);
		snprintf(m->how, sizeof(m->how), "%s",
			 r->entry ? r->entry->f[CAT_ID] : match_tier_name(r->tier));
		m->got = r->category;
		m->held = held;
	}
	m->n++;
}

/* Counts, on the tuning part, each evidence rule that fires on text and whether the label
 * accepts the rule's category. */
static void tally_rules(struct eval *ev, const char *reason, const char *text)
{
	const char *show = getenv("EVAL_RULE"); /* a needle: list the tuning rows it fires on */
	struct strbuf norm;
	struct evidence e;
	size_t i, k;

	strbuf_init(&norm);
	matcher_normalize(&norm, text, strlen(text));
	evidence_weigh(norm.buf, 0, NULL, &e);
	for (i = 0; i < e.nhits; i++) {
		for (k = 0; k < ev->nrules && ev->rules[k].rule != e.hits[i]; k++)
			;
		if (k == ev->nrules) {
			if (k == MAX_RULES)
				continue;
			ev->rules[ev->nrules++].rule = e.hits[i];
		}
		ev->rules[k].fired++;
		ev->rules[k].agreed += (accepted(reason, text) >> e.hits[i]->category) & 1u;
		if (show && !strcmp(show, e.hits[i]->needle))
			printf("RULE %s %s: %.200s\n", e.hits[i]->needle, reason, text);
	}
	strbuf_release(&norm);
}

/* Counts one classified reply with its Sisimai reason. */
static void tally(struct eval *ev, const char *reason, const char *text, int held,
		  const struct match_result *res)
{
	int ok = (accepted(reason, text) >> res->category) & 1u, p;
	size_t r;

	for (p = 0; p < NPARTS; p++) {
		if (p != PART_ALL && p != (held ? PART_HELD : PART_TUNE))
			continue;
		ev->part[p].n++;
		ev->part[p].agreed += ok;
		ev->part[p].unknown += res->category == CATEGORY_UNKNOWN;
	}
	r = reason_index(ev, reason);
	ev->confusion[r][res->category]++;
	ev->reason_n[r]++;
	ev->reason_ok[r] += ok;
	if (!ok)
		note_miss(ev, reason, res, text, held);
	if (!held)
		tally_rules(ev, reason, text);
	if (!held && res->how && !strcmp(res->how, "evidence")) {
		ev->by_evidence++;
		ev->by_evidence_ok += ok;
	}
	if (!ok && ev->verbose && (!held || ev->verbose > 1))
		printf("MISS %s -> %s [%s] %s\n", reason, category_name(res->category),
		       res->entry ? res->entry->f[CAT_ID] : match_tier_name(res->tier), text);
}

static void add_row(struct eval *ev, const struct matcher *m, char *const f[NFIELDS])
{
	const char *reason = effective_reason(f[F_V4], f[F_V5]);
	struct match_result res;
	int held = held_back(f[F_SOURCE], ev->held_groups, sizeof(ev->held_groups));

	ev->rows++;
	if (!reason) {
		ev->excluded++;
		return;
	}
	corpus_classify_row(m, f, &res);
	tally(ev, reason, f[F_MSG], held, &res);
}

/* add_row as corpus_read_rows calls it */
static void on_row(void *ctx, const struct matcher *m, char *const f[NFIELDS])
{
	add_row(ctx, m, f);
}

static int read_corpus(const char *path, const struct matcher *m, struct eval *ev)
{
	return corpus_read_rows(path, "eval: ", m, on_row, ev, &ev->bad_lines);
}

static double pct(long a, long n)
{
	return n ? 100.0 * (double)a / (double)n : 0.0;
}

static void print_parts(const struct eval *ev)
{
	static const char *const names[NPARTS] = { "tuning part", "held-back part", "whole corpus" };
	static const int order[NPARTS] = { PART_ALL, PART_TUNE, PART_HELD };
	int i;

	printf("\neval: %s: %ld replies, %ld excluded (Sisimai undecided or not a failure), "
	       "%ld bad lines\n", ev->name, ev->rows, ev->excluded, ev->bad_lines);
	for (i = 0; i < NPARTS; i++) {
		const struct part_tally *t = &ev->part[order[i]];
		printf("eval: %-15s %4ld replies  agreement %5.1f%% (%ld)  unknown %5.1f%% (%ld)\n",
		       names[order[i]], t->n, pct(t->agreed, t->n), t->agreed, pct(t->unknown, t->n),
		       t->unknown);
	}
	printf("eval: held back (source hashes to 0 mod 4):%s\n", ev->held_groups);
}

/* A short column name: the category's first letters. */
static void short_name(enum sh_category c, char out[6])
{
	snprintf(out, 6, "%.5s", category_name(c));
}

static void print_confusion(const struct eval *ev)
{
	char col[6];
	size_t r;
	int c;

	printf("\nconfusion (rows: Sisimai reason; columns: our category, first 5 letters; ok%% = agreement)\n");
	printf("  %-16s %5s %5s", "reason", "n", "ok%");
	for (c = 0; c < CATEGORY_COUNT; c++) {
		short_name((enum sh_category)c, col);
		printf(" %5s", col);
	}
	printf("\n");
	for (r = 0; r < ev->nreasons; r++) {
		printf("  %-16s %5ld %5.1f", ev->reasons[r], ev->reason_n[r],
		       pct(ev->reason_ok[r], ev->reason_n[r]));
		for (c = 0; c < CATEGORY_COUNT; c++)
			if (ev->confusion[r][c])
				printf(" %5ld", ev->confusion[r][c]);
			else
				printf(" %5s", ".");
		printf("\n");
	}
}

/* Worst first: a wrong category before an honest unknown, then the most frequent. */
static int by_badness(const void *a, const void *b)
{
	const struct miss *x = a, *y = b;
	int ux = x->got == CATEGORY_UNKNOWN, uy = y->got == CATEGORY_UNKNOWN;

	if (ux != uy)
		return ux - uy;
	if (x->n != y->n)
		return (y->n > x->n) - (y->n < x->n);
	return strcmp(x->reason, y->reason);
}

static void print_worst(struct eval *ev, int show_held)
{
	size_t i, shown = 0;

	qsort(ev->misses, ev->nmisses, sizeof(ev->misses[0]), by_badness);
	printf("\n%d worst misses%s (Sisimai reason -> our category  count  [entry or tier]  example)\n",
	       WORST, show_held ? "" : " of the tuning part");
	for (i = 0; i < ev->nmisses; i++) {
		const struct miss *m = &ev->misses[i];
		if (m->held && !show_held)
			continue;
		if (shown++ >= WORST)
			continue;
		printf("  %-14s -> %-17s %3ld  [%s]%s  %s\n", m->reason, category_name(m->got), m->n,
		       m->how, m->held ? " (held back)" : "", m->excerpt);
	}
	/* no count of the hidden ones: a rule writer reading this list must not learn, change
	 * by change, how the held-back part moves (its figure is the summary line's alone) */
	if (!show_held)
		printf("  (held-back misses are not shown; EVAL_SHOW_HELDBACK=1 shows them)\n");
}

/* Least precise first, then the most often fired. */
static int by_precision(const void *a, const void *b)
{
	const struct rule_tally *x = a, *y = b;
	long l = x->agreed * y->fired, r = y->agreed * x->fired;

	if (l != r)
		return (l > r) - (l < r);
	return (y->fired > x->fired) - (y->fired < x->fired);
}

/* The text evidence rules that fired at least twice on the tuning part and agreed with the
 * label less than 3 times in 4: the eager ones. */
static void print_precision(struct eval *ev)
{
	size_t i;

	qsort(ev->rules, ev->nrules, sizeof(ev->rules[0]), by_precision);
	printf("\nthe evidence decided %ld tuning replies (over a catalogue entry or none), "
	       "agreeing on %ld\n", ev->by_evidence, ev->by_evidence_ok);
	printf("\nevidence rules agreeing < 75%% on the tuning part (rule -> category  fired  agreed)\n");
	for (i = 0; i < ev->nrules; i++) {
		const struct rule_tally *t = &ev->rules[i];
		if (t->fired < 2 || t->agreed * 4 >= t->fired * 3)
			continue;
		printf("  %-32s -> %-17s %4ld %4ld\n", t->rule->needle, category_name(t->rule->category),
		       t->fired, t->agreed);
	}
}

#include "tests/report/match/eval_bounces.h"

static void report(struct eval *ev)
{
	print_parts(ev);
	print_confusion(ev);
	print_worst(ev, getenv("EVAL_SHOW_HELDBACK") != NULL);
	print_precision(ev);
}

int main(void)
{
	static struct eval ev, bev; /* large: not on the stack */
	struct sh_error err = { 0 };
	const char *path = test_shared("corpus/smtp-replies.tsv");
	struct catalogue *cat;
	struct matcher *m;
	int rc = 0;

	if (!path) {
		printf("eval: ../shared/corpus/smtp-replies.tsv absent, skipped\n");
		return 0;
	}
	if (!(cat = catalogue_load_embedded(&err))) {
		fprintf(stderr, "eval: %s\n", err.msg);
		return 1;
	}
	m = matcher_new(cat);
	ev.verbose = bev.verbose = getenv("EVAL_VERBOSE") ? atoi(getenv("EVAL_VERBOSE")) : 0;
	ev.name = "smtp-replies.tsv";
	bev.name = "bounces (eml/, labels.tsv)";
	if (read_corpus(path, m, &ev) != 0) {
		fprintf(stderr, "eval: cannot read '%s'\n", path);
		rc = 1;
	} else {
		report(&ev);
	}
	if (read_bounces(m, &bev) == 0)
		report(&bev);
	else
		printf("\neval: ../shared/corpus/bounces absent, skipped\n");
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}
