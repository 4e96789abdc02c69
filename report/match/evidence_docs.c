/* evidence_docs.c - replies as the receiving providers document them: the codes they put
 * in their text (Microsoft S3xxx and Outlook.com's SC/OU/DY/RP codes, Yahoo's TS/TSS/BL
 * codes, AOL's, GoDaddy's IBxxx, Orange's OFR and NetEase's codes, Spectrum's and Cox's
 * AUP# codes, Microsoft's resolver results) and
 * the wordings of their published SMTP error tables (Gmail's "SMTP errors and codes",
 * Yahoo's "SMTP Error Codes", Outlook.com's postmaster troubleshooting page, Exchange
 * Online's NDRs, Mimecast's "SMTP Error Codes"). Rules are written in our words
 * for the kind of reply each wording stands for; weights as in evidence_rules.c. Each rule
 * has a unit test with a reply written for it (tests/report/match/test_evidence_docs.c).
 * Contract: static, read-only. */
#include "report/match/evidence_priv.h"

#define R(n, c, w, k) { n, CATEGORY_##c, w, k }

const struct evidence_rule evidence_doc_rules[] = {
	/* the codes providers document in their text */
	R("s3140", REPUTATION_BLOCK, 10, "Microsoft block code"),
	R("s3150", REPUTATION_BLOCK, 10, "Microsoft block code"),
	R("s3113", REPUTATION_BLOCK, 10, "Microsoft block code"),
	R("s3114", REPUTATION_BLOCK, 10, "Microsoft block code"),
	R("s3115", REPUTATION_BLOCK, 10, "Microsoft block code"),
	R("tss04", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("tss05", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("tss09", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("tss11", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("bl21", REPUTATION_BLOCK, 10, "Yahoo block code"),
	R("bl22", REPUTATION_BLOCK, 10, "Yahoo block code"),
	R("bl23", REPUTATION_BLOCK, 10, "Yahoo block code"),
	R("ts01", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("ts02", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("ts03", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	/* AOL's documented refusal codes */
	R("rtr:bb", REPUTATION_BLOCK, 10, "AOL block code"),
	R("rtr:bl", REPUTATION_BLOCK, 10, "AOL block code"),
	R("rtr:sc", REPUTATION_BLOCK, 10, "AOL block code"),
	R("con:b1", REPUTATION_BLOCK, 10, "AOL block code"),
	R("hvu:b1", REPUTATION_BLOCK, 10, "AOL block code"),
	R("rtr:du", REPUTATION_BLOCK, 10, "AOL dynamic-IP code"),
	R("dyn:t1", REPUTATION_BLOCK, 10, "AOL dynamic-IP code"),
	R("rtr:rd", DNS_AUTH, 10, "AOL reverse-DNS code"),
	R("dns:nr", DNS_AUTH, 10, "AOL reverse-DNS code"),
	/* Microsoft's documented resolver results */
	R("as(201806281)", RECIPIENT_INVALID, 10, "Microsoft directory code"),
	R("rst.notauthorized", POLICY, 8, "Microsoft restriction"),
	R("rst.sendernotauthenticatedfor*", POLICY, 8, "Microsoft restriction"),
	R("rst.recipsizelimit", MESSAGE_INVALID, 8, "Microsoft size code"),
	R("rst.restrictedto*", POLICY, 8, "Microsoft restriction"),
	R("ib401", REPUTATION_BLOCK, 10, "GoDaddy block code"),
	R("ib501", REPUTATION_BLOCK, 10, "GoDaddy block code"),
	R("ib502", REPUTATION_BLOCK, 10, "GoDaddy block code"),
	R("ib605", REPUTATION_BLOCK, 10, "GoDaddy block code"),
	R("ib607", RATE_LIMIT, 10, "GoDaddy volume code"),
	R("ib506", DNS_AUTH, 10, "GoDaddy From: code"),
	/* Outlook.com's documented codes: SC/OU/DY refuse the sending IP (reputation, a
	 * dynamic or compromised host), RP limits its rate or connections */
	R("sc-001", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("sc-002", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("sc-003", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("sc-004", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("ou-001", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("ou-002", REPUTATION_BLOCK, 10, "Outlook.com block code"),
	R("dy-001", REPUTATION_BLOCK, 10, "Outlook.com dynamic-IP code"),
	R("dy-002", REPUTATION_BLOCK, 10, "Outlook.com dynamic-IP code"),
	R("rp-001", RATE_LIMIT, 10, "Outlook.com rate code"),
	R("rp-002", RATE_LIMIT, 10, "Outlook.com rate code"),
	R("rp-003", RATE_LIMIT, 10, "Outlook.com rate code"),
	/* Yahoo brackets its deferral codes: every [TSxx]/[TSSxx] is a deferral for the
	 * sender's complaints, traffic or reputation; [PHxx] refuses dangerous content */
	R("[tss*", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("[ts0*", REPUTATION_BLOCK, 10, "Yahoo deferral code"),
	R("[ph0*", POLICY, 8, "Yahoo content code"),
	/* the sender's mail server sends to many addresses that do not exist */
	R("excessive unknown recipients", REPUTATION_BLOCK, 12, "reputation"),
	R("excessive invalid recipients", REPUTATION_BLOCK, 12, "reputation"),
	/* the envelope or header From: domain does not resolve */
	R("unresolvable rfc", DNS_AUTH, 8, "sender DNS"),
	/* Gmail's table */
	R("too quickly", RATE_LIMIT, 6, "rate"),
	R("relay limit", RATE_LIMIT, 8, "rate"),
	R("not authorized to send email directly", REPUTATION_BLOCK, 6, "dynamic IP"),
	R("forward dns", DNS_AUTH, 6, "reverse DNS"),
	R("ipv6 sending guidelines", DNS_AUTH, 6, "reverse DNS"),
	R("policy that prohibits", POLICY, 6, "policy"),
	R("message is malformed", MESSAGE_INVALID, 6, "header"),
	R("malformed message", MESSAGE_INVALID, 6, "header"),
	R("missing a valid", MESSAGE_INVALID, 6, "header"),
	R("multiple addresses in the from", MESSAGE_INVALID, 6, "header"),
	R("encoded-word syntax", MESSAGE_INVALID, 6, "header"),
	R("size limits", MESSAGE_INVALID, 6, "size"),
	R("application-specific password", CREDENTIALS, 8, "login"),
	R("unrecognized authentication type", CREDENTIALS, 6, "login"),
	/* the sending account itself is disabled or unknown to the sending domain */
	R("mail sending denied", ACCOUNT, 8, "sender blocked"),
	R("sender account is disabled", ACCOUNT, 8, "sender blocked"),
	/* one transaction per destination domain: the sending client's protocol use */
	R("destination domains per transaction", NETWORK_CLIENT, 6, "protocol"),
	R("in a separate transaction", NETWORK_CLIENT, 6, "protocol"),
	/* Microsoft's: bare line feeds break the format; an outbound sender blocked for spam
	 * is the sending account's matter */
	R("bare linefeed*", MESSAGE_INVALID, 6, "header"),
	R("bare line feed*", MESSAGE_INVALID, 6, "header"),
	R("bad outbound sender", ACCOUNT, 6, "sender blocked"),
	/* Microsoft: a recipient (group) that takes mail only from authenticated, internal
	 * senders */
	R("rst.authrequired", POLICY, 10, "Microsoft restriction"),
	/* Exchange Online's submission errors as its NDR reference names them: the mailbox
	 * sent more than its sending limits allow; the login may not send as this sender */
	R("submissionquotaexceeded*", RATE_LIMIT, 10, "Microsoft submission code"),
	R("sendasdenied*", ACCOUNT, 8, "send-as permission"),
	/* Exchange Online's NDR reference: a tenant blocked for the spam or bulk mail it sent
	 * (5.7.700-749, also read by its code), a mailbox stopped by the outbound spam filter
	 * at submission, a recipient refused by the sending tenant's own allow/block list, and a
	 * recipient mailbox throttled for receiving too much too fast (4.3.2) */
	R("tenant has exceeded threshold", ACCOUNT, 8, "Microsoft tenant blocked"),
	R("outboundspamexception", ACCOUNT, 8, "sender blocked"),
	R("tenant allow block list", POLICY, 10, "blocked sender"),
	R("recipient thread limit", RATE_LIMIT, 8, "volume"),
	/* Zoho Mail: the sending account's outgoing mail is stopped (5.1.8, which alone reads
	 * as the sender's address) until its owner clears it with Zoho */
	R("outgoing blocked", ACCOUNT, 8, "account stopped"),
	R("outgoing mail blocked", ACCOUNT, 8, "account stopped"),
	R("outgoing email blocked", ACCOUNT, 8, "account stopped"),
	/* Comcast's documented codes: BL block lists, RL rate limits */
	R("bl0000*", REPUTATION_BLOCK, 8, "Comcast block code"),
	R("rl0000*", RATE_LIMIT, 8, "Comcast rate code"),
	/* Exchange's NDR when it gave up: "has been trying to deliver this message without
	 * success and has stopped trying" */
	R("stopped trying", EXPIRED, 6, "gave up"),
	/* Mimecast's documented SMTP error codes: a Blocked Senders policy (the recipient's
	 * organisation blocks the sender; its "policy level block list" is that, not a
	 * public block list), its spam signature, its load and its recipient look-up */
	R("sender address blocked", POLICY, 6, "blocked sender"),
	R("policy level block list", POLICY, 10, "blocked sender"),
	R("mcspamsignature", REPUTATION_BLOCK, 8, "spam content"),
	R("unable to process connection", TRANSIENT, 4, "server error"),
	R("resource temporarily unavailable", TRANSIENT, 4, "server error"),
	R("recipient temporarily unavailable", TRANSIENT, 4, "server error"),
	/* Cisco Secure Email (IronPort) refuses by the SenderBase Reputation Score */
	R("sbrs", REPUTATION_BLOCK, 8, "reputation"),
	/* Proofpoint's IP reputation look-up; NetEase's spam code */
	R("ipcheck.proofpoint", REPUTATION_BLOCK, 8, "reputation"),
	R("dt:spm", REPUTATION_BLOCK, 10, "NetEase spam code"),
	/* NetEase's (163.com, 126.com) other documented codes, from its "bounce codes" help
	 * page as Chinese sites reproduce it: an IP refused for many unknown recipients or
	 * forged sender domains (DT:RBL is read by the word "rbl"); too many connections,
	 * messages or recipients in a period or a connection; senders outside its allowed
	 * lists */
	R("hl:rep", REPUTATION_BLOCK, 10, "NetEase code"),
	R("hl:mep", REPUTATION_BLOCK, 10, "NetEase code"),
	R("hl:icc", RATE_LIMIT, 10, "NetEase code"),
	R("hl:ifc", RATE_LIMIT, 10, "NetEase code"),
	R("mi:dmc", RATE_LIMIT, 10, "NetEase code"),
	R("mi:sfq", RATE_LIMIT, 10, "NetEase code"),
	R("rp:drc", RATE_LIMIT, 10, "NetEase code"),
	R("wm:bli", POLICY, 10, "NetEase code"),
	R("wm:blu", POLICY, 10, "NetEase code"),
};
const size_t evidence_ndoc_rules = sizeof(evidence_doc_rules) / sizeof(evidence_doc_rules[0]);

/* Orange/Wanadoo's codes, "OFR_nnn" or "OFRddd_nnn" (evidence.c reads the nnn), as its
 * postmaster pages document them (postmaster.orange.fr, as a deliverability guide of
 * 2026-09 quotes it, and bentonow.com/smtp-errors/orange): too many connections or
 * messages per connection, no PTR, SPF, DMARC, no DKIM signature, suspected spam,
 * reputation-based limits, an IP suspended for earlier breaches. */
const struct evidence_rule evidence_orange_rules[] = {
	R("ofr_104", RATE_LIMIT, 10, "Orange code"),
	R("ofr_107", DNS_AUTH, 10, "Orange code"),
	R("ofr_109", RATE_LIMIT, 10, "Orange code"),
	R("ofr_397", DNS_AUTH, 10, "Orange code"),
	R("ofr_398", DNS_AUTH, 10, "Orange code"),
	R("ofr_506", REPUTATION_BLOCK, 10, "Orange code"),
	R("ofr_515", DNS_AUTH, 10, "Orange code"),
	R("ofr_535", DNS_AUTH, 10, "Orange code"),
	R("ofr_536", REPUTATION_BLOCK, 10, "Orange code"),
	R("ofr_988", REPUTATION_BLOCK, 10, "Orange code"),
	R("ofr_989", REPUTATION_BLOCK, 10, "Orange code"),
	R("ofr_990", REPUTATION_BLOCK, 10, "Orange code"),
	R("ofr_999", REPUTATION_BLOCK, 10, "Orange code"),
};
const size_t evidence_norange_rules =
	sizeof(evidence_orange_rules) / sizeof(evidence_orange_rules[0]);

/* The AUP# codes of the ISPs that filter with Cloudmark, as their pages describe them
 * (Spectrum's "understanding email error codes", as deliverability guides quote it, and
 * Cox's "email error codes"): Spectrum's 10xx numbers block the sending IP or address for
 * spam or suspicious activity, its 13xx numbers limit connections or the rate of mail
 * (1340: concurrent connections); Cox names its codes (CXBL, an IP on its block list, is
 * read with the block-list words in evidence_rules.c): a sending domain on its domain reputation list (CDRBL), an IP without reverse DNS (CXDNS),
 * too many connections (CXCNCT) or messages (CXMXRT). */
const struct evidence_rule evidence_aup_rules[] = {
	R("aup#10", REPUTATION_BLOCK, 10, "Spectrum/Cox AUP code"),
	R("aup#13", RATE_LIMIT, 10, "Spectrum/Cox AUP code"),
	R("aup#cdrbl", REPUTATION_BLOCK, 10, "Spectrum/Cox AUP code"),
	R("aup#cxdns", DNS_AUTH, 10, "Spectrum/Cox AUP code"),
	R("aup#cxcnct", RATE_LIMIT, 10, "Spectrum/Cox AUP code"),
	R("aup#cxmxrt", RATE_LIMIT, 10, "Spectrum/Cox AUP code"),
};
const size_t evidence_naup_rules = sizeof(evidence_aup_rules) / sizeof(evidence_aup_rules[0]);
