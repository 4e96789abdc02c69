/* test_csv_quote.c - CSV fields as spreadsheets and libcsv read them back: quoted only
 * when needed, quotes doubled, blanks at the ends kept when asked. */
#include <stdio.h>
#include <string.h>

#include "tests/testlib.h"
#include "util/csv_quote.h"

static void test_quote(void)
{
	static const struct {
		const char *name, *in;
		unsigned flags;
		const char *want;
	} cases[] = {
		{ "plain", "550 user unknown", 0, "550 user unknown" },
		{ "empty", "", 0, "" },
		{ "a comma", "a,b", 0, "\"a,b\"" },
		{ "a quote is doubled", "say \"hi\"", 0, "\"say \"\"hi\"\"\"" },
		{ "a line break", "a\nb", 0, "\"a\nb\"" },
		{ "a carriage return", "a\rb", 0, "\"a\rb\"" },
		{ "blanks at the ends, not asked", " a ", 0, " a " },
		{ "a leading blank, asked", " a", CSV_QUOTE_BLANKS, "\" a\"" },
		{ "a trailing tab, asked", "a\t", CSV_QUOTE_BLANKS, "\"a\t\"" },
		{ "a blank inside, asked", "a b", CSV_QUOTE_BLANKS, "a b" },
		{ "German text", "Empfänger unbekannt", CSV_QUOTE_BLANKS, "Empfänger unbekannt" },
		{ "always, plain", "abc", CSV_QUOTE_ALWAYS, "\"abc\"" },
		{ "always, empty", "", CSV_QUOTE_ALWAYS, "\"\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf out;
		strbuf_init(&out);
		strbuf_adds(&out, "x,"); /* appends after what is there */
		csv_quote_field(&out, cases[i].in, strlen(cases[i].in), cases[i].flags);
		if (strncmp(out.buf, "x,", 2) || strcmp(out.buf + 2, cases[i].want))
			fprintf(stderr, "  %s:\n", cases[i].name);
		TEST_STR_EQ(out.buf + 2, cases[i].want);
		strbuf_release(&out);
	}
}

static void test_formula(void)
{
	static const struct {
		const char *name, *in;
		int want;
	} cases[] = {
		{ "a formula", "=1+1", 1 }, { "plus", "+49 30", 1 }, { "minus", "-1", 1 },
		{ "at", "@SUM(A1)", 1 }, { "a tab", "\tx", 1 }, { "a carriage return", "\rx", 1 },
		{ "text", "550 5.1.1", 0 }, { "empty", "", 0 }, { "a formula later", "a=b", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = csv_quote_is_formula(cases[i].in, strlen(cases[i].in));
		if (got != cases[i].want)
			fprintf(stderr, "  %s: got %d, want %d\n", cases[i].name, got, cases[i].want);
		CU_ASSERT(got == cases[i].want);
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "fields quoted as RFC 4180 says", test_quote },
		{ "what a spreadsheet would run", test_formula },
	};
	return test_run("csv_quote", tests, sizeof(tests) / sizeof(tests[0]));
}
