/* test_csv_dialect.c - the separator of CSV files as Excel, CRMs and ESPs export them. */
#include <stdio.h>
#include <string.h>

#include "tests/testlib.h"
#include "util/csv_dialect.h"

static void test_delim(void)
{
	static const struct {
		const char *name, *in;
		int eof;
		char want;
	} t[] = {
		{ "commas", "email,code,message\na@b.c,550,no\n", 1, ',' },
		{ "German Excel: semicolons, decimal commas in the rows",
		  "Empf\xc3\xa4nger;Betrag;Fehler\nx@y.de;1,5;550 5.1.1 unknown, disabled\n", 1, ';' },
		{ "TAB", "recipient\tresponse\na@b.c\t421 4.7.0 later, try again\n", 1, '\t' },
		{ "a header with one comma, rows agree on semicolons",
		  "to;error, text;code\na;b;c\nd;e;f\n", 1, ';' },
		{ "separators inside quotes do not count",
		  "\"a;b;c\",d\n\"x;y;z\",1\n", 1, ',' },
		{ "a quoted field spanning lines", "a;b\n\"multi\nline, with, commas\";2\n", 1, ';' },
		{ "BOM and CRLF", "\xef\xbb\xbf" "a;b;c\r\n1;2;3\r\n", 1, ';' },
		{ "no separator at all", "just one column\nvalue\n", 1, 0 },
		{ "a cut last line is not read", "a;b,c\n1;2\n3,4,5,6,7,8", 0, ';' },
		{ "header only", "a\tb\tc", 1, '\t' },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char got = csv_dialect_delim(t[i].in, strlen(t[i].in), t[i].eof);
		if (got != t[i].want)
			fprintf(stderr, "  %s: got '%c'\n", t[i].name, got ? got : '0');
		CU_ASSERT_EQUAL(got, t[i].want);
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "',' ';' or TAB from the header and first lines", test_delim },
	};
	return test_run("csv_dialect", tests, sizeof(tests) / sizeof(tests[0]));
}
