/* test_sendgrid_csv.c - SendGrid's Email Activity CSV export: detected by its header, its
 * own column names (processed, type, username, reason) and event words, "sendgrid" as the
 * ESP, a dropped row's reason as its ESP reason, a row without a time skipped. */
#include "tests/import/readlog.h"

static const struct rl_case cases[] = {
	{ "activity CSV", "import/sendgrid-activity-csv/activity.csv", NULL, LR_AUTO, NULL,
	  LR_SENDGRID_CSV, 6, "8:missing_timestamp ", 0,
	  { { 0, "source", "sendgrid_activity_csv" }, { 0, "event", "bounce" },
	    { 0, "enhanced_code", "5.1.1" }, { 0, "tags", "welcome,b2b" },
	    { 0, "subaccount", "shopuser" }, { 0, "esp", "sendgrid" },
	    { 1, "event", "blocked" }, { 2, "event", "complained" }, { 3, "event", "unsubscribed" },
	    { 4, "event", "delivered" }, { 5, "event", "dropped" },
	    { 5, "esp_reason", "Bounced Address" } } },
};

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		rl_run(&cases[i]);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "the Email Activity export", test_cases },
	};
	return test_run("sendgrid_csv", tests, sizeof(tests) / sizeof(tests[0]));
}
