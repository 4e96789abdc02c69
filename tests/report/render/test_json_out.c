/* test_json_out.c - what a reader of the JSON report sees of numbers: thresholds and
 * shares in their shortest exact form, strings untouched even when they look like one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render/json_out.h"
#include "tests/testlib.h"

/* doc written compact-ish: the file's text with newlines and indentation removed. */
static char *written(const char *doc_text)
{
	json_error_t jerr;
	json_t *doc = json_loads(doc_text, JSON_DECODE_ANY, &jerr);
	char *buf = NULL, *w, *r;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	TEST_LONG_EQ(json_out_write(doc, fp), 0);
	fclose(fp);
	json_decref(doc);
	for (w = r = buf; *r; r++)
		if (*r != '\n' && *r != ' ')
			*w++ = *r;
	*w = '\0';
	return buf;
}

static void test_reals(void)
{
	static const struct {
		const char *name, *in, *want;
	} cases[] = {
		{ "a threshold", "[0.05]", "[0.05]" },
		{ "thresholds of --thresholds", "{\"w\":0.001,\"c\":0.003}", "{\"w\":0.001,\"c\":0.003}" },
		{ "a share that needs all its digits", "[0.18333333333333332]", "[0.18333333333333332]" },
		{ "a whole real stays a real", "[1.0,0.0,-3.0]", "[1.0,0.0,-3.0]" },
		{ "exponents", "[1e300,-2.5e-7]", "[1e+300,-2.5e-07]" },
		{ "integers as they are", "[12,-7,1099511627776]", "[12,-7,1099511627776]" },
		{ "a string that looks like a real", "[\"0.050000000000000003\"]",
		  "[\"0.050000000000000003\"]" },
		{ "after an escaped quote", "[\"a\\\"0.050000000000000003\",0.05]",
		  "[\"a\\\"0.050000000000000003\",0.05]" },
		{ "a key that looks like a real", "{\"0.10000000000000001\":0.1}",
		  "{\"0.10000000000000001\":0.1}" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = written(cases[i].in);
		if (strcmp(got, cases[i].want))
			printf("  %s: got %s, want %s\n", cases[i].name, got, cases[i].want);
		TEST_STR_EQ(got, cases[i].want);
		free(got);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "reals in their shortest exact form", test_reals },
	};
	return test_run("json_out", cases, sizeof(cases) / sizeof(cases[0]));
}
