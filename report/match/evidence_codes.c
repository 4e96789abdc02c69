/* evidence_codes.c - the enhanced status codes the evidence classifier (evidence.c) weighs
 * (RFC 3463's specific details and Microsoft's documented ones), the rule naming the MAIL
 * FROM stage, and the receiving providers it recognises by name. Each code has a unit
 * test with a reply written for it (tests/report/match/test_evidence.c).
 * Contract: static, read-only. */
#include "report/match/evidence_priv.h"

#define R(n, c, w, k) { n, CATEGORY_##c, w, k }

/* Enhanced codes by subject and detail ("X" for the class); generic ones (X.0.0, X.7.0,
 * X.5.0 …) say nothing and are not here. */
const struct evidence_rule evidence_code_rules[] = {
	R("X.1.1", RECIPIENT_INVALID, 4, "enhanced code"),
	R("X.1.10", RECIPIENT_INVALID, 4, "enhanced code"),
	R("X.1.2", RECIPIENT_INVALID, 3, "enhanced code"),
	R("X.1.6", RECIPIENT_INVALID, 3, "enhanced code"),
	R("X.1.7", DNS_AUTH, 3, "enhanced code"),
	R("X.1.8", DNS_AUTH, 3, "enhanced code"),
	R("X.2.2", MAILBOX_FULL, 4, "enhanced code"),
	R("X.2.3", MESSAGE_INVALID, 4, "enhanced code"),
	R("X.3.4", MESSAGE_INVALID, 4, "enhanced code"),
	R("X.5.3", MESSAGE_INVALID, 2, "enhanced code"),
	R("X.7.23", DNS_AUTH, 6, "enhanced code"),
	R("X.7.24", DNS_AUTH, 6, "enhanced code"),
	R("X.7.25", DNS_AUTH, 6, "enhanced code"),
	R("X.7.26", DNS_AUTH, 6, "enhanced code"),
	R("X.7.27", DNS_AUTH, 6, "enhanced code"),
	R("X.7.57", CREDENTIALS, 6, "Microsoft code"),
	R("X.7.501", REPUTATION_BLOCK, 8, "Microsoft code"),
	R("X.7.502", REPUTATION_BLOCK, 8, "Microsoft code"),
	R("X.7.511", REPUTATION_BLOCK, 8, "Microsoft code"),
	R("X.7.506", NETWORK_CLIENT, 6, "Microsoft code"),
	R("X.7.508", RATE_LIMIT, 8, "Microsoft code"),
	R("X.7.509", DNS_AUTH, 8, "Microsoft code"),
	R("X.7.512", MESSAGE_INVALID, 6, "Microsoft code"),
	R("X.7.708", REPUTATION_BLOCK, 8, "Microsoft code"),
	R("X.7.750", ACCOUNT, 6, "Microsoft code"),
	/* the tenant's own allow/block list refuses the recipient (its other 5.7.700-749
	 * codes: the tenant itself is blocked, evidence_ms_tenant) */
	R("X.7.703", POLICY, 6, "Microsoft code"),
	/* Microsoft's documented details (Exchange Online NDRs) */
	R("X.7.513", REPUTATION_BLOCK, 8, "Microsoft code"),
	R("X.7.520", POLICY, 6, "Microsoft code"),
	R("X.7.124", POLICY, 6, "Microsoft code"),
	R("X.7.133", POLICY, 6, "Microsoft code"),
	R("X.7.134", POLICY, 6, "Microsoft code"),
	R("X.7.135", POLICY, 6, "Microsoft code"),
	R("X.7.136", POLICY, 6, "Microsoft code"),
	R("X.2.121", RATE_LIMIT, 8, "Microsoft code"),
	R("X.2.122", RATE_LIMIT, 8, "Microsoft code"),
	R("X.1.90", RATE_LIMIT, 6, "Microsoft code"),
	R("X.4.310", RECIPIENT_INVALID, 6, "Microsoft code"),
	R("5.4.7", EXPIRED, 4, "enhanced code"),
	/* Exchange Online gave up: message expired (after a refused connection, a failed DNS
	 * query); its 4.4.3xx deferrals before that are connection problems */
	R("5.4.300", EXPIRED, 6, "Microsoft code"),
	R("5.4.312", EXPIRED, 6, "Microsoft code"),
	R("5.4.316", EXPIRED, 6, "Microsoft code"),
	R("4.4.7", TRANSIENT, 2, "enhanced code"),
	R("X.7.1", POLICY, 1, "enhanced code"),
};
const size_t evidence_ncode_rules = sizeof(evidence_code_rules) / sizeof(evidence_code_rules[0]);

/* Microsoft's documented range 5.7.606-5.7.649: the sending IP is banned. */
const struct evidence_rule evidence_ms_banned_ip =
	R("5.7.606-649", REPUTATION_BLOCK, 10, "Microsoft banned-IP code");

/* Microsoft's documented range 5.7.700-5.7.749: the sending tenant sent too much spam or
 * bulk mail and may not send until Microsoft lifts the block (an account matter). */
const struct evidence_rule evidence_ms_tenant =
	R("5.7.700-749", ACCOUNT, 8, "Microsoft tenant blocked");

/* Microsoft's documented range 4.7.500-4.7.699: the sending IP is throttled while it is
 * evaluated (new or suspicious): slow down and warm it up. */
const struct evidence_rule evidence_ms_throttled_ip =
	R("4.7.500-699", RATE_LIMIT, 10, "Microsoft throttled IP");

/* The reply answered MAIL FROM: its "no such user/domain" words are about the sender
 * (evidence_sender_stage); named in the evidence that decided. */
const struct evidence_rule evidence_mail_from_stage =
	R("mail from", DNS_AUTH, 1, "answered MAIL FROM");

/* The record is a final failure (the sender stopped retrying) and its reason temporary:
 * named first in the evidence of an "expired" decision (matcher_evidence.c). */
const struct evidence_rule evidence_final_failure =
	R("final failure", EXPIRED, 4, "gave up after retries");

/* "failed 20 attempts", "failed after 7 attempts": the sender counted its retries and gave
 * up (evidence.c reads the number). */
const struct evidence_rule evidence_failed_attempts =
	R("failed n attempts", EXPIRED, 6, "gave up");

/* Receiving providers (and block-list operators) as their replies name them; first found
 * in this order wins. */
const struct evidence_provider evidence_providers[] = {
	{ "mimecast", "Mimecast" },          { "pphosted", "Proofpoint" },
	{ "proofpoint", "Proofpoint" },      { "barracuda", "Barracuda" },
	{ "messagelabs", "Broadcom MessageLabs" },
	{ "outlook.com", "Microsoft" },      { "hotmail", "Microsoft" },
	{ "office365", "Microsoft" },        { "microsoft", "Microsoft" },
	{ "exchange online", "Microsoft" },  { "gsmtp", "Gmail" },
	{ "google", "Gmail" },               { "gmail", "Gmail" },
	{ "yahoo", "Yahoo/AOL" },            { "aol.com", "Yahoo/AOL" },
	{ "icloud", "iCloud" },              { "me.com", "iCloud" },
	{ "gmx", "GMX/Web.de" },             { "web.de", "GMX/Web.de" },
	{ "t-online", "T-Online" },          { "secureserver.net", "GoDaddy" },
	{ "godaddy", "GoDaddy" },            { "comcast", "Comcast" },
	{ "zoho", "Zoho" },                  { "yandex", "Yandex" },
	{ "mail.ru", "mail.ru" },            { "qq.com", "Tencent" },
	{ "tencent", "Tencent" },            { "orange.fr", "Orange" },
	{ "laposte", "La Poste" },           { "amazonses", "Amazon SES" },
	{ "cloudmark", "Cloudmark" },        { "spamhaus", "Spamhaus" },
};
const size_t evidence_nproviders = sizeof(evidence_providers) / sizeof(evidence_providers[0]);
