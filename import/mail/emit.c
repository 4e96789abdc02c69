/* emit.c - records from what mail.c's walk collected (see emit.h). */
#include "import/mail/emit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "import/mail/bodytext.h"
#include "import/mail/codes.h"
#include "import/mail/fields.h"
#include "import/mail/htmltext.h"
#include "import/mail/sesjson.h"
#include "util/text.h"

struct one {
	const char *rcpt;
	const char *diag;
	size_t dlen;
	const char *status;   /* "5.1.1 …" or NULL */
	const char *reason;   /* esp_reason (ARF feedback type) or NULL */
	enum sh_event ev;
	enum sh_severity sev;
	double ts;
};

/* The ESP that sent the original: from the sender's domain, else from the bouncing MTA. */
static const char *esp_guess(const struct mctx *m, const char *sender)
{
	const char *at = strrchr(sender, '@');
	const char *e = at ? recbuild_esp_from_domain(at + 1) : NULL;

	if (e)
		return e;
	if (m->mailbox_esp)
		return m->mailbox_esp;
	if (text_istr(m->from, "googlemail.com") || text_istr(m->from, "@google.com"))
		return "gmail";
	if (text_istr(m->from, "outlook.com") || text_istr(m->from, "office365"))
		return "outlook";
	return "smtp";
}

static int emit_one(struct mctx *m, const struct one *o)
{
	struct recbuild *rb = m->rb;
	const char *sender = m->ofrom[0] ? m->ofrom : m->to;
	char eid[600];
	size_t i, n;

	recbuild_reset(rb);
	rb->rec.source = SRC_MAIL;
	rb->rec.event = o->ev;
	rb->rec.severity = o->sev;
	rb->rec.timestamp = o->ts ? o->ts : m->date ? m->date : m->odate;
	recbuild_set(rb, RBF_ESP, esp_guess(m, sender), strlen(esp_guess(m, sender)));
	recbuild_set_address(rb, RBF_RECIPIENT, o->rcpt, strlen(o->rcpt));
	recbuild_set_address(rb, RBF_SENDER, sender, strlen(sender));
	recbuild_set(rb, RBF_MESSAGE, o->diag, o->dlen);
	recbuild_set(rb, RBF_MESSAGE_ID, m->omsgid, strlen(m->omsgid));
	if (o->reason)
		recbuild_set(rb, RBF_ESP_REASON, o->reason, strlen(o->reason));
	if (m->msgid[0]) {
		n = (size_t)snprintf(eid, sizeof(eid), "%s %s", m->msgid, o->rcpt);
		for (i = strlen(m->msgid); i < n && i < sizeof(eid); i++)
			eid[i] = (char)tolower((unsigned char)eid[i]);
		recbuild_set(rb, RBF_EVENT_ID, eid, strlen(eid));
	}
	mail_codes(o->status, o->diag, o->dlen, rb->rec.enhanced, &rb->rec.smtp_code);
	recbuild_finish(rb);
	m->info->records++;
	return m->out.emit(m->out.ctx, rb);
}

/* ---- RFC 5965 -------------------------------------------------------------------------- */

static int from_arf(struct mctx *m)
{
	const char *p = m->arf.buf ? m->arf.buf : "", *end = p + m->arf.len;
	struct mf_block b;
	struct one o;
	char rcpt[256] = "", type[64] = "abuse", diag[200];
	const char *v;
	double ts = 0;
	int rc;

	mf_init(&b);
	while (p < end) {
		if (!mf_next(&b, &p, end))
			continue;
		if ((v = mf_get(&b, "feedback-type")) != NULL)
			snprintf(type, sizeof(type), "%s", v);
		if ((v = mf_get(&b, "original-rcpt-to")) || (v = mf_get(&b, "removal-recipient")))
			snprintf(rcpt, sizeof(rcpt), "%s", v);
		if ((v = mf_get(&b, "arrival-date")) || (v = mf_get(&b, "received-date")))
			ts = meta_date(v);
	}
	mf_release(&b);
	if (!rcpt[0])
		snprintf(rcpt, sizeof(rcpt), "%s", m->orcpt[0] ? m->orcpt : m->oto);
	snprintf(diag, sizeof(diag), "complaint (feedback report: %s)", type);
	memset(&o, 0, sizeof(o));
	o.rcpt = rcpt;
	o.diag = diag;
	o.dlen = strlen(diag);
	o.reason = type;
	o.ev = EV_COMPLAINED;
	o.ts = ts;
	m->info->kind = MAIL_COMPLAINT;
	rc = emit_one(m, &o);
	return rc;
}

/* A feedback loop's report that is not RFC 5965 (no feedback-report part; Microsoft's and
 * AOL's older form): a subject that says it is a complaint or abuse report, the
 * complained-of message returned, and not from a mailer daemon. */
static int fbl_report(const struct mctx *m)
{
	static const char *const subjects[] = {
		"complaint about message", "abuse report", "email feedback report",
		"spam report", "complaint report", "feedback loop",
	};
	size_t i;

	if (!m->have_orig || meta_from_daemon(m) || (!m->orcpt[0] && !m->oto[0]))
		return 0;
	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++)
		if (text_istr(m->subject, subjects[i]))
			return 1;
	return 0;
}

/* ---- RFC 3464 -------------------------------------------------------------------------- */

/* The address in a recipient field's value ("rfc822; a@b", "<a@b>", a pipe naming one
 * as its argument) into out; 0 when there is none. */
static int field_address(const char *value, char out[BT_ADDR_MAX + 1])
{
	const char *s = value ? mf_untyped(value) : "";
	size_t pos = 0;

	return bt_next_address(s, strlen(s), &pos, out, NULL);
}

/* The recipient block's event: failed, delayed, or -1 for delivered / relayed / expanded. */
static int dsn_event(const char *action, const char *status, struct one *o)
{
	int cls = status && (*status == '2' || *status == '4' || *status == '5') ? *status : 0;

	if (action && (text_istarts(action, "delivered") || text_istarts(action, "relayed") ||
		       text_istarts(action, "expanded")))
		return -1;
	if (!action && cls == '2')
		return -1;
	if ((action && text_istarts(action, "delayed")) || (!action && cls == '4')) {
		o->ev = EV_DEFERRED;
		o->sev = SEV_TEMPORARY;
	} else {
		o->ev = EV_BOUNCE;
		o->sev = SEV_PERMANENT;
	}
	return 0;
}

/* The reason the text gives for rcpt: its own lines, after the intro when they hold no
 * reply code (the intro then says what happened). */
static void text_reason(const struct bt_result *bt, int i, struct strbuf *out)
{
	const struct strbuf *r = i >= 0 ? &bt->r[i].reason : NULL;
	int code = 0;
	size_t k;

	const char *s = r ? r->buf : NULL;
	size_t n = r ? r->len : 0;

	strbuf_reset(out);
	/* the block opens with the address: what follows is the reason */
	if (n && i >= 0) {
		const char *a = text_istr(s, bt->r[i].addr);
		if (a && a - s < 4) {
			size_t skip = (size_t)(a - s) + strlen(bt->r[i].addr);
			while (skip < n && strchr(">:\"' ,.", s[skip]))
				skip++;
			s += skip;
			n -= skip;
		}
	}
	for (k = 0; k + 2 < n && !code; k++)
		code = (s[k] == '4' || s[k] == '5') && isdigit((unsigned char)s[k + 1]) &&
		       isdigit((unsigned char)s[k + 2]);
	if (!code && bt->intro.len)
		strbuf_add(out, bt->intro.buf, bt->intro.len < BT_REASON_MAX ? bt->intro.len : BT_REASON_MAX);
	else if (!code && i < 0 && bt->n) /* named elsewhere (X-Failed-Recipients): the text's reason */
		strbuf_add(out, bt->r[0].reason.buf ? bt->r[0].reason.buf : "", bt->r[0].reason.len);
	if (n) {
		if (out->len)
			strbuf_addch(out, ' ');
		strbuf_add(out, s, n);
	}
}

/* The text's recipients and reasons, read when first asked for: a delivery-status report
 * that gives every recipient's Diagnostic-Code (most) never needs them. */
struct lazy_scan {
	struct bt_result *bt;
	const char *text;
	size_t len;
	const char *ex[3];
	int done;
};

static const struct bt_result *scanned(struct lazy_scan *ls)
{
	if (!ls->done)
		bt_scan(ls->bt, ls->text, ls->len, ls->ex, 3);
	ls->done = 1;
	return ls->bt;
}

struct dsn_state {
	struct mctx *m;
	struct lazy_scan *ls;
	struct strbuf why;
	char arrival[80];      /* the report's Arrival-Date, parsed only if a block has no
				  Last-Attempt-Date */
	int recipients, delivered;
	char seen[8][256];
};

static int dsn_block(struct dsn_state *d, const struct mf_block *b)
{
	const char *fr = mf_get(b, "final-recipient"), *orr = mf_get(b, "original-recipient");
	const char *diag = mf_get(b, "diagnostic-code"), *status = mf_get(b, "status");
	char rcpt[BT_ADDR_MAX + 1], other[BT_ADDR_MAX + 1];
	const char *t;
	struct one o;
	int i;

	if (!field_address(fr, rcpt) && !field_address(orr, rcpt))
		return 0;
	/* Exchange's wrapping of an X.500 address: the address the sender wrote, when given */
	if (text_istarts(rcpt, "imcea") && field_address(orr, other) && !text_istarts(other, "imcea"))
		memcpy(rcpt, other, sizeof(rcpt));
	d->recipients++;
	memset(&o, 0, sizeof(o));
	if (dsn_event(mf_get(b, "action"), status, &o) < 0) {
		d->delivered++;
		return 0;
	}
	for (i = 0; i < 8 && d->seen[i][0]; i++)
		if (text_ieq(d->seen[i], rcpt))
			return 0;
	if (i < 8)
		snprintf(d->seen[i], sizeof(d->seen[i]), "%s", rcpt);
	strbuf_reset(&d->why);
	if (diag && *mf_untyped(diag))
		strbuf_adds(&d->why, mf_untyped(diag));
	else
		text_reason(scanned(d->ls), bt_find(scanned(d->ls), rcpt), &d->why);
	if (!d->why.len && status)
		strbuf_adds(&d->why, status);
	o.rcpt = rcpt;
	o.diag = d->why.buf ? d->why.buf : "";
	o.dlen = d->why.len;
	o.status = status;
	t = mf_get(b, "last-attempt-date");
	o.ts = meta_date(t ? t : d->arrival);
	return emit_one(d->m, &o);
}

/* Returns 0 or -1 (stop); *found: recipient blocks seen. */
static int from_dsn(struct mctx *m, struct lazy_scan *ls, int *found)
{
	const char *p = m->dsn.buf ? m->dsn.buf : "", *end = p + m->dsn.len;
	struct dsn_state d;
	struct mf_block b;
	int rc = 0;

	memset(&d, 0, sizeof(d));
	d.m = m;
	d.ls = ls;
	strbuf_init(&d.why);
	mf_init(&b);
	while (rc == 0 && p < end) {
		const char *a;
		if (!mf_next(&b, &p, end))
			continue;
		a = mf_get(&b, "arrival-date");
		if (a && !d.arrival[0])
			snprintf(d.arrival, sizeof(d.arrival), "%s", a);
		rc = dsn_block(&d, &b);
	}
	mf_release(&b);
	strbuf_release(&d.why);
	*found = d.recipients;
	if (d.recipients && d.delivered == d.recipients)
		m->info->kind = MAIL_DELIVERED;
	return rc;
}

/* ---- bounces for people ---------------------------------------------------------------- */

static int from_text(struct mctx *m, const struct bt_result *bt)
{
	struct strbuf why;
	struct one o;
	char addr[BT_ADDR_MAX + 1];
	size_t pos = 0;
	int rc = 0, i, any = 0;
	/* the text's words decide; a delay warning's subject when the text has none */
	int temporary = bt->temporary || (!bt->permanent && meta_delay_subject(m));

	strbuf_init(&why);
	memset(&o, 0, sizeof(o));
	o.ev = temporary ? EV_DEFERRED : EV_BOUNCE;
	o.sev = temporary ? SEV_TEMPORARY : SEV_PERMANENT;
	o.rcpt = addr;
	/* X-Failed-Recipients names them when present; the text gives the reasons */
	while (rc == 0 && bt_next_address(m->failed, strlen(m->failed), &pos, addr, NULL)) {
		text_reason(bt, bt_find(bt, addr), &why);
		o.diag = why.buf ? why.buf : "";
		o.dlen = why.len;
		rc = emit_one(m, &o);
		any = 1;
	}
	for (i = 0; !any && rc == 0 && i < bt->n; i++) {
		snprintf(addr, sizeof(addr), "%s", bt->r[i].addr);
		text_reason(bt, bt->strong ? i : -1, &why);
		o.diag = why.buf ? why.buf : "";
		o.dlen = why.len;
		rc = emit_one(m, &o);
	}
	if (!any && !bt->n && m->oto[0] && rc == 0) {
		snprintf(addr, sizeof(addr), "%.*s", BT_ADDR_MAX, m->oto);
		text_reason(bt, -1, &why);
		o.diag = why.buf ? why.buf : "";
		o.dlen = why.len;
		rc = emit_one(m, &o);
	}
	strbuf_release(&why);
	return rc;
}

/* ---- a mailing list refusing a post ---------------------------------------------------- */

/* A list's manager saying the post was refused (the sender is no member, posting is
 * closed), in the subject or the text. */
static int list_refusal(const struct mctx *m, const char *text)
{
	static const char *const refusals[] = {
		"not a member", "not member", "non-member", "nonmember", "only members",
		"members only", "only subscribers", "not subscribed", "not allowed to post",
		"not permitted to post", "posting is restricted", "post was rejected",
		"posting was rejected", "message was rejected", "not accepted", "not a subscriber",
		"non-member submission", "not authorized to send", "not allowed to send",
		"automatically rejected", "has been rejected", "was rejected",
		"not from a list member", "rejected for the following",
	};
	/* a post held for the moderator is not refused (yet) */
	static const char *const held[] = { "moderator approval", "being held", "held for moderation",
					    "awaiting moderation", "awaits moderation" };
	size_t i;

	if (!m->list)
		return 0;
	for (i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		if (text_istr(m->subject, held[i]) || text_istr(text, held[i]))
			return 0;
	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (text_istr(m->subject, refusals[i]) || text_istr(text, refusals[i]))
			return 1;
	return 0;
}

/* A list's command or owner address ("list-request@", "list-ctl@", "owner-list@"…). */
static int list_control(const char *addr)
{
	static const char *const ends[] = { "-request@", "-ctl@", "-admin@", "-owner@",
					    "-help@", "-bounces@", "-subscribe@", "-unsubscribe@" };
	size_t i;

	if (text_istarts(addr, "owner-"))
		return 1;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (text_istr(addr, ends[i]))
			return 1;
	return 0;
}

/* One failure for the list's address (List-Post, else the first list address the text
 * names) with the text as the reason. */
static int from_list(struct mctx *m, const struct bt_result *bt, const char *text)
{
	struct strbuf why;
	struct one o;
	char addr[BT_ADDR_MAX + 1] = "";
	size_t pos = 0, len = strlen(text);
	int rc;

	snprintf(addr, sizeof(addr), "%.*s", BT_ADDR_MAX, m->list_post);
	while (!addr[0] && bt_next_address(text, len, &pos, addr, NULL))
		if (list_control(addr) || text_ieq(addr, m->to) || text_ieq(addr, m->from))
			addr[0] = '\0';
	if (!addr[0])
		return 0;
	strbuf_init(&why);
	text_reason(bt, -1, &why);
	memset(&o, 0, sizeof(o));
	o.ev = EV_BOUNCE;
	o.sev = SEV_PERMANENT;
	o.rcpt = addr;
	o.diag = why.buf ? why.buf : "";
	o.dlen = why.len;
	rc = emit_one(m, &o);
	strbuf_release(&why);
	return rc;
}

/* ---- Amazon SES notifications ---------------------------------------------------------- */

static int ses_item(void *ctx, const struct ses_item *it)
{
	struct mctx *m = ctx;
	char diag[1200];
	struct one o;

	if (!m->ofrom[0])
		snprintf(m->ofrom, sizeof(m->ofrom), "%s", it->sender);
	if (!m->omsgid[0])
		snprintf(m->omsgid, sizeof(m->omsgid), "%s", it->message_id);
	memset(&o, 0, sizeof(o));
	o.rcpt = it->recipient;
	o.ts = it->timestamp;
	if (it->feedback) {
		snprintf(diag, sizeof(diag), "complaint (feedback report: %.100s)", it->feedback);
		o.reason = it->feedback;
		o.ev = EV_COMPLAINED;
		m->info->kind = MAIL_COMPLAINT;
	} else {
		snprintf(diag, sizeof(diag), "%s", *it->diagnostic ? mf_untyped(it->diagnostic)
								   : it->status);
		o.status = it->status;
		o.ev = it->temporary ? EV_DEFERRED : EV_BOUNCE;
		o.sev = it->temporary ? SEV_TEMPORARY : SEV_PERMANENT;
	}
	o.diag = diag;
	o.dlen = strlen(diag);
	return emit_one(m, &o);
}

/* Whether s[0..n) holds needle[0..k). */
static int holds(const char *s, size_t n, const char *needle, size_t k)
{
	size_t i;

	for (i = 0; k && i + k <= n; i++)
		if (s[i] == needle[0] && !memcmp(s + i, needle, k))
			return 1;
	return 0;
}

/* A MIME body whose headers were lost: "This is a MIME-encapsulated message", then a
 * boundary line ("--" and a token) that comes again later. The offset after that first
 * boundary line, else 0. */
static size_t mime_preamble(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *e;
	int lines;

	for (lines = 0; p < end && lines < 20; lines++, p = e + 1) {
		size_t n, k;
		if (!(e = memchr(p, '\n', (size_t)(end - p))))
			break;
		n = (size_t)(e - p);
		if (n < 10 || p[0] != '-' || p[1] != '-')
			continue;
		for (k = 2; k < n && !isspace((unsigned char)p[k]); k++)
			;
		if (k == n && holds(e, (size_t)(end - e), p, n))
			return (size_t)(e + 1 - s);
	}
	return 0;
}

/* A delivery-status or feedback report that MIME did not frame (no Content-Type, no
 * boundary lines, a text part): the blocks from the paragraph of its first field on, up
 * to a "--" line. Returns where that paragraph starts in text (the human part ends
 * there), else text->len. */
static size_t report_in_text(struct mctx *m, const struct strbuf *text)
{
	const char *s = text->buf ? text->buf : "", *end = s + text->len;
	const char *fr = text_istr(s, "\nFinal-Recipient:"), *p, *stop;
	struct strbuf *to = &m->dsn;

	if (!fr && (fr = text_istr(s, "\nFeedback-Type:")) != NULL)
		to = &m->arf;
	if (!fr)
		return text->len;
	p = s;
	for (stop = fr; stop > s; stop--) /* back to the paragraph's start */
		if (stop[-1] == '\n' && stop - 1 > s && stop[-2] == '\n')
			break;
	p = stop;
	for (stop = fr + 1; stop < end; stop++)
		if (stop[-1] == '\n' && stop + 1 < end && stop[0] == '-' && stop[1] == '-')
			break;
	strbuf_add(to, p, (size_t)(stop - p));
	return (size_t)(p - s);
}

int emit_records(struct mctx *m)
{
	struct bt_result *bt = xmalloc(sizeof(*bt));
	/* the sender as known before the text is read for the original's header */
	struct lazy_scan ls = { bt, "", 0, { m->to, m->from, m->ofrom[0] ? m->ofrom : NULL }, 0 };
	struct strbuf plain;
	size_t human, start = 0;
	int rc = 0, found = 0;

	bt_init(bt);
	strbuf_init(&plain);
	if (m->text.len)
		strbuf_add(&plain, m->text.buf, m->text.len);
	else
		html_text(m->html.buf, m->html.len, &plain);
	human = plain.len;
	if (!m->dsn.len && !m->arf.len && (human = report_in_text(m, &plain)) < plain.len)
		start = mime_preamble(plain.buf, human);
	ls.text = plain.buf ? plain.buf + start : "";
	ls.len = human - start;
	meta_original_from_text(m, plain.buf ? plain.buf : "", plain.len);
	if (m->arf.len || m->feedback || (!m->dsn.len && fbl_report(m))) {
		rc = from_arf(m);
	} else if (m->dsn.len && ((rc = from_dsn(m, &ls, &found)) != 0 || found)) {
		/* the report said it all */
	} else if ((found = sesjson_read(plain.buf ? plain.buf : "", plain.len, ses_item, m)) != 0) {
		rc = found < 0 ? -1 : 0;
	} else if (!meta_is_bounce(m) && list_refusal(m, plain.buf ? plain.buf : "")) {
		rc = from_list(m, scanned(&ls), plain.buf ? plain.buf : "");
	} else if ((m->autoreply == 2 && !m->failed[0] && !meta_from_daemon(m)) ||
		   (m->autoreply == 1 && !meta_is_bounce(m))) {
		m->info->kind = MAIL_AUTOREPLY;
	} else if (meta_success_notice(m, plain.buf ? plain.buf : "")) {
		m->info->kind = MAIL_DELIVERED;
	} else if (meta_is_bounce(m)) {
		rc = from_text(m, scanned(&ls));
		/* a list's refusal with a bounce's subject ("Your message to Club was
		 * rejected") names no recipient in its text: the list failed */
		if (rc == 0 && !m->info->records && list_refusal(m, plain.buf ? plain.buf : ""))
			rc = from_list(m, scanned(&ls), plain.buf ? plain.buf : "");
	}
	if (m->info->records && m->info->kind == MAIL_OTHER)
		m->info->kind = MAIL_BOUNCE;
	bt_release(bt);
	free(bt);
	strbuf_release(&plain);
	return rc;
}
