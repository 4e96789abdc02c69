/* test_generic_csv.c - any sender's CSV log: header synonyms (English and German), a date
 * and a time column, semicolons, a BOM, multi-line quoted replies, --map, a "status" column
 * read by its value, and a CSV that cannot be mapped. */
#include "tests/import/readlog.h"

static const struct rl_case cases[] = {
	{ "Gmail CRM log: Date + Time, multi-line reply", "import/csv-crm/gmail-log.csv", NULL,
	  LR_AUTO, NULL, LR_CSV, 3, "", 0,
	  { { 0, "source", "csv" }, { 0, "esp", "gmail" }, { 0, "event", "failed" },
	    { 0, "severity", "permanent" }, { 0, "smtp_code", "550" },
	    { 0, "enhanced_code", "5.1.1" }, { 0, "timestamp", "2024-07-08T16:30:18Z" },
	    { 0, "sender", "sales@gmail.com" }, { 0, "recipient_domain", "web.de" },
	    { 0, "line", "2" }, { 1, "severity", "temporary" }, { 1, "line", "4" },
	    { 2, "event", "delivered" }, { 2, "line", "6" } } },
	{ "Outlook log: semicolons, BOM, status column, provider", "import/csv-outlook/outlook.csv",
	  NULL, LR_AUTO, NULL, LR_CSV, 2, "4:bad_timestamp 5:empty_record ", 0,
	  { { 0, "esp", "outlook" }, { 0, "enhanced_code", "5.7.708" }, { 0, "smtp_code", "550" },
	    { 0, "timestamp", "2024-07-08T08:00:00Z" }, { 1, "event", "bounce" },
	    { 1, "enhanced_code", "5.2.2" }, { 1, "severity", "permanent" } } },
	{ "German header names", "import/csv-map/crm.csv", NULL, LR_AUTO, NULL, LR_CSV, 2, "", 0,
	  { { 0, "recipient", "kunde@t-online.de" }, { 0, "sender", "shop@acme.de" },
	    { 0, "esp", "smtp" }, { 0, "timestamp", "2024-07-08T10:00:00Z" }, /* Zeitpunkt */
	    { 0, "enhanced_code", "5.1.1" } } },
	{ "--map names the other columns", "import/csv-map/crm.csv", NULL, LR_AUTO,
	  "timestamp=Zeitpunkt,severity=Art", LR_CSV, 2, "", 0,
	  { { 0, "timestamp", "2024-07-08T10:00:00Z" }, { 0, "severity", "permanent" },
	    { 1, "severity", "temporary" }, { 1, "smtp_code", "452" } } },
	{ "--map of a missing column", "import/csv-map/crm.csv", NULL, LR_AUTO, "timestamp=When",
	  LR_CSV, 0, "1:unmapped_columns ", 0, { { 0 } } },
	{ "columns that cannot be mapped", "import/csv-unmapped/unmapped.csv", NULL, LR_AUTO, NULL,
	  LR_CSV, 0, "1:unmapped_columns ", 0, { { 0 } } },
	{ "--map reads them", "import/csv-unmapped/unmapped.csv", NULL, LR_AUTO,
	  "recipient=alpha,message=beta", LR_CSV, 1, "", 0,
	  { { 0, "recipient", "1" }, { 0, "message", "2" }, { 0, "smtp_code", "" } } },
	{ "a forced format", "import/csv-crm/gmail-log.csv", NULL, LR_CSV, NULL, LR_CSV, 3, "", 0,
	  { { 0, "esp", "gmail" } } },
	{ "a German CRM export: ';', Windows-1252, 'Empfänger', German dates",
	  "import/csv-crm-de/crm-export-cp1252.csv", NULL, LR_AUTO, NULL, LR_CSV, 3, "", 0,
	  { { 0, "recipient", "m.m\xc3\xbcller@b\xc3\xa4" "ckerei-m\xc3\xbcller.de" },
	    { 0, "timestamp", "2026-11-16T09:15:00Z" }, { 0, "smtp_code", "550" },
	    { 0, "message", "550 5.1.1 Empf\xc3\xa4nger unbekannt" },
	    { 1, "timestamp", "2026-11-16T10:30:00Z" }, { 1, "recipient", "j\xc3\xb6rg@web.de" },
	    { 1, "message", "452 4.2.2 Postfach voll; sp\xc3\xa4ter erneut" },
	    { 1, "severity", "temporary" }, { 2, "timestamp", "2026-11-17T00:00:00Z" },
	    { 2, "message", "554 5.7.1 Nachricht abgelehnt \xe2\x80\x93 Spam" },
	    { 2, "sender", "info@agentur.de" } } },
	{ "TAB, ISO-8859-1, 'Zeitpunkt' with an offset, 'Antwort'",
	  "import/csv-crm-de/tab-latin1.tsv", NULL, LR_AUTO, NULL, LR_CSV, 1, "", 0,
	  { { 0, "recipient", "anna@gmx.de" }, { 0, "timestamp", "2026-11-16T08:15:00Z" },
	    { 0, "message", "550 5.1.1 Benutzer unbekannt (Gr\xc3\xbc\xc3\x9f" "e)" } } },
	{ "Excel's Unicode text: UTF-16 with a BOM, TAB-separated",
	  "import/csv-crm-de/excel-unicode-text.txt", NULL, LR_AUTO, NULL, LR_CSV, 1, "", 0,
	  { { 0, "recipient", "lena.gro\xc3\x9f@example.de" },
	    { 0, "timestamp", "2026-11-16T09:15:00Z" },
	    { 0, "message", "550 5.1.1 Empf\xc3\xa4nger unbekannt" } } },
	{ "US dates: 11/16 settles that 05/06 is May 6", "import/csv-crm-de/us-dates.csv", NULL,
	  LR_AUTO, NULL, LR_CSV, 2, "", 0,
	  { { 0, "timestamp", "2026-05-06T09:15:00Z" }, { 1, "timestamp", "2026-11-16T21:15:00Z" } } },
	{ "only ambiguous dates: rejected with a reason", "import/csv-crm-de/ambiguous-dates.csv",
	  NULL, LR_AUTO, NULL, LR_CSV, 0, "2:ambiguous_date 3:ambiguous_date ", 0, { { 0 } } },
	{ "a cell holding a Nodemailer error object", "import/csv-crm-de/nodemailer-cells.csv",
	  NULL, LR_AUTO, NULL, LR_CSV, 2, "", 0,
	  { { 0, "message", "421 4.3.0 Temporary System Problem. Try again later" },
	    { 0, "smtp_code", "421" }, { 0, "enhanced_code", "4.3.0" },
	    { 0, "esp_reason", "EENVELOPE" }, { 0, "severity", "temporary" },
	    { 0, "description", "Can't send mail - all recipients were rejected" },
	    { 1, "message", "Invalid login: 535 5.7.8 Username and Password not accepted" },
	    { 1, "esp_reason", "EAUTH" } } },
	{ "rows without a recipient: the file is an error, not a silent zero",
	  "import/csv-crm-de/no-recipient.csv", NULL, LR_AUTO, NULL, LR_CSV, 2, "0:no_recipients ",
	  0, { { 0, "recipient", "" } } },
	{ "neither UTF-8 nor Windows-1252: refused, naming the line",
	  "import/csv-crm-de/not-text.csv", NULL, LR_AUTO, NULL, LR_CSV, 0, "2:bad_charset ", 0,
	  { { 0 } } },
};

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		rl_run(&cases[i]);
}

static void test_bad_map(void)
{
	static const char *const bad[] = { "recipient", "nofield=x", "recipient=", "=x" };
	struct gcsv_map map;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sh_error err = { 0 };
		memset(&map, 0, sizeof(map));
		if (gcsv_parse_map(bad[i], &map, &err) == 0)
			fprintf(stderr, "  --map '%s' was accepted\n", bad[i]);
		CU_ASSERT_EQUAL(err.kind, SH_ERR_USAGE);
	}
}

static void test_inline_rows(void)
{
	static const struct {
		const char *name, *csv, *event, *severity, *esp;
	} t[] = {
		{ "a 2xx code is a delivery", "email,code\na@b.c,250\n", "delivered", "unknown", "smtp" },
		{ "status words", "email,status\na@b.c,Soft Bounce\n", "deferred", "temporary", "smtp" },
		{ "hotmail sender", "to,from,error\na@b.c,me@hotmail.de,550 5.5.0 no\n", "failed",
		  "permanent", "outlook" },
		{ "a tab-separated log", "recipient\tresponse\na@b.c\t421 4.7.0 later\n", "failed",
		  "temporary", "smtp" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct readlog rl;
		rl_init(&rl);
		rl_buffer(&rl, t[i].name, t[i].csv, strlen(t[i].csv), NULL, 0);
		TEST_LONG_EQ(rl.n, 1);
		TEST_STR_EQ(rl_get(&rl, 0, "event"), t[i].event);
		TEST_STR_EQ(rl_get(&rl, 0, "severity"), t[i].severity);
		TEST_STR_EQ(rl_get(&rl, 0, "esp"), t[i].esp);
		rl_release(&rl);
	}
}

/* German and English header names by their kind, as CRMs name their columns. */
static void test_header_kinds(void)
{
	static const struct {
		const char *csv, *field, *want;
	} t[] = {
		{ "Kunde E-Mail;Fehler\na@b.c;550 no\n", "recipient", "a@b.c" },
		{ "EMPF\xc3\x84NGER-ADRESSE;Fehler\na@b.c;550 no\n", "recipient", "a@b.c" },
		{ "Absender-E-Mail;Empf\xc3\xa4nger\ns@b.c;a@b.c\n", "sender", "s@b.c" },
		{ "Empf\xc3\xa4nger;Antwort des Servers\na@b.c;550 5.1.1 unknown\n", "message",
		  "550 5.1.1 unknown" },
		{ "E-Mail-Status;Empf\xc3\xa4nger\nzugestellt;a@b.c\n", "event", "delivered" },
		{ "Gesendet am;Empf\xc3\xa4nger\n16.11.2026 09:15;a@b.c\n", "timestamp",
		  "2026-11-16T09:15:00Z" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct readlog rl;
		rl_init(&rl);
		rl_buffer(&rl, "kinds.csv", t[i].csv, strlen(t[i].csv), NULL, 0);
		TEST_LONG_EQ(rl.n, 1);
		if (rl.n)
			TEST_STR_EQ(rl_get(&rl, 0, t[i].field), t[i].want);
		rl_release(&rl);
	}
}

/* A Windows-1252 export whose first umlaut comes after the first 64 KiB (read to detect
 * the format): converted from there on, not replaced by U+FFFD. */
static void test_late_umlaut(void)
{
	static const size_t chunks[] = { 0, 4096, 7 };
	struct strbuf csv;
	size_t c;
	int i;

	strbuf_init(&csv);
	strbuf_adds(&csv, "email;error\n");
	for (i = 0; i < 3000; i++)
		strbuf_addf(&csv, "user%d@example.com;550 5.1.1 unknown\n", i);
	strbuf_adds(&csv, "m.m\xfcller@example.com;550 5.1.1 Empf\xe4nger unbekannt\n");
	CU_ASSERT(csv.len > 65536 + 1000);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		struct readlog rl;
		rl_init(&rl);
		rl_buffer(&rl, "late.csv", csv.buf, csv.len, NULL, chunks[c]);
		TEST_LONG_EQ(rl.n, 3001);
		TEST_LONG_EQ(rl.st.repaired, 0);
		TEST_STR_EQ(rl.st.charset ? rl.st.charset : "(none)", "ISO-8859-1");
		CU_ASSERT_PTR_NOT_NULL(strstr(rl.out.buf, "\"recipient\":\"m.m\xc3\xbcller@example.com\""));
		CU_ASSERT_PTR_NOT_NULL(strstr(rl.out.buf, "Empf\xc3\xa4nger unbekannt"));
		rl_release(&rl);
	}
	strbuf_release(&csv);
}

static void test_date_order(void)
{
	static const struct {
		int order;
		const char *csv;
		long want_n;
		const char *want_ts, *want_skips; /* the first record's time */
	} t[] = {
		{ TIME_ORDER_DMY, "Date,Email\n05/06/2026,a@b.c\n", 1, "2026-06-05T00:00:00Z", "" },
		{ TIME_ORDER_MDY, "Date,Email\n05/06/2026,a@b.c\n", 1, "2026-05-06T00:00:00Z", "" },
		{ TIME_ORDER_AUTO, "Date,Email\n05/06/2026,a@b.c\n", 0, "", "2:ambiguous_date " },
		{ TIME_ORDER_AUTO, "Date,Email\n05/06/2026,a@b.c\n13/06/2026,b@b.c\n", 2,
		  "2026-06-05T00:00:00Z", "" },
		{ TIME_ORDER_MDY, "Date,Email\n13/06/2026,a@b.c\n", 0, "", "2:bad_timestamp " },
		{ TIME_ORDER_AUTO, "Datum;E-Mail-Adresse\n05.06.2026;a@b.c\n", 1,
		  "2026-06-05T00:00:00Z", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct logread_opts o;
		struct readlog rl;
		memset(&o, 0, sizeof(o));
		o.date_order = t[i].order;
		rl_init(&rl);
		rl_buffer(&rl, "dates.csv", t[i].csv, strlen(t[i].csv), &o, 0);
		TEST_LONG_EQ(rl.n, t[i].want_n);
		if (rl.n)
			TEST_STR_EQ(rl_get(&rl, 0, "timestamp"), t[i].want_ts);
		TEST_STR_EQ(rl.skips, t[i].want_skips);
		rl_release(&rl);
	}
}

static void test_messages(void)
{
	struct readlog rl;
	const char *amb = "Date,Email\n05/06/2026,a@b.c\n";
	const char *norcpt = "Kunde;Fehler\nX;550 no\n";

	rl_init(&rl);
	rl_buffer(&rl, "dates.csv", amb, strlen(amb), NULL, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, "ambiguous date '05/06/2026'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, "--date-order dmy or mdy"));
	rl_release(&rl);
	rl_init(&rl);
	rl_buffer(&rl, "crm.csv", norcpt, strlen(norcpt), NULL, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, "none of the 1 rows has one (header: Kunde, Fehler)"));
	rl_release(&rl);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "csv logs", test_cases },
		{ "bad --map values", test_bad_map },
		{ "rows read by their values", test_inline_rows },
		{ "German and English header names by their kind", test_header_kinds },
		{ "the first umlaut after 64 KiB", test_late_umlaut },
		{ "--date-order, and the order a file's rows settle", test_date_order },
		{ "messages name the cause and the way out", test_messages },
	};
	return test_run("generic_csv", tests, sizeof(tests) / sizeof(tests[0]));
}
