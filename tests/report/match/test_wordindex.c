/* test_wordindex.c - the classifier's byte-pair index: it may only rule out a needle the
 * text cannot contain (else a rule would stop firing), checked for every needle of the
 * rule tables on replies written here and on every one-byte change of them; and it rules
 * out most needles for a reply, which is what it is for. */
#include <stdio.h>
#include <string.h>

#include "report/match/evidence_priv.h"
#include "report/match/wordindex.h"
#include "tests/testlib.h"

static const char *const replies[] = {
	"550 5.1.1 <a@b.de>: recipient address rejected: user unknown in virtual mailbox table",
	"421 4.7.0 [ts01] messages from 192.0.2.1 temporarily deferred due to unexpected volume",
	"554 5.7.1 service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org",
	"452 4.2.2 the email account that you tried to reach is over quota",
	"550 5.7.606 access denied, banned sending ip [192.0.2.1]",
	"ofr004_104 relaying denied; spf check failed after 7 attempts, blacklisted (bl)",
	"postfach voll; mailbox nicht verfuegbar - destinataire inconnu",
	"",
};

/* The needle as has_word searches it: without a stem's '*'. */
static void plain(const char *needle, char *out, size_t size)
{
	size_t n = strlen(needle);

	if (n && needle[n - 1] == '*')
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, needle, n);
	out[n] = '\0';
}

/* For every needle: ruled out only when strstr finds nothing. Returns how many it ruled
 * out; *total counts the needles asked about. */
static long check_text(const char *text, long *total)
{
	struct wordindex ix;
	long out = 0;
	size_t t, i;
	char buf[128];

	wordindex_init(&ix, text);
	for (t = 0; t < evidence_ntext_tables; t++) {
		for (i = 0; i < *evidence_text_tables[t].n; i++) {
			const char *needle = evidence_text_tables[t].rules[i].needle;
			int may = wordindex_may_hold(&ix, needle);
			plain(needle, buf, sizeof(buf));
			if (!may && strstr(text, buf)) {
				fprintf(stderr, "  '%s' ruled out of [%s]\n", needle, text);
				CU_FAIL("a needle the text holds was ruled out");
			}
			out += !may;
			(*total)++;
		}
	}
	return out;
}

static void test_rule_needles(void)
{
	size_t r;
	long total = 0, out = 0;

	for (r = 0; r < sizeof(replies) / sizeof(replies[0]); r++)
		out += check_text(replies[r], &total);
	/* most needles are gone without a search (the empty reply: all of them) */
	fprintf(stderr, "  ruled out %ld of %ld needle searches\n", out, total);
	CU_ASSERT(out * 10 > total * 8);
}

/* Every one-byte change of the replies (letters, space, the bytes needles are made of). */
static void test_mutations(void)
{
	static const char bytes[] = " aeiolnrstu.-0_(*";
	char buf[256];
	size_t r, i, b, n;
	long total = 0;

	for (r = 0; r < sizeof(replies) / sizeof(replies[0]); r++) {
		n = strlen(replies[r]);
		for (i = 0; i < n; i++) {
			for (b = 0; b < sizeof(bytes) - 1; b++) {
				memcpy(buf, replies[r], n + 1);
				buf[i] = bytes[b];
				check_text(buf, &total);
			}
		}
	}
	CU_ASSERT(total > 0);
}

static void test_edges(void)
{
	struct wordindex ix;

	wordindex_init(&ix, "xab cd");
	CU_ASSERT(wordindex_may_hold(&ix, "ab"));
	CU_ASSERT(wordindex_may_hold(&ix, "xab c"));
	CU_ASSERT(wordindex_may_hold(&ix, "ab*"));    /* the stem's mark is no byte */
	CU_ASSERT(wordindex_may_hold(&ix, "q"));      /* too short to tell */
	CU_ASSERT(wordindex_may_hold(&ix, ""));
	CU_ASSERT(!wordindex_may_hold(&ix, "ba"));
	CU_ASSERT(!wordindex_may_hold(&ix, "abc"));   /* "bc" is not in it */
	CU_ASSERT(!wordindex_may_hold(&ix, "a*b"));   /* '*' inside is a byte */
	wordindex_init(&ix, "");
	CU_ASSERT(!wordindex_may_hold(&ix, "ab"));
	wordindex_init(&ix, "\xc3\xa4x");
	CU_ASSERT(wordindex_may_hold(&ix, "\xc3\xa4"));
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "every rule's needle: ruled out only when absent", test_rule_needles },
		{ "one-byte changes of the replies: the same", test_mutations },
		{ "stems, short needles, bytes over 0x7f", test_edges },
	};
	return test_run("wordindex", cases, sizeof(cases) / sizeof(cases[0]));
}
