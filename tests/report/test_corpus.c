/* test_corpus.c - how often the matcher agrees with Sisimai on 621 real SMTP replies
 * (../shared/corpus/smtp-replies.tsv). Prints the agreement overall and per Sisimai reason
 * and the most common disagreements; fails when agreement drops below a floor, so a
 * catalogue or matcher change that loses real-world accuracy is noticed. Skips (77)
 * without ../shared. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/match/matcher.h"
#include "catalogue/store.h"
#include "tests/testlib.h"
#include "util/smtp_codes.h"
#include "util/text.h"

/* Agreement when the test was written: 58.5% (359/614); after the matcher and catalogue
 * work that followed: 76.1% (467/614). The floor sits a few points below so that a change
 * to one or two rows does not fail the test but a real regression does. */
#define AGREEMENT_FLOOR 73.0

#include "tests/report/sisimai_map.h"

/* ---- tallies ------------------------------------------------------------------------- */

#define MAX_REASONS 64
#define MAX_PAIRS 256
#define EXCERPT 100

struct tally {
	char reason[32];
	long n, agreed;
};

struct miss {
	char reason[32];
	enum sh_category got;
	long n;
	char excerpt[EXCERPT + 1];
};

struct corpus_stats {
	struct tally reasons[MAX_REASONS];
	size_t nreasons;
	struct miss misses[MAX_PAIRS];
	size_t nmisses;
	long rows, excluded, agreed, unmapped, bad_lines;
	long from_test[2], from_script[2]; /* rows, agreed */
	int verbose; /* SENDHEALTH_CORPUS_VERBOSE: print every disagreement */
};

static struct tally *tally_of(struct corpus_stats *st, const char *reason)
{
	size_t i;

	for (i = 0; i < st->nreasons; i++)
		if (!strcmp(st->reasons[i].reason, reason))
			return &st->reasons[i];
	if (st->nreasons == MAX_REASONS)
		return NULL;
	snprintf(st->reasons[i].reason, sizeof(st->reasons[i].reason), "%s", reason);
	return &st->reasons[st->nreasons++];
}

static void note_miss(struct corpus_stats *st, const char *reason, enum sh_category got,
		      const char *text)
{
	struct miss *m = NULL;
	size_t i;

	for (i = 0; i < st->nmisses && !m; i++)
		if (st->misses[i].got == got && !strcmp(st->misses[i].reason, reason))
			m = &st->misses[i];
	if (!m) {
		if (st->nmisses == MAX_PAIRS)
			return;
		m = &st->misses[st->nmisses++];
		snprintf(m->reason, sizeof(m->reason), "%s", reason);
		m->got = got;
		snprintf(m->excerpt, sizeof(m->excerpt), "%s", text);
	}
	m->n++;
}

/* ---- one row ------------------------------------------------------------------------- */

static void add_row(struct corpus_stats *st, const struct matcher *m, char *const f[NFIELDS])
{
	const char *reason = effective_reason(f[F_V4], f[F_V5]);
	unsigned ok_set;
	enum sh_category got;
	struct match_result res;
	struct tally *t;
	long *src;
	int ok;

	st->rows++;
	if (!reason) {
		st->excluded++;
		return;
	}
	ok_set = accepted(reason, f[F_MSG]);
	if (!ok_set)
		st->unmapped++;
	corpus_classify_row(m, f, &res);
	got = res.category;
	ok = (ok_set >> got) & 1u;
	t = tally_of(st, reason);
	if (t) {
		t->n++;
		t->agreed += ok;
	}
	st->agreed += ok;
	src = !strcmp(f[F_FROM], "test") ? st->from_test : st->from_script;
	src[0]++;
	src[1] += ok;
	if (!ok)
		note_miss(st, reason, got, f[F_MSG]);
	if (!ok && st->verbose)
		printf("MISS %s -> %s [%s] %s\n", reason, category_name(got),
		       res.entry ? res.entry->f[CAT_ID] : match_tier_name(res.tier), f[F_MSG]);
}

/* add_row as corpus_read_rows calls it */
static void on_row(void *ctx, const struct matcher *m, char *const f[NFIELDS])
{
	add_row(ctx, m, f);
}

static int read_corpus(const char *path, const struct matcher *m, struct corpus_stats *st)
{
	return corpus_read_rows(path, "  ", m, on_row, st, &st->bad_lines);
}

/* ---- report -------------------------------------------------------------------------- */

static double pct(long a, long n)
{
	return n ? 100.0 * (double)a / (double)n : 0.0;
}

static int by_count_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	return x->n != y->n ? (y->n > x->n) - (y->n < x->n) : strcmp(x->reason, y->reason);
}

static int by_count_miss(const void *a, const void *b)
{
	const struct miss *x = a, *y = b;
	return x->n != y->n ? (y->n > x->n) - (y->n < x->n) : strcmp(x->reason, y->reason);
}

static void print_stats(struct corpus_stats *st)
{
	long measured = st->rows - st->excluded;
	size_t i;

	printf("corpus: %ld replies, %ld excluded (onhold/undefined/vacation), %ld measured\n",
	       st->rows, st->excluded, measured);
	printf("corpus: agreement %ld/%ld = %.1f%% (test-suite labels %.1f%% of %ld, "
	       "script labels %.1f%% of %ld)\n",
	       st->agreed, measured, pct(st->agreed, measured),
	       pct(st->from_test[1], st->from_test[0]), st->from_test[0],
	       pct(st->from_script[1], st->from_script[0]), st->from_script[0]);
	qsort(st->reasons, st->nreasons, sizeof(st->reasons[0]), by_count_tally);
	printf("  %-16s %6s %6s %6s\n", "reason", "count", "agreed", "%");
	for (i = 0; i < st->nreasons; i++)
		printf("  %-16s %6ld %6ld %5.1f%%\n", st->reasons[i].reason, st->reasons[i].n,
		       st->reasons[i].agreed, pct(st->reasons[i].agreed, st->reasons[i].n));
	qsort(st->misses, st->nmisses, sizeof(st->misses[0]), by_count_miss);
	printf("most common disagreements (sisimai reason -> our category: count, example):\n");
	for (i = 0; i < st->nmisses && i < 20; i++)
		printf("  %-15s -> %-17s %3ld  %s\n", st->misses[i].reason,
		       category_name(st->misses[i].got), st->misses[i].n, st->misses[i].excerpt);
}

/* ---- tests --------------------------------------------------------------------------- */

static struct catalogue *cat;
static struct matcher *matcher;
static const char *corpus_path;

static void test_rules_name_known_categories(void)
{
	size_t i;

	for (i = 0; i < N_OF(rules); i++) {
		if (!rules[i].accept || rules[i].accept >> CATEGORY_COUNT)
			fprintf(stderr, "  rule %zu (%s): bad category set\n", i, rules[i].reason);
		CU_ASSERT(rules[i].accept && !(rules[i].accept >> CATEGORY_COUNT));
		CU_ASSERT(!(rules[i].accept & C(UNKNOWN)));
	}
	TEST_LONG_EQ(accepted("blocked", "Access denied, banned sending IP"), C(REPUTATION_BLOCK));
	TEST_LONG_EQ(accepted("blocked", "rejected for policy reasons"),
		     C(REPUTATION_BLOCK) | C(POLICY));
	TEST_STR_EQ(effective_reason("blocked", "requireptr"), "requireptr");
	TEST_STR_EQ(effective_reason("mailboxfull", "userunknown"), "mailboxfull");
	TEST_STR_EQ(effective_reason("onhold", "speeding"), "speeding");
	CU_ASSERT(effective_reason("onhold", "") == NULL);
	CU_ASSERT(effective_reason("onhold", "vacation") == NULL);
}

static void test_agreement_floor(void)
{
	static struct corpus_stats st; /* large: not on the stack */
	long measured;

	memset(&st, 0, sizeof(st));
	st.verbose = getenv("SENDHEALTH_CORPUS_VERBOSE") != NULL;
	CU_ASSERT_FATAL(read_corpus(corpus_path, matcher, &st) == 0);
	print_stats(&st);
	measured = st.rows - st.excluded;
	TEST_LONG_EQ(st.bad_lines, 0);
	TEST_LONG_EQ(st.unmapped, 0); /* a new Sisimai reason needs a decision above */
	CU_ASSERT(measured > 500);
	if (pct(st.agreed, measured) < AGREEMENT_FLOOR)
		fprintf(stderr, "  agreement %.1f%% is below the floor %.1f%%\n",
			pct(st.agreed, measured), AGREEMENT_FLOOR);
	CU_ASSERT(pct(st.agreed, measured) >= AGREEMENT_FLOOR);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "the reason mapping is well formed", test_rules_name_known_categories },
		{ "agreement with Sisimai on real replies", test_agreement_floor },
	};
	struct sh_error err = { 0 };
	int rc;

	corpus_path = test_shared("corpus/smtp-replies.tsv");
	if (!corpus_path) {
		printf("corpus: ../shared/corpus/smtp-replies.tsv absent, skipped\n");
		return 77;
	}
	cat = catalogue_load_embedded(&err);
	if (!cat) {
		fprintf(stderr, "corpus: %s\n", err.msg);
		return 1;
	}
	matcher = matcher_new(cat);
	rc = test_run("corpus", tests, N_OF(tests));
	matcher_free(matcher);
	catalogue_free(cat);
	return rc;
}
