/* meta.c - header readings of a bounce and of the message it returns (see meta.h). */
#include "import/mail/meta.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "import/mail/fields.h"
#include "util/text.h"

double meta_date(const char *s)
{
	GDateTime *dt;
	double t = 0;

	if (!s || !*s)
		return 0;
	dt = g_mime_utils_header_decode_date(s);
	if (dt) {
		t = (double)g_date_time_to_unix(dt);
		g_date_time_unref(dt);
	}
	return t > 0 ? t : 0;
}

/* The first mailbox of an address list into out (and its display name into name). A
 * list with no mailbox that has a domain ("MAILER-DAEMON <>", "<MAILER-DAEMON>") still
 * gives name: the first one's name, else its local address. */
static void first_mailbox(InternetAddressList *l, char *out, size_t size, char *name,
			  size_t nsize)
{
	int i, n = l ? internet_address_list_length(l) : 0;

	for (i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *addr, *nm;
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		nm = internet_address_get_name(a);
		if (name && !name[0] && (nm || addr))
			snprintf(name, nsize, "%s", nm && *nm ? nm : addr);
		if (!addr || !strchr(addr, '@'))
			continue;
		snprintf(out, size, "%s", addr);
		if (name)
			snprintf(name, nsize, "%s", nm ? nm : "");
		return;
	}
}

static void parse_mailbox(const char *value, char *out, size_t size)
{
	InternetAddressList *l;

	if (!value)
		return;
	l = internet_address_list_parse(NULL, value);
	first_mailbox(l, out, size, NULL, 0);
	if (l)
		g_object_unref(l);
}

/* "<id@host>" -> "id@host". */
static void bare_id(const char *v, char *out, size_t size)
{
	size_t n;

	if (!v)
		return;
	while (isspace((unsigned char)*v) || *v == '<')
		v++;
	n = strcspn(v, "> \t");
	snprintf(out, size, "%.*s", (int)n, v);
}

static int has_value(GMimeObject *o, const char *name, const char *want)
{
	const char *v = g_mime_object_get_header(o, name);

	return v && (!want || text_istr(v, want));
}

static int autoreply_subject(const char *s)
{
	static const char *const marks[] = {
		"auto:", "automatic reply", "autoreply", "auto-reply", "auto reply",
		"out of office", "out of the office", "abwesend", "abwesenheit", "vacation",
		"automatische antwort", "réponse automatique", "absence", "autosvar",
		/* Outlook's prefix in the languages it writes it in */
		"respuesta automática", "risposta automatica", "automatisch antwoord",
		"resposta automática", "automatyczna odpowiedź", "automatická odpověď",
		"automatiskt svar", "automaattinen vastaus", "otomatik yanıt",
		"Автоматический ответ", "автоматический ответ", "Автоответ",
		"自动回复", "自動回覆", "自動応答", "自動返信",
		"fuera de la oficina", "fuori sede", "afwezig", "außer haus", "ausser haus",
	};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (text_istr(s, marks[i]))
			return 1;
	return 0;
}

/* A mailing list's manager wrote it: the list headers of RFC 2369 / 2919 or those of list
 * servers before them, or a list's owner / request address as the sender; List-Post
 * names the list. */
static void list_headers(struct mctx *m, GMimeObject *o)
{
	static const char *const names[] = { "List-Id", "List-Post", "List-Subscribe",
					     "Mailing-List", "X-ML-Name", "X-MLServer",
					     "X-Mailman-Version", "X-Mailing-List" };
	const char *v = g_mime_object_get_header(o, "List-Post");
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]) && !m->list; i++)
		m->list = g_mime_object_get_header(o, names[i]) != NULL;
	m->list |= text_istarts(m->from, "owner-") || text_istr(m->from, "-owner@") ||
		   text_istr(m->from, "-admin@") || text_istr(m->from, "-request@") ||
		   text_istr(m->from, "-bounces@");
	if (v && (v = text_istr(v, "mailto:")) != NULL)
		snprintf(m->list_post, sizeof(m->list_post), "%.*s", (int)strcspn(v + 7, "?> \t"),
			 v + 7);
}

void meta_top(struct mctx *m, GMimeMessage *msg)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *v;
	GDateTime *dt = g_mime_message_get_date(msg);
	/* the body's type: the message object itself has none of its own in GMime 3 */
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;

	first_mailbox(g_mime_message_get_from(msg), m->from, sizeof(m->from), m->from_name,
		      sizeof(m->from_name));
	first_mailbox(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO), m->to,
		      sizeof(m->to), NULL, 0);
	if (!m->from[0] && !m->from_name[0] && (v = g_mime_object_get_header(o, "From")) != NULL)
		snprintf(m->from_name, sizeof(m->from_name), "%s", v); /* "MAILER-DAEMON <>" */
	if ((v = g_mime_message_get_subject(msg)) != NULL)
		snprintf(m->subject, sizeof(m->subject), "%s", v);
	bare_id(g_mime_message_get_message_id(msg), m->msgid, sizeof(m->msgid));
	if (dt)
		m->date = (double)g_date_time_to_unix(dt);
	if ((v = g_mime_object_get_header(o, "X-Failed-Recipients")) != NULL)
		snprintf(m->failed, sizeof(m->failed), "%s", v);
	m->report = ct && g_mime_content_type_is_type(ct, "multipart", "report");
	v = m->report ? g_mime_content_type_get_parameter(ct, "report-type") : NULL;
	m->feedback = v && text_ieq(v, "feedback-report");
	m->mdn = v && text_ieq(v, "disposition-notification");
	/* the mailbox the bounce sits in tells the sender's provider: Google Takeout marks
	 * its messages, Exchange Online marks the reports it writes for its own users */
	if (g_mime_object_get_header(o, "X-Gmail-Labels") || g_mime_object_get_header(o, "X-GM-THRID"))
		m->mailbox_esp = "gmail";
	else if (g_mime_object_get_header(o, "X-MS-Exchange-Message-Is-Ndr"))
		m->mailbox_esp = "outlook";
	list_headers(m, o);
	v = g_mime_object_get_header(o, "Return-Path");
	m->machine = (v && strstr(v, "<>")) || g_mime_object_get_header(o, "Auto-Submitted") ||
		     !m->from[0];
	if (autoreply_subject(m->subject))
		m->autoreply = 2;
	else if (has_value(o, "Auto-Submitted", "auto-replied") || has_value(o, "X-Autoreply", NULL) ||
		 has_value(o, "X-Autorespond", NULL) || has_value(o, "Precedence", "auto_reply"))
		m->autoreply = 1;
}

void meta_original_from_message(struct mctx *m, GMimeMessage *inner)
{
	GDateTime *dt = g_mime_message_get_date(inner);

	if (m->have_orig)
		return;
	m->have_orig = 1;
	first_mailbox(g_mime_message_get_from(inner), m->ofrom, sizeof(m->ofrom), NULL, 0);
	first_mailbox(g_mime_message_get_addresses(inner, GMIME_ADDRESS_TYPE_TO), m->oto,
		      sizeof(m->oto), NULL, 0);
	parse_mailbox(g_mime_object_get_header(GMIME_OBJECT(inner), "X-HmXmrOriginalRecipient"),
		      m->orcpt, sizeof(m->orcpt));
	bare_id(g_mime_message_get_message_id(inner), m->omsgid, sizeof(m->omsgid));
	if (dt)
		m->odate = (double)g_date_time_to_unix(dt);
}

void meta_original_from_text(struct mctx *m, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	struct mf_block b;

	if (m->have_orig)
		return;
	mf_init(&b);
	while (p < end) {
		const char *from;
		if (mf_next(&b, &p, end) == 0)
			continue;
		from = mf_get(&b, "from");
		if (!from || !(mf_get(&b, "message-id") || mf_get(&b, "subject") || mf_get(&b, "date")))
			continue;
		/* a forwarded bounce's own header ("From: Mail Delivery Subsystem <…>"): the
		 * original comes after it */
		if (text_istr(from, "mailer-daemon") || text_istr(from, "mail delivery"))
			continue;
		m->have_orig = 1;
		parse_mailbox(from, m->ofrom, sizeof(m->ofrom));
		parse_mailbox(mf_get(&b, "to"), m->oto, sizeof(m->oto));
		parse_mailbox(mf_get(&b, "x-hmxmroriginalrecipient"), m->orcpt, sizeof(m->orcpt));
		bare_id(mf_get(&b, "message-id"), m->omsgid, sizeof(m->omsgid));
		m->odate = meta_date(mf_get(&b, "date"));
		break;
	}
	mf_release(&b);
}

/* A mailer daemon's or postmaster's address or display name. */
static int daemon_like(const char *addr, const char *name)
{
	static const char *const senders[] = { "mailer-daemon", "postmaster", "mail-daemon",
					       "mailerdaemon", "mailer_daemon", "bounce",
					       "post_master", "microsoftexchange" };
	static const char *const names[] = { "mail delivery", "mailer-daemon", "postmaster",
					     "mail administrator", "delivery" };
	size_t i;

	for (i = 0; i < sizeof(senders) / sizeof(senders[0]); i++)
		if (text_istarts(addr, senders[i]))
			return 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (text_istr(name, names[i]))
			return 1;
	return 0;
}

int meta_from_daemon(const struct mctx *m)
{
	return daemon_like(m->from, m->from_name);
}

int meta_is_bounce(const struct mctx *m)
{
	static const char *const subjects[] = {
		"undeliver", "delivery status", "delivery failure", "failure notice",
		"returned mail", "delivery notification", "delivery failed", "non remis",
		"could not be delivered", "nondeliverable", "non-deliverable", "has failed",
		"mail delivery", "returned to sender", "delivery problem", "not delivered",
		"unzustellbar", "delivery report", "failed delivery", "mail system error",
		"rejected", "warning: could not", "delayed", "bounce", "error sending",
		"undelivered", "delivery error", "message not", "failure",
		/* the same in the languages Exchange and the big providers write it in */
		"no se puede entregar", "no entregado", "non recapitabile", "impossibile recapitare",
		"onbestelbaar", "niet bestelbaar", "não é possível entregar", "não entregue",
		"niedostarczalne", "nie można dostarczyć", "ej levererbart", "kan ikke leveres",
		"nelze doručit", "teslim edilemedi", "nicht zugestellt", "zustellung fehlgeschlagen",
		"échec de la remise", "non distribuable", "Недоставленное", "недоставленное",
		"Не доставлено", "не доставлено", "退信", "未送达", "無法傳遞", "配信不能", "配信エラー",
	};
	size_t i;

	if (m->mdn) /* a read receipt (RFC 8098): the message arrived */
		return 0;
	if (m->failed[0] || m->report || meta_from_daemon(m))
		return 1;
	/* a person's reply about a "delivery failure" is no bounce: on mail not made by a
	 * program (null return path, Auto-Submitted, no sender) a reply's subject does not
	 * count (a forwarded bounce's, "Fwd: Returned mail", does) */
	if (!m->machine && (text_istarts(m->subject, "re:") || text_istarts(m->subject, "aw:") ||
			    text_istarts(m->subject, "antw:") || text_istarts(m->subject, "sv:")))
		return 0;
	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++)
		if (text_istr(m->subject, subjects[i]))
			return 1;
	return 0;
}

int meta_delay_subject(const struct mctx *m)
{
	static const char *const marks[] = {
		"(delay)", "delayed mail", "delivery delayed", "warning: could not send",
		"delay notification", "zustellung verz", "remise diff",
	};
	size_t i;

	if (text_istarts(m->subject, "warning: message") && text_istr(m->subject, "delayed"))
		return 1;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (text_istr(m->subject, marks[i]))
			return 1;
	return 0;
}

int meta_success_notice(const struct mctx *m, const char *text)
{
	static const char *const subjects[] = { "delivered:", "relayed:", "zugestellt:",
						"remis :", "remis:" };
	static const char *const says[] = {
		"has been delivered to the following", "was delivered to the following",
		"successfully delivered", "delivery to the following recipients succeeded",
		"successfully relayed", "delivery to these recipients or groups is complete",
		"(success)", "(relay)", "successful mail delivery",
	};
	static const char *const failed[] = {
		"failed", "could not", "couldn't", "unable to deliver", "undeliverable",
		"not delivered", "not been delivered", "rejected", "permanent", "will retry",
		"delayed", "non remis", "nicht zugestellt",
	};
	size_t i;
	int success = 0;

	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++)
		success |= text_istarts(m->subject, subjects[i]);
	for (i = 0; i < sizeof(says) / sizeof(says[0]); i++)
		success |= text_istr(m->subject, says[i]) || text_istr(text, says[i]);
	for (i = 0; success && i < sizeof(failed) / sizeof(failed[0]); i++)
		if (text_istr(m->subject, failed[i]) || text_istr(text, failed[i]))
			return 0;
	return success;
}
