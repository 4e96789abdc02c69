/* test_l10n.c - the one table of user-facing texts: every text exists in both languages,
 * a German text takes exactly the arguments its English one does (a missing {2} would
 * drop a domain list from a sentence), and l10n_fill fills them in. */
#include <stdio.h>
#include <string.h>

#include "model/l10n.h"
#include "tests/testlib.h"

/* Bit n-1 set for each {n} in s. */
static unsigned placeholders(const char *s)
{
	unsigned m = 0;

	for (; *s; s++)
		if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}')
			m |= 1u << (s[1] - '1');
	return m;
}

static void test_every_text(void)
{
	int id;

	for (id = 0; id < L_COUNT_IDS; id++) {
		const char *en = l10n((enum l10n_id)id, LANG_EN), *de = l10n((enum l10n_id)id, LANG_DE);
		if (!*en || !*de || placeholders(en) != placeholders(de))
			fprintf(stderr, "  id %d: en '%s', de '%s'\n", id, en, de);
		CU_ASSERT(*en && *de);
		CU_ASSERT(placeholders(en) == placeholders(de));
	}
	TEST_STR_EQ(l10n(L_COUNT_IDS, LANG_EN), "");
}

static void test_fill(void)
{
	static const struct {
		const char *name;
		enum l10n_id id;
		enum sh_lang lang;
		const char *a1, *a2;
		const char *want;
	} cases[] = {
		{ "one argument", L_ACT_VERIFY_DNS, LANG_EN, "mg.a.com", NULL, "Verify DNS for mg.a.com" },
		{ "German order", L_ACT_CONTACT_SUPPORT, LANG_DE, "Google", "mg.a.com",
		  "Google-Support kontaktieren für mg.a.com" },
		{ "English order", L_ACT_CONTACT_SUPPORT, LANG_EN, "Google", "mg.a.com",
		  "Contact Google support about mg.a.com" },
		{ "missing argument is empty", L_ACT_CONTACT_SUPPORT, LANG_EN, "Google", NULL,
		  "Contact Google support about " },
		{ "arguments are not scanned", L_ACT_VERIFY_DNS, LANG_EN, "{1}{2}", NULL, "Verify DNS for {1}{2}" },
		{ "no placeholder", L_TOTAL, LANG_DE, "x", NULL, "Gesamt" },
		{ "the sheet's header in English too", L_SHEET_CSV_HEADER, LANG_EN, NULL, NULL,
		  "Code,Fehlermeldung,Bedeutung,Lösung,Glossar" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_adds(&sb, ">");
		l10n_fill(&sb, cases[i].id, cases[i].lang, cases[i].a1, cases[i].a2, NULL);
		if (strcmp(sb.buf + 1, cases[i].want))
			fprintf(stderr, "  %s: got '%s', want '%s'\n", cases[i].name, sb.buf + 1,
				cases[i].want);
		CU_ASSERT_STRING_EQUAL(sb.buf + 1, cases[i].want);
		CU_ASSERT(sb.buf[0] == '>'); /* appends */
		strbuf_release(&sb);
	}
}

static void test_lookups(void)
{
	TEST_STR_EQ(l10n_verdict("INSUFFICIENT_DATA", LANG_DE), "ZU WENIG DATEN");
	TEST_STR_EQ(l10n_verdict("MAYBE", LANG_DE), "MAYBE");
	TEST_STR_EQ(l10n_action_kind("verify_dns", LANG_DE), "DNS prüfen");
	TEST_STR_EQ(l10n_source_kind("stats", LANG_DE), "Statistik");
	TEST_STR_EQ(l10n_source_kind("stats", LANG_EN), "statistics");
	TEST_STR_EQ(l10n_source_kind(NULL, LANG_EN), "");
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "every text in both languages, same arguments", test_every_text },
		{ "l10n_fill", test_fill },
		{ "verdicts, action kinds, source kinds", test_lookups },
	};
	return test_run("l10n", cases, sizeof(cases) / sizeof(cases[0]));
}
