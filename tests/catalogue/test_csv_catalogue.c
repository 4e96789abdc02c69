/* test_csv_catalogue.c - the catalogue importer on the layouts people actually have:
 * the shared sheet's German tables, English headers, Outlook's category column, Gmail's
 * 421, "4.3.0" cells, multiline cells, CRLF, a BOM, bad rows, and our own file format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/csv_catalogue.h"
#include "tests/testlib.h"

struct problem_log {
	long lines[16];
	char keys[16][32];
	int n;
};

static void on_problem(void *ctx, const char *file, long line, const char *key, const char *text)
{
	struct problem_log *log = ctx;
	(void)file;
	(void)text;
	if (log->n < 16) {
		log->lines[log->n] = line;
		snprintf(log->keys[log->n], sizeof(log->keys[0]), "%s", key);
		log->n++;
	}
}

/* Parses csv; checks rc, entry count, skipped count and one field of one entry. */
struct case_ {
	const char *name;
	const char *csv;
	int want_rc;
	size_t want_entries;
	long want_skipped;
	size_t entry;          /* which entry to inspect */
	enum cat_field field;
	const char *want;      /* its value */
	long want_problem_line; /* first problem's line, 0 for none */
};

static const struct case_ cases[] = {
	{ "german mailgun table with section row",
	  "Mailgun:\n"
	  "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n"
	  "400,from parameter is missing,Die Absender-E-Mail-Adresse wurde nicht angegeben,Geben Sie die Absender-E-Mail an,'from'-Parameter: Absender\n",
	  0, 1, 0, 0, CAT_HTTP_STATUS, "400", 0 },
	{ "german meaning lands in meaning_de",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,x is missing,Bedeutung hier,Lösung hier,-\n",
	  0, 1, 0, 0, CAT_MEANING_DE, "Bedeutung hier", 0 },
	{ "a dash cell is empty",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,x is missing,Bedeutung,Lösung,-\n",
	  0, 1, 0, 0, CAT_GLOSSARY_DE, "", 0 },
	{ "section title sets the provider",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,x is missing,B,L,G\n",
	  0, 1, 0, 0, CAT_PROVIDER, "mailgun", 0 },
	{ "english headers give english texts",
	  "SendGrid error codes\nCode,Message,Explanation,Solution,Glossary\n550,Mailbox unavailable,The mailbox does not exist,Remove it,-\n",
	  0, 1, 0, 0, CAT_MEANING_EN, "The mailbox does not exist", 0 },
	{ "sendgrid code is an smtp code",
	  "SendGrid Fehlercodes & Bedeutungen\nCode,Meldung,Erklärung,Lösung,Glossar\n550,Mailbox unavailable,Postfach,Entfernen,-\n",
	  0, 1, 0, 0, CAT_SMTP_CODE, "550", 0 },
	{ "gmail code cell splits into smtp and enhanced code",
	  "Gmail / Google Workspace:\nFehlercode,Bedeutung,Lösung,Glossar\n\"421, \"\"4.3.0\"\"\",Temporäres Systemproblem,Später senden,-\n",
	  0, 1, 0, 0, CAT_ENHANCED_CODE, "4.3.0", 0 },
	{ "outlook category column becomes the section",
	  "Outlook Fehlercodes:\nFehlerkategorie,Fehlercode,Bedeutung,Lösung,Glossar\nWinsock Fehler,0x800CCC40,Netzwerksubsystem,Neu starten,-\n",
	  0, 1, 0, 0, CAT_SECTION, "Winsock Fehler", 0 },
	{ "outlook hex code",
	  "Outlook Fehlercodes:\nFehlerkategorie,Fehlercode,Bedeutung,Lösung,Glossar\nAllgemeine Fehler,0x800CCC0E,Verbindung nicht möglich,Prüfen,-\n",
	  0, 1, 0, 0, CAT_OUTLOOK_CODE, "0x800CCC0E", 0 },
	{ "rfc 3463 status codes",
	  "Enhanced Mail System Status Codes\nStatuscode,Bedeutung,Lösung,Glossar\nX.1.1,Ungültige Ziel-Postfachadresse,Prüfen,-\n",
	  0, 1, 0, 0, CAT_PROVIDER, "rfc3463", 0 },
	{ "multiline cell with CRLF rows",
	  "Mailgun:\r\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\r\n400,x is missing,B,\"Schritt 1\r\nSchritt 2\",-\r\n401,Forbidden,B2,L2,-\r\n",
	  0, 2, 0, 0, CAT_SOLUTION_DE, "Schritt 1\r\nSchritt 2", 0 },
	{ "utf-8 bom before the header",
	  "\xEF\xBB\xBFMailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,x is missing,B,L,-\n",
	  0, 1, 0, 0, CAT_HTTP_STATUS, "400", 0 },
	{ "repeated header rows",
	  "Outlook Fehlercodes:\nFehlerkategorie,Fehlercode,Bedeutung,Lösung,Glossar\nSMTP Fehler,0x800CCC68,A,B,-\n"
	  "Fehlerkategorie,Fehlercode,Bedeutung,Lösung,Glossar\nSMTP Fehler,0x800CCC69,C,D,-\n",
	  0, 2, 0, 1, CAT_OUTLOOK_CODE, "0x800CCC69", 0 },
	{ "a bad code is skipped with its line",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,ok,B,L,-\nfour hundred,bad,B,L,-\n",
	  0, 1, 1, 0, CAT_HTTP_STATUS, "400", 4 },
	{ "line numbers count lines inside quoted cells",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,ok,B,\"a\nb\nc\",-\nbad!,bad,B,L,-\n",
	  0, 1, 1, 0, CAT_HTTP_STATUS, "400", 6 },
	{ "no header fails",
	  "400,from parameter is missing,B,L,G\n", -1, 0, 1, 0, CAT_ID, NULL, 0 },
	{ "empty result fails",
	  "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n", -1, 0, 0, 0, CAT_ID, NULL, 0 },
	{ "only bad rows fails",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\nxyz,bad,B,L,-\n", -1, 0, 1, 0, CAT_ID, NULL, 3 },
	{ "our own file format",
	  "id,provider,section,http_status,smtp_code,enhanced_code,outlook_code,message,pattern,severity,category,action,meaning_de,solution_de,glossary_de,meaning_en,solution_en,glossary_en\n"
	  "x-1,gmail,S,,550,5.1.1,,,does not exist,permanent,recipient_invalid,remove_addresses,M,L,G,m,s,g\n",
	  0, 1, 0, 0, CAT_CATEGORY, "recipient_invalid", 0 },
	{ "our format: a row of header words is data (fuzz_catalogue_csv)",
	  "id,provider,message,solution_de,glossary_de\nx-1,gmail,Meldung,Lösung,Glossar\n",
	  0, 1, 0, 0, CAT_SOLUTION_DE, "Lösung", 0 },
	{ "our format rejects an unknown category",
	  "id,provider,message,category\nx-1,gmail,hello,nonsense\nx-2,gmail,hello,policy\n",
	  0, 1, 1, 0, CAT_ID, "x-2", 2 },
	{ "a lone '-' row is a placeholder, not a section title (fuzz_catalogue_csv)",
	  "Mailgun:\n-\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,x is missing,B,L,-\n",
	  0, 1, 0, 0, CAT_SECTION, "Mailgun", 0 },
	{ "generated ids are readable",
	  "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n404,Domain not found: example.com,B,L,-\n",
	  0, 1, 0, 0, CAT_ID, "mailgun-404-domain-not-found-example-com", 0 },
};

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct case_ *c = &cases[i];
		struct catalogue *cat = catalogue_new();
		struct problem_log log = { 0 };
		struct sh_sink sink = { on_problem, &log };
		struct csv_catalogue_opts opts = { 0 };
		struct sh_error err = { 0 };
		int rc;

		opts.sink = &sink;
		rc = csv_catalogue_parse(cat, "t.csv", c->csv, strlen(c->csv), &opts, &err);
		if (rc != c->want_rc || cat->n != c->want_entries || opts.skipped != c->want_skipped)
			fprintf(stderr, "  case '%s': rc %d entries %zu skipped %ld (err '%s'), want %d %zu %ld\n",
				c->name, rc, cat->n, opts.skipped, err.msg, c->want_rc, c->want_entries,
				c->want_skipped);
		CU_ASSERT(rc == c->want_rc);
		CU_ASSERT(cat->n == c->want_entries);
		CU_ASSERT(opts.skipped == c->want_skipped);
		if (c->want && cat->n > c->entry) {
			if (strcmp(cat->entries[c->entry].f[c->field], c->want))
				fprintf(stderr, "  case '%s': ", c->name);
			TEST_STR_EQ(cat->entries[c->entry].f[c->field], c->want);
		}
		if (c->want_problem_line) {
			if (!log.n || log.lines[0] != c->want_problem_line)
				fprintf(stderr, "  case '%s': problem line %ld, want %ld\n", c->name,
					log.n ? log.lines[0] : 0, c->want_problem_line);
			CU_ASSERT(log.n > 0 && log.lines[0] == c->want_problem_line);
		}
		catalogue_free(cat);
	}
}

/* What export writes, import reads back unchanged - including quotes, commas and line
 * breaks in cells, and spaces at either end of a cell (a quoted cell in the sheet keeps
 * them; fuzz_catalogue_csv found the export dropping them). */
static void test_round_trip(void)
{
	static const char *const row[CAT_NFIELDS] = {
		"id-1", "mailgun", "Fehlerliste", "400", "", "", "", "Domain \"x\", y",
		"domain * is not allowed", "permanent", "account", "contact_support",
		"Bedeutung, mit Komma", "Schritt 1\nSchritt 2", " Glossar", "meaning", "solution ", "\t",
	};
	struct catalogue *a = catalogue_new(), *b = catalogue_new();
	struct sh_error err = { 0 };
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	int f;

	catalogue_add(a, row);
	catalogue_add(a, row);
	free(a->entries[1].f[CAT_ID]);
	a->entries[1].f[CAT_ID] = strdup("id-2");
	CU_ASSERT(csv_catalogue_write(a, fp) == 0);
	fclose(fp);
	CU_ASSERT(csv_catalogue_parse(b, "mem", buf, len, NULL, &err) == 0);
	TEST_LONG_EQ(b->n, 2);
	for (i = 0; i < b->n && i < 2; i++)
		for (f = 0; f < CAT_NFIELDS; f++)
			TEST_STR_EQ(b->entries[i].f[f], a->entries[i].f[f]);
	free(buf);
	catalogue_free(a);
	catalogue_free(b);
}

/* A sheet row that matches a base entry keeps the base's id and our columns. */
static void test_base_enrichment(void)
{
	static const char *const base_row[CAT_NFIELDS] = {
		"gmail-550-5.1.1", "gmail", "Gmail", "", "550", "5.1.1", "", "",
		"does not exist", "permanent", "recipient_invalid", "remove_addresses",
		"E-Mail-Konto existiert nicht", "Empfängeradresse prüfen", "", "No such account",
		"Remove it", "",
	};
	const char *csv = "Gmail / Google Workspace:\nFehlercode,Bedeutung,Lösung,Glossar\n"
			  "\"550, \"\"5.1.1\"\"\",E-Mail-Konto existiert nicht,Adresse prüfen (neu),-\n";
	struct catalogue *base = catalogue_new(), *cat = catalogue_new();
	struct csv_catalogue_opts opts = { 0 };
	struct sh_error err = { 0 };

	catalogue_add(base, base_row);
	opts.base = base;
	CU_ASSERT(csv_catalogue_parse(cat, "sheet", csv, strlen(csv), &opts, &err) == 0);
	TEST_LONG_EQ(cat->n, 1);
	if (cat->n == 1) {
		TEST_STR_EQ(cat->entries[0].f[CAT_ID], "gmail-550-5.1.1");
		TEST_STR_EQ(cat->entries[0].f[CAT_CATEGORY], "recipient_invalid");
		TEST_STR_EQ(cat->entries[0].f[CAT_SOLUTION_DE], "Adresse prüfen (neu)");
		TEST_STR_EQ(cat->entries[0].f[CAT_MEANING_EN], "No such account");
	}
	catalogue_free(base);
	catalogue_free(cat);
}

static void test_invalid_utf8_row(void)
{
	const char *csv = "Mailgun:\nCode,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,ok,B,L,-\n401,bad \xC3\x28 text,B,L,-\n";
	struct catalogue *cat = catalogue_new();
	struct problem_log log = { 0 };
	struct sh_sink sink = { on_problem, &log };
	struct csv_catalogue_opts opts = { 0 };
	struct sh_error err = { 0 };

	opts.sink = &sink;
	CU_ASSERT(csv_catalogue_parse(cat, "t", csv, strlen(csv), &opts, &err) == 0);
	TEST_LONG_EQ(cat->n, 1);
	TEST_LONG_EQ(opts.skipped, 1);
	TEST_STR_EQ(log.n ? log.keys[0] : "", "bad_utf8");
	catalogue_free(cat);
}

static void test_unterminated_quote_is_capped(void)
{
	size_t n = (2u << 20) + 100, i;
	char *csv = malloc(n + 1);
	const char *head = "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n400,\"";
	struct catalogue *cat = catalogue_new();
	struct sh_error err = { 0 };

	memcpy(csv, head, strlen(head));
	for (i = strlen(head); i < n; i++)
		csv[i] = 'a';
	csv[n] = '\0';
	CU_ASSERT(csv_catalogue_parse(cat, "big", csv, n, NULL, &err) == -1);
	CU_ASSERT(strstr(err.msg, "longer than") != NULL);
	free(csv);
	catalogue_free(cat);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "layouts, headers, sections and bad rows", test_cases },
		{ "export then import is lossless", test_round_trip },
		{ "sheet rows keep the built-in id and columns", test_base_enrichment },
		{ "invalid UTF-8 row is reported", test_invalid_utf8_row },
		{ "unterminated quote is capped", test_unterminated_quote_is_capped },
	};
	return test_run("csv_catalogue", tests, sizeof(tests) / sizeof(tests[0]));
}
