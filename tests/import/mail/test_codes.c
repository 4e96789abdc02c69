/* test_codes.c - the codes of one failed recipient (import/mail/codes.h): the reply code
 * a diagnostic text quotes, never a port, an address's or IP's digits or a date; the
 * report's Status unless it only names the class; Exchange's "#550". Texts written for this
 * test. */
#include <stdio.h>
#include <string.h>

#include "import/mail/codes.h"
#include "tests/testlib.h"

static void test_codes(void)
{
	static const struct {
		const char *status, *diag, *enhanced;
		int code;
	} cases[] = {
		/* the plain reply */
		{ "5.1.1", "550 5.1.1 <ann@dest.example>: Recipient address rejected", "5.1.1", 550 },
		/* inside a sentence, after "said:" */
		{ "5.0.0", "host mx.dest.example[192.0.2.4] said: 554 5.7.1 Relay access denied",
		  "5.7.1", 554 },
		/* a class-only Status yields to the code after the reply code, not the first one */
		{ "5.0.0", "5.1.0 - Unknown address error 550-'5.7.1 <x@y.example>... Access denied'",
		  "5.7.1", 550 },
		/* a specific Status stays */
		{ "4.4.7", "554 4.4.2 Connection timed out", "4.4.7", 0 },
		/* "ResponseCode 421", with a port after "port" and in host:port */
		{ "4.4.1", "mx.other.example:587 said (ResponseCode 421, not reachable) port 465",
		  "4.4.1", 421 },
		/* "ERROR_CODE :550," */
		{ NULL, "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 User Unknown", "5.1.1",
		  550 },
		/* no reply code: an IP address, a date, a year */
		{ "5.0.0", "connection to 203.0.113.25 refused on 27 Feb 2026 at 23:45", "5.0.0", 0 },
		/* no Status: the text's code */
		{ NULL, "<<< 452 4.2.2 Mailbox full", "4.2.2", 452 },
		/* a reply code of the other class than the status is not this failure's */
		{ "4.4.1", "was 550 earlier; now 451 4.4.1 try later", "4.4.1", 451 },
		/* Exchange: "#550 5.1.1 …##", alone or after the host */
		{ "5.1.1", "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "5.1.1", 550 },
		{ NULL, "mx.far.example #554 5.7.1 Service unavailable ##", "5.7.1", 554 },
		/* a '#' inside a link is not one */
		{ NULL, "550 Invalid Recipient - https://help.example/DOC-1369#421 [x]", "", 550 },
		{ NULL, "see https://help.example/DOC-1369#550 [x]", "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char enh[16];
		int code = -1;
		mail_codes(cases[i].status, cases[i].diag, strlen(cases[i].diag), enh, &code);
		TEST_STR_EQ(enh, cases[i].enhanced);
		TEST_LONG_EQ(code, cases[i].code);
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "reply and enhanced codes of a diagnostic text", test_codes },
	};
	return test_run("codes", tests, sizeof(tests) / sizeof(tests[0]));
}
