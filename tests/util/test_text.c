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

int main(void)
{
	static const struct test_case tests[] = {
		{ "digits in groups of three", test_group_digits },
		{ "whole-string numbers in a range", test_parse_long },
	};
	return test_run("text", tests, sizeof(tests) / sizeof(tests[0]));
}
