/* test_text.c - the text helpers users see the effect of: numbers grouped in threes with
 * the language's separator, whole-string number parsing with ranges. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tests/testlib.h"
#include "util/text.h"

static void test_group_digits(void)
{
	static const struct {
		const char *name;
		long long v;
		char sep;
		const char *want;
	} cases[] = {
		{ "zero", 0, ',', "0" },
		{ "three digits stay", 999, ',', "999" },
		{ "a thousand", 1000, ',', "1,000" },
		{ "German separator", 1234567, '.', "1.234.567" },
		{ "negative", -1234567, ',', "-1,234,567" },
		{ "negative below a thousand", -12, ',', "-12" },
		{ "the largest", LLONG_MAX, ',', "9,223,372,036,854,775,807" },
		{ "the smallest", LLONG_MIN, '.', "-9.223.372.036.854.775.808" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[32];
		text_group_digits(out, cases[i].v, cases[i].sep);
		if (strcmp(out, cases[i].want))
			fprintf(stderr, "  %s:\n", cases[i].name);
		TEST_STR_EQ(out, cases[i].want);
	}
}

static void test_parse_long(void)
{
	static const struct {
		const char *name, *s;
		long min, max;
		int rc;
		long want;
	} cases[] = {
		{ "a number", "42", 0, 100, 0, 42 },
		{ "spaces around", " 42 ", 0, 100, 0, 42 },
		{ "above the range", "101", 0, 100, -1, 0 },
		{ "below the range", "-1", 0, 100, -1, 0 },
		{ "trailing text", "42x", 0, 100, -1, 0 },
		{ "empty", "", 0, 100, -1, 0 },
		{ "overflow", "99999999999999999999999", LONG_MIN, LONG_MAX, -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long v = 0;
		int rc = text_parse_long(cases[i].s, cases[i].min, cases[i].max, &v);
		if (rc != cases[i].rc || (rc == 0 && v != cases[i].want))
			fprintf(stderr, "  %s: got %d/%ld, want %d/%ld\n", cases[i].name, rc, v,
				cases[i].rc, cases[i].want);
		CU_ASSERT(rc == cases[i].rc && (rc != 0 || v == cases[i].want));
	}
}

/* A cut never ends inside a character: text cut to fit a fixed field stays valid UTF-8. */
static void test_utf8_cut(void)
{
	/* "ab" then U+201E (3 bytes) then "c" then U+00FC (2 bytes) */
	static const char s[] = "ab\xE2\x80\x9E" "c\xC3\xBC";
	size_t len = sizeof(s) - 1, max;

	CU_ASSERT_EQUAL(text_utf8_cut(s, len, len), len);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 100), len);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 2), 2);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 3), 2); /* would keep only the lead byte */
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 4), 2);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 5), 5);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 7), 6);
	CU_ASSERT_EQUAL(text_utf8_cut(s, len, 0), 0);
	for (max = 0; max <= len; max++)
		CU_ASSERT(text_utf8_valid(s, text_utf8_cut(s, len, max)));
}

/* An argument in a message: up to 60 characters shown whole, longer ones cut with "…". */
static void test_cut(void)
{
	char buf[TEXT_CUT_BUF], want[TEXT_CUT_BUF], big[4096];
	const char *s60 = "123456789012345678901234567890123456789012345678901234567890";

	CU_ASSERT_PTR_EQUAL(text_cut("short", buf), "short");
	CU_ASSERT_PTR_EQUAL(text_cut(s60, buf), s60); /* exactly 60 */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(want, 'x', 60);
	memcpy(want + 60, "\xE2\x80\xA6", 4);
	TEST_STR_EQ(text_cut(big, buf), want);
	/* 61 umlauts: 60 whole characters (120 bytes) and the ellipsis */
	for (size_t i = 0; i < 61; i++)
		memcpy(big + 2 * i, "\xC3\xA4", 2);
	big[122] = '\0';
	TEST_LONG_EQ((long)strlen(text_cut(big, buf)), 123);
	CU_ASSERT(!memcmp(buf + 118, "\xC3\xA4\xE2\x80\xA6", 5));
	/* endless continuation bytes stay within the buffer */
	memset(big, 0x80, sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CU_ASSERT(strlen(text_cut(big, buf)) < TEXT_CUT_BUF);
}

/* A bad byte or a cut character is found wherever it falls in a long ASCII run (the
 * validator skips ASCII 8 bytes at a time), and good characters there are accepted. */
static void test_utf8_valid_anywhere(void)
{
	static const char *const bad[] = { "\xFF", "\xC3", "\xE2\x80", "\xC0\xAF", "\xED\xA0\x80" };
	static const char *const good[] = { "\xC3\xBC", "\xE2\x80\x9E", "\xF0\x9F\x93\xA7" };
	char s[64];
	size_t at, k;

	for (at = 0; at < 24; at++) {
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			size_t n = strlen(bad[k]);
			memset(s, 'a', sizeof(s));
			memcpy(s + at, bad[k], n);
			CU_ASSERT(!text_utf8_valid(s, 40)); /* inside the run */
			CU_ASSERT(!text_utf8_valid(s, at + n)); /* at its end */
		}
		for (k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
			size_t n = strlen(good[k]);
			memset(s, 'a', sizeof(s));
			memcpy(s + at, good[k], n);
			CU_ASSERT(text_utf8_valid(s, 40));
			CU_ASSERT(text_utf8_valid(s, at + n));
			CU_ASSERT(!text_utf8_valid(s, at + n - 1) || n == 1);
		}
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "digits in groups of three", test_group_digits },
		{ "whole-string numbers in a range", test_parse_long },
		{ "a cut to a byte length keeps whole characters", test_utf8_cut },
		{ "long arguments cut for messages", test_cut },
		{ "bad UTF-8 is found anywhere in long ASCII text", test_utf8_valid_anywhere },
	};
	return test_run("text", tests, sizeof(tests) / sizeof(tests[0]));
}
