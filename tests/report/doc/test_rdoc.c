/* test_rdoc.c - the shared report formatting (numbers, percentages, domain lists), the
 * per-category columns, and the label tables being complete in both languages. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "model/l10n.h"
#include "report/doc/rdoc.h"
#include "tests/testlib.h"

static void test_numbers(void)
{
	static const struct {
		long long v;
		enum sh_lang lang;
		const char *want;
	} ints[] = {
		{ 0, LANG_EN, "0" },         { 999, LANG_EN, "999" },
		{ 1204, LANG_EN, "1,204" },  { 1234567, LANG_EN, "1,234,567" },
		{ 1204, LANG_DE, "1.204" },  { -1234, LANG_EN, "-1,234" },
	};
	static const struct {
		double v;
		int decimals;
		enum sh_lang lang;
		const char *want;
	} pcts[] = {
		{ 0.42, 1, LANG_EN, "42.0%" },   { 0.42, 1, LANG_DE, "42,0 %" },
		{ 0.0013, 2, LANG_EN, "0.13%" }, { 0.0013, 2, LANG_DE, "0,13 %" },
		{ 1.0, 1, LANG_EN, "100.0%" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		rdoc_fmt_int(buf, ints[i].v, ints[i].lang);
		TEST_STR_EQ(buf, ints[i].want);
	}
	for (i = 0; i < sizeof(pcts) / sizeof(pcts[0]); i++) {
		rdoc_fmt_pct(buf, pcts[i].v, pcts[i].decimals, pcts[i].lang);
		TEST_STR_EQ(buf, pcts[i].want);
	}
}

static void test_lists_and_columns(void)
{
	const char *text =
		"{\"schema_version\":1,\"lang\":\"en\","
		"\"categories\":[{\"id\":\"suppressed\",\"title\":\"Suppressed (own text)\"},"
		"{\"id\":\"dns_auth\"}],"
		"\"domains\":[{\"by_category\":{\"dns_auth\":3,\"unknown\":0}},"
		"{\"by_category\":{\"suppressed\":5,\"account\":1}}],"
		"\"items\":[{\"domain\":\"gmail.com\",\"count\":1200},{\"domain\":\"web.de\",\"count\":4},"
		"{\"domain\":\"gmx.de\",\"count\":1}]}";
	json_t *doc = json_loads(text, 0, NULL);
	enum sh_category cols[CATEGORY_COUNT];
	struct strbuf sb;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	strbuf_init(&sb);
	rdoc_domain_list(&sb, json_object_get(doc, "items"), 2, LANG_EN);
	TEST_STR_EQ(sb.buf, "gmail.com (1,200), web.de (4)");
	/* report order first (by count), then the remaining ids; zero counts left out */
	n = rdoc_category_columns(doc, json_object_get(doc, "domains"), cols);
	TEST_LONG_EQ(n, 3);
	TEST_LONG_EQ(cols[0], CATEGORY_SUPPRESSED);
	TEST_LONG_EQ(cols[1], CATEGORY_DNS_AUTH);
	TEST_LONG_EQ(cols[2], CATEGORY_ACCOUNT);
	TEST_STR_EQ(rdoc_category_title(doc, CATEGORY_SUPPRESSED, LANG_EN), "Suppressed (own text)");
	/* a report in English asked for in German: the taxonomy's German title */
	TEST_STR_EQ(rdoc_category_title(doc, CATEGORY_SUPPRESSED, LANG_DE), "Gesperrte Adresse");
	TEST_LONG_EQ(rdoc_check(doc, NULL), 0);
	strbuf_reset(&sb);
	rdoc_fmt_time(&sb, "2026-11-16T00:00:00Z");
	TEST_STR_EQ(sb.buf, "2026-11-16 00:00 UTC");
	strbuf_release(&sb);
	json_decref(doc);
}

static void test_labels_complete(void)
{
	int id;

	for (id = 0; id < L_COUNT_IDS; id++) {
		const char *en = l10n((enum l10n_id)id, LANG_EN);
		const char *de = l10n((enum l10n_id)id, LANG_DE);
		if (!*en || !*de)
			fprintf(stderr, "  label %d lacks a text (en '%s', de '%s')\n", id, en, de);
		CU_ASSERT(*en && *de);
	}
	TEST_STR_EQ(l10n_verdict("CRITICAL", LANG_DE), "KRITISCH");
	TEST_STR_EQ(l10n_action_kind("verify_dns", LANG_EN), "Verify DNS");
	for (id = 0; id < ACTION_COUNT; id++)
		CU_ASSERT(strcmp(l10n_action_kind(action_name((enum sh_action)id), LANG_DE),
				 action_name((enum sh_action)id)) != 0);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "numbers and percentages in en and de", test_numbers },
		{ "domain lists and category columns", test_lists_and_columns },
		{ "every label in English and German", test_labels_complete },
	};
	return test_run("rdoc", cases, sizeof(cases) / sizeof(cases[0]));
}
