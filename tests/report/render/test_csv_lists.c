/* test_csv_lists.c - the lists `report` writes beside a report: the suppression list a
 * user uploads (one clean address a line, sorted, never a formula, never a second address
 * smuggled in by a line break) and the rows pasted into the shared error sheet. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/render/csv_lists.h"
#include "tests/testlib.h"

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = calloc(1, 4096);
	size_t n = fp ? fread(buf, 1, 4095, fp) : 0;

	if (fp)
		fclose(fp);
	buf[n] = '\0';
	return buf;
}

static void test_addresses(void)
{
	static const struct {
		const char *name;
		const char *const in[4];
		const char *want;
		size_t written;
	} cases[] = {
		{ "sorted", { "b@x.com", "a@x.com", NULL }, "email\na@x.com\nb@x.com\n", 2 },
		{ "line break left out", { "x@a.com\nceo@client.com", "ok@a.com", NULL },
		  "email\nok@a.com\n", 1 },
		{ "space and DEL left out", { "a b@x.com", "c\x7f@x.com", NULL }, "email\n", 0 },
		{ "formula neutralised", { "=cmd@example.com", NULL }, "email\n'=cmd@example.com\n", 1 },
		{ "comma quoted", { "\"a,b\"@x.com", NULL }, "email\n\"\"\"a,b\"\"@x.com\"\n", 1 },
		{ "empty set", { NULL }, "email\n", 0 },
	};
	char path[] = "/tmp/test_csv_lists.XXXXXX";
	size_t i, k;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strmap set;
		struct sh_error err = { 0 };
		size_t written = 99;
		char *got;
		strmap_init(&set);
		for (k = 0; cases[i].in[k]; k++)
			strmap_intern(&set, cases[i].in[k], strlen(cases[i].in[k]), NULL);
		CU_ASSERT(csv_lists_addresses(&set, path, &written, &err) == 0);
		got = slurp(path);
		if (strcmp(got, cases[i].want))
			fprintf(stderr, "  %s: got [%s], want [%s]\n", cases[i].name, got,
				cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		TEST_LONG_EQ(written, cases[i].written);
		free(got);
		strmap_release(&set);
	}
	unlink(path);
}

static void test_unmatched(void)
{
	char path[] = "/tmp/test_csv_lists.XXXXXX";
	json_t *doc = json_pack("{s:[{s:s},{s:s}]}", "unmatched", "csv_row", "451,\"451 zork\",,,",
				"csv_row", "550,x,,,");
	struct sh_error err = { 0 };
	char *got;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	CU_ASSERT(csv_lists_unmatched(doc, path, &err) == 0);
	got = slurp(path);
	/* the shared sheet's own (German) column names, whatever --lang: rows paste under them */
	TEST_STR_EQ(got, "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n451,\"451 zork\",,,\n550,x,,,\n");
	free(got);
	unlink(path);
	CU_ASSERT(csv_lists_unmatched(doc, "/nonexistent/dir/u.csv", &err) == -1);
	TEST_LONG_EQ(err.kind, SH_ERR_IO);
	json_decref(doc);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "--export-addresses: clean, sorted, safe", test_addresses },
		{ "--unmatched-csv: the sheet's header and rows", test_unmatched },
	};
	return test_run("csv_lists", cases, sizeof(cases) / sizeof(cases[0]));
}
