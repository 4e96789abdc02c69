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

#define C(x) (1u << CATEGORY_##x)
_Static_assert(CATEGORY_COUNT <= sizeof(unsigned) * CHAR_BIT, "category mask fits");

/* What counts as agreement with one Sisimai reason. A reason may have several rules; the
 * accepted set is the union of `accept` over its rules whose cue (if any) is in the text,
 * so "blocked" means reputation_block, and also policy when the server says "policy". */
struct reason_rule {
	const char *reason;
	unsigned accept;
	const char *cues[8]; /* lowercase phrases, NULL-terminated; none: always applies */
};

static const struct reason_rule rules[] = {
	/* the address or its domain does not exist (hasmoved: the user left, no forward) */
	{ "userunknown", C(RECIPIENT_INVALID), { NULL } },
	{ "hostunknown", C(RECIPIENT_INVALID), { NULL } },
	{ "hasmoved", C(RECIPIENT_INVALID), { NULL } },
	/* a disabled or inactive account: retry-then-remove (mailbox unavailable) or remove */
	{ "suspend", C(MAILBOX_FULL) | C(RECIPIENT_INVALID), { NULL } },
	{ "mailboxfull", C(MAILBOX_FULL), { NULL } },
	/* a null MX or a domain refusing all mail: the address is unusable, or a policy */
	{ "notaccept", C(RECIPIENT_INVALID) | C(POLICY), { NULL } },
	/* too big for the server (message) or for this recipient's quota (mailbox) */
	{ "mesgtoobig", C(MESSAGE_INVALID) | C(MAILBOX_FULL), { NULL } },
	{ "exceedlimit", C(MESSAGE_INVALID) | C(MAILBOX_FULL), { NULL } },
	{ "toomanyconn", C(RATE_LIMIT), { NULL } },
	/* Sisimai puts "too many recipients" (in one message) here; for us that is a
	 * request to split, like Mailgun's "too many recipients" */
	{ "toomanyconn", C(MESSAGE_INVALID), { "too many recipients", NULL } },
	{ "speeding", C(RATE_LIMIT), { NULL } },
	{ "ratelimited", C(RATE_LIMIT), { NULL } },
	{ "expired", C(EXPIRED), { NULL } },
	{ "blocked", C(REPUTATION_BLOCK), { NULL } },
	{ "blocked", C(POLICY), { "policy", "not allowed", "not permitted", "relay", NULL } },
	/* Sisimai 4 files sender-DNS refusals under blocked; Sisimai 5 mostly splits them
	 * off (requireptr, authfailure), this catches the ones it did not */
	{ "blocked", C(DNS_AUTH), { "ptr", "reverse dns", "rdns", "spf", "dmarc", NULL } },
	{ "spamdetected", C(REPUTATION_BLOCK), { NULL } },
	/* a bare "content rejected" is a content filter: our policy category says that */
	{ "spamdetected", C(POLICY), { "content rejected", NULL } },
	{ "badreputation", C(REPUTATION_BLOCK), { NULL } },
	/* a virus is refused by a content policy; the fix is the same as for spam */
	{ "virusdetected", C(POLICY) | C(REPUTATION_BLOCK), { NULL } },
	/* Sisimai 5: SPF/DKIM/DMARC failures and missing reverse DNS are DNS set-up work */
	{ "authfailure", C(DNS_AUTH), { NULL } },
	{ "requireptr", C(DNS_AUTH), { NULL } },
	/* Sisimai 4 lumps SMTP AUTH, sender authentication and TLS: decided by the text */
	{ "securityerror", C(CREDENTIALS), { NULL } },
	{ "securityerror", C(DNS_AUTH),
	  { "spf", "dkim", "dmarc", "ptr", "reverse dns", "unauthenticated email", NULL } },
	{ "securityerror", C(POLICY), { "tls", "ssl", NULL } },
	{ "policyviolation", C(POLICY), { NULL } },
	/* header errors are a malformed message; protocol violations the client's doing */
	{ "policyviolation", C(MESSAGE_INVALID), { "header", NULL } },
	{ "policyviolation", C(MESSAGE_INVALID) | C(NETWORK_CLIENT), { "protocol", NULL } },
	/* the envelope sender was refused: a policy, or its domain does not resolve */
	{ "rejected", C(POLICY) | C(DNS_AUTH), { NULL } },
	{ "rejected", C(REPUTATION_BLOCK), { "blacklist", "blocklist", NULL } },
	/* Sisimai's "filtered" is mostly a user-unknown given after DATA */
	{ "filtered", C(POLICY) | C(RECIPIENT_INVALID), { NULL } },
	/* relaying is refused mostly because the client did not log in */
	{ "norelaying", C(POLICY) | C(CREDENTIALS), { NULL } },
	{ "contenterror", C(MESSAGE_INVALID) | C(POLICY), { NULL } },
	{ "notcompliantrfc", C(MESSAGE_INVALID), { NULL } },
	/* SMTP syntax: a bad parameter (message) or the client's protocol (network) */
	{ "syntaxerror", C(MESSAGE_INVALID) | C(NETWORK_CLIENT), { NULL } },
	{ "failedstarttls", C(NETWORK_CLIENT) | C(POLICY), { NULL } },
	{ "systemerror", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	{ "systemfull", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	{ "networkerror", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	/* Sisimai calls a failed MX lookup networkerror until it is sure (hostunknown) */
	{ "networkerror", C(RECIPIENT_INVALID), { "nxdomain", "domain name not found", NULL } },
	/* the recipient host's delivery program failed: its problem, retry */
	{ "mailererror", C(TRANSIENT), { NULL } },
};

/* Sisimai could not decide, or the reply is an auto-reply: not part of the measure. */
static const char *const excluded[] = { "onhold", "undefined", "vacation" };

/* Sisimai 5 reasons that split a Sisimai 4 one (authfailure and requireptr out of
 * blocked/securityerror, notcompliantrfc out of contenterror/policyviolation, …). Where
 * Sisimai 5 only moved a reply between two old reasons we keep Sisimai 4's test-suite
 * label: several of those moves are worse ("Mailbox Full" → userunknown). */
static const char *const finer_v5[] = {
	"authfailure", "badreputation", "requireptr", "speeding", "ratelimited",
	"notcompliantrfc", "failedstarttls",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(N_OF(excluded) == 3 && N_OF(finer_v5) == 7, "reason lists");

static int in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* The label we measure against; NULL when the reply is excluded. */
static const char *effective_reason(const char *v4, const char *v5)
{
	int v4_open = in_list(v4, excluded, N_OF(excluded));

	if (*v5 && !in_list(v5, excluded, N_OF(excluded)) &&
	    (v4_open || in_list(v5, finer_v5, N_OF(finer_v5))))
		return v5;
	return v4_open || !*v4 ? NULL : v4;
}

/* The accepted categories for reason given text; 0 when no rule names the reason. */
static unsigned accepted(const char *reason, const char *text)
{
	unsigned set = 0;
	size_t i, k;

	for (i = 0; i < N_OF(rules); i++) {
		int hit = !rules[i].cues[0];
		if (strcmp(rules[i].reason, reason))
			continue;
		for (k = 0; !hit && k < N_OF(rules[i].cues) && rules[i].cues[k]; k++)
			hit = text_istr(text, rules[i].cues[k]) != NULL;
		if (hit)
			set |= rules[i].accept;
	}
	return set;
}

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

enum { F_SMTP, F_ENH, F_MSG, F_V4, F_SOURCE, F_FROM, F_V5, NFIELDS };

static int split_tabs(char *line, char *f[NFIELDS])
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	for (;;) {
		char *tab = strchr(p, '\t');
		if (n == NFIELDS)
			return -1;
		f[n++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n == NFIELDS ? 0 : -1;
}

static void classify(const struct matcher *m, char *const f[NFIELDS], struct match_result *res)
{
	struct match_input in;
	char enh[16];
	long code;

	memset(&in, 0, sizeof(in));
	in.text = f[F_MSG];
	if (*f[F_SMTP] && text_parse_long(f[F_SMTP], 200, 599, &code) == 0)
		in.smtp_code = (int)code;
	else
		in.smtp_code = smtp_find_code(f[F_MSG], strlen(f[F_MSG]));
	if (*f[F_ENH])
		snprintf(enh, sizeof(enh), "%s", f[F_ENH]);
	else
		smtp_find_enhanced(f[F_MSG], strlen(f[F_MSG]), enh);
	in.enhanced = enh[0] ? enh : NULL;
	matcher_classify(m, &in, res);
}

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
	classify(m, f, &res);
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

static int read_corpus(const char *path, const struct matcher *m, struct corpus_stats *st)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	if (!fp)
		return -1;
	while (getline(&line, &cap, fp) != -1) {
		char *f[NFIELDS];
		if (++lineno == 1)
			continue; /* header */
		if (strlen(line) > 65536 || split_tabs(line, f) < 0) {
			fprintf(stderr, "  %s:%ld: not 7 tab-separated fields\n", path, lineno);
			st->bad_lines++;
			continue;
		}
		add_row(st, m, f);
	}
	free(line);
	fclose(fp);
	return 0;
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
