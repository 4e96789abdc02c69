/* test_sendgrid.c - SendGrid Event Webhook batches (array, JSON Lines, batches per line),
 * suppression lists (as the API returns them and as our fetcher writes them), and every
 * genuine SendGrid sample in ../shared/samples (the Email Activity CSV: test_sendgrid_csv.c). */
#include "tests/import/readlog.h"

#include "import/logs/sendgrid.h"

static const struct rl_case cases[] = {
	{ "every event kind", "import/sendgrid-events/events.json", NULL, LR_AUTO, NULL, LR_SENDGRID, 8,
	  "", 1,
	  { { 0, "event", "bounce" }, { 0, "severity", "permanent" }, { 0, "smtp_code", "550" },
	    { 0, "enhanced_code", "5.1.1" }, { 0, "tags", "welcome,b2b" },
	    { 0, "bounce_classification", "Invalid Address" }, { 0, "esp_reason", "bounce" },
	    { 0, "sending_domain", "shop.example" }, { 0, "sender", "news@Shop.example" },
	    { 1, "event", "blocked" }, { 1, "severity", "temporary" },
	    { 1, "timestamp_unix", "1700000001" }, { 2, "timestamp_unix", "1700000002" },
	    { 3, "esp_reason", "Unsubscribed Address" } } },
	{ "every event kind, continued", "import/sendgrid-events/events.json", NULL, LR_AUTO, NULL,
	  LR_SENDGRID, 8, "", 1,
	  { { 2, "event", "deferred" }, { 2, "severity", "temporary" }, { 2, "smtp_code", "451" },
	    { 3, "event", "dropped" }, { 3, "severity", "permanent" }, { 4, "event", "accepted" },
	    { 4, "tags", "promo" }, { 5, "event", "complained" }, { 6, "event", "unsubscribed" },
	    { 7, "event", "delivered" }, { 7, "message", "250 OK" } } },
	{ "JSON Lines", "import/sendgrid-jsonl/events.jsonl", NULL, LR_AUTO, NULL, LR_SENDGRID, 3, "", 0,
	  { { 2, "line", "3" }, { 2, "event", "deferred" } } },
	{ "one batch per line", "import/sendgrid-batches/batches.jsonl", NULL, LR_AUTO, NULL, LR_SENDGRID,
	  4, "", 0, { { 1, "line", "1" }, { 2, "line", "2" }, { 3, "event", "dropped" } } },
	{ "suppressions from fetch sendgrid", "import/sendgrid-fetched/suppressions.jsonl", NULL,
	  LR_AUTO, NULL, LR_SENDGRID, 4, "5:unknown_event ", 0,
	  { { 0, "source", "sendgrid_suppression" }, { 0, "event", "bounce" },
	    { 0, "esp_reason", "bounce" }, { 1, "event", "blocked" }, { 1, "severity", "temporary" },
	    { 2, "event", "bounce" }, { 2, "esp_reason", "invalid_email" },
	    { 2, "bounce_classification", "Invalid Address" }, { 3, "event", "complained" },
	    { 3, "timestamp", "2015-09-30T22:12:37Z" } } },
	/* genuine samples */
	{ "sample webhook: every kind, placeholder ids kept apart", NULL, "sendgrid-webhook.json",
	  LR_AUTO, NULL, LR_SENDGRID, 11, "", 0,
	  { { 0, "event", "accepted" }, { 1, "event", "deferred" }, { 2, "event", "delivered" },
	    { 3, "event", "opened" }, { 4, "event", "clicked" }, { 5, "event", "bounce" },
	    { 6, "event", "dropped" }, { 7, "event", "complained" }, { 8, "event", "unsubscribed" },
	    { 9, "event", "unsubscribed" }, { 10, "event", "other" }, { 5, "smtp_code", "500" },
	    { 1, "recipient_domain", "test.com" } } },
	{ "sample bounce", NULL, "sendgrid-webhook-bounce.json", LR_AUTO, NULL, LR_SENDGRID, 1, "", 0,
	  { { 0, "event", "bounce" }, { 0, "enhanced_code", "5.0.0" },
	    { 0, "message", "500 unknown recipient" }, { 0, "tags", "cat facts" },
	    { 0, "message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0" } } },
	{ "sample blocked", NULL, "sendgrid-webhook-blocked.json", LR_AUTO, NULL, LR_SENDGRID, 1, "", 0,
	  { { 0, "event", "blocked" }, { 0, "severity", "temporary" },
	    { 0, "esp_reason", "blocked" } } },
	{ "sample deferred", NULL, "sendgrid-webhook-deferred.json", LR_AUTO, NULL, LR_SENDGRID, 1, "", 0,
	  { { 0, "event", "deferred" }, { 0, "smtp_code", "400" } } },
	{ "sample dropped", NULL, "sendgrid-webhook-dropped.json", LR_AUTO, NULL, LR_SENDGRID, 1, "", 0,
	  { { 0, "event", "dropped" }, { 0, "esp_reason", "Bounced Address" } } },
	{ "sample category array", NULL, "sendgrid-webhook-category-array.json", LR_AUTO, NULL,
	  LR_SENDGRID, 2, "", 0,
	  { { 0, "tags", "newuser,transactional" }, { 1, "tags", "olduser" } } },
	{ "sample single send: 13-digit timestamp", NULL, "sendgrid-webhook-singlesend.json",
	  LR_AUTO, NULL, LR_SENDGRID, 1, "", 0,
	  { { 0, "timestamp_unix", "1591726752.372000" }, { 0, "tags", "" },
	    { 0, "timestamp", "2020-06-09T18:19:12Z" } } },
	{ "sample bounces list", NULL, "sendgrid-bounces.json", LR_AUTO, NULL, LR_SENDGRID, 2, "", 0,
	  { { 0, "event", "bounce" }, { 0, "enhanced_code", "5.1.1" }, { 0, "smtp_code", "550" },
	    { 1, "message", "550 5.1.1 <testemail2@testing.com>: Recipient address rejected: User "
			    "unknown in virtual alias table " } } },
	{ "sample blocks list", NULL, "sendgrid-blocks.json", LR_AUTO, NULL, LR_SENDGRID, 2, "", 0,
	  { { 0, "event", "blocked" }, { 0, "enhanced_code", "4.0.0" } } },
	{ "sample invalid emails", NULL, "sendgrid-invalid-emails.json", LR_AUTO, NULL, LR_SENDGRID, 2,
	  "", 0, { { 0, "event", "bounce" }, { 0, "bounce_classification", "Invalid Address" } } },
	{ "sample spam reports", NULL, "sendgrid-spam-reports.json", LR_AUTO, NULL, LR_SENDGRID, 2, "", 0,
	  { { 0, "event", "complained" }, { 1, "recipient", "user2@example.com" } } },
};

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		rl_run(&cases[i]);
}

static void test_event_names(void)
{
	static const struct {
		const char *name, *type;
		enum sh_event want;
		enum sh_severity sev;
	} t[] = {
		{ "bounce", "blocked", EV_BLOCKED, SEV_TEMPORARY },
		{ "Bounce", "bounce", EV_BOUNCE, SEV_PERMANENT },
		{ "spam report", "", EV_COMPLAINED, SEV_UNKNOWN },
		{ "group unsubscribe", "", EV_UNSUBSCRIBED, SEV_UNKNOWN },
		{ "group_resubscribe", "", EV_OTHER, SEV_UNKNOWN },
		{ "deferred", "", EV_DEFERRED, SEV_TEMPORARY },
		{ "processed", "", EV_ACCEPTED, SEV_UNKNOWN },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		enum sh_severity sev;
		enum sh_event ev = sendgrid_event(t[i].name, strlen(t[i].name), t[i].type,
						  strlen(t[i].type), &sev);
		TEST_STR_EQ(record_event_name(ev), record_event_name(t[i].want));
		TEST_STR_EQ(record_severity_name(sev), record_severity_name(t[i].sev));
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "sendgrid logs and samples", test_cases },
		{ "sendgrid event names", test_event_names },
	};
	return test_run("sendgrid", tests, sizeof(tests) / sizeof(tests[0]));
}
