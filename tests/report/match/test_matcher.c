/* test_matcher.c - matcher_classify on single replies against the embedded catalogue: the
 * normalisation of multi-line replies, the fall-back to the code class, and generic
 * phrases that must (or must not) reach a category, as a user would paste them; the
 * record's severity turning a temporary reason in a final failure into "expired". */
#include <stdio.h>
#include <string.h>

#include "report/match/matcher.h"
#include "catalogue/store.h"
#include "tests/testlib.h"

static struct catalogue *cat;
static struct matcher *m;

struct case_ {
	const char *name;
	int smtp;
	const char *enhanced;
	const char *text;
	const char *want; /* category name */
};

static const struct case_ cases[] = {
	{ "repeated line prefixes of a folded reply do not split a phrase", 550, "5.2.1",
	  "host alt1.gmail-smtp-in.l.google.com said: 550-5.2.1 The user you are trying to "
	  "contact is receiving mail at a rate that 550-5.2.1 prevents additional messages from "
	  "being delivered. For more 550-5.2.1 information, please visit 550 5.2.1 "
	  "https://support.google.com/mail/?p=ReceivingRate - gsmtp",
	  "rate_limit" },
	{ "the first reply code is kept for patterns that name it", 555, "5.5.2",
	  "host mx said: 555 5.5.2 Syntax error. g3si9.7 - gsmtp", "message_invalid" },
	{ "a 4xx with an undefined X.0.0 status is a temporary failure", 451, "4.0.0",
	  "451 zork happened", "transient" },
	{ "a DSN status without a reply code still gives the class", 0, "4.0.0", "zork happened",
	  "transient" },
	{ "a 5xx with an undefined status stays unknown", 550, "5.0.0", "550 zork happened",
	  "unknown" },
	{ "qmail's give-up suffix does not hide the cause", 450, "4.2.2",
	  "Remote host said: 450 4.2.2 <a@example.jp>... Mailbox Full Giving up on 192.0.2.1. "
	  "I'm not going to try again; this message has been in the queue too long.",
	  "mailbox_full" },
	{ "a policy text outranks the X.7.9 code Yahoo reuses", 554, "5.7.9",
	  "554 5.7.9 Message not accepted for policy reasons. See "
	  "https://postmaster.yahooinc.com/error-codes", "policy" },
	{ "a header rejection is a message to fix, not a policy", 550, "5.7.1",
	  "Messages missing a valid Message-ID: header are not accepted. For more information, go "
	  "to Email sender guidelines and review RFC 5322 specifications.", "message_invalid" },
	{ "a null MX means the address cannot receive", 0, "4.0.0",
	  "DNS Error: DNS type 'mx' lookup of example.org responded with code NOERROR The domain "
	  "example.org doesn't receive email according to the administrator: returned Null MX",
	  "recipient_invalid" },
	{ "an SPF failure from any server is DNS work", 550, NULL,
	  "550 Bad SPF records for [example.org:192.0.2.2], see http://spf.pobox.com/", "dns_auth" },
	/* a catalogue row that leaves the category open (X.2.0 "other mailbox status", a
	 * pattern row without a category) lends nothing: the code class and the words decide */
	{ "an open X.2.0 row does not hide a 4xx asking to retry", 421, "4.2.0",
	  "421 4.2.0 mx7.example.org busy: service refused for now, please try again later",
	  "transient" },
	{ "an open X.2.0 row does not hide a 4xx, whatever the words", 450, "4.2.0",
	  "450 4.2.0 zork happened", "transient" },
	{ "an open pattern row does not hide a 4xx asking to retry", 451, NULL,
	  "451 error: mail refused for the moment, try again later", "transient" },
	{ "a 5xx with an open X.2.0 status stays unknown, no guessed removal", 550, "5.2.0",
	  "550 5.2.0 zork happened", "unknown" },
	{ "a blocklist outranks the generic 'service unavailable'", 554, "5.7.1",
	  "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
	  "reputation_block" },
};

/* The record's severity: a reason that is temporary by nature in a final failure (the
 * sender retried until it gave up) is "expired"; in a deferral, or where the severity is
 * not known (explain), it stays what the words say; a permanent refusal or a reason worth
 * fixing as such (TLS, a block list) is never "expired". Replies written for this test. */
struct sev_case {
	const char *name;
	enum sh_severity sev;
	int smtp;
	const char *text;
	const char *want;     /* category name */
	const char *provider; /* the sending ESP, or NULL */
};

static const struct sev_case sev_cases[] = {
	{ "a refused connection, given up on", SEV_PERMANENT, 0,
	  "mail.example.net[192.0.2.40]: Connection refused", "expired", NULL },
	{ "a refused connection, still retried", SEV_TEMPORARY, 0,
	  "mail.example.net[192.0.2.40]: Connection refused", "network_client", NULL },
	{ "a refused connection, severity unknown", SEV_UNKNOWN, 0,
	  "mail.example.net[192.0.2.40]: Connection refused", "network_client", NULL },
	{ "a DNS lookup to retry, given up on", SEV_PERMANENT, 0,
	  "Name service error for name=example.net type=MX: Host not found, try again",
	  "expired", NULL },
	{ "a timed-out greeting with a 4xx, given up on", SEV_PERMANENT, 421,
	  "421 mx.example.net timed out while waiting for the greeting", "expired", NULL },
	{ "a delay notice, still retried", SEV_TEMPORARY, 451,
	  "451 delivery to a@example.net delayed, please try later", "transient", NULL },
	{ "the same delay, given up on", SEV_PERMANENT, 451,
	  "451 delivery to a@example.net delayed, please try later", "expired", NULL },
	{ "greylisting, still retried", SEV_TEMPORARY, 451,
	  "451 4.7.1 Greylisted for 5 minutes, come back then", "transient", NULL },
	{ "greylisting never passed, given up on", SEV_PERMANENT, 451,
	  "451 4.7.1 Greylisted for 5 minutes, come back then", "expired", NULL },
	{ "an ESP's own words are never overruled", SEV_PERMANENT, 0,
	  "Turret client: server connection failed", "transient", "mailgun" },
	{ "a 5xx refusal is no expiry, even in a final failure", SEV_PERMANENT, 554,
	  "554 No SMTP service here, connection refused", "network_client", NULL },
	{ "a TLS failure stays worth fixing as such", SEV_PERMANENT, 0,
	  "TLS handshake failed with mx.example.net; connection timed out", "network_client",
	  NULL },
	{ "a block list outweighs a refused connection", SEV_PERMANENT, 0,
	  "Connection refused: 192.0.2.40 is listed at zen.spamhaus.org", "reputation_block",
	  NULL },
};

static void test_severity(void)
{
	size_t i;

	for (i = 0; i < sizeof(sev_cases) / sizeof(sev_cases[0]); i++) {
		struct match_input in;
		struct match_result r;
		const char *got;

		memset(&in, 0, sizeof(in));
		in.smtp_code = sev_cases[i].smtp;
		in.severity = sev_cases[i].sev;
		in.provider = sev_cases[i].provider;
		in.text = sev_cases[i].text;
		matcher_classify(m, &in, &r);
		got = category_name(r.category);
		if (strcmp(got, sev_cases[i].want))
			fprintf(stderr, "  %s: got %s (%s), want %s\n", sev_cases[i].name, got,
				r.entry ? r.entry->f[CAT_ID] : r.how, sev_cases[i].want);
		CU_ASSERT(!strcmp(got, sev_cases[i].want));
		/* the evidence names the final failure first */
		if (!strcmp(sev_cases[i].want, "expired"))
			CU_ASSERT(r.nwhy > 0 && !strcmp(r.why[0]->kind, "gave up after retries"));
	}
}

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct match_input in;
		struct match_result r;
		const char *got;

		memset(&in, 0, sizeof(in));
		in.smtp_code = cases[i].smtp;
		in.enhanced = cases[i].enhanced;
		in.text = cases[i].text;
		matcher_classify(m, &in, &r);
		got = category_name(r.category);
		if (strcmp(got, cases[i].want))
			fprintf(stderr, "  %s: got %s (%s), want %s\n", cases[i].name, got,
				r.entry ? r.entry->f[CAT_ID] : r.how, cases[i].want);
		CU_ASSERT(!strcmp(got, cases[i].want));
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "single replies reach the category a person would pick", test_cases },
		{ "a temporary reason in a final failure is expired", test_severity },
	};
	struct sh_error err = { 0 };
	int rc;

	cat = catalogue_load_embedded(&err);
	if (!cat) {
		fprintf(stderr, "matcher: %s\n", err.msg);
		return 1;
	}
	m = matcher_new(cat);
	rc = test_run("matcher", tests, sizeof(tests) / sizeof(tests[0]));
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}
