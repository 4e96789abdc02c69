/* test_text.c - the terminal summary as a user reads it: the key lines, columns that stay
 * aligned with umlauts, colour only when asked for, nothing from the input that could
 * steer the terminal. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render/cell.h"
#include "report/render/text.h"
#include "tests/testlib.h"

static char *render(const char *fixture, enum sh_lang lang, int color)
{
	json_error_t jerr;
	json_t *doc = json_load_file(test_fixture(fixture), 0, &jerr);
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (!doc)
		fprintf(stderr, "  %s:%d: %s\n", fixture, jerr.line, jerr.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	fp = open_memstream(&out, &len);
	TEST_LONG_EQ(text_write(doc, lang, fp, color), 0);
	fclose(fp);
	json_decref(doc);
	return out;
}

static void test_key_lines(void)
{
	static const struct {
		const char *fixture;
		enum sh_lang lang;
		const char *want;
	} cases[] = {
		{ "report/sample.json", LANG_EN, "Deliverability report\n" },
		{ "report/sample.json", LANG_EN,
		  "Period: 2026-11-09 00:00 UTC to 2026-11-23 00:00 UTC (chosen period)\n" },
		{ "report/sample.json", LANG_EN, "  Failures                 10,097\n" },
		{ "report/sample.json", LANG_EN, "  4,243  42.0%  Invalid recipient\n" },
		{ "report/sample.json", LANG_EN, "\nTop errors\n" },
		{ "report/sample.json", LANG_EN,
		  "  3. Verify DNS for mg.client3.com (Mailgun: domain is unverified) — 1,204 failures\n" },
		{ "report/sample.json", LANG_EN, "    mg.client1.com: only 240 sent" },
		{ "report/sample-de.json", LANG_DE, "Zustellbarkeitsbericht\n" },
		{ "report/sample-de.json", LANG_DE, "  4.243  42,0 %  Ungültiger Empfänger\n" },
		{ "report/sample-de.json", LANG_DE, "KRITISCH" },
		{ "report/sample-de.json", LANG_DE, "ZU WENIG DATEN" },
		{ "report/empty.json", LANG_EN, "Period: (no events)\n" },
		{ "report/empty.json", LANG_EN, "\nTop errors\n  none\n" },
		{ "report/hostile.json", LANG_EN, "  1. -Read the full error texts — 158 failures\n" },
		{ "report/hostile.json", LANG_EN, "n/a" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = render(cases[i].fixture, cases[i].lang, 0);
		int ok = strstr(got, cases[i].want) != NULL;
		if (!ok)
			fprintf(stderr, "  %s: lacks [%s]; got:\n%s\n", cases[i].fixture,
				cases[i].want, got);
		CU_ASSERT(ok);
		free(got);
	}
}

/* Code points from s to end, not counting ANSI colour sequences ("\033[...m"). */
static size_t visible_width(const char *s, const char *end)
{
	size_t w = 0;

	while (s < end) {
		if (*s == '\033') {
			while (s < end && *s != 'm')
				s++;
			s++;
			continue;
		}
		w += ((unsigned char)*s & 0xC0) != 0x80;
		s++;
	}
	return w;
}

/* In the table whose header line starts with header, the column labelled label starts at
 * the same visible position in the header and in every row holding one of the markers
 * (the rows up to the next blank line); at least two such rows. */
static void check_column(const char *text, const char *header, const char *label,
			 const char *const *markers)
{
	const char *line = strstr(text, header), *nl, *at;
	size_t want, rows = 0, i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	at = strstr(line, label);
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	want = visible_width(line, at);
	for (line = strchr(line, '\n'); line && line[1] && line[1] != '\n'; line = nl) {
		line++;
		nl = strchr(line, '\n');
		for (i = 0, at = NULL; markers[i] && !at; i++) {
			at = strstr(line, markers[i]);
			if (at && nl && at > nl)
				at = NULL;
		}
		if (!at)
			continue;
		rows++;
		if (visible_width(line, at) != want)
			fprintf(stderr, "  '%s' in %.*s: at %zu, want %zu\n", label,
				(int)(nl ? nl - line : 60), line, visible_width(line, at), want);
		CU_ASSERT(visible_width(line, at) == want);
	}
	CU_ASSERT(rows >= 2);
}

static void test_alignment(void)
{
	static const char *const verdicts_en[] = { "CRITICAL", "WARNING", "OK", "INSUFFICIENT",
						   NULL };
	static const char *const verdicts_de[] = { "KRITISCH", "WARNUNG", "OK", "ZU WENIG",
						   NULL };
	static const char *const titles_de[] = { "Ungültiger", "Gesperrte", "Domain nicht",
						 "Postfach", "Unbekannt", NULL };
	static const char *const formats[] = { "mailgun-jsonl", "sendgrid-activity-csv",
					       "sendgrid-stats ", NULL };
	char *en = render("report/sample.json", LANG_EN, 0);
	char *de = render("report/sample-de.json", LANG_DE, 0);
	char *colour = render("report/sample.json", LANG_EN, 1);

	/* the verdict column follows the clients, among them "Bäckerei Müller" */
	check_column(en, "  Sending domain", "Verdict", verdicts_en);
	check_column(de, "  Absenderdomain", "Bewertung", verdicts_de);
	check_column(de, "  Anzahl  Anteil", "Kategorie", titles_de);
	check_column(de, "  Quelle ", "Format", formats);
	/* colour codes take no room: the coloured table is aligned the same way */
	check_column(colour, "  Sending domain", "Verdict", verdicts_en);
	free(en);
	free(de);
	free(colour);
}

static void test_colour(void)
{
	char *plain = render("report/sample.json", LANG_EN, 0);
	char *colour = render("report/sample.json", LANG_EN, 1);

	CU_ASSERT(strchr(plain, '\033') == NULL);
	CU_ASSERT(strstr(colour, "\033[31mCRITICAL\033[0m") != NULL);
	CU_ASSERT(strstr(colour, "\033[33mWARNING\033[0m") != NULL);
	CU_ASSERT(strstr(colour, "\033[32mOK\033[0m") != NULL);
	free(plain);
	free(colour);
}

static void test_no_control_characters(void)
{
	char *got = render("report/hostile.json", LANG_EN, 0);
	const unsigned char *p;

	for (p = (const unsigned char *)got; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fprintf(stderr, "  control character 0x%02x at offset %ld\n", *p,
				(long)(p - (const unsigned char *)got));
		CU_ASSERT(*p >= 0x20 || *p == '\n');
		CU_ASSERT(*p != 0x7f);
	}
	CU_ASSERT(strstr(got, "bad byte[31m red") != NULL);
	free(got);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "key lines in en and de", test_key_lines },
		{ "columns aligned with umlauts", test_alignment },
		{ "ANSI colour only when asked", test_colour },
		{ "no control characters reach the terminal", test_no_control_characters },
	};
	return test_run("text", cases, sizeof(cases) / sizeof(cases[0]));
}
