/* test_mailgun.c - Mailgun logs in every shape the reference lists (page, concatenated
 * pages, array, JSON Lines, webhook payloads, Logs API) and its quirks, plus every genuine
 * Mailgun sample in ../shared/samples, each read whole and in small chunks. */
#include "tests/import/readlog.h"

static const struct rl_case cases[] = {
	{ "page", "import/mailgun-page/page.json", NULL, LR_AUTO, NULL, LR_MAILGUN, 3, "", 0,
	  { { 0, "source", "mailgun_events" }, { 0, "event", "failed" },
	    { 0, "severity", "temporary" }, { 0, "smtp_code", "421" },
	    { 0, "enhanced_code", "4.7.28" }, { 0, "recipient_domain", "gmail.com" },
	    { 0, "sending_domain", "mail.acme.io" }, { 0, "tags", "newsletter,nov" },
	    { 0, "message_id", "m1@mail.acme.io" }, { 0, "line", "3" },
	    { 1, "enhanced_code", "5.5.0" }, { 1, "esp_reason", "bounce" },
	    { 2, "event", "delivered" }, { 2, "timestamp", "2022-10-06T14:28:45Z" } } },
	{ "pages concatenated, the last one empty", "import/mailgun-pages-concat/pages.json",
	  NULL, LR_AUTO, NULL, LR_MAILGUN, 4, "", 0,
	  { { 3, "smtp_code", "602" }, { 3, "esp_reason", "old" }, { 3, "message", "Too old" },
	    { 3, "line", "86" }, { 3, "timestamp_unix", "1665070000.250000" } } },
	{ "array", "import/mailgun-array/events.json", NULL, LR_AUTO, NULL, LR_MAILGUN, 3, "", 0,
	  { { 0, "line", "2" }, { 1, "line", "43" }, { 2, "line", "61" } } },
	{ "JSON Lines", "import/mailgun-jsonl/events.jsonl", NULL, LR_AUTO, NULL, LR_MAILGUN, 3, "", 0,
	  { { 0, "line", "1" }, { 2, "line", "3" }, { 0, "sender", "news@Mail.Acme.io" },
	    { 0, "timestamp_unix", "1665066523.871657" } } },
	{ "webhook payloads in an array", "import/mailgun-webhook-array/webhooks.json", NULL,
	  LR_AUTO, NULL, LR_MAILGUN, 2, "", 0,
	  { { 0, "source", "mailgun_webhook" }, { 1, "recipient", "b@outlook.com" } } },
	{ "webhook payloads as JSON Lines, event-data first", "import/mailgun-webhook-jsonl/webhooks.jsonl",
	  NULL, LR_AUTO, NULL, LR_MAILGUN, 2, "", 0,
	  { { 0, "source", "mailgun_webhook" }, { 0, "severity", "permanent" },
	    { 1, "severity", "temporary" } } },
	{ "Logs API page", "import/mailgun-logs/logs.json", NULL, LR_AUTO, NULL, LR_MAILGUN, 2, "", 0,
	  { { 0, "source", "mailgun_logs" }, { 0, "timestamp_unix", "1720456218.530000" },
	    { 0, "sending_domain", "mail.acme.io" }, { 0, "subaccount", "12345" },
	    { 0, "smtp_code", "607" }, { 0, "esp_reason", "suppress-complaint" },
	    { 1, "event", "delivered" } } },
	{ "quirks: tags null, user-variables string, Too old, suppress-*, envelope {}",
	  "import/mailgun-quirks/quirks.jsonl", NULL, LR_AUTO, NULL, LR_MAILGUN, 5, "", 0,
	  { { 0, "smtp_code", "602" }, { 0, "esp_reason", "old" }, { 0, "tags", "" },
	    { 1, "smtp_code", "605" }, { 1, "esp_reason", "suppress-bounce" },
	    { 2, "smtp_code", "606" }, { 3, "smtp_code", "607" },
	    { 3, "description", "Not delivering to a user who marked your messages as spam" },
	    { 4, "enhanced_code", "4.7.0" }, { 4, "sending_domain", "" },
	    { 4, "esp_reason", "espblock" } } },
	{ "same id on the same day counts once", "import/mailgun-dupes/dupes.jsonl", NULL, LR_AUTO, NULL,
	  LR_MAILGUN, 2, "", 1, { { 0, "line", "1" }, { 1, "line", "3" } } },
	{ "bad lines are skipped, the rest is read", "import/mailgun-bad/bad.jsonl", NULL, LR_AUTO, NULL,
	  LR_MAILGUN, 2,
	  "2:bad_json 3:unknown_event 4:missing_timestamp 5:bad_timestamp 6:missing_recipient "
	  "9:not_an_event ",
	  0, { { 0, "line", "1" }, { 1, "line", "10" } } },
	/* genuine samples */
	{ "sample accepted", NULL, "mailgun-event-accepted.json", LR_AUTO, NULL, LR_MAILGUN, 1, "", 0,
	  { { 0, "event", "accepted" }, { 0, "sender", "sender@example.org" },
	    { 0, "timestamp_unix", "1529692198.641821" } } },
	/* a log's enhanced-code field is kept only when it is one (invalid UTF-8 in it made the
	 * report's enhanced_code vanish; fuzz_pipeline) */
	{ "enhanced codes that are not", "import/mailgun-bad-codes/codes.jsonl", NULL, LR_AUTO, NULL,
	  LR_MAILGUN, 3, "", 0,
	  { { 0, "enhanced_code", "" }, { 1, "enhanced_code", "" }, { 2, "enhanced_code", "5.1.1" } } },
	{ "sample delivered", NULL, "mailgun-event-delivered.json", LR_AUTO, NULL, LR_MAILGUN, 1, "", 0,
	  { { 0, "event", "delivered" }, { 0, "smtp_code", "250" }, { 0, "message", "OK" } } },
	{ "sample delayed bounce", NULL, "mailgun-event-failed-delayed-bounce.json", LR_AUTO, NULL,
	  LR_MAILGUN, 1, "", 0,
	  { { 0, "severity", "permanent" }, { 0, "smtp_code", "550" },
	    { 0, "enhanced_code", "5.1.1" }, { 0, "sender", "test@test.com" },
	    { 0, "recipient", "christest123@test.com" }, { 0, "recipient_domain", "test.com" } } },
	{ "sample failed permanent", NULL, "mailgun-event-failed-permanent.json", LR_AUTO, NULL,
	  LR_MAILGUN, 1, "", 0,
	  { { 0, "severity", "permanent" }, { 0, "smtp_code", "605" },
	    { 0, "esp_reason", "suppress-bounce" }, { 0, "recipient", "slava@mailgun.com" },
	    { 0, "description", "Not delivering to previously bounced address" } } },
	{ "sample failed temporary", NULL, "mailgun-event-failed-temporary.json", LR_AUTO, NULL,
	  LR_MAILGUN, 1, "", 0,
	  { { 0, "severity", "temporary" }, { 0, "smtp_code", "451" },
	    { 0, "enhanced_code", "4.7.652" }, { 0, "recipient_domain", "test.com" },
	    { 0, "esp_reason", "generic" }, { 0, "event_id", "xYrATi63Rke8EC_s7EoJeA" } } },
	{ "sample page accepted", NULL, "mailgun-events-page-accepted.json", LR_AUTO, NULL, LR_MAILGUN,
	  1, "", 0,
	  { { 0, "event", "accepted" }, { 0, "recipient_domain", "example.com" },
	    { 0, "sending_domain", "samples.mailgun.org" } } },
	{ "sample page failed (OpenAPI)", NULL, "mailgun-events-page-failed-openapi.json", LR_AUTO, NULL,
	  LR_MAILGUN, 1, "", 0,
	  { { 0, "recipient_provider", "Gmail" }, { 0, "smtp_code", "605" } } },
	{ "sample page rejected", NULL, "mailgun-events-page-rejected.json", LR_AUTO, NULL, LR_MAILGUN,
	  1, "", 0,
	  { { 0, "event", "rejected" }, { 0, "severity", "permanent" },
	    { 0, "recipient", "joan@example.org" },
	    { 0, "message", "Sandbox subdomains are for test purposes only. Please add your own "
			    "domain or add the address to authorized recipients in Account "
			    "Settings." } } },
	{ "sample page No MX", NULL, "mailgun-events-page.json", LR_AUTO, NULL, LR_MAILGUN, 1, "", 0,
	  { { 0, "severity", "temporary" }, { 0, "smtp_code", "498" },
	    { 0, "recipient", "bar@example.com" } } },
	{ "sample Logs API response", NULL, "mailgun-logs-api-response.json", LR_AUTO, NULL, LR_MAILGUN,
	  1, "", 0,
	  { { 0, "source", "mailgun_logs" }, { 0, "smtp_code", "680" },
	    { 0, "timestamp", "2024-07-08T16:30:18Z" }, { 0, "subaccount", "12345" },
	    { 0, "sending_domain", "example.com" } } },
	{ "sample webhook", NULL, "mailgun-webhook-permanent-fail.json", LR_AUTO, NULL, LR_MAILGUN, 1,
	  "", 0,
	  { { 0, "source", "mailgun_webhook" }, { 0, "esp_reason", "bounce" },
	    { 0, "message", "No Such User Here" }, { 0, "tags", "my_tag_1,my_tag_2" },
	    { 0, "sending_domain", "app.symfony.com" } } },
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
		{ "mailgun logs and samples", test_cases },
	};
	return test_run("mailgun", tests, sizeof(tests) / sizeof(tests[0]));
}
