/* test_csv_errors.c - the Errors CSV as a spreadsheet user opens it: RFC 4180 quoting, no
 * cell that Excel or LibreOffice would run as a formula, a header row in the chosen language. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render/csv_cell.h"
#include "report/render/csv_errors.h"
#include "tests/testlib.h"

struct field_case {
	const char *name;
	const char *input;
	size_t len; /* 0: strlen(input) */
	const char *want;
};

static void check_fields(const struct field_case *cases, size_t n,
			 void (*fn)(struct strbuf *, const char *, size_t))
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		fn(&sb, cases[i].input, cases[i].len ? cases[i].len : strlen(cases[i].input));
		if (strcmp(sb.buf, cases[i].want))
			fprintf(stderr, "  %s: got [%s], want [%s]\n", cases[i].name, sb.buf,
				cases[i].want);
		CU_ASSERT_STRING_EQUAL(sb.buf, cases[i].want);
		strbuf_release(&sb);
	}
}

static void test_neutralize(void)
{
	static const struct field_case cases[] = {
		{ "equals", "=1+1", 0, "'=1+1" },
		{ "plus", "+1", 0, "'+1" },
		{ "minus", "-2", 0, "'-2" },
		{ "at", "@SUM(A1)", 0, "'@SUM(A1)" },
		{ "tab", "\tx", 0, "'\tx" },
		{ "carriage return", "\rx", 0, "'\rx" },
		{ "dde", "=cmd|' /C calc'!A0", 0, "'=cmd|' /C calc'!A0" },
		{ "plain text", "550 5.1.1 user unknown", 0, "550 5.1.1 user unknown" },
		{ "formula char later", "a=1", 0, "a=1" },
		{ "leading space", " =1", 0, " =1" },
		{ "empty", "", 0, "" },
	};
	check_fields(cases, sizeof(cases) / sizeof(cases[0]), csv_cell_neutralize);
}

static void test_field(void)
{
	static const struct field_case cases[] = {
		{ "plain", "gmail.com", 0, "gmail.com" },
		{ "comma is quoted", "a,b", 0, "\"a,b\"" },
		{ "quote is doubled", "say \"hi\"", 0, "\"say \"\"hi\"\"\"" },
		{ "newline is quoted", "one\ntwo", 0, "\"one\ntwo\"" },
		{ "formula and quote", "=HYPERLINK(\"http://x\")", 0,
		  "\"'=HYPERLINK(\"\"http://x\"\")\"" },
		{ "plus", "+1", 0, "'+1" },
		{ "minus", "-2", 0, "'-2" },
		{ "at", "@SUM(A1)", 0, "'@SUM(A1)" },
		{ "tab kept and neutralised", "\tx", 0, "'\tx" },
		/* the sanitiser drops CR, so what is left is no longer a formula */
		{ "carriage return dropped", "\rx", 0, "x" },
		{ "control char hiding a formula", "\x01=1+1", 0, "'=1+1" },
		{ "invalid utf-8 repaired", "caf\xE9", 0, "caf\xEF\xBF\xBD" },
		{ "umlauts kept", "Lösung", 0, "Lösung" },
		{ "empty", "", 0, "" },
	};
	check_fields(cases, sizeof(cases) / sizeof(cases[0]), csv_cell_field);
}

/* Renders doc_text with csv_errors_write into a malloc'd string. */
static char *render(const char *doc_text, enum sh_lang lang, int *rc)
{
	json_error_t jerr;
	json_t *doc = json_loads(doc_text, 0, &jerr);
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	*rc = csv_errors_write(doc, lang, fp);
	fclose(fp);
	json_decref(doc);
	return out;
}

static const char *const doc_one_error =
	"{\"schema_version\":1,\"lang\":\"en\",\"errors\":[{\"key\":\"k\",\"entry_id\":null,"
	"\"provider\":\"Gmail\",\"catalogue_provider\":\"sendgrid\",\"code\":\"550\",\"enhanced_code\":\"5.1.1\","
	"\"message\":\"=HYPERLINK(\\\"http://x\\\")\",\"meaning\":\"a, b\",\"solution\":\"-2\","
	"\"category\":\"recipient_invalid\",\"action_kind\":\"remove_addresses\",\"count\":1204,"
	"\"permanent\":1204,\"temporary\":0,\"recipient_domains\":[{\"domain\":\"gmail.com\","
	"\"count\":1200},{\"domain\":\"web.de\",\"count\":4}]}]}";

static void test_write(void)
{
	static const struct {
		const char *name;
		enum sh_lang lang;
		const char *want;
	} cases[] = {
		{ "english", LANG_EN,
		  "Count,Provider,Code,Enhanced code,Message,Meaning,Solution,Category,Action,"
		  "Top recipient domains,Catalogue entry's provider\r\n"
		  "1204,Gmail,550,5.1.1,\"'=HYPERLINK(\"\"http://x\"\")\",\"a, b\",'-2,"
		  "Invalid recipient,Remove addresses,\"gmail.com (1,200), web.de (4)\",sendgrid\r\n" },
		{ "german", LANG_DE,
		  "Anzahl,Anbieter,Code,Erweiterter Code,Fehlermeldung,Bedeutung,Lösung,Kategorie,"
		  "Maßnahme,Häufigste Empfängerdomains,Anbieter des Katalogeintrags\r\n"
		  "1204,Gmail,550,5.1.1,\"'=HYPERLINK(\"\"http://x\"\")\",\"a, b\",'-2,"
		  "Ungültiger Empfänger,Adressen entfernen,\"gmail.com (1.200), web.de (4)\",sendgrid\r\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc;
		char *got = render(doc_one_error, cases[i].lang, &rc);
		TEST_LONG_EQ(rc, 0);
		if (strcmp(got, cases[i].want))
			fprintf(stderr, "  %s:\n  got  [%s]\n  want [%s]\n", cases[i].name, got,
				cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		free(got);
	}
}

static void test_header_only_and_bad_doc(void)
{
	int rc;
	char *got = render("{\"schema_version\":1,\"errors\":[]}", LANG_EN, &rc);

	TEST_LONG_EQ(rc, 0);
	TEST_STR_EQ(got, "Count,Provider,Code,Enhanced code,Message,Meaning,Solution,Category,"
			 "Action,Top recipient domains,Catalogue entry's provider\r\n");
	free(got);
	got = render("{\"schema_version\":2,\"errors\":[]}", LANG_EN, &rc);
	TEST_LONG_EQ(rc, -1);
	TEST_STR_EQ(got, "");
	free(got);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "formula neutralisation, each leading character", test_neutralize },
		{ "field quoting and sanitising", test_field },
		{ "errors table in English and German", test_write },
		{ "header only; wrong schema version refused", test_header_only_and_bad_doc },
	};
	return test_run("csv_errors", cases, sizeof(cases) / sizeof(cases[0]));
}
