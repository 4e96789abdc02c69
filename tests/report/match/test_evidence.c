/* test_evidence.c - the evidence classifier (report/match/evidence*.c) through
 * matcher_classify with the built-in catalogue: replies written for these tests (none from
 * the corpora), one or more per kind of evidence, each with the category a deliverability
 * expert would give it; strong evidence over weak words and generic codes; the honest
 * unknown; the provider named in the text; and that every rule's words can occur in a
 * normalised reply at all. */
#include <stdio.h>
#include <string.h>

#include "catalogue/store.h"
#include "report/match/evidence_priv.h"
#include "report/match/matcher.h"
#include "tests/testlib.h"
#include "util/smtp_codes.h"
#include "util/strbuf.h"
#include "util/text.h"

static struct catalogue *cat;
static struct matcher *m;

struct reply {
	const char *name;
	const char *provider; /* the sending ESP, or NULL */
	const char *text;
	const char *want;     /* category */
};

static const struct reply replies[] = {
	/* a block list named beside weak connection words */
	{ "block list beats 'connection refused'", NULL,
	  "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
	  "b.barracudacentral.org; connection refused", "reputation_block" },
	{ "Cloudmark by name", NULL,
	  "550 Mail from 198.51.100.7 refused, the address is listed by Cloudmark; connection refused",
	  "reputation_block" },
	{ "a provider's own block list tag", NULL,
	  "554 IP=198.51.100.7 - Your mail was rejected by the receiving network. (BL)",
	  "reputation_block" },
	{ "Spamhaus beats a generic X.7.1", NULL,
	  "550 5.7.1 Client 198.51.100.7 appears on the Spamhaus ZEN list", "reputation_block" },
	{ "too many invalid recipients is reputation, not an invalid recipient", NULL,
	  "550 5.7.1 The IP 203.0.113.5 is blocked after too many invalid recipients",
	  "reputation_block" },
	{ "spam content (a filter appliance, not the ESP's own checker)", NULL,
	  "550 5.7.1 Your message was refused: spam content detected", "reputation_block" },
	{ "Microsoft banned-IP range", NULL, "550 5.7.612 Access denied, sender IP is banned",
	  "reputation_block" },
	{ "Microsoft S3xxx code", NULL,
	  "550 Messages from 203.0.113.5 were not accepted (S3140); ask for delisting",
	  "reputation_block" },
	{ "Yahoo TSS code", NULL,
	  "421 4.7.0 [TSS04] Messages from 203.0.113.5 deferred for now", "reputation_block" },
	{ "Yahoo BL code", NULL, "553 5.7.1 [BL23] Connection from 203.0.113.5 not accepted",
	  "reputation_block" },
	{ "GoDaddy IB code", NULL, "554 203.0.113.5 refused IB401 - see the help page",
	  "reputation_block" },
	/* volume and rate in words, no code */
	{ "messages per hour", NULL, "421 Too many messages this hour from you, come back later",
	  "rate_limit" },
	{ "messages per session", NULL, "452 Max number of messages per session was reached",
	  "rate_limit" },
	{ "sessions per IP", NULL, "421 Too many sessions from 203.0.113.5, closing", "rate_limit" },
	{ "GoDaddy volume code", NULL, "550 IB607 sending volume exceeded", "rate_limit" },
	/* the sender's DNS and authentication */
	{ "the sender's DNS records (not the recipient's mailbox)", NULL,
	  "550 sender example.org: invalid DNS MX or A/AAAA resource record", "dns_auth" },
	{ "header anti-spoofing", NULL,
	  "550 Refused by header based Anti-Spoofing policy: bob@example.org", "dns_auth" },
	{ "Gmail's newer 5.7.26 wording", NULL,
	  "550 5.7.26 This mail was blocked because the sending domain is unauthenticated; "
	  "authenticate it with SPF or DKIM", "dns_auth" },
	{ "a message without authentication information", NULL,
	  "550-5.7.1 This mail does not have authentication information for the sending domain",
	  "dns_auth" },
	{ "a failed Sender ID check", NULL,
	  "550 5.7.1 Sender ID check failed: cannot verify the purported responsible address",
	  "dns_auth" },
	{ "no PTR record", NULL, "550 5.7.1 Host 203.0.113.5 has no PTR record", "dns_auth" },
	{ "an invalid From: domain", NULL,
	  "550 5.1.8 From: domain is invalid, send from a domain that resolves", "dns_auth" },
	/* content, virus, size, headers */
	{ "a virus", NULL, "554 5.7.1 Virus found in attachment invoice.zip", "policy" },
	{ "a missing From:", NULL, "550 5.6.0 Missing From: header in the message",
	  "message_invalid" },
	{ "size", NULL, "552 5.3.4 Message size exceeds the limit of this server",
	  "message_invalid" },
	{ "a duplicated header", NULL, "554 Duplicate header 'Subject' found", "message_invalid" },
	/* login, HELO, TLS, relay, greylisting */
	{ "authentication not allowed", NULL, "535 5.7.0 Authentication not allowed on this port",
	  "credentials" },
	{ "HELO rejected", NULL,
	  "504 5.5.2 <box>: Helo command rejected: need fully-qualified hostname",
	  "network_client" },
	{ "TLS required", NULL, "530 5.7.0 TLS required for this recipient", "policy" },
	{ "relaying denied", NULL, "554 5.7.1 <bob@example.net>: Relay access denied", "policy" },
	{ "greylisting", NULL, "450 4.7.1 Greylisted, please come back in 5 minutes",
	  "transient" },
	/* recipients and mailboxes */
	{ "user unknown", NULL, "550 5.1.1 Sorry, no such user here", "recipient_invalid" },
	{ "mailbox full", NULL, "452 4.2.2 Mailbox full, try again later", "mailbox_full" },
	/* the sender's own domain does not exist: outweighs the catalogue's recipient domain */
	{ "the sender's domain does not exist", NULL,
	  "550 5.7.1 Sender domain does not exist: example.invalid", "dns_auth" },
	{ "the sender's domain was not found", NULL, "550 Sender domain not found (example.invalid)",
	  "dns_auth" },
	{ "sendmail: domain of sender address", NULL,
	  "553 Domain of sender address a@example.invalid does not exist", "dns_auth" },
	{ "the sender's domain must exist", NULL, "501 Sender domain must exist", "dns_auth" },
	{ "a mailbox unavailable for now", NULL, "local delivery: mailbox temporarily unavailable",
	  "mailbox_full" },
	{ "a mailbox unavailable for now (is)", NULL,
	  "The mailbox is temporarily unavailable, try later", "mailbox_full" },
	{ "an IP that is block listed", NULL, "554 Your IP address is block listed here",
	  "reputation_block" },
	{ "an IP that is black listed", NULL, "554 Sender IP black listed by this site",
	  "reputation_block" },
	{ "a mailbox size limit is not a message size", NULL,
	  "552 Requested action aborted: mailbox size limit exceeded for bob", "mailbox_full" },
	{ "the classic Exchange user unknown", NULL,
	  "550 Requested action not taken: mailbox unavailable", "recipient_invalid" },
	{ "Exim's unrouteable address", NULL, "550 Unrouteable address", "recipient_invalid" },
	{ "a null MX domain", NULL, "556 5.1.10 Recipient domain has a null MX", "recipient_invalid" },
	{ "classified as spam", NULL, "554 Your message was classified as spam and refused",
	  "reputation_block" },
	{ "a daily sending quota", NULL, "550 Daily sending quota exceeded for this account",
	  "rate_limit" },
	{ "a disabled account", NULL, "550 The account is disabled", "recipient_invalid" },
	/* delay and loops */
	{ "a 4.4.7 delay is not giving up", NULL, "451 4.4.7 Message delayed", "transient" },
	{ "a mail loop is a policy stop, not the sender's network", NULL,
	  "554 5.4.6 Hop count exceeded - possible mail loop", "policy" },
	/* the recipient's server could not be reached and the sender gave up */
	{ "an MTA timing out on the recipient's MX gave up", NULL,
	  "connect to mx2.example.net[198.51.100.20]:25: Connection timed out", "expired" },
	{ "a provider that could not connect to the recipient's server", NULL,
	  "The recipient server did not accept our requests to connect for 5 days", "expired" },
	{ "Exchange reporting its target host unreachable", NULL,
	  "Error encountered while communicating with primary target IP address: "
	  "no reply from 198.51.100.3", "expired" },
	/* the cause outweighs the consequence */
	{ "a full mailbox that made the sender give up is a full mailbox", NULL,
	  "mailbox is full: retry timeout exceeded for bob@example.net", "mailbox_full" },
	{ "rate limited because of missing DKIM is authentication", NULL,
	  "421 4.7.0 Your mail has been rate limited because it carries no DKIM signature",
	  "dns_auth" },
	{ "rate limit exceeded alone is a rate limit", NULL,
	  "452 4.3.2 Too fast: session rate limit exceeded", "rate_limit" },
	{ "rate limited alone is a rate limit", NULL, "451 you are being rate limited", "rate_limit" },
	{ "a spam-or-virus filter is a spam filter", NULL,
	  "554 Refused: spam or virus content detected", "reputation_block" },
	/* refusals of the sender by the recipient side */
	{ "a mailing list refusing a non-member", NULL,
	  "Your post to staff-list was refused: you are not a member of this list", "policy" },
	{ "a group without permission to post", NULL,
	  "You do not have permission to post to the group sales@example.net", "policy" },
	{ "the recipient's blocked-senders entry", NULL,
	  "550 5.7.1 Envelope blocked - sender on the user's block entries", "policy" },
	{ "a greeting refusal with a refusal word is a block", NULL,
	  "host mx.example.net[198.51.100.4] refused to talk to me: 554 Service refused for your IP",
	  "reputation_block" },
	{ "a server not accepting connections at its greeting is a block", NULL,
	  "554 mx1.example.net ESMTP not accepting connections; service refused", "reputation_block" },
	/* the sending host refused for what it is */
	{ "a client host without reverse DNS", NULL,
	  "450 4.7.1 Client host rejected: cannot find your hostname, [203.0.113.8]", "dns_auth" },
	{ "a client without a reverse hostname", NULL,
	  "550 5.7.25 Client host rejected: cannot find your reverse hostname", "dns_auth" },
	{ "a named spam filter outweighs Postfix's recipient-refused prefix", NULL,
	  "554 5.7.1 <anna@example.org>: Recipient address rejected: Blocked by SpamAssassin",
	  "reputation_block" },
	{ "Rspamd's refusal", NULL, "554 5.7.1 Spam message rejected by rspamd", "reputation_block" },
	{ "blocked as spam after the recipient prefix", NULL,
	  "554 5.7.1 <anna@example.org>: Recipient address rejected: Blocked as spam",
	  "reputation_block" },
	{ "rejected as spam", NULL, "550 Message rejected as spam by the content filter",
	  "reputation_block" },
	{ "the recipient prefix alone is still the recipient", NULL,
	  "550 <anna@example.org>: Recipient address rejected.", "recipient_invalid" },
	{ "a sender domain with a null MX is the sender's DNS", NULL,
	  "550 5.7.27 Sender address has null MX", "dns_auth" },
	{ "a recipient domain with a null MX is the recipient", NULL,
	  "556 5.1.10 Recipient address has null MX", "recipient_invalid" },
	{ "Cox's block code", NULL, "554 203.0.113.8 rejected - see CXBL on the error page",
	  "reputation_block" },
	{ "a dynamic IP", NULL, "550 Mail from a dynamic IP address is refused", "reputation_block" },
	{ "a dynamically assigned address", NULL,
	  "554 203.0.113.8 is a dynamically assigned address, send through your provider",
	  "reputation_block" },
	{ "a dial-up range", NULL, "550 Sender is in a dial-up range", "reputation_block" },
	{ "a dialup pool", NULL, "550 Rejected: dialup pool", "reputation_block" },
	{ "a residential network", NULL, "554 Residential networks may not send mail here",
	  "reputation_block" },
	{ "send through your ISP", NULL,
	  "550 5.7.1 Direct mail refused; please use the SMTP server of your ISP", "reputation_block" },
	{ "the ISP's mail server", NULL, "553 Use the mail server of your ISP to send",
	  "reputation_block" },
	/* the recipient does not exist, as MTAs say it */
	{ "qmail's no mailbox", NULL, "Sorry, no mailbox here by that name. (#5.1.1)",
	  "recipient_invalid" },
	{ "not a valid recipient", NULL, "550 bob@example.net is not a valid recipient here",
	  "recipient_invalid" },
	{ "a webmail user without an account", NULL,
	  "554 delivery error: This user doesn't have a example.net account", "recipient_invalid" },
	{ "a user without an account (long form)", NULL,
	  "550 This user does not have a mailbox on this system", "recipient_invalid" },
	{ "a directory that does not list the user", NULL,
	  "User bob (bob@example.net) not listed in the address book", "recipient_invalid" },
	{ "Exchange's recipient not found", NULL,
	  "550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found by address lookup",
	  "recipient_invalid" },
	{ "Exchange's legacy recipient not found", NULL,
	  "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "recipient_invalid" },
	{ "Exchange's short recipient not found", NULL, "550 5.1.1 RESOLVER.ADR.RecipNotFound",
	  "recipient_invalid" },
	{ "a domain that does not resolve", NULL,
	  "Host or domain name not found. Name service error for name=example.invalid type=MX",
	  "recipient_invalid" },
	{ "qmail's unknown host", NULL, "Sorry, I couldn't find any host named example.invalid",
	  "recipient_invalid" },
	{ "MX records to nowhere", NULL,
	  "all relevant MX records point to non-existent hosts", "recipient_invalid" },
	/* full mailboxes in other words */
	{ "a quota in other words", NULL, "552 The user's mailfolder is over the allowed quota",
	  "mailbox_full" },
	{ "a full mail folder", NULL, "452 mailfolder is full", "mailbox_full" },
	/* SMTP spoken wrongly */
	{ "a command the server lacks", NULL, "502 5.5.1 Command not implemented", "network_client" },
	{ "a parameter the server lacks", NULL, "504 5.5.4 Parameter not implemented: BODY",
	  "network_client" },
	{ "an unknown command", NULL, "500 5.5.1 Command unrecognized: XYZZY", "network_client" },
	{ "an unknown command (other order)", NULL, "500 Unrecognized command", "network_client" },
	{ "an unknown command (other word)", NULL, "500 Command not recognized", "network_client" },
	{ "commands out of order", NULL, "503 5.5.1 Bad sequence of commands", "network_client" },
	/* the sending server gave up */
	{ "an MTA whose retry time ran out", NULL,
	  "retry time not reached for any host after a long failure period", "expired" },
	{ "a sendmail give-up", NULL, "Message could not be delivered for 5 days", "expired" },
	{ "a sendmail give-up (other words)", NULL, "Cannot send message for 4 days", "expired" },
	{ "qmail's unreachable host", NULL,
	  "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", "expired" },
	/* codes providers document */
	{ "Yahoo TS01", NULL, "421 4.7.0 [TS01] Messages from 203.0.113.8 deferred", "reputation_block" },
	{ "Yahoo TS02", NULL, "421 4.7.0 [TS02] Messages from 203.0.113.8 deferred", "reputation_block" },
	{ "Yahoo TS03", NULL, "553 5.7.1 [TS03] All messages from 203.0.113.8 refused",
	  "reputation_block" },
	{ "AOL RTR:BB", NULL, "554 RTR:BB connecting IP refused", "reputation_block" },
	{ "AOL RTR:BL", NULL, "554 (RTR:BL) see the postmaster page", "reputation_block" },
	{ "AOL RTR:SC", NULL, "554 RTR:SC mail from 203.0.113.8 not accepted", "reputation_block" },
	{ "AOL CON:B1", NULL, "421 CON:B1 connections from 203.0.113.8 refused", "reputation_block" },
	{ "AOL HVU:B1", NULL, "421 HVU:B1 203.0.113.8 refused for now", "reputation_block" },
	{ "AOL RTR:DU", NULL, "554 RTR:DU 203.0.113.8 refused", "reputation_block" },
	{ "AOL DYN:T1", NULL, "421 DYN:T1 203.0.113.8 refused for now", "reputation_block" },
	{ "AOL RTR:RD", NULL, "554 RTR:RD 203.0.113.8 refused", "dns_auth" },
	{ "Microsoft directory-based edge blocking", NULL,
	  "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "recipient_invalid" },
	{ "Microsoft restricted delivery", NULL,
	  "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized", "policy" },
	{ "Microsoft group for authenticated senders only", NULL,
	  "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; sender refused", "policy" },
	{ "Microsoft recipient size limit", NULL,
	  "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient",
	  "message_invalid" },
	/* the sender's address */
	{ "a sender domain that does not exist", NULL,
	  "553 5.1.8 Domain of sender address bob@example.invalid does not exist", "dns_auth" },
	{ "a failed sender callout", NULL, "550 Sender verify failed for bob@example.org",
	  "dns_auth" },
	{ "a failed sender verification", NULL, "550 Sender verification failed", "dns_auth" },
	/* the recipient's account */
	{ "a disabled mailbox", NULL, "550 mailbox disabled for bob@example.net",
	  "recipient_invalid" },
	{ "a webmail account that is disabled", NULL,
	  "The email account that you tried to reach is disabled.", "recipient_invalid" },
	{ "an inactive account", NULL, "550 This account is inactive", "recipient_invalid" },
	{ "an inactive mailbox", NULL, "550 The mailbox is inactive", "recipient_invalid" },
	{ "an inactive mailbox (other order)", NULL, "550 Inactive mailbox: bob@example.net",
	  "recipient_invalid" },
	{ "a suspended mailbox", NULL, "550 This mailbox has been suspended", "recipient_invalid" },
	{ "no such person", NULL, "550 No such person at this address", "recipient_invalid" },
	{ "not our customer", NULL, "550 bob@example.net... not our customer", "recipient_invalid" },
	{ "address unknown", NULL, "550 Address unknown: bob@example.net", "recipient_invalid" },
	{ "a person who left", NULL, "550 Bob is no longer with the company", "recipient_invalid" },
	{ "a user who moved", NULL, "551 User has moved; no forwarding address", "recipient_invalid" },
	/* content judged as spam */
	{ "a spam score", NULL, "550 Message scored as spam (score 12.5)", "reputation_block" },
	{ "a spam score (other words)", NULL, "554 Your spam score is too high", "reputation_block" },
	{ "phishing", NULL, "554 Message refused: looks like phishing", "reputation_block" },
	{ "bulk mail", NULL, "550 Unsolicited bulk mail refused", "reputation_block" },
	{ "a content filter", NULL, "554 Message refused by the content filter", "policy" },
	{ "delivery not authorized", NULL, "550 5.7.1 Delivery not authorized, message refused",
	  "policy" },
	/* connections and the server's health */
	{ "a connection limit", NULL, "421 Connection limit reached for 203.0.113.8", "rate_limit" },
	{ "a number of connections", NULL, "421 Maximum number of connections from your host",
	  "rate_limit" },
	{ "a local processing error", NULL,
	  "451 4.3.0 Requested action aborted: local error in processing",
	  "transient" },
	{ "a temporary local problem", NULL, "451 Temporary local problem - please try later",
	  "transient" },
	{ "a service currently unavailable", NULL, "554 Service currently unavailable", "transient" },
	{ "a service temporarily unavailable", NULL, "421 Service temporarily unavailable",
	  "transient" },
	{ "a busy server", NULL, "421 Server busy, try again", "transient" },
	{ "a busy system", NULL, "451 System busy", "transient" },
	{ "a server too busy", NULL, "421 The server is too busy", "transient" },
	{ "delivery attempts exceeded", NULL, "554 Delivery attempts exceeded for bob@example.net",
	  "expired" },
	{ "maximum delivery attempts", NULL,
	  "Maximum number of delivery attempts reached for bob@example.net", "expired" },
	{ "AOL DNS:NR", NULL, "421 DNS:NR 203.0.113.8 has no reverse name", "dns_auth" },
	{ "Microsoft restricted to permitted senders", NULL,
	  "550 5.7.129 RESOLVER.RST.RestrictedToRecipientsPermission; not permitted", "policy" },
	{ "qmail without a mail exchanger", NULL,
	  "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "recipient_invalid" },
	{ "an address restricted by its owner", NULL,
	  "550 5.7.1 Your message can't be delivered because delivery to this address is restricted",
	  "policy" },
	{ "a recipient's policy that prohibits the mail", NULL,
	  "550 5.7.1 The domain you are sending to has a policy that prohibited this mail", "policy" },
	{ "external forwarding not allowed", NULL,
	  "550 5.7.520 Access denied, the organisation does not allow external forwarding",
	  "policy" },
	{ "an old sendmail give-up", NULL, "Cannot send message within 5 days", "expired" },
	{ "a message that breaks RFC 5322, refused to reduce spam", NULL,
	  "550 5.7.1 This message is not RFC 5322 compliant: two Date headers. To keep spam out, "
	  "it was refused.", "message_invalid" },
	{ "a message that breaks RFC 5322 (other words)", NULL,
	  "554 The message isn't RFC 5322 compliant", "message_invalid" },
	{ "a relay that wants a login", NULL, "550 Unauthenticated senders not allowed here",
	  "credentials" },
	/* TLS that could not be set up */
	{ "a server without TLS", NULL, "530 The remote server does not support TLS (state 4)",
	  "network_client" },
	{ "a server without TLS (short form)", NULL, "Remote host doesn't support TLS",
	  "network_client" },
	{ "STARTTLS missing", NULL, "454 STARTTLS not supported by mx.example.net",
	  "network_client" },
	{ "TLS unavailable", NULL, "454 4.7.0 TLS not available due to local problem",
	  "network_client" },
	{ "a failed TLS handshake", NULL, "TLS handshake failed with mx.example.net",
	  "network_client" },
	{ "a failed TLS negotiation", NULL, "421 TLS negotiation failed", "network_client" },
	/* the SMTP stage: at MAIL FROM no recipient is named yet */
	{ "an unknown domain in reply to MAIL FROM is the sender's", NULL,
	  "host mx.example.net said: 553 5.1.8 No such domain example.invalid "
	  "(in reply to MAIL FROM command)", "dns_auth" },
	{ "an unknown user after MAIL FROM (Exim's words) is the sender's", NULL,
	  "SMTP error from remote mail server after MAIL FROM:<bob@example.org>: 550 No such user",
	  "dns_auth" },
	{ "an unknown user in reply to RCPT TO stays the recipient's", NULL,
	  "host mx.example.net said: 550 5.1.1 No such user (in reply to RCPT TO command)",
	  "recipient_invalid" },
	{ "a refusal right at the connection (Exim's words) is a block", NULL,
	  "SMTP error from remote mail server after initial connection: 554 go away",
	  "reputation_block" },
	{ "a reason given at the connection still decides", NULL,
	  "SMTP error from remote mail server after initial connection: 421 Too many connections "
	  "from your IP", "rate_limit" },
	/* qmail's and others' ways of reporting the remote's answer */
	{ "a failed greeting", NULL, "Connected to 198.51.100.4 but greeting failed.",
	  "reputation_block" },
	{ "a refused sender (qmail's words)", NULL,
	  "Connected to 198.51.100.4 but sender was rejected.", "dns_auth" },
	{ "a refused HELO name (qmail's words)", NULL,
	  "Connected to 198.51.100.4 but my name was rejected.", "network_client" },
	{ "a connection that died", NULL, "Connected to 198.51.100.4 but connection died.",
	  "network_client" },
	{ "a network error", NULL, "Network error while talking to the destination MX",
	  "network_client" },
	{ "a looping message", NULL,
	  "This message is looping: it already has my Delivered-To line.", "policy" },
	{ "Cox's IP block list code", NULL, "554 IPBL1001 203.0.113.8 refused", "reputation_block" },
	{ "a policy violation", NULL, "554 5.7.7 Email policy violation detected", "policy" },
	{ "a submission quota", NULL, "550 5.2.2 Submission quota exceeded", "rate_limit" },
	{ "a daily limit", NULL, "550 5.1.90 You've reached your daily limit for recipients",
	  "rate_limit" },
	{ "a recipient's receive limit", NULL,
	  "450 4.2.121 The recipient's per-hour receive limit was exceeded", "rate_limit" },
	{ "a conversation that timed out", NULL,
	  "conversation with mx.example.net[198.51.100.4] timed out while sending end of data",
	  "network_client" },
	{ "a lost connection", NULL,
	  "lost connection with mx.example.net[198.51.100.4] while receiving the greeting",
	  "network_client" },
	{ "a domain whose name does not resolve", NULL,
	  "unable to look up host example.invalid: Name or service not known", "recipient_invalid" },
	{ "Exchange without a next hop", NULL, "550 5.4.4 ROUTING.NoNextHop; unable to route",
	  "recipient_invalid" },
	{ "mail that comes back to its sender host", NULL,
	  "mail for example.net loops back to myself", "policy" },
	{ "content restrictions", NULL, "550 Message rejected due to content restrictions",
	  "policy" },
	{ "content denied", NULL, "550 Mail content denied", "policy" },
	{ "a security issue in the content", NULL,
	  "552 5.7.0 This message was blocked because its content presents a potential security issue",
	  "policy" },
	{ "a give-up after connection refusals", NULL,
	  "Deferred: Connection refused by [198.51.100.4] Message could not be delivered for 5 days",
	  "expired" },
	{ "a message undeliverable for a day", NULL,
	  "Your message has been undeliverable for 2 days: connection refused", "expired" },
	{ "unable to deliver after a time", NULL,
	  "Reason: unable to deliver this message after 3 days", "expired" },
	{ "the generic SMTP rows do not overrule the evidence for mail sent over SMTP", "smtp",
	  "Deferred: Connection refused by [198.51.100.4] Message could not be delivered for 5 days",
	  "expired" },
	/* Exchange's reports in words */
	{ "a destination not in DNS", NULL,
	  "The destination server for bob@example.invalid could not be found in Domain Name "
	  "Service (DNS)", "recipient_invalid" },
	{ "an unknown destination system", NULL,
	  "Delivery failed: the recipient's destination email system is unknown or invalid",
	  "recipient_invalid" },
	{ "an address that could not be found", NULL,
	  "The e-mail address you entered couldn't be found. Check it and send again",
	  "recipient_invalid" },
	{ "an address not found at its domain", NULL,
	  "The email address wasn't found at the destination domain", "recipient_invalid" },
	{ "an address not found in the recipient's system", NULL,
	  "The recipient's email address was not found in the recipient's email system",
	  "recipient_invalid" },
	{ "refused because of its size", NULL,
	  "Your message was refused by the recipient's system because of its size", "message_invalid" },
	{ "no permission to send to a recipient", NULL,
	  "You do not have permission to send to this recipient", "policy" },
	{ "refused despite repeated attempts", NULL,
	  "Despite repeated attempts to deliver your message, the recipient's system did not answer",
	  "expired" },
	/* the recipient host's side */
	{ "sendmail's program recipient that failed", NULL,
	  "554 \"|/usr/bin/filter-mail -d bob\"... Service unavailable", "transient" },
	{ "a delivery program that failed on the recipient host", NULL,
	  "pipe to |/usr/bin/filter-mail bob failed with status 75", "transient" },
	{ "journaled mail past its expiration", NULL,
	  "Message held past the expiration of its delivery window", "expired" },
	/* weak words alone */
	{ "connection refused alone is a connection problem", NULL,
	  "Connection refused by mx.example.net", "network_client" },
	/* nothing certain: unknown stays the answer */
	{ "a bare rejection is unknown", NULL, "550 Rejected", "unknown" },
	{ "X.0.0 says nothing", NULL, "550 5.0.0 Transaction failed", "unknown" },
	{ "X.7.0 does not outweigh words", NULL, "550 5.7.0 Too many messages this hour, later please",
	  "rate_limit" },
	/* the ESP's own message is never overruled */
	{ "Mailgun's own give-up message", "mailgun", "Too old", "expired" },
	/* more English wordings (report/match/evidence_rules.c) */
	{ "UCEPROTECT by name", NULL, "554 Your IP 203.0.113.5 is listed at dnsbl-1.uceprotect.net",
	  "reputation_block" },
	{ "PSBL by name", NULL, "550 Rejected: 203.0.113.5 found on PSBL", "reputation_block" },
	{ "the CBL by its host", NULL, "550 See http://cbl.abuseat.org/lookup.cgi?ip=203.0.113.5",
	  "reputation_block" },
	{ "the CBL by name", NULL, "550 Mail from 203.0.113.5 refused: in the CBL", "reputation_block" },
	{ "Mailspike by name", NULL, "554 Refused: poor Mailspike score for 203.0.113.5",
	  "reputation_block" },
	{ "NiXSpam by name", NULL, "554 203.0.113.5 is on NiXSpam", "reputation_block" },
	{ "Backscatterer by name", NULL, "550 203.0.113.5 is listed by backscatterer.org",
	  "reputation_block" },
	{ "invaluement by name", NULL, "550 Refused by invaluement ivmSIP", "reputation_block" },
	{ "Sender Score by name", NULL, "554 Rejected: low senderscore for 203.0.113.5",
	  "reputation_block" },
	{ "no such account", NULL, "550 No such account here", "recipient_invalid" },
	{ "unknown mailbox", NULL, "550 Unknown mailbox anna@example.org", "recipient_invalid" },
	{ "mailbox unknown", NULL, "550 Mailbox unknown", "recipient_invalid" },
	{ "no such local user", NULL, "550 No such local user", "recipient_invalid" },
	{ "not a known user", NULL, "550 anna is not a known user here", "recipient_invalid" },
	{ "addressee unknown", NULL, "550 Addressee unknown, relay=mx.example.org", "recipient_invalid" },
	{ "unknown or illegal alias", NULL, "550 anna@example.org... unknown or illegal alias",
	  "recipient_invalid" },
	{ "not a valid mailbox", NULL, "550 anna@example.org is not a valid mailbox",
	  "recipient_invalid" },
	{ "a suspended account", NULL, "550 This account is suspended", "recipient_invalid" },
	{ "an account suspended since", NULL, "550 The account has been suspended by its owner",
	  "recipient_invalid" },
	{ "a suspended mailbox", NULL, "550 Mailbox suspended", "recipient_invalid" },
	{ "an inbox that is full", NULL, "452 The inbox is full, try later", "mailbox_full" },
	{ "inbox full", NULL, "452 Inbox full", "mailbox_full" },
	{ "an account that is full", NULL, "452 This account is full", "mailbox_full" },
	{ "a message longer than allowed", NULL,
	  "552 Message length exceeds the administrative limit", "message_invalid" },
	{ "too many mails", NULL, "451 Too many mails from your address, wait", "rate_limit" },
	{ "too many emails", NULL, "451 Too many emails in a short time", "rate_limit" },
	{ "a frequency limit", NULL, "550 Sending frequency limit exceeded", "rate_limit" },
	{ "a banned attachment", NULL, "554 Refused: banned attachment (.exe)", "policy" },
	{ "a blocked attachment", NULL, "554 Message contains a blocked attachment", "policy" },
	{ "a prohibited attachment", NULL, "554 Prohibited attachment found", "policy" },
	{ "an attachment type", NULL, "554 This attachment type is refused here", "policy" },
	{ "the recipient's blocked senders", NULL, "550 Rejected by the recipient's blocked senders",
	  "policy" },
	{ "relaying disallowed", NULL, "553 Relaying disallowed", "policy" },
	{ "no name for the client's IP", NULL, "450 4.7.1 Access denied. IP name lookup failed [203.0.113.5]",
	  "dns_auth" },
	{ "login credentials invalid", NULL, "535 5.7.8 Error: authentication credentials invalid",
	  "credentials" },
	{ "no route to host", NULL, "connect to mx.example.org[203.0.113.9]:25: No route to host",
	  "network_client" },
	{ "network unreachable", NULL, "connect to mx.example.org: Network is unreachable",
	  "network_client" },
	{ "connection reset", NULL, "lost: Connection reset by peer", "network_client" },
	{ "relaying refused in qmail's words", NULL,
	  "553 sorry, that domain isn't in my list of allowed rcpthosts", "policy" },
	{ "a nonexistent domain", NULL, "554 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
	  "recipient_invalid" },
	{ "a non-existent domain", NULL, "Delivery failed: non-existent domain example.invalid",
	  "recipient_invalid" },
	{ "a mailbox name not allowed", NULL, "553 Requested action not taken: mailbox name not allowed",
	  "recipient_invalid" },
	{ "a mailbox not available", NULL, "550 Requested action not taken: mailbox not available",
	  "recipient_invalid" },
	{ "a mailbox that is unavailable", NULL, "550 The recipient's mailbox is unavailable",
	  "recipient_invalid" },
	{ "an expired account", NULL, "550 This account is expired", "recipient_invalid" },
	{ "an account that has expired", NULL, "550 The account has expired", "recipient_invalid" },
	{ "account expired", NULL, "550 anna@example.org: account expired", "recipient_invalid" },
	{ "a closed account", NULL, "550 This account is closed", "recipient_invalid" },
	{ "an account closed since", NULL, "550 The account has been closed", "recipient_invalid" },
	{ "a closed mailbox", NULL, "550 Mailbox is closed", "recipient_invalid" },
	{ "Exchange's full-mailbox exception", NULL,
	  "554 STOREDRV.Deliver.Exception:QuotaExceededException; failed", "mailbox_full" },
	{ "unacceptable content", NULL, "554 Message refused: unacceptable content", "policy" },
	{ "an administrative prohibition", NULL, "550 Administrative prohibition", "policy" },
	{ "the maximum number of recipients", NULL,
	  "452 You exceeded the maximum number of recipients for one message", "message_invalid" },
	{ "no permission to send as this sender", NULL,
	  "550 Client does not have permissions to send as this sender", "account" },
	{ "a sender address the login does not own", NULL,
	  "553 <bob@example.org>: Sender address rejected: not owned by user alice", "account" },
	{ "a client that did not log in", NULL, "530 Client was not authenticated", "credentials" },
	{ "a sender domain that must resolve", NULL,
	  "550 Refused: the sender domain must resolve", "dns_auth" },
	{ "improper pipelining", NULL, "554 Improper use of SMTP command pipelining",
	  "network_client" },
	{ "a name lookup that failed for now", NULL,
	  "Temporary failure in name resolution for mx.example.org", "network_client" },
	{ "a DNS query that failed", NULL, "451 DNS query failed", "network_client" },
	{ "a certificate that could not be verified", NULL,
	  "TLS: certificate verify failed for mx.example.org", "network_client" },
	{ "an expired certificate", NULL, "TLS: the certificate has expired", "network_client" },
	{ "an SSL handshake that failed", NULL, "SSL handshake with mx.example.org aborted",
	  "network_client" },
	{ "insufficient system resources", NULL, "452 Insufficient system resources", "transient" },
	{ "a local configuration error", NULL, "554 Local configuration error", "transient" },
	{ "an error in processing", NULL, "451 Requested action aborted: error in processing",
	  "transient" },
	{ "a service not available for now", NULL,
	  "421 Service not available, please try later", "transient" },
	{ "a retry limit", NULL, "Delivery failed: retry limit reached", "expired" },
	{ "too many retries", NULL, "Giving the message back: too many retries", "expired" },
	{ "maximum retries", NULL, "Undelivered: maximum retries reached", "expired" },
};

static void classify(const char *provider, const char *text, struct match_result *r)
{
	struct match_input in;
	char enh[16];

	memset(&in, 0, sizeof(in));
	in.provider = provider;
	in.text = text;
	in.smtp_code = smtp_find_code(text, strlen(text));
	smtp_find_enhanced(text, strlen(text), enh);
	in.enhanced = enh[0] ? enh : NULL;
	matcher_classify(m, &in, r);
}

static void test_replies(void)
{
	size_t i;

	for (i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		struct match_result r;
		classify(replies[i].provider, replies[i].text, &r);
		if (strcmp(category_name(r.category), replies[i].want))
			fprintf(stderr, "  %s: got %s [%s, %s], want %s\n", replies[i].name,
				category_name(r.category), r.entry ? r.entry->f[CAT_ID] : "-", r.how,
				replies[i].want);
		TEST_STR_EQ(category_name(r.category), replies[i].want);
	}
}

static void test_why_and_provider(void)
{
	struct match_result r;
	unsigned i;
	int named = 0;

	classify(NULL, "550 5.7.1 Mail from 203.0.113.5 refused by mx01.t-online.de: (BL)", &r);
	TEST_STR_EQ(category_name(r.category), "reputation_block");
	TEST_STR_EQ(r.seen_provider, "T-Online");
	CU_ASSERT(r.nwhy >= 1);
	for (i = 0; i < r.nwhy; i++)
		named += !strcmp(r.why[i]->needle, "(bl)") && r.why[i]->weight >= 8;
	CU_ASSERT(named == 1);
	CU_ASSERT(r.weight >= 8);
	TEST_STR_EQ(r.how, "evidence");

	/* at MAIL FROM the stage is named, then the words that now speak of the sender */
	classify(NULL, "host mx.example.net said: 550 No such user (in reply to MAIL FROM command)", &r);
	TEST_STR_EQ(category_name(r.category), "dns_auth");
	CU_ASSERT(r.nwhy >= 2);
	if (r.nwhy >= 2) {
		TEST_STR_EQ(r.why[0]->kind, "answered MAIL FROM");
		TEST_STR_EQ(r.why[1]->needle, "no such user");
	}
	CU_ASSERT(evidence_rule_find("mail from", "answered MAIL FROM") == r.why[0]);

	classify(NULL, "550 zork", &r);
	TEST_LONG_EQ(r.nwhy, 0);
	CU_ASSERT(r.seen_provider == NULL);
}

/* A rule whose words a normalised reply can never hold (capitals, double spaces) would
 * never fire: each must fire on a reply that contains it. */
static void rule_fires(const struct evidence_rule *r)
{
	struct evidence ev;
	struct strbuf raw, norm;
	size_t j;
	int hit = 0;

	strbuf_init(&raw);
	strbuf_init(&norm);
	strbuf_addf(&raw, "550 Refused: %s (see the help page)", r->needle);
	if (raw.buf[raw.len - 21] == '*')
		raw.buf[raw.len - 21] = 's';
	text_normalize(&norm, raw.buf, raw.len);
	evidence_weigh(norm.buf, 550, NULL, &ev);
	for (j = 0; j < ev.nhits; j++)
		hit += ev.hits[j]->category == r->category && !strcmp(ev.hits[j]->kind, r->kind);
	if (!hit)
		fprintf(stderr, "  rule '%s' does not fire on '%s'\n", r->needle, norm.buf);
	CU_ASSERT(hit > 0);
	CU_ASSERT(r->weight >= 1 && r->weight <= 12);
	strbuf_release(&raw);
	strbuf_release(&norm);
}

/* every table: the English words, other languages, the providers' documented replies */
static void test_every_rule_can_fire(void)
{
	size_t i, t;

	for (t = 0; t < evidence_ntext_tables; t++)
		for (i = 0; i < *evidence_text_tables[t].n; i++)
			rule_fires(&evidence_text_tables[t].rules[i]);
}

static void test_words_inside_words_do_not_count(void)
{
	struct evidence ev;

	/* "spf" inside a host name, "rbl" inside a word, a code inside a longer code */
	evidence_weigh("550 rejected by mx.superblue.example (herbline filter)", 550, NULL, &ev);
	TEST_LONG_EQ(ev.totals[CATEGORY_REPUTATION_BLOCK], 0);
	evidence_weigh("550 ticket tss041 closed", 550, NULL, &ev);
	TEST_LONG_EQ(ev.totals[CATEGORY_REPUTATION_BLOCK], 0);
	/* a stem matches its longer forms */
	evidence_weigh("550 your ip is blacklisted", 550, NULL, &ev);
	CU_ASSERT(ev.totals[CATEGORY_REPUTATION_BLOCK] >= 8);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "replies reach the category an expert would give", test_replies },
		{ "the evidence and the provider are reported", test_why_and_provider },
		{ "every rule can fire on a normalised reply", test_every_rule_can_fire },
		{ "words inside other words do not count", test_words_inside_words_do_not_count },
	};
	struct sh_error err = { 0 };
	int rc;

	cat = catalogue_load_embedded(&err);
	if (!cat) {
		fprintf(stderr, "evidence: %s\n", err.msg);
		return 1;
	}
	m = matcher_new(cat);
	rc = test_run("evidence", tests, sizeof(tests) / sizeof(tests[0]));
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}
