/* test_mail.c - one bounce message to records: RFC 3464 per recipient (failed, delayed,
 * delivered), RFC 5965 complaints, RFC 3834 auto-replies, bounces written for people
 * (a qmail-like list, an indented Gmail-like block, X-Failed-Recipients), the returned
 * original (sender domain, Message-ID), encodings and line ends, and hostile messages
 * (made here: 10,000 parts, 100-deep nesting, a missing end boundary, a 1 MB header line,
 * an unknown charset, NUL bytes) that must give a diagnostic and no crash; kinds of bounce
 * in tests/fixtures/mail/kinds/ (a list refusing a post, Exim's malformed address, a
 * daemon without an address, a quoted forward, lost MIME headers, a feedback loop's
 * report that is not RFC 5965; the texts of Domino, Sendmail 5, Active!hunter, MailFoundry,
 * GMX, au, OpenSMTPD, InterScan, MailMarshal, Office 365, qmail, Yahoo and dma; delay
 * warnings written for people, Exchange's diagnostic block, addresses glued to Chinese
 * text, the returned copy announced in Russian or by T-Online, IMCEAEX recipients, a report
 * naming nobody, a read receipt).
 * The messages are written for this test, not taken from any corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "import/logread.h"
#include "import/mail/mail.h"
#include "tests/testlib.h"
#include "util/readfile.h"
#include "util/strbuf.h"

struct got {
	struct strbuf s; /* "event severity recipient enhanced sending_domain message_id|" */
	struct strbuf msg;
};

static int on_rec(void *ctx, struct recbuild *rb)
{
	struct got *g = ctx;
	const struct sh_record *r = &rb->rec;

	strbuf_addf(&g->s, "%s %s %.*s %s %.*s %.*s|", record_event_name(r->event),
		    record_severity_name(r->severity), (int)r->recipient.len, r->recipient.ptr,
		    r->enhanced[0] ? r->enhanced : "-", (int)r->sending_domain.len,
		    r->sending_domain.ptr, (int)r->message_id.len, r->message_id.ptr);
	strbuf_add(&g->msg, r->message.ptr, r->message.len);
	strbuf_addch(&g->msg, '|');
	return 0;
}

static const char *read_msg(const char *text, size_t len, struct got *g, struct mail_info *info)
{
	struct recbuild rb;
	struct mail_emit out = { on_rec, g };

	strbuf_reset(&g->s);
	strbuf_reset(&g->msg);
	strbuf_adds(&g->s, "");
	strbuf_adds(&g->msg, "");
	recbuild_init(&rb);
	mail_read(text, len, &rb, out, info);
	recbuild_release(&rb);
	return g->s.buf;
}

#define ORIG \
	"Content-Type: message/rfc822\n\n" \
	"From: Shop <news@shop.example>\nTo: ann@dest.example\nSubject: Offer\n" \
	"Message-ID: <orig-1@shop.example>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\nhello\n"

static const struct {
	const char *name, *msg, *kind, *want, *msg_has;
} cases[] = {
	{ "RFC 3464: one record per failed or delayed recipient, delivered is none",
	  "From: MAILER-DAEMON@mx.shop.example\nTo: news@shop.example\n"
	  "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <b1@mx.shop.example>\n"
	  "Date: Mon, 2 Mar 2026 10:05:00 +0000\nMIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
	  "--B\nContent-Type: text/plain\n\nThe mail system could not deliver.\n"
	  "--B\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns; mx.shop.example\nArrival-Date: Mon, 2 Mar 2026 10:00:01 +0000\n\n"
	  "Final-Recipient: rfc822; ann@dest.example\nAction: failed\nStatus: 5.1.1\n"
	  "Diagnostic-Code: smtp; 550 5.1.1 <ann@dest.example>: Recipient address\n"
	  "    rejected: User unknown\n\n"
	  "Final-Recipient: rfc822; bob@other.example\nAction: delayed\nStatus: 4.4.1\n"
	  "Diagnostic-Code: X-Postfix; connect to mx.other.example: Connection timed out\n\n"
	  "Final-Recipient: rfc822; cy@dest.example\nAction: delivered\nStatus: 2.0.0\n\n"
	  "--B\n" ORIG "--B--\n",
	  "bounce",
	  "bounce permanent ann@dest.example 5.1.1 shop.example orig-1@shop.example|"
	  "deferred temporary bob@other.example 4.4.1 shop.example orig-1@shop.example|",
	  "550 5.1.1 <ann@dest.example>: Recipient address rejected: User unknown|" },
	{ "RFC 3464 recipients: a quoted local part kept, a pipe's argument taken",
	  "From: MAILER-DAEMON@mx.shop.example\nTo: news@shop.example\nSubject: Undelivered\n"
	  "Content-Type: multipart/report; report-type=delivery-status; boundary=Q\n\n"
	  "--Q\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.shop.example\n\n"
	  "Final-Recipient: rfc822; \"ann..x\"@dest.example\nAction: failed\nStatus: 5.1.1\n\n"
	  "Final-Recipient: rfc822; |/usr/bin/deliver bob@other.example /var/mail\nAction: failed\n"
	  "Status: 5.3.0\n--Q--\n",
	  "bounce", "bounce permanent \"ann..x\"@dest.example 5.1.1 shop.example |"
	  "bounce permanent bob@other.example 5.3.0 shop.example |", NULL },
	{ "RFC 3464 saying only delivered: a success notice, no failure",
	  "From: postmaster@mx.example\nTo: news@shop.example\nSubject: Delivered\n"
	  "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
	  "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
	  "Final-Recipient: rfc822; ann@dest.example\nAction: delivered\nStatus: 2.0.0\n--B--\n",
	  "delivered", "", NULL },
	{ "RFC 5965: a complaint with the original recipient and the sender's domain",
	  "From: feedback@isp.example\nTo: abuse@shop.example\nSubject: FW: Offer\n"
	  "Content-Type: multipart/report; report-type=feedback-report; boundary=F\n\n"
	  "--F\nContent-Type: text/plain\n\nThis is an abuse report.\n"
	  "--F\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n"
	  "User-Agent: Test/1.0\nVersion: 1\nOriginal-Rcpt-To: ann@dest.example\n"
	  "Arrival-Date: Mon, 2 Mar 2026 11:00:00 +0000\n"
	  "--F\n" ORIG "--F--\n",
	  "complaint", "complained unknown ann@dest.example - shop.example orig-1@shop.example|",
	  NULL },
	{ "a feedback report sent as plain text is still a complaint",
	  "From: fbl@isp.example\nTo: abuse@shop.example\nSubject: Abuse report\n"
	  "Content-Type: multipart/mixed; boundary=T\n\n"
	  "--T\nContent-Type: text/plain\n\nA user marked your mail as spam.\n\n"
	  "Feedback-Type: abuse\nOriginal-Rcpt-To: ann@dest.example\n"
	  "--T\n" ORIG "--T--\n",
	  "complaint", "complained unknown ann@dest.example - shop.example orig-1@shop.example|",
	  NULL },
	{ "an Amazon SES bounce notification (JSON, a folded line)",
	  "From: no-reply@sns.amazonaws.com\nTo: ops@shop.example\nSubject: AWS Notification Message\n\n"
	  "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":"
	  "[{\"emailAddress\":\"ann@dest.example\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 "
	  "user\n unknown\"}],\"timestamp\":\"2026-03-02T10:00:00.000Z\"},\"mail\":{\"source\":"
	  "\"news@shop.example\",\"messageId\":\"0101-abc\"}}\n\n--\nIf you wish to stop receiving notifications...\n",
	  "bounce", "bounce permanent ann@dest.example 5.1.1 shop.example 0101-abc|",
	  "550 5.1.1 user unknown" },
	{ "an Amazon SES complaint inside an SNS envelope",
	  "From: no-reply@sns.amazonaws.com\nTo: ops@shop.example\nSubject: AWS Notification Message\n\n"
	  "{\"Type\":\"Notification\",\"Message\":\"{\\\"notificationType\\\":\\\"Complaint\\\","
	  "\\\"complaint\\\":{\\\"complainedRecipients\\\":[{\\\"emailAddress\\\":\\\"bob@other.example\\\"}]},"
	  "\\\"mail\\\":{\\\"source\\\":\\\"news@shop.example\\\"}}\"}\n",
	  "complaint", "complained unknown bob@other.example - shop.example |", NULL },
	{ "RFC 3834 out-of-office: never a failure",
	  "From: Ann <ann@dest.example>\nTo: news@shop.example\nSubject: Automatic reply: Offer\n"
	  "Auto-Submitted: auto-replied\n\nI am away until Monday.\n",
	  "autoreply", "", NULL },
	{ "a list of <address>: reason blocks, then the copy of the message",
	  "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\nSubject: failure notice\n\n"
	  "I could not deliver your message to the following addresses.\n"
	  "This is a permanent error.\n\n"
	  "<ann@dest.example>:\nremote host said: 550 no mailbox here by that name\n\n"
	  "<bob@other.example>:\nremote host said: 552 5.2.2 mailbox full\n\n"
	  "--- Below this line is a copy of the message.\n\n"
	  "From: news@shop.example\nTo: ann@dest.example\nMessage-ID: <orig-2@shop.example>\n"
	  "Subject: Offer\n\nhello carl@third.example\n",
	  "bounce",
	  "bounce permanent ann@dest.example - shop.example orig-2@shop.example|"
	  "bounce permanent bob@other.example 5.2.2 shop.example orig-2@shop.example|",
	  NULL },
	{ "an indented address after a sentence, X-Failed-Recipients, CRLF line ends",
	  "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
	  "To: me@gmail.com\r\nX-Failed-Recipients: ann@dest.example\r\n"
	  "Subject: Delivery Status Notification (Failure)\r\n"
	  "Message-ID: <b3@google.com>\r\n\r\n"
	  "Delivery to the following recipient failed permanently:\r\n\r\n"
	  "     ann@dest.example\r\n\r\nTechnical details of permanent failure:\r\n"
	  "The error that the other server returned was:\r\n"
	  "550 5.1.1 The email account that you tried to reach does not exist.\r\n\r\n"
	  "----- Original message -----\r\n\r\nFrom: me@gmail.com\r\nTo: ann@dest.example\r\n"
	  "Subject: hi\r\nMessage-ID: <o3@mail.gmail.com>\r\n\r\nhi\r\n",
	  "bounce", "bounce permanent ann@dest.example 5.1.1 gmail.com o3@mail.gmail.com|",
	  "550 5.1.1 The email account that you tried to reach does not exist." },
	{ "bare CR line ends and a delay warning in words",
	  "From: Mail Delivery System <MAILER-DAEMON@relay.example>\rTo: news@shop.example\r"
	  "Subject: Warning: message delayed\r\r"
	  "This message was created automatically by mail delivery software.\r"
	  "A message that you sent has not yet been delivered to one or more of its\r"
	  "recipients after more than 24 hours on the queue. The server will retry.\r\r"
	  "  ann@dest.example\r    Delay reason: 451 4.4.1 host not responding\r",
	  "bounce", "deferred temporary ann@dest.example 4.4.1 shop.example |", NULL },
	{ "a plain message is not a bounce",
	  "From: Ann <ann@dest.example>\nTo: news@shop.example\nSubject: Re: Offer\n\n"
	  "Please call me at bob@other.example.\n",
	  "other", "", NULL },
	{ "a person's mail about a failure is not a bounce",
	  "From: Ann <ann@dest.example>\nTo: news@shop.example\nSubject: Re: delivery failure?\n"
	  "Return-Path: <ann@dest.example>\n\nbob@other.example: 550 says my colleague, rejected.\n",
	  "other", "", NULL },
	{ "a bounce a person forwarded is one",
	  "From: Ann <ann@shop.example>\nTo: news@shop.example\n"
	  "Subject: Fwd: Returned mail: see transcript for details\n\n"
	  "----- The following addresses had permanent fatal errors -----\n<bob@other.example>\n"
	  "    (reason: 550 5.1.1 User unknown)\n",
	  "bounce", "bounce permanent bob@other.example 5.1.1 shop.example |", NULL },
	{ "a list refusing a post names the list in its text only: that address, not its "
	  "command address",
	  "From: shop-list-admin@lists.example\nTo: news@shop.example\n"
	  "Subject: posting refused\nX-ML-Name: shop-list\n\n"
	  "You are not a member of <shop-list@lists.example>.\n\nWrite to\n\n"
	  "\tshop-list-ctl@lists.example\n\nto subscribe.\n",
	  "bounce", "bounce permanent shop-list@lists.example - shop.example |",
	  "You are not a member" },
	{ "an ordinary post from a mailing list is no failure",
	  "From: Ann <ann@dest.example>\nTo: news@shop.example\nSubject: March meeting\n"
	  "List-Id: <club.lists.example>\nList-Post: <mailto:club@lists.example>\n\n"
	  "The meeting moves to Friday; bob@other.example takes the minutes.\n",
	  "other", "", NULL },
	{ "an address with Japanese text glued to it: the address alone (an IDN label stays)",
	  "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\nSubject: failure notice\n"
	  "Content-Type: text/plain; charset=UTF-8\n\n"
	  "ann@dest.example\xe5\xae\x9b\xe3\x81\xae\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\n"
	  "    550 5.1.1 User unknown\n"
	  "bob@\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\n"
	  "    550 5.1.1 User unknown\n",
	  "bounce", "bounce permanent ann@dest.example 5.1.1 shop.example |"
	  "bounce permanent bob@\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88 5.1.1 shop.example |",
	  NULL },
	{ "a feedback loop's report that is not RFC 5965: a complaint for the original's To",
	  "From: complaints@fbl.example\nTo: fbl@shop.example\nSubject: Email Feedback Report for IP 192.0.2.7\n"
	  "Content-Type: multipart/mixed; boundary=K\n\n"
	  "--K\nContent-Type: text/plain\n\nA member of ours reported this message as spam.\n"
	  "--K\n" ORIG "--K--\n",
	  "complaint", "complained unknown ann@dest.example - shop.example orig-1@shop.example|", NULL },
	{ "a person's mail with a forwarded message and 'spam report' in its subject but no "
	  "original recipient is no complaint",
	  "From: Ann <ann@dest.example>\nTo: news@shop.example\nSubject: Fwd: spam report\n"
	  "Content-Type: text/plain\n\nSee below.\n",
	  "other", "", NULL },
	{ "base64 text in ISO-8859-1 is decoded",
	  "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\nSubject: Returned mail\n"
	  "MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\n"
	  "Content-Transfer-Encoding: base64\n\n"
	  "PGFubkBkZXN0LmV4YW1wbGU+Ogo1NTAgNS4xLjEgVXNlciB1bmtub3duIChm/HIgZGllc2VuIE5hbWVuKQo=\n",
	  "bounce", "bounce permanent ann@dest.example 5.1.1 shop.example |",
	  "550 5.1.1 User unknown (f\xc3\xbcr diesen Namen)" },
};

static void test_cases(void)
{
	struct got g;
	struct mail_info info;
	size_t i;

	strbuf_init(&g.s);
	strbuf_init(&g.msg);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = read_msg(cases[i].msg, strlen(cases[i].msg), &g, &info);
		if (strcmp(got, cases[i].want) || strcmp(mail_kind_name(info.kind), cases[i].kind))
			fprintf(stderr, "  %s:\n    got  %s %s\n    want %s %s\n", cases[i].name,
				mail_kind_name(info.kind), got, cases[i].kind, cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		CU_ASSERT_STRING_EQUAL(mail_kind_name(info.kind), cases[i].kind);
		if (cases[i].msg_has) {
			if (!strstr(g.msg.buf, cases[i].msg_has))
				fprintf(stderr, "  %s: message '%s' lacks '%s'\n", cases[i].name,
					g.msg.buf, cases[i].msg_has);
			CU_ASSERT_PTR_NOT_NULL(strstr(g.msg.buf, cases[i].msg_has));
		}
		CU_ASSERT_PTR_NULL(info.problem_key);
	}
	strbuf_release(&g.s);
	strbuf_release(&g.msg);
}

/* A message without CR or NUL bytes is read where it is, not copied: the same records from
 * the caller's bytes in read-only memory that end right before an unmapped page (a write
 * to them, or a read past their end, would crash the test) as from a heap copy. */
static void test_in_place(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct got g, want;
	struct mail_info info, winfo;
	size_t i;

	strbuf_init(&g.s);
	strbuf_init(&g.msg);
	strbuf_init(&want.s);
	strbuf_init(&want.msg);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].msg);
		size_t room = (len + (size_t)page - 1) / (size_t)page * (size_t)page;
		char *map = mmap(NULL, room + (size_t)page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *at;
		if (map == MAP_FAILED || strchr(cases[i].msg, '\r')) {
			CU_ASSERT(map != MAP_FAILED);
			continue;
		}
		at = map + room - len;
		memcpy(at, cases[i].msg, len);
		CU_ASSERT_EQUAL(mprotect(map, room, PROT_READ), 0);
		CU_ASSERT_EQUAL(mprotect(map + room, (size_t)page, PROT_NONE), 0);
		read_msg(cases[i].msg, len, &want, &winfo);
		read_msg(at, len, &g, &info);
		CU_ASSERT_STRING_EQUAL(g.s.buf, want.s.buf);
		CU_ASSERT_STRING_EQUAL(g.msg.buf, want.msg.buf);
		CU_ASSERT_EQUAL(info.kind, winfo.kind);
		CU_ASSERT_STRING_EQUAL(g.s.buf, cases[i].want);
		munmap(map, room + (size_t)page);
	}
	strbuf_release(&g.s);
	strbuf_release(&g.msg);
	strbuf_release(&want.s);
	strbuf_release(&want.msg);
}

/* Kinds of bounce in tests/fixtures/mail/kinds/ (written for this test): the failed recipient
 * and the text the classifier is given. */
static void test_fixture_kinds(void)
{
	static const struct {
		const char *file, *want, *msg_has, *msg_lacks;
	} kinds[] = {
		/* a list's manager refusing a post from a non-member: the list failed */
		{ "mail/kinds/list-not-member.eml",
		  "bounce permanent offers@lists.partner.example - shop.example |",
		  "is not a member of this list", NULL },
		/* Exim: an address written as the display name of another; the one in <> */
		{ "mail/kinds/malformed-address.eml",
		  "bounce permanent ann.example@dest.example - shop.example offer-0306@shop.example|",
		  "malformed address", NULL },
		/* a bounce a person forwarded as a "> " quote: its recipient, never the
		 * quoted Message-Id */
		/* a mailer daemon with no address ("MAILER-DAEMON <>"), a subject of its own */
		{ "mail/kinds/daemon-without-address.eml",
		  "bounce permanent ann@dest.example - shop.example |",
		  "stopped by the filter", NULL },
		{ "mail/kinds/forwarded-quoted.eml",
		  "bounce permanent lena@gone.example 5.1.1 shop.example |",
		  "550 5.1.1 No such user here", NULL },
		/* a MIME body whose headers were lost: the report read from the text, its reason
		 * the human part without the preamble and boundary lines */
		/* Microsoft's older feedback loop form: the complainer in the returned
		 * original's X-HmXmrOriginalRecipient */
		{ "mail/kinds/feedback-loop-plain.eml",
		  "complained unknown lena@mailbox.example - shop.example offer-0313-77@shop.example|",
		  "complaint", NULL },
		{ "mail/kinds/mime-headers-lost.eml",
		  "bounce permanent ann@dest.example 4.4.7 shop.example |",
		  "Deferred: Connection refused", "MIME-encapsulated" },
		/* X-Failed-Recipients names one the text does not open a line with: the text is
		 * still the reason (it was empty) */
		{ "mail/kinds/failed-header-only.eml",
		  "bounce permanent club@groups.example - shop.example |",
		  "may not have permission", NULL },
		/* kinds of text that servers without a delivery-status part write (their
		 * markers read in Sisimai's Lhost modules' documentation; the messages are
		 * ours): Domino's "was not delivered to:" block */
		{ "mail/kinds/notes-not-listed.eml",
		  "bounce permanent ann@dest.example - shop.example cat-0309@shop.example|",
		  "not listed in Domino Directory", NULL },
		/* Sendmail 5's transcript: ">>> RCPT To:<a>", then the reply */
		{ "mail/kinds/sendmail5-transcript.eml",
		  "bounce permanent kenji@dest.example - shop.example offer-0309@shop.example|",
		  "550 <kenji@dest.example>... User unknown", "Unsent message" },
		/* Active!hunter: ">>> a <a>" under a row of dashes */
		{ "mail/kinds/fatal-errors-block.eml",
		  "bounce permanent mika@dest.example 5.1.1 shop.example offer-0310@shop.example|",
		  "no mailbox here by that name", NULL },
		/* MailFoundry: the address only inside a sentence */
		{ "mail/kinds/unable-to-deliver-to.eml",
		  "bounce permanent omar@dest.example - shop.example offer-0311@shop.example|",
		  "No such user here", NULL },
		/* GMX: "\"a\":" and the original's header after a sentence of dashes */
		{ "mail/kinds/quoted-address-colon.eml",
		  "bounce permanent pia@far.example 5.1.1 shop.example offer-0312@shop.example|",
		  "User Unknown", "header of the original" },
		/* au (KDDI): "Could not be delivered to: <a>", the reason in words only */
		{ "mail/kinds/could-not-be-delivered-to.eml",
		  "bounce permanent yui@dest.example - shop.example offer-0313@shop.example|",
		  "mailbox is full", NULL },
		/* the same with the address masked: the returned original's To */
		{ "mail/kinds/masked-recipient.eml",
		  "bounce permanent aki@gone.example - shop.example offer-0321@shop.example|",
		  "remote domain doesnt exist", NULL },
		/* OpenSMTPD: "a: reply", then an indented "Below is a copy of the original
		 * message:" with the original inline (its header is no reason) */
		{ "mail/kinds/smtpd-indented.eml",
		  "bounce permanent lou@dest.example 5.2.2 shop.example offer-0314@shop.example|",
		  "Mailbox Full", "Below is a copy" },
		/* InterScan: "Sent <<< RCPT TO:<a>" / "Received >>> reply"; a help address
		 * (postmaster@) in the text is no recipient */
		{ "mail/kinds/session-sent-received.eml",
		  "bounce permanent noa@dest.example 5.1.1 shop.example offer-0315@shop.example|",
		  "user unknown", NULL },
		/* MailMarshal: the reason first, the recipients after it */
		{ "mail/kinds/affected-recipients.eml",
		  "bounce permanent rui@dest.example 5.1.1 shop.example |",
		  "550 5.1.1 User unknown", NULL },
		/* Office 365's newer form: "Recipient Address:" in the details */
		{ "mail/kinds/recipient-address-line.eml",
		  "bounce permanent eva@dest.example 5.1.10 shop.example |",
		  "RecipientNotFound", NULL },
		/* qmail and its clones: "<a>:", the remote's reply, in English or Spanish */
		{ "mail/kinds/qmail-clone.eml",
		  "bounce permanent tom@far.example 5.1.1 shop.example offer-0318@shop.example|",
		  "does not like recipient", "Below this line" },
		{ "mail/kinds/qmail-spanish.eml",
		  "bounce permanent luz@dest.example 5.1.1 shop.example offer-0322@shop.example|",
		  "no hay un buzon", "Original message" },
		/* Yahoo: "Remote host said:" on a line of its own */
		{ "mail/kinds/remote-host-said.eml",
		  "bounce permanent zoe@dest.example 5.2.2 shop.example offer-0319@shop.example|",
		  "Mailbox Full", NULL },
		/* DragonFly's dma: "There was an error delivering your mail to <a>." and the
		 * original's header (a Cc there is no recipient) */
		{ "mail/kinds/dma-error.eml",
		  "bounce permanent ida@dest.example 5.1.1 shop.example offer-0320@shop.example|",
		  "User unknown in local recipient table", "boss@partner.example" },
		/* delay warnings without a delivery-status part: temporary, though their text
		 * speaks of a failure to come (Postfix's "could not be delivered for more than 3
		 * hour(s)", Gmail's "if the delivery fails permanently") */
		{ "mail/kinds/delay-warning-only.eml",
		  "deferred temporary hal@slow.example - shop.example |", "Connection timed", NULL },
		{ "mail/kinds/delay-still-undelivered.eml",
		  "deferred temporary ivy@slow.example - shop.example |", "Deferred", NULL },
		{ "mail/kinds/delivery-incomplete.eml",
		  "deferred temporary fay@dest.example 4.7.1 shop.example offer-0404@shop.example|",
		  "Greylisting", "Original message" },
		/* a failure notice whose remote reply was temporary ("421 … temporarily
		 * deferred"): the server gave up, so permanent */
		{ "mail/kinds/reply-temporary-gave-up.eml",
		  "bounce permanent abe@dest.example 4.7.0 shop.example |", "TSS04", "Below this line" },
		/* Exchange 2007-2019 for people: "#550 5.1.1 …##" gives the reply code; the
		 * "Original message headers:" that follow are no reason */
		{ "mail/kinds/exchange-diagnostic.eml",
		  "bounce permanent paul.weber@dest.example 5.1.1 shop.example offer-0401@shop.example|",
		  "RecipNotFound", "Original message headers" },
		/* Chinese text glued to the address ("收件人：a@b"): not part of it */
		{ "mail/kinds/glued-label-address.eml",
		  "bounce permanent wang@dest.example 5.1.1 shop.example |", "Mailbox not found", NULL },
		/* the returned copy announced in Russian (mail.ru), or T-Online's "Message text
		 * follows": the original's header is no reason */
		{ "mail/kinds/copy-translated.eml",
		  "bounce permanent oleg@dest.example 5.1.1 shop.example offer-0407@shop.example|",
		  "Mailbox does not exist", "From: Nina" },
		{ "mail/kinds/failed-addresses-follow.eml",
		  "bounce permanent uwe@dest.example - shop.example |", "unknown user", "From: Nina" },
		/* Office 365: the final recipient wrapped as IMCEAEX-…; the one the sender wrote */
		{ "mail/kinds/imcea-recipient.eml",
		  "bounce permanent zara@dest.example 5.1.1 shop.example |", "ExRecipNotFound", NULL },
		/* a multipart/report from a sender and with a subject that do not look like a
		 * bounce, its report naming nobody: the text's recipient */
		{ "mail/kinds/report-without-block.eml",
		  "bounce permanent wim@dest.example 5.1.1 shop.example offer-0410@shop.example|",
		  "Mailbox unavailable", NULL },
		/* GroupWise: "Possibly truncated original message follows:" ends the reason (the
		 * original's To and Cc are none of it) */
		{ "mail/kinds/truncated-original-follows.eml",
		  "bounce permanent hank@dest.example - shop.example |", "user not found", "Cc:" },
		/* a bounce sent as HTML only, its text with character references: decoded */
		{ "mail/kinds/html-references.eml",
		  "bounce permanent karl@dest.example 5.1.1 shop.example |",
		  "Benutzer unbekannt \xe2\x80\x93 user unknown", "&quot;" },
		/* a bounce a person forwarded as an attachment: read as if it came itself (the
		 * forwarder, the bounce's addressee, is no recipient); forwarded inline, its own
		 * header ("From: Mail Delivery Subsystem") is not the original's */
		{ "mail/kinds/forwarded-attached.eml",
		  "bounce permanent paul.weber@dest.example 5.1.1 shop.example offer-0401@shop.example|",
		  "RecipNotFound", "attached bounce" },
		{ "mail/kinds/forwarded-inline.eml",
		  "bounce permanent eve@dest.example 5.1.1 shop.example |", "does not exist", NULL },
		/* a list's refusal with a bounce's subject (Mailman's "was rejected … not from
		 * a list member"): the list failed; a post held for the moderator is no failure
		 * (yet), though its text gives the same reason */
		{ "mail/kinds/list-rejected-reasons.eml",
		  "bounce permanent club@lists.partner.example - shop.example |", "not from a list member",
		  NULL },
		{ "mail/kinds/list-held-moderation.eml", "", "", NULL },
		/* the recipient named only in a sentence, beside an address to ask for help
		 * ("please contact <support@…>"): that one is none */
		{ "mail/kinds/help-address.eml",
		  "bounce permanent rosa@dest.example 5.1.1 shop.example |", "Mailbox does not exist",
		  NULL },
		/* a bounce from an address that is no daemon's, its subject in Spanish ("No se
		 * puede entregar:") */
		{ "mail/kinds/subject-translated.eml",
		  "bounce permanent tono@dest.example 5.1.1 shop.example |", "El buz\xc3\xb3n no existe",
		  NULL },
		/* an out-of-office reply without RFC 3834 headers, Outlook's prefix in Spanish
		 * and a bounce's word in the subject it answers: no failure */
		{ "mail/kinds/autoreply-translated.eml", "", "", NULL },
		/* success notices written for people, no delivery-status part (Exchange's
		 * "Delivered:", Postfix's "successfully delivered"): no failure */
		{ "mail/kinds/success-delivered-text.eml", "", "", NULL },
		{ "mail/kinds/success-report-text.eml", "", "", NULL },
		/* a read receipt (report-type=disposition-notification) from an alias of the
		 * address written to: never a failure */
		{ "mail/kinds/read-receipt-alias.eml", "", "", NULL },
	};
	struct got g;
	struct mail_info info;
	size_t i, len;

	strbuf_init(&g.s);
	strbuf_init(&g.msg);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char *buf = read_whole_file(test_fixture(kinds[i].file), 1 << 20, &len, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
		TEST_STR_EQ(read_msg(buf, len, &g, &info), kinds[i].want);
		if (!kinds[i].want[0]) { /* no failure: a receipt, a held post, a success… */
			CU_ASSERT(info.kind == MAIL_OTHER || info.kind == MAIL_DELIVERED ||
				  info.kind == MAIL_AUTOREPLY);
		} else {
			TEST_STR_EQ(mail_kind_name(info.kind),
				    strncmp(kinds[i].want, "complained", 10) ? "bounce" : "complaint");
		}
		if (!strstr(g.msg.buf, kinds[i].msg_has) ||
		    (kinds[i].msg_lacks && strstr(g.msg.buf, kinds[i].msg_lacks)))
			fprintf(stderr, "  %s: message '%s'\n", kinds[i].file, g.msg.buf);
		CU_ASSERT_PTR_NOT_NULL(strstr(g.msg.buf, kinds[i].msg_has));
		CU_ASSERT(!kinds[i].msg_lacks || !strstr(g.msg.buf, kinds[i].msg_lacks));
		free(buf);
	}
	strbuf_release(&g.s);
	strbuf_release(&g.msg);
}

static int on_code(void *ctx, struct recbuild *rb)
{
	strbuf_addf(ctx, "%.*s %d %s|", (int)rb->rec.recipient.len, rb->rec.recipient.ptr,
		    rb->rec.smtp_code, rb->rec.enhanced[0] ? rb->rec.enhanced : "-");
	return 0;
}

/* The reply code a diagnostic text quotes, not a port, an address or a date; a Status
 * that only gives the class (5.0.0) yields to the closer code after the reply code. */
static void test_codes(void)
{
	static const struct {
		const char *file, *want;
	} files[] = {
		{ "mail/kinds/codes-in-text.eml",
		  "ann@dest.example 550 5.7.1|bob@other.example 421 4.4.1|cy@third.example 0 5.0.0|" },
		/* Exchange's "#550 5.1.1 …##" (the '#' of a link's "DOC-1369#550" is no code) */
		{ "mail/kinds/exchange-diagnostic.eml", "paul.weber@dest.example 550 5.1.1|" },
	};
	struct strbuf got;
	struct recbuild rb;
	struct mail_emit out = { on_code, &got };
	struct mail_info info;
	size_t i, len;

	strbuf_init(&got);
	recbuild_init(&rb);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *buf = read_whole_file(test_fixture(files[i].file), 1 << 20, &len, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
		strbuf_reset(&got);
		strbuf_adds(&got, "");
		mail_read(buf, len, &rb, out, &info);
		TEST_STR_EQ(got.buf, files[i].want);
		free(buf);
	}
	recbuild_release(&rb);
	strbuf_release(&got);
}

#define DSN_HEAD \
	"From: MAILER-DAEMON@mx.shop.example\nTo: news@shop.example\nSubject: Undelivered\n" \
	"Message-ID: <h@mx.shop.example>\nMIME-Version: 1.0\n"
#define DSN_PART \
	"Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.shop.example\n\n" \
	"Final-Recipient: rfc822; ann@dest.example\nAction: failed\nStatus: 5.1.1\n\n"

static void hostile_parts(struct strbuf *sb)
{
	int i;

	strbuf_adds(sb, DSN_HEAD "Content-Type: multipart/report; boundary=P\n\n--P\n" DSN_PART);
	for (i = 0; i < 10000; i++)
		strbuf_adds(sb, "--P\nContent-Type: text/plain\n\nx\n");
	strbuf_adds(sb, "--P--\n");
}

static void hostile_nesting(struct strbuf *sb)
{
	int i;

	strbuf_adds(sb, DSN_HEAD "Content-Type: multipart/report; boundary=N0\n\n--N0\n" DSN_PART);
	for (i = 0; i < 100; i++)
		strbuf_addf(sb, "--N%d\nContent-Type: multipart/mixed; boundary=N%d\n\n", i, i + 1);
	strbuf_adds(sb, "--N100\nContent-Type: text/plain\n\ndeep\n");
	for (i = 100; i >= 0; i--)
		strbuf_addf(sb, "--N%d--\n", i);
}

static void hostile_no_end(struct strbuf *sb)
{
	strbuf_adds(sb, DSN_HEAD "Content-Type: multipart/report; boundary=E\n\n--E\n" DSN_PART
		    "--E\nContent-Type: text/plain\n\nthe end boundary never comes\n");
}

/* Cut before anything names a recipient. */
static void hostile_cut_early(struct strbuf *sb)
{
	strbuf_adds(sb, DSN_HEAD "Content-Type: multipart/report; boundary=C\n\n--C\n"
		    "Content-Type: text/plain\n\nthe end boundary never comes\n");
}

static void hostile_long_header(struct strbuf *sb)
{
	size_t i;

	strbuf_adds(sb, "X-Long: ");
	for (i = 0; i < 1024 * 1024; i++)
		strbuf_addch(sb, 'a');
	strbuf_adds(sb, "\n" DSN_HEAD "Content-Type: multipart/report; boundary=L\n\n--L\n"
		    DSN_PART "--L--\n");
}

static void hostile_charset(struct strbuf *sb)
{
	strbuf_adds(sb, "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\n"
		    "Subject: failure notice\nContent-Type: text/plain; charset=x-no-such-charset\n\n"
		    "<ann@dest.example>:\n550 5.1.1 unknown user \xff\xfe\n");
}

static void hostile_nul(struct strbuf *sb)
{
	static const char m[] = "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\n"
				"Subject: failure notice\n\n<ann@dest.example>:\n550 5.1.1 unknown\0 user\n";

	strbuf_add(sb, m, sizeof(m) - 1);
}

static void hostile_attachment(struct strbuf *sb)
{
	size_t i;

	strbuf_adds(sb, DSN_HEAD "Content-Type: multipart/report; boundary=A\n\n--A\n" DSN_PART
		    "--A\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n");
	for (i = 0; i < 50u * 1024 * 1024 / 77; i++)
		strbuf_adds(sb, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n");
	strbuf_adds(sb, "--A--\n");
}

/* Each: a diagnostic naming what was wrong (or none), and the failure still read. */
static void test_hostile(void)
{
	static const struct {
		const char *name;
		void (*make)(struct strbuf *sb);
		const char *key, *want;
	} t[] = {
		{ "10,000 MIME parts", hostile_parts, "mail_too_many_parts", "ann@dest.example" },
		{ "100-deep nesting", hostile_nesting, "mail_too_deep", "ann@dest.example" },
		{ "a part without its end boundary", hostile_no_end, "mail_truncated", "ann@dest.example" },
		{ "a 1 MB header line", hostile_long_header, "mail_long_line", "ann@dest.example" },
		{ "an unknown charset", hostile_charset, "mail_charset", "ann@dest.example" },
		{ "NUL bytes", hostile_nul, "mail_nul", "ann@dest.example" },
		{ "a 50 MB attachment", hostile_attachment, NULL, "ann@dest.example" },
	};
	struct got g;
	struct mail_info info;
	size_t i;

	strbuf_init(&g.s);
	strbuf_init(&g.msg);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb;
		const char *key;
		strbuf_init(&sb);
		t[i].make(&sb);
		read_msg(sb.buf, sb.len, &g, &info);
		key = info.problem_key ? info.problem_key : "(none)";
		if (strcmp(key, t[i].key ? t[i].key : "(none)") || !strstr(g.s.buf, t[i].want))
			fprintf(stderr, "  %s: got %s '%s' %s\n", t[i].name, key, info.problem, g.s.buf);
		CU_ASSERT_STRING_EQUAL(key, t[i].key ? t[i].key : "(none)");
		CU_ASSERT_PTR_NOT_NULL(strstr(g.s.buf, t[i].want));
		CU_ASSERT(!info.problem_key || info.problem[0]);
		strbuf_release(&sb);
	}
	strbuf_release(&g.s);
	strbuf_release(&g.msg);
}

struct box {
	struct strbuf rcpts;  /* "recipient " per record */
	struct strbuf skips;  /* "line:key text\n" per diagnostic */
	long n;
};

static void box_init(struct box *b)
{
	strbuf_init(&b->rcpts);
	strbuf_init(&b->skips);
	b->n = 0;
}

static void box_release(struct box *b)
{
	strbuf_release(&b->rcpts);
	strbuf_release(&b->skips);
}

static int box_record(void *ctx, const struct sh_record *r)
{
	struct box *b = ctx;

	strbuf_add(&b->rcpts, r->recipient.ptr, r->recipient.len);
	strbuf_addch(&b->rcpts, ' ');
	b->n++;
	return 0;
}

static void box_skip(void *ctx, const char *file, long line, const char *key, const char *text)
{
	struct box *b = ctx;

	(void)file;
	strbuf_addf(&b->skips, "%ld:%s %s\n", line, key, text);
}

/* Reads an mbox through logread in chunks of 4 KiB. */
static void read_box(struct box *b, const struct strbuf *mbox)
{
	struct sh_sink sink = { box_skip, b };
	struct logread_cb cb = { box_record, b };
	struct logread_opts o;
	struct sh_error err = { 0 };
	struct logread *lr;
	size_t off;

	memset(&o, 0, sizeof(o));
	o.sink = &sink;
	o.no_dedupe = 1;
	lr = logread_new("hostile.mbox", &o, cb);
	for (off = 0; off < mbox->len; off += 4096)
		CU_ASSERT_EQUAL(logread_feed(lr, mbox->buf + off, mbox->len - off < 4096 ?
					     mbox->len - off : 4096, &err), 0);
	CU_ASSERT_EQUAL(logread_finish(lr, &err), 0);
	CU_ASSERT_EQUAL(logread_stats(lr)->format, LR_MBOX);
	logread_free(lr);
}

static void add_good(struct strbuf *sb, int i)
{
	strbuf_addf(sb, "From MAILER-DAEMON Mon Mar  2 10:05:00 2026\n"
		    "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\nSubject: failure notice\n"
		    "Message-ID: <good-%d@relay.example>\n\n<good%d@dest.example>:\n"
		    "550 5.1.1 unknown user\n\n", i, i);
}

static void add_hostile(struct strbuf *sb, void (*make)(struct strbuf *sb))
{
	strbuf_adds(sb, "From MAILER-DAEMON Mon Mar  2 10:06:00 2026\n");
	make(sb);
	strbuf_adds(sb, "\n");
}

/* Hostile messages inside an mbox: each named by its line and number, the others read. */
static void test_hostile_mbox(void)
{
	struct strbuf mbox;
	struct box b;

	strbuf_init(&mbox);
	box_init(&b);
	add_good(&mbox, 1);
	add_hostile(&mbox, hostile_parts);
	add_good(&mbox, 2);
	add_hostile(&mbox, hostile_cut_early);
	add_good(&mbox, 3);
	add_hostile(&mbox, hostile_long_header);
	add_good(&mbox, 4);
	add_hostile(&mbox, hostile_nul);
	add_good(&mbox, 5);
	strbuf_adds(&mbox, "From MAILER-DAEMON Mon Mar  2 10:07:00 2026\nno header at all\n\n");
	add_good(&mbox, 6);
	add_hostile(&mbox, hostile_no_end);
	read_box(&b, &mbox);
	TEST_STR_EQ(b.rcpts.buf, "good1@dest.example ann@dest.example good2@dest.example "
		    "good3@dest.example ann@dest.example good4@dest.example "
		    "ann@dest.example good5@dest.example good6@dest.example ann@dest.example ");
	/* a returned original cut short is common in real bounces: no word when the
	 * failure was read all the same */
	CU_ASSERT_PTR_NULL(strstr(b.skips.buf, "message 12:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.skips.buf, ":mail_too_many_parts message 2: more than 1000 MIME parts"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.skips.buf, ":mail_truncated message 4: a MIME part ends without its boundary"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.skips.buf, ":mail_long_line message 6: a line of 1048584 bytes"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.skips.buf, ":mail_nul message 8: 1 NUL byte(s)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.skips.buf, ":mail_unreadable message 10: not a mail message"));
	if (!strstr(b.skips.buf, "message 10:"))
		fprintf(stderr, "  diagnostics:\n%s", b.skips.buf);
	strbuf_release(&mbox);
	box_release(&b);
}

/* An mbox whose blank line before a separator was lost (an exporter's, or a cut and glued
 * file): a whole From_ line ("From sender  Sat Jan 10 09:50:37 2009", Takeout's "+0000
 * 2024") still starts a message. */
static void test_mbox_no_blank(void)
{
	struct strbuf mbox;
	struct box b;

	strbuf_init(&mbox);
	box_init(&b);
#define NB_HEAD "From: MAILER-DAEMON@relay.example\nTo: news@shop.example\nSubject: failure notice\n"
	/* each names its recipient in X-Failed-Recipients only: two read as one give one */
	strbuf_adds(&mbox, "From MAILER-DAEMON Mon Mar  2 10:05:00 2026\n" NB_HEAD
		    "X-Failed-Recipients: one@dest.example\n\n550 5.1.1 unknown user\n"
		    "From the relay at relay.example, Mon Mar  2 10:05:00 2026\n"
		    "From mailer-daemon  Sat Jan 10 09:50:37 2009\n" NB_HEAD
		    "X-Failed-Recipients: two@dest.example\n\n550 5.1.1 unknown user\n"
		    "From 1790000000000000000@xxx Fri Mar 01 10:00:00 +0000 2024\n" NB_HEAD
		    "X-Failed-Recipients: three@dest.example\n\n550 5.1.1 unknown user\n");
#undef NB_HEAD
	read_box(&b, &mbox);
	TEST_STR_EQ(b.rcpts.buf, "one@dest.example two@dest.example three@dest.example ");
	strbuf_release(&mbox);
	box_release(&b);
}

/* 20,000 messages read in chunks: memory stays flat (one message held at a time). */
static void test_big_mbox(void)
{
	struct box b;
	struct strbuf chunk;
	struct sh_sink sink = { box_skip, &b };
	struct logread_cb cb = { box_record, &b };
	struct logread_opts o;
	struct sh_error err = { 0 };
	struct logread *lr;
	struct rusage before, after;
	int i;

	box_init(&b);
	strbuf_init(&chunk);
	memset(&o, 0, sizeof(o));
	o.sink = &sink;
	lr = logread_new("big.mbox", &o, cb);
	getrusage(RUSAGE_SELF, &before);
	for (i = 0; i < 20000; i++) {
		strbuf_reset(&chunk);
		add_good(&chunk, i);
		logread_feed(lr, chunk.buf, chunk.len, &err);
		strbuf_reset(&b.rcpts); /* the callback's text is not what is measured */
	}
	CU_ASSERT_EQUAL(logread_finish(lr, &err), 0);
	getrusage(RUSAGE_SELF, &after);
	TEST_LONG_EQ(b.n, 20000);
	TEST_LONG_EQ(logread_stats(lr)->skipped, 0);
	/* the dedupe table is 4 MiB; everything else is one message at a time */
	if (after.ru_maxrss - before.ru_maxrss > 16 * 1024)
		fprintf(stderr, "  peak RSS grew by %ld KiB\n", after.ru_maxrss - before.ru_maxrss);
	CU_ASSERT(after.ru_maxrss - before.ru_maxrss <= 16 * 1024);
	logread_free(lr);
	strbuf_release(&chunk);
	box_release(&b);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "reports, complaints, auto-replies, bounces for people", test_cases },
		{ "a message read where it is: read-only bytes, nothing read past them", test_in_place },
		{ "kinds of bounce in fixtures: the failed recipient", test_fixture_kinds },
		{ "reply and enhanced codes from the diagnostic text", test_codes },
		{ "hostile messages: a diagnostic, the failure still read", test_hostile },
		{ "hostile messages in an mbox: named by number, the rest read", test_hostile_mbox },
		{ "an mbox separator without the blank line before it", test_mbox_no_blank },
		{ "a 20,000-message mbox in bounded memory", test_big_mbox },
	};
	return test_run("mail", tests, sizeof(tests) / sizeof(tests[0]));
}
