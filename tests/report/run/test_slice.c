/* test_slice.c - where one big JSON array is cut for several threads: only between two
 * objects of the top-level array, never inside a string (whatever "}, {" or escaped quotes
 * it holds) nor inside a nested array, and every byte but the cut commas read once. */
#include <stdio.h>
#include <string.h>

#include "report/run/slice.h"
#include "tests/testlib.h"

/* The slices of doc cut for jobs threads, as their texts joined by '|'. */
static void slices_of(const char *doc, int jobs, char *out, size_t cap, long *open_end)
{
	long starts[8], ends[8];
	FILE *fp = fmemopen((void *)doc, strlen(doc), "rb");
	int k, rc;

	out[0] = '\0';
	rc = slice_array_cuts(fp, (long)strlen(doc), jobs, starts, ends, open_end);
	fclose(fp);
	if (rc != 0) {
		snprintf(out, cap, "(not an array)");
		return;
	}
	for (k = 0; k < jobs; k++) {
		size_t len = strlen(out);
		if (starts[k] >= ends[k])
			continue;
		snprintf(out + len, cap - len, "%s%.*s", len ? "|" : "", (int)(ends[k] - starts[k]),
			 doc + starts[k]);
	}
}

static void test_array_cuts(void)
{
	static const struct {
		const char *name;
		const char *doc;
		int jobs;
		const char *want; /* the slices, '|' between */
		long open_end;
	} cases[] = {
		{ "halves between two objects", "[{\"a\":1},{\"b\":2},{\"c\":3},{\"d\":4}]", 2,
		  "[{\"a\":1},{\"b\":2}|{\"c\":3},{\"d\":4}]", 1 },
		{ "three threads", "[{\"a\":1},{\"b\":2},{\"c\":3},{\"d\":4},{\"e\":5},{\"f\":6}]", 3,
		  "[{\"a\":1},{\"b\":2}|{\"c\":3},{\"d\":4}|{\"e\":5},{\"f\":6}]", 1 },
		{ "a string holding }, { and escaped quotes is no boundary",
		  "[{\"r\":\"x\\\"}, {\\\"y\\\\\\\"}, {\\\\\"},{\"b\":2}]", 2,
		  "[{\"r\":\"x\\\"}, {\\\"y\\\\\\\"}, {\\\\\"}|{\"b\":2}]", 1 },
		{ "a nested array's commas are no boundary",
		  "[{\"c\":[{\"x\":1},{\"y\":2},{\"z\":3}]},{\"b\":2}]", 2,
		  "[{\"c\":[{\"x\":1},{\"y\":2},{\"z\":3}]}|{\"b\":2}]", 1 },
		{ "pretty-printed: white space stays with the slices",
		  "  [\n {\"a\": 1}\n ,\n {\"b\": 2}\n]\n", 2, "  [\n {\"a\": 1}\n |\n {\"b\": 2}\n]\n", 3 },
		{ "an array of strings is not cut", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", 2,
		  "[\"a\",\"b\",\"c\",\"d\",\"e\"]", 1 },
		{ "after the array closes nothing is cut", "[{\"a\":1}] [{\"b\":2},{\"c\":3},{\"d\":4}]",
		  2, "[{\"a\":1}] [{\"b\":2},{\"c\":3},{\"d\":4}]", 1 },
		{ "an object document is not an array", "{\"a\":1},{\"b\":2},{\"c\":3}", 2,
		  "(not an array)", -1 },
	};
	char got[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long open_end = -2;
		slices_of(cases[i].doc, cases[i].jobs, got, sizeof(got), &open_end);
		if (strcmp(got, cases[i].want) || open_end != cases[i].open_end)
			fprintf(stderr, "  %s: got '%s' (open_end %ld)\n", cases[i].name, got, open_end);
		TEST_STR_EQ(got, cases[i].want);
		TEST_LONG_EQ(open_end, cases[i].open_end);
	}
}

/* An escaped quote whose backslash ends one 64 KiB block of the pass and whose quote starts
 * the next, then "}, {" in the same string: still no boundary. */
static void test_escape_across_blocks(void)
{
	static char doc[70000];
	static char got[70100];
	long open_end;
	size_t n;

	strcpy(doc, "[{\"r\":\"");
	n = strlen(doc);
	memset(doc + n, 'a', 65535 - n);
	strcpy(doc + 65535, "\\\"}, {\\\"x\"},{\"b\":2}]");
	slices_of(doc, 2, got, sizeof(got), &open_end);
	/* the second slice is the last object */
	TEST_STR_EQ(strrchr(got, '|') ? strrchr(got, '|') : "(no cut)", "|{\"b\":2}]");
	CU_ASSERT(!strncmp(got, doc, 65535));
}

/* Where an mbox is cut: only at a "From " line after a blank line (a "From " inside a
 * message's text, or as its first line after a header line, is no separator), and how many
 * messages come before each slice. */
static void test_mbox_cuts(void)
{
	static const struct {
		const char *name;
		const char *box;
		int jobs;
		const char *want; /* the slices as "count:text", '|' between */
	} cases[] = {
		{ "halves at a separator",
		  "From a\nX: 1\n\nbody\n\nFrom b\nX: 2\n\nbody\n\nFrom c\nX: 3\n\nbody\n", 2,
		  "0:From a\nX: 1\n\nbody\n\nFrom b\nX: 2\n\nbody\n\n|2:From c\nX: 3\n\nbody\n" },
		{ "a From line without a blank line before it is text",
		  "From a\nX: 1\n\nbody\nFrom here on, text\nmore text\nand more\n\nFrom b\nX: 2\n", 2,
		  "0:From a\nX: 1\n\nbody\nFrom here on, text\nmore text\nand more\n\n|1:From b\nX: 2\n" },
		{ "text before the first separator is message 1",
		  "X: 0\n\nFrom a\nX: 1\n\nFrom b\nX: 2\n\nFrom c\nX: 3\n", 2,
		  "0:X: 0\n\nFrom a\nX: 1\n\nFrom b\nX: 2\n\n|3:From c\nX: 3\n" },
		{ "CRLF blank lines", "From a\r\nX: 1\r\n\r\nbody\r\n\r\nFrom b\r\nX: 2\r\n", 2,
		  "0:From a\r\nX: 1\r\n\r\nbody\r\n\r\n|1:From b\r\nX: 2\r\n" },
		{ "no separator past the aim: one slice", "From a\nX: 1\n\nbody body body body\n", 3,
		  "0:From a\nX: 1\n\nbody body body body\n" },
	};
	char got[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long starts[8], counts[8];
		const char *box = cases[i].box;
		long size = (long)strlen(box);
		FILE *fp = fmemopen((void *)box, strlen(box), "rb");
		int k;

		got[0] = '\0';
		CU_ASSERT(slice_mbox_cuts(fp, size, cases[i].jobs, starts, counts) == 0);
		fclose(fp);
		for (k = 0; k < cases[i].jobs; k++) {
			long end = k + 1 < cases[i].jobs ? starts[k + 1] : size;
			size_t len = strlen(got);
			if (starts[k] < end)
				snprintf(got + len, sizeof(got) - len, "%s%ld:%.*s", len ? "|" : "",
					 counts[k], (int)(end - starts[k]), box + starts[k]);
		}
		if (strcmp(got, cases[i].want))
			fprintf(stderr, "  %s\n", cases[i].name);
		TEST_STR_EQ(got, cases[i].want);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "one big array: cuts between its objects", test_array_cuts },
		{ "an escape across the pass's blocks", test_escape_across_blocks },
		{ "an mbox: cuts at separator lines", test_mbox_cuts },
	};
	return test_run("slice", cases, sizeof(cases) / sizeof(cases[0]));
}
