/* test_evidence_phrases.c - more wordings of the same kinds of reply
 * (report/match/evidence_phrases.c), in replies written for these tests.
 * Contract: test-only. */
#include "tests/report/match/evidence_cases.h"

static const struct reply_case replies[] = {
	{ "an address not in the directory", "550 anna@example.org: address not present in directory",
	  "recipient_invalid" },
	{ "an archived recipient", "550 Archived recipient, mail not taken", "recipient_invalid" },
	{ "a bad recipient", "550 Bad recipient anna@example.org", "recipient_invalid" },
	{ "a user the host cannot accept", "550 Can't accept user anna", "recipient_invalid" },
	{ "destination addresses unknown", "550 All destination addresses were unknown",
	  "recipient_invalid" },
	{ "an email address that could not be found",
	  "550 The email address could not be found on this server", "recipient_invalid" },
	{ "not an active address", "550 anna is not an active address at this host",
	  "recipient_invalid" },
	{ "a mailbox invalid", "550 Mailbox invalid: anna", "recipient_invalid" },
	{ "a mailbox not present", "550 Mailbox not present on this system", "recipient_invalid" },
	{ "no account by that name", "550 There is no account by that name here", "recipient_invalid" },
	{ "no mail box available", "550 No mail box available for this user", "recipient_invalid" },
	{ "no mailbox by that name", "550 No mailbox by that name on this host", "recipient_invalid" },
	{ "no mailbox found", "550 No mailbox found for anna", "recipient_invalid" },
	{ "a nonexistent user", "550 Nonexistent user anna", "recipient_invalid" },
	{ "a non-existent user", "550 Non-existent user: anna", "recipient_invalid" },
	{ "a non existent user", "550 Non existent user anna", "recipient_invalid" },
	{ "not a valid user", "550 anna is not a valid user here", "recipient_invalid" },
	{ "a recipient that is not local", "550 Recipient is not local to this server",
	  "recipient_invalid" },
	{ "no one at this address", "550 There is no one at this address", "recipient_invalid" },
	{ "an address that no longer takes mail", "550 This address no longer accepts mail",
	  "recipient_invalid" },
	{ "a bad-recipient list", "553 Sorry, your envelope recipient is in my badrcptto list",
	  "recipient_invalid" },
	{ "a valid-recipient list", "553 Sorry, this recipient is not in my validrcptto list",
	  "recipient_invalid" },
	{ "an unknown email address", "550 Unknown email address", "recipient_invalid" },
	{ "an unknown e-mail address", "550 Unknown e-mail address anna@example.org",
	  "recipient_invalid" },
	{ "an unknown virtual user", "vdeliver: invalid or unknown virtual user 'anna'",
	  "recipient_invalid" },
	{ "an invalid address", "550 Invalid address <anna@example.org>", "recipient_invalid" },
	{ "an unknown domain", "550 Unknown domain name example.invalid",
	  "recipient_invalid" },
	{ "an unroutable address", "550 Unroutable address", "recipient_invalid" },
	{ "a currently suspended mailbox", "550 The mailbox is currently suspended",
	  "recipient_invalid" },
	{ "a suspended user", "550 User suspended", "recipient_invalid" },
	{ "an inactive user", "550 Invalid or inactive user", "recipient_invalid" },
	{ "a deactivated mailbox", "550 anna is a deactivated mailbox", "recipient_invalid" },
	{ "a temporarily inactive recipient", "450 Recipient temporarily inactive",
	  "recipient_invalid" },
	{ "a discontinued account", "550 This account has been discontinued", "recipient_invalid" },
	{ "a locked account", "550 The account is locked, mail bounced", "recipient_invalid" },
	{ "a full mailbox", "452 Full mailbox, try later", "mailbox_full" },
	{ "a mailbox that would exceed its storage", "452 Mailbox would exceed its maximum storage",
	  "mailbox_full" },
	{ "not enough storage", "452 Not enough storage for this message", "mailbox_full" },
	{ "a quota violation", "452 Quota violation for anna", "mailbox_full" },
	{ "a mailbox without enough space", "452 anna does not have enough space",
	  "mailbox_full" },
	{ "a forwarding loop", "554 Mail forwarding loop for anna@example.org", "policy" },
	{ "a message looping", "554 Message looping between two hosts", "policy" },
	{ "a message that timed out", "Message timed out in the queue", "expired" },
	{ "not reachable within the queue period",
	  "The host was not reachable within the allowed queue period", "expired" },
	{ "a host that is unreachable", "connect to mx.example.org: host is unreachable",
	  "network_client" },
	{ "a malformed name server reply", "Malformed or unexpected name server reply",
	  "network_client" },
	{ "a configuration error", "451 Mail system configuration error", "transient" },
	{ "a misconfigured server", "451 The remote server is misconfigured", "transient" },
	{ "a queue file write error", "451 Queue file write error", "transient" },
	{ "an address that does not resolve", "550 Cannot resolve your address 203.0.113.5",
	  "dns_auth" },
	{ "not accepting mail from the IP", "550 We are not accepting mail from your IP now",
	  "reputation_block" },
	{ "a bogus MAIL FROM", "553 Bogus mail from address", "dns_auth" },
	{ "an invalid sender", "553 Invalid sender <x@example.org>", "dns_auth" },
	{ "a sender rejected", "553 Sender rejected", "dns_auth" },
	{ "empty envelope senders", "550 Empty envelope senders not allowed", "policy" },
	{ "a null sender", "550 Null sender is not allowed here", "policy" },
	{ "a BATV check", "550 BATV tag missing, bounce refused", "policy" },
	{ "a list that takes posts from members", "550 You are not allowed to post to this list",
	  "policy" },
	/* delay notices */
	{ "still undelivered", "Warning: your message is still undelivered after 6 hours",
	  "transient" },
	{ "will keep trying", "We will keep trying to deliver it for 4 more days", "transient" },
	{ "attempts will continue", "No luck yet; delivery attempts will continue", "transient" },
	{ "will be retried", "Deferred: the message will be retried later", "transient" },
};

static void test_replies(void)
{
	check_replies(replies, sizeof(replies) / sizeof(replies[0]));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "more wordings reach their category", test_replies },
	};

	return test_run("evidence_phrases", tests, sizeof(tests) / sizeof(tests[0]));
}
