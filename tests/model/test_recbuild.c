/* test_recbuild.c - what a record's fields hold after recbuild_set: plain text exactly as
 * given, a NUL byte dropped, an invalid UTF-8 byte replaced by U+FFFD (the event counted as
 * repaired), valid UTF-8 kept, for every length up to 48 and every position of the odd
 * byte (the copy works sixteen, eight or four bytes at a time, with overlapping tails). */
#include <stdio.h>
#include <string.h>

#include "model/recbuild.h"
#include "tests/testlib.h"

static int field_is(struct recbuild *rb, const char *want, size_t n)
{
	struct slice s = recbuild_get(rb, RBF_MESSAGE);

	return s.len == n && !memcmp(s.ptr, want, n) && s.ptr[n] == '\0';
}

static void test_plain_and_repaired(void)
{
	struct recbuild rb;
	char in[64], want[80];
	size_t len, pos;
	long bad = 0;

	recbuild_init(&rb);
	for (len = 0; len <= 48; len++) {
		for (pos = 0; pos < len; pos++)
			in[pos] = (char)('a' + (pos * 7 + len) % 26);
		recbuild_reset(&rb);
		recbuild_set(&rb, RBF_ESP, "x", 1); /* the message is not first in the arena */
		recbuild_set(&rb, RBF_MESSAGE, in, len);
		bad += !field_is(&rb, in, len) || rb.repaired;
		for (pos = 0; pos < len; pos++) {
			char keep = in[pos];
			/* a NUL: dropped */
			in[pos] = '\0';
			memcpy(want, in, pos);
			memcpy(want + pos, in + pos + 1, len - pos - 1);
			recbuild_reset(&rb);
			recbuild_set(&rb, RBF_MESSAGE, in, len);
			bad += !field_is(&rb, want, len - 1) || !rb.repaired;
			/* a byte that starts no UTF-8 sequence: U+FFFD */
			in[pos] = '\xff';
			memcpy(want, in, pos);
			memcpy(want + pos, "\xef\xbf\xbd", 3);
			memcpy(want + pos + 3, in + pos + 1, len - pos - 1);
			recbuild_reset(&rb);
			recbuild_set(&rb, RBF_MESSAGE, in, len);
			bad += !field_is(&rb, want, len + 2) || !rb.repaired;
			in[pos] = keep;
		}
		if (len >= 2) { /* valid UTF-8 (ü) at the end: kept as it is */
			memcpy(want, in, len - 2);
			memcpy(want + len - 2, "\xc3\xbc", 2);
			recbuild_reset(&rb);
			recbuild_set(&rb, RBF_MESSAGE, want, len);
			bad += !field_is(&rb, want, len) || rb.repaired;
		}
	}
	if (bad)
		fprintf(stderr, "  %ld fields differ from what was given or repaired\n", bad);
	CU_ASSERT_EQUAL(bad, 0);
	recbuild_release(&rb);
}

/* The recipient's domain, derived from the address, is lowercased (ASCII only) at any
 * length: sixteen bytes a step, then the rest. */
static void test_domain_lowercased(void)
{
	static const struct {
		const char *addr, *dom;
	} cases[] = {
		{ "Lena@GMX.DE", "gmx.de" },
		{ "x@Mail.Bakery-MUELLER.Example.COM", "mail.bakery-mueller.example.com" },
		{ "x@ABCDEFGHIJKLMNOP.de", "abcdefghijklmnop.de" },
		{ "x@A@Z[`{AZaz09-.QRSTUVWXYZ?", "z[`{azaz09-.qrstuvwxyz?" }, /* next to A-Z */
		{ "x@STRASSE-\xc3\x9c\xc3\x96" "BER-ALLES.DE", "strasse-\xc3\x9c\xc3\x96" "ber-alles.de" },
	};
	struct recbuild rb;
	size_t i;

	recbuild_init(&rb);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct sh_record *r;
		recbuild_reset(&rb);
		recbuild_set(&rb, RBF_RECIPIENT, cases[i].addr, strlen(cases[i].addr));
		r = recbuild_finish(&rb);
		CU_ASSERT(r->recipient_domain.len == strlen(cases[i].dom) &&
			  !memcmp(r->recipient_domain.ptr, cases[i].dom, r->recipient_domain.len));
		/* the address itself is kept as given */
		CU_ASSERT(r->recipient.len == strlen(cases[i].addr) &&
			  !memcmp(r->recipient.ptr, cases[i].addr, r->recipient.len));
	}
	recbuild_release(&rb);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "fields: plain as given, NUL dropped, bad UTF-8 replaced, any length",
		  test_plain_and_repaired },
		{ "domains: lowercased (ASCII letters only) at any length", test_domain_lowercased },
	};
	return test_run("recbuild", cases, sizeof(cases) / sizeof(cases[0]));
}
