/* test_cell.c - the one sanitiser every writer uses: what reaches a cell or a terminal. */
#include <stdio.h>
#include <string.h>

#include "report/render/cell.h"
#include "tests/testlib.h"

static void test_sanitize(void)
{
	static const struct {
		const char *name;
		const char *input;
		size_t max;
		unsigned flags;
		const char *want;
	} cases[] = {
		{ "plain", "user unknown", 100, 0, "user unknown" },
		{ "newline and tab kept", "a\nb\tc", 100, 0, "a\nb\tc" },
		{ "C0 controls dropped", "a\x01" "b\x1b[31mc\rd", 100, 0, "ab[31mcd" },
		{ "DEL and C1 dropped", "a\x7f" "b\xC2\x85" "c", 100, 0, "abc" },
		{ "U+FFFE and U+FFFF dropped", "a\xEF\xBF\xBE" "b\xEF\xBF\xBF", 100, 0, "ab" },
		{ "invalid UTF-8 repaired", "caf\xE9!", 100, 0, "caf\xEF\xBF\xBD!" },
		{ "overlong repaired", "\xC0\xAF", 100, 0, "\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "exactly at the limit", "abcde", 5, 0, "abcde" },
		{ "cut with ellipsis", "abcdef", 5, 0, "abcd\xE2\x80\xA6" },
		{ "cut on a code point", "äöüßé", 3, 0, "äö\xE2\x80\xA6" },
		{ "limit one", "abc", 1, 0, "\xE2\x80\xA6" },
		{ "emoji count two", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 5, 0,
		  "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xE2\x80\xA6" },
		{ "emoji fit exactly", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 4, 0,
		  "\xF0\x9F\x98\x80\xF0\x9F\x98\x80" },
		{ "one line", "a\nb\tc\rd", 100, CELL_ONE_LINE, "a b c d" },
		{ "formula stays text", "=1+1", 100, 0, "=1+1" },
		{ "empty", "", 10, 0, "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb;
		const char *got;
		strbuf_init(&sb);
		strbuf_adds(&sb, "prefix:");
		got = cell_sanitize(&sb, cases[i].input, strlen(cases[i].input), cases[i].max,
				    cases[i].flags);
		if (strcmp(got, cases[i].want))
			fprintf(stderr, "  %s: got [%s], want [%s]\n", cases[i].name, got,
				cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		CU_ASSERT(!strncmp(sb.buf, "prefix:", 7)); /* appends, never overwrites */
		strbuf_release(&sb);
	}
}

static void test_cell_limit(void)
{
	/* 40,000 two-byte characters: cut to Excel's 32,767 on a character boundary */
	struct strbuf in, out;
	size_t i;

	strbuf_init(&in);
	strbuf_init(&out);
	for (i = 0; i < 40000; i++)
		strbuf_adds(&in, "ä");
	cell_sanitize(&out, in.buf, in.len, CELL_MAX_CHARS, 0);
	TEST_LONG_EQ(cell_width(out.buf, out.len), CELL_MAX_CHARS);
	TEST_LONG_EQ(out.len, (CELL_MAX_CHARS - 1) * 2 + 3);
	CU_ASSERT(!strcmp(out.buf + out.len - 3, "\xE2\x80\xA6"));
	strbuf_release(&in);
	strbuf_release(&out);
}

static void test_nul_and_null(void)
{
	struct strbuf sb;

	strbuf_init(&sb);
	TEST_STR_EQ(cell_sanitize(&sb, "a\0b", 3, 10, 0), "ab");
	strbuf_reset(&sb);
	TEST_STR_EQ(cell_sanitize(&sb, NULL, 5, 10, 0), "");
	TEST_LONG_EQ(cell_width("Müller", strlen("Müller")), 6);
	strbuf_release(&sb);
}

/* The columns a name takes on a terminal, however its letters are encoded. */
static void test_width(void)
{
	static const struct {
		const char *name, *in;
		long want;
	} cases[] = {
		{ "ASCII", "ACME Shop", 9 },
		{ "precomposed umlauts", "B\xC3\xA4" "ckerei M\xC3\xBC" "ller", 15 },
		{ "decomposed umlauts (u + U+0308)", "Ba\xCC\x88" "ckerei Mu\xCC\x88" "ller", 15 },
		{ "German sharp s", "Ma\xC3\x9Fnahme", 8 },
		{ "zero-width joiner and BOM", "a\xE2\x80\x8D" "b\xEF\xBB\xBF", 2 },
		{ "euro sign and emoji", "\xE2\x82\xAC\xF0\x9F\x93\xA7", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long got = (long)cell_width(cases[i].in, strlen(cases[i].in));
		if (got != cases[i].want)
			printf("  %s: got %ld, want %ld\n", cases[i].name, got, cases[i].want);
		TEST_LONG_EQ(got, cases[i].want);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "sanitise: repair, strip, cut", test_sanitize },
		{ "40,000 characters cut to the cell limit", test_cell_limit },
		{ "NUL bytes and NULL input", test_nul_and_null },
		{ "terminal width of names", test_width },
	};
	return test_run("cell", cases, sizeof(cases) / sizeof(cases[0]));
}
