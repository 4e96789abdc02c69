/* test_nodemailer.c - Nodemailer error objects as JSON Lines: one record per rejectedErrors
 * item, EAUTH and timeouts, the provider told by the server's reply, and the JavaScript
 * object literal of the documentation, which is refused with a clear reason. */
#include "tests/import/readlog.h"

static const struct rl_case cases[] = {
	{ "errors as JSON Lines", "import/nodemailer/errors.jsonl", NULL, LR_AUTO, NULL, LR_NODEMAILER, 6,
	  "", 0,
	  { { 0, "recipient", "x@example.com" }, { 0, "severity", "permanent" },
	    { 0, "smtp_code", "550" }, { 0, "esp_reason", "EENVELOPE" },
	    { 0, "timestamp", "2024-07-08T10:00:00Z" }, { 0, "sending_domain", "agency.example" },
	    { 1, "recipient", "y@example.com" }, { 1, "severity", "temporary" },
	    { 1, "enhanced_code", "4.2.0" }, { 2, "esp", "gmail" }, { 2, "esp_reason", "EAUTH" },
	    { 2, "enhanced_code", "5.7.8" }, { 3, "esp", "outlook" },
	    { 3, "severity", "temporary" } } },
	{ "errors, continued", "import/nodemailer/errors.jsonl", NULL, LR_AUTO, NULL, LR_NODEMAILER, 6, "",
	  0,
	  { { 3, "message", "Connection timeout" }, { 4, "recipient", "z@example.com" },
	    { 4, "smtp_code", "421" }, { 5, "recipient", "only@example.com" },
	    { 2, "description", "Invalid login: 535-5.7.8 Username and Password not accepted." },
	    { 2, "event", "failed" }, { 2, "source", "nodemailer" } } },
	{ "the documentation's JavaScript literal", NULL, "nodemailer-error-eauth.js.txt", LR_AUTO, NULL,
	  LR_AUTO, 0, "0:bad_json ", 0, { { 0 } } },
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
		{ "nodemailer errors", test_cases },
	};
	return test_run("nodemailer", tests, sizeof(tests) / sizeof(tests[0]));
}
