/* test_evidence_docs.c - replies as providers and servers document them
 * (report/match/evidence_docs.c) and Microsoft's documented enhanced codes
 * (report/match/evidence_codes.c), in replies written for these tests.
 * Contract: test-only. */
#include "tests/report/match/evidence_cases.h"

static const struct reply_case replies[] = {
	/* providers' documented replies (report/match/evidence_docs.c) */
	{ "Outlook.com SC code",
	  "550 SC-001 (HOST) Unfortunately, messages from 203.0.113.5 weren't sent", "reputation_block" },
	{ "Outlook.com SC code for address harvesting", "550 SC-002 (HOST) refused", "reputation_block" },
	{ "Outlook.com SC code for an open relay", "550 SC-003 (HOST) refused", "reputation_block" },
	{ "Outlook.com SC code for complaints", "550 SC-004 (HOST) refused", "reputation_block" },
	{ "Outlook.com OU code", "550 OU-001 (HOST) Mail rejected for policy reasons", "reputation_block" },
	{ "Outlook.com OU code for content", "550 OU-002 (HOST) Mail rejected for policy reasons", "reputation_block" },
	{ "Outlook.com DY code", "550 DY-001 (HOST) we do not take mail from this address", "reputation_block" },
	{ "Outlook.com DY code for a compromised host", "550 DY-002 (HOST) refused", "reputation_block" },
	{ "Outlook.com RP code", "421 RP-001 (HOST) please slow your sending", "rate_limit" },
	{ "Outlook.com RP code per connection", "421 RP-002 (HOST) later", "rate_limit" },
	{ "Outlook.com RP code for connections", "421 RP-003 (HOST) later", "rate_limit" },
	{ "a bracketed Yahoo TSS code", "421 4.7.0 [TSS07] Messages from 203.0.113.5 deferred", "reputation_block" },
	{ "a bracketed Yahoo TS code", "421 4.7.0 [TS04] Messages from 203.0.113.5 deferred", "reputation_block" },
	{ "a bracketed Yahoo PH code", "554 5.7.9 Message not accepted [PH01]", "policy" },
	{ "excessive unknown recipients",
	  "553 5.7.2 Mail from 203.0.113.5 refused: excessive unknown recipients", "reputation_block" },
	{ "excessive invalid recipients", "554 Refused: excessive invalid recipients", "reputation_block" },
	{ "an unresolvable From: domain",
	  "554 5.7.9 Message not accepted: unresolvable RFC.5322 from domain", "dns_auth" },
	{ "a recipient receiving mail too quickly",
	  "450 4.2.1 The person you wrote to gets mail too quickly, try later", "rate_limit" },
	{ "a relay limit", "450 4.2.1 Peak SMTP relay limit reached for this customer", "rate_limit" },
	{ "an IP that may not send directly",
	  "550 5.7.1 This IP is not authorized to send email directly to us, use your provider's relay",
	  "reputation_block" },
	{ "no forward DNS for the PTR name",
	  "421 The name of 203.0.113.5 has no matching forward DNS entry", "dns_auth" },
	{ "IPv6 sending guidelines",
	  "550 5.7.1 Your message does not meet our IPv6 sending guidelines", "dns_auth" },
	{ "a policy that prohibits the mail",
	  "550 The recipient domain has a policy that prohibits this mail", "policy" },
	{ "a malformed message", "554 The message is malformed and was not accepted",
	  "message_invalid" },
	{ "a malformed message, other order", "554 Malformed message refused", "message_invalid" },
	{ "a header missing a valid value", "550 5.7.1 Mail missing a valid Date: header is refused",
	  "message_invalid" },
	{ "multiple From: addresses",
	  "550 5.7.1 Mail with multiple addresses in the From: header is refused", "message_invalid" },
	{ "encoded words where they are not allowed",
	  "550 5.7.1 Encoded-word syntax is not allowed in the To: header", "message_invalid" },
	{ "header size limits", "552 Your message is over our header size limits",
	  "message_invalid" },
	{ "an application-specific password",
	  "534 An application-specific password is required", "credentials" },
	{ "bare line feeds", "550 Bare linefeeds are not allowed", "message_invalid" },
	{ "bare line feeds, two words", "550 Message contains bare line feeds", "message_invalid" },
	{ "an outbound sender blocked", "550 5.1.8 Access denied, bad outbound sender",
	  "account" },
	/* Microsoft's enhanced codes */
	{ "a custom block list code", "550 5.7.513 Service unavailable, client host blocked",
	  "reputation_block" },
	{ "an external forwarding code", "550 5.7.520 Access denied by your organisation; the sender was rejected",
	  "policy" },
	{ "an allowed-senders code", "550 5.7.124 Sender not in the allowed senders list; the sender was rejected",
	  "policy" },
	{ "a group that needs authenticated senders",
	  "550 5.7.133 The sender was rejected, not authenticated for the group", "policy" },
	{ "a recipient's hourly receive limit",
	  "550 5.2.121 The recipient's hourly limit from this sender is reached", "rate_limit" },
	{ "a recipient's hourly receive limit overall",
	  "550 5.2.122 The recipient's hourly limit is reached", "rate_limit" },
	{ "a sender's daily recipient limit",
	  "550 5.1.90 You have reached your limit of recipients", "rate_limit" },
	{ "a destination domain not in DNS", "550 5.4.310 DNS domain example.invalid is gone",
	  "recipient_invalid" },
	/* providers' and servers' documented replies (report/match/evidence_docs.c) */
	{ "a group for authenticated senders only",
	  "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", "policy" },
	{ "a Comcast block code", "554 203.0.113.5 refused, see BL000010", "reputation_block" },
	{ "a Comcast rate code", "421 203.0.113.5 deferred, see RL000001", "rate_limit" },
	/* Orange's OFR codes, both spellings: the number after the underscore decides */
	{ "Orange: too many connections", "421 mx.example.fr Refus temporaire OFR004_104 [104]",
	  "rate_limit" },
	{ "Orange: no PTR", "550 5.7.1 Refus de votre IP OFR_107 [107]", "dns_auth" },
	{ "Orange: messages per connection", "421 Bitte langsamer OFR_109", "rate_limit" },
	{ "Orange: SPF (397)", "550 5.7.1 Refus du message OFR_397 [397]", "dns_auth" },
	{ "Orange: SPF (398)", "550 5.7.1 Refus du message OFR006_398", "dns_auth" },
	{ "Orange: suspected spam", "550 5.2.0 Refus du message. OFR_506 [506]", "reputation_block" },
	{ "Orange: DMARC", "550 5.7.1 Refus du message OFR_515", "dns_auth" },
	{ "Orange: no DKIM", "550 5.7.1 Refus du message OFR_535 [535]", "dns_auth" },
	{ "Orange: suspected spam (536)", "550 5.7.1 Refus du message OFR_536", "reputation_block" },
	{ "Orange: reputation limit (988)", "421 4.7.0 Ralentissez OFR_988", "reputation_block" },
	{ "Orange: reputation limit (989)", "421 4.7.0 Ralentissez OFR_989", "reputation_block" },
	{ "Orange: reputation limit (990)", "421 4.7.0 Ralentissez OFR_990", "reputation_block" },
	{ "Orange: IP suspended", "421 mx.example.fr Suspendu OFR_999 [999]", "reputation_block" },
	{ "Orange: an undocumented number says nothing", "550 5.7.1 Refus du message OFR_777",
	  "policy" },
	{ "Orange: a longer number is not a code", "550 Refus du message OFR_5060", "unknown" },
	{ "Proofpoint's IP check",
	  "521 Refused, see https://ipcheck.proofpoint.com/?ip=203.0.113.5", "reputation_block" },
	{ "NetEase's spam code", "554 DT:SPM refused", "reputation_block" },
};

static void test_replies(void)
{
	check_replies(replies, sizeof(replies) / sizeof(replies[0]));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "documented replies and codes reach their category", test_replies },
	};

	return test_run("evidence_docs", tests, sizeof(tests) / sizeof(tests[0]));
}
