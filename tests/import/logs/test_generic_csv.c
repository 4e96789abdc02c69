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
	    { 0, "esp", "smtp" }, { 0, "timestamp", "" }, { 0, "enhanced_code", "5.1.1" } } },
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

int main(void)
{
	static const struct test_case tests[] = {
		{ "csv logs", test_cases },
		{ "bad --map values", test_bad_map },
		{ "rows read by their values", test_inline_rows },
	};
	return test_run("generic_csv", tests, sizeof(tests) / sizeof(tests[0]));
}
