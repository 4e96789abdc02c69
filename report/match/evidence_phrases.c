/* evidence_phrases.c - more wordings of the same kinds of reply that MTAs and providers
 * send, as the phrase lists of Sisimai's reason modules (Debian libsisimai-perl,
 * Sisimai/Reason/ modules) document them, read as documentation of kinds and written here in
 * our own needles: unknown recipients, suspended or closed accounts, full mailboxes,
 * unknown domains, mail loops, given-up deliveries, server and DNS trouble, refused
 * senders; and delay notices, an ESP's own refusals and a few more wordings, in our words.
 * Weights as in evidence_rules.c. Each rule has a unit test with a reply written for it (tests/report/match/test_evidence_phrases.c).
 * Contract: static, read-only. */
#include "report/match/evidence_priv.h"

#define R(n, c, w, k) { n, CATEGORY_##c, w, k }

const struct evidence_rule evidence_phrase_rules[] = {
	/* the recipient is unknown */
	R("not present in directory", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("archived recipient", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("bad recipient", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("can't accept user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("addresses were unknown", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("email address could not be found", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("not an active address", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("mailbox invalid", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("mailbox not present", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("no account by that name", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("no mail box available", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("no mailbox by that name", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("no mailbox found", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("nonexistent user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("non-existent user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("non existent user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("not a valid user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("recipient is not local", RECIPIENT_INVALID, 4, "recipient unknown"),
	R("no one at this address", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("no longer accepts mail", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("badrcptto", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("validrcptto", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("unknown email address", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("unknown e-mail address", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("unknown virtual user", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("invalid address", RECIPIENT_INVALID, 4, "recipient unknown"),
	/* the id the server would deliver to is unknown: "invalid userid", "invalid user id" */
	R("invalid userid", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("invalid user id", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("invalid mailbox id", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("delivery userid", RECIPIENT_INVALID, 4, "recipient unknown"),
	R("unknown domain", RECIPIENT_INVALID, 6, "domain unknown"),
	R("unroutable address", RECIPIENT_INVALID, 6, "recipient unknown"),
	/* the account is suspended, inactive or locked */
	R("currently suspended", RECIPIENT_INVALID, 6, "account disabled"),
	R("user suspended", RECIPIENT_INVALID, 6, "account disabled"),
	R("inactive user", RECIPIENT_INVALID, 6, "account disabled"),
	R("deactivated mailbox", RECIPIENT_INVALID, 6, "account disabled"),
	R("temporarily inactive", RECIPIENT_INVALID, 4, "account disabled"),
	R("discontinued", RECIPIENT_INVALID, 4, "account disabled"),
	R("account is locked", RECIPIENT_INVALID, 4, "account disabled"),
	/* the mailbox is full */
	R("full mailbox", MAILBOX_FULL, 10, "mailbox full"),
	R("mailbox would exceed", MAILBOX_FULL, 8, "mailbox full"),
	R("not enough storage", MAILBOX_FULL, 8, "mailbox full"),
	R("quota violation", MAILBOX_FULL, 6, "mailbox full"),
	R("have enough space", MAILBOX_FULL, 6, "mailbox full"),
	/* loops */
	R("forwarding loop", POLICY, 6, "mail loop"),
	R("message looping", POLICY, 6, "mail loop"),
	/* the sender gave up */
	R("message timed out", EXPIRED, 6, "gave up"),
	R("allowed queue period", EXPIRED, 6, "gave up"),
	/* a delay notice: the sender is still trying (ours: how Postfix, Exim and Sendmail
	 * word their warnings), transient; in a final failure the matcher makes it expired */
	R("still undelivered", TRANSIENT, 4, "delay"),
	R("will keep trying", TRANSIENT, 4, "delay"),
	R("attempts will continue", TRANSIENT, 4, "delay"),
	R("will be retried", TRANSIENT, 4, "delay"),
	/* the delay notices Gmail and Microsoft 365 send people: "Delivery incomplete … a
	 * temporary problem … will retry", "(This is a delay notification)" */
	R("temporary problem delivering", TRANSIENT, 6, "delay"),
	R("will retry for", TRANSIENT, 4, "delay"),
	R("delay notification", TRANSIENT, 6, "delay"),
	R("will try to deliver the message again", TRANSIENT, 4, "delay"),
	/* the network, DNS and the receiving server's own trouble */
	R("host is unreachable", NETWORK_CLIENT, 4, "connection"),
	R("name server reply", NETWORK_CLIENT, 4, "DNS lookup"),
	R("configuration error", TRANSIENT, 4, "server error"),
	R("misconfigured", TRANSIENT, 4, "server error"),
	R("queue file write error", TRANSIENT, 4, "server error"),
	/* the sending host or sender refused */
	/* Microsoft 365's restricted sender: the account was stopped from sending outside its
	 * organisation (it is suspected of sending spam), which the spam word must not outweigh */
	R("weren't recognized as a valid sender", ACCOUNT, 6, "sender blocked"),
	R("no longer allowed to send", ACCOUNT, 8, "sender blocked"),
	R("cannot resolve your address", DNS_AUTH, 6, "reverse DNS"),
	R("accepting mail from your ip", REPUTATION_BLOCK, 6, "reputation"),
	R("bogus mail from", DNS_AUTH, 4, "sender refused"),
	R("invalid sender", DNS_AUTH, 4, "sender refused"),
	R("sender rejected", DNS_AUTH, 4, "sender refused"),
	/* bounces refused: empty senders, BATV (backscatter protection) */
	R("empty envelope sender*", POLICY, 6, "bounces refused"),
	R("null sender", POLICY, 6, "bounces refused"),
	R("batv", POLICY, 6, "bounces refused"),
	R("allowed to post", POLICY, 6, "list members only"),
	/* ours: more wordings servers and TLS libraries use for the same kinds */
	R("dmarc policy violation", DNS_AUTH, 10, "DMARC failure"),
	R("would exceed quota", MAILBOX_FULL, 8, "mailbox full"),
	R("would exceed the quota", MAILBOX_FULL, 8, "mailbox full"),
	R("ssl routines", NETWORK_CLIENT, 6, "TLS failed"),
	R("smtp timeout", NETWORK_CLIENT, 4, "connection"),
	R("recipient cannot be verified", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("recipient verification failed", RECIPIENT_INVALID, 6, "recipient unknown"),
	R("domain name not found", RECIPIENT_INVALID, 6, "domain unknown"),
	R("configuration problem", TRANSIENT, 4, "server error"),
	R("lookup timed out", NETWORK_CLIENT, 4, "DNS lookup"),
	/* ours: a receiver's access table refuses this sender (Postfix check_sender_access),
	 * which "sender address rejected" alone reads as the sender's DNS; a refusal "due to
	 * policy restrictions"; a bare LF in the message (Gmail, Microsoft since 2024) */
	R("sender address rejected: access denied", POLICY, 8, "blocked sender"),
	R("policy restriction*", POLICY, 4, "policy"),
	R("bare lf", MESSAGE_INVALID, 6, "header"),
	/* ours: the sender's domain has no mail host to answer to */
	R("sender domain has no", DNS_AUTH, 8, "sender DNS"),
	/* ours: a server's own trouble */
	R("temporary server error", TRANSIENT, 4, "server error"),
	/* ours: the sending application's TLS client refused its SMTP server's certificate
	 * (Node.js/OpenSSL wordings, as Nodemailer and CRMs pass them on): the server name,
	 * port or TLS setting is wrong; and a connection that ended mid-conversation */
	R("self signed certificate", NETWORK_CLIENT, 6, "TLS failed"),
	R("self-signed certificate", NETWORK_CLIENT, 6, "TLS failed"),
	R("verify the first certificate", NETWORK_CLIENT, 6, "TLS failed"),
	R("local issuer certificate", NETWORK_CLIENT, 6, "TLS failed"),
	R("certificate has expired", NETWORK_CLIENT, 6, "TLS failed"),
	R("certificate verify failed", NETWORK_CLIENT, 6, "TLS failed"),
	R("certificate's altnames", NETWORK_CLIENT, 6, "TLS failed"),
	R("connection closed unexpectedly", NETWORK_CLIENT, 4, "connection"),
	/* ours: the sending service's own refusals, as ESPs word them in their logs — an
	 * address on its suppression list (earlier bounces, complaints, unsubscribes), the
	 * sender's own account stopped ("your account", where a recipient's account is "the
	 * account"), a rejected API key */
	R("suppression list", SUPPRESSED, 8, "suppressed"),
	R("address suppressed", SUPPRESSED, 8, "suppressed"),
	R("marked as inactive", SUPPRESSED, 8, "suppressed"),
	R("previously bounced", SUPPRESSED, 8, "suppressed"),
	R("your account has been suspended", ACCOUNT, 8, "account stopped"),
	R("your account is suspended", ACCOUNT, 8, "account stopped"),
	R("your account has been disabled", ACCOUNT, 8, "account stopped"),
	R("invalid api key", CREDENTIALS, 8, "login"),
	R("api key is invalid", CREDENTIALS, 8, "login"),
};
const size_t evidence_nphrase_rules = sizeof(evidence_phrase_rules) / sizeof(evidence_phrase_rules[0]);
