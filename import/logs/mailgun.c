/* mailgun.c - the fields of a Mailgun event that matter for a failure report, by key path:
 *   event id timestamp @timestamp severity reason recipient recipient-domain
 *   recipient-provider tags; envelope.sender; delivery-status.{code, message, description,
 *   enhanced-code, bounce-code}; reject.{reason, description}; message.headers.{from, to,
 *   message-id}; domain.name and account.id (Logs API). */
#include "import/logs/mailgun.h"

#include <stdlib.h>
#include <string.h>

#include "import/reader.h"
#include "model/recbuild.h"
#include "util/text.h"

enum {
	K_EVENT, K_ID, K_TIMESTAMP, K_ATTIMESTAMP, K_SEVERITY, K_REASON, K_RECIPIENT,
	K_RECIPIENT_DOMAIN, K_RECIPIENT_PROVIDER, K_TAGS, K_ENVELOPE, K_SENDER,
	K_DELIVERY_STATUS, K_CODE, K_MESSAGE, K_DESCRIPTION, K_ENHANCED_CODE, K_BOUNCE_CODE,
	K_HEADERS, K_FROM, K_TO, K_MESSAGE_ID, K_REJECT, K_DOMAIN, K_NAME, K_ACCOUNT,
};

static const struct js_key keys[] = {
	{ "event", K_EVENT },
	{ "id", K_ID },
	{ "timestamp", K_TIMESTAMP },
	{ "@timestamp", K_ATTIMESTAMP },
	{ "severity", K_SEVERITY },
	{ "reason", K_REASON },
	{ "recipient", K_RECIPIENT },
	{ "recipient-domain", K_RECIPIENT_DOMAIN },
	{ "recipient-provider", K_RECIPIENT_PROVIDER },
	{ "tags", K_TAGS },
	{ "envelope", K_ENVELOPE },
	{ "sender", K_SENDER },
	{ "delivery-status", K_DELIVERY_STATUS },
	{ "code", K_CODE },
	{ "message", K_MESSAGE },
	{ "description", K_DESCRIPTION },
	{ "enhanced-code", K_ENHANCED_CODE },
	{ "bounce-code", K_BOUNCE_CODE },
	{ "headers", K_HEADERS },
	{ "from", K_FROM },
	{ "to", K_TO },
	{ "message-id", K_MESSAGE_ID },
	{ "reject", K_REJECT },
	{ "domain", K_DOMAIN },
	{ "name", K_NAME },
	{ "account", K_ACCOUNT },
};
_Static_assert(sizeof(keys) / sizeof(keys[0]) == K_ACCOUNT + 1, "mailgun keys");

/* scratch fields */
#define F_HEADER_FROM RBF_X1
#define F_HEADER_TO RBF_X2
#define F_LOGS_DOMAIN RBF_X3
#define F_REJECT_REASON RBF_X4

struct mailgun {
	struct logread *lr;
	struct recbuild rb;
	char event[24];
	char severity[16];
	int has_event, has_time, bad_time, logs;
	unsigned flags;
	struct rb_ref reject_desc;
};

static const struct {
	const char *name;
	enum sh_event ev;
	enum sh_severity sev; /* implied by the name (legacy webhook names) */
} event_names[] = {
	{ "accepted", EV_ACCEPTED, SEV_UNKNOWN },
	{ "delivered", EV_DELIVERED, SEV_UNKNOWN },
	{ "failed", EV_FAILED, SEV_UNKNOWN },
	{ "rejected", EV_REJECTED, SEV_PERMANENT },
	{ "opened", EV_OPENED, SEV_UNKNOWN },
	{ "clicked", EV_CLICKED, SEV_UNKNOWN },
	{ "unsubscribed", EV_UNSUBSCRIBED, SEV_UNKNOWN },
	{ "complained", EV_COMPLAINED, SEV_UNKNOWN },
	{ "permanent_fail", EV_FAILED, SEV_PERMANENT },
	{ "temporary_fail", EV_FAILED, SEV_TEMPORARY },
	{ "bounced", EV_FAILED, SEV_PERMANENT },
	{ "dropped", EV_DROPPED, SEV_PERMANENT },
};

static void *mailgun_new(struct logread *lr)
{
	struct mailgun *m = xcalloc(1, sizeof(*m));

	m->lr = lr;
	recbuild_init(&m->rb);
	return m;
}

static void mailgun_free(void *p)
{
	struct mailgun *m = p;

	if (!m)
		return;
	recbuild_release(&m->rb);
	free(m);
}

static void begin(void *ctx, unsigned flags)
{
	struct mailgun *m = ctx;

	recbuild_reset(&m->rb);
	m->has_event = m->has_time = m->bad_time = m->logs = 0;
	m->event[0] = m->severity[0] = '\0';
	m->flags = flags;
	m->reject_desc.off = m->reject_desc.len = 0;
}

static void set_time(struct mailgun *m, enum js_type t, const char *s, size_t len)
{
	if (t != JS_NUMBER && t != JS_STRING)
		return;
	m->has_time = 1;
	m->bad_time = recbuild_time(&m->rb, s, len) != 0;
}

static void top_value(struct mailgun *m, short key, enum js_type t, const char *s, size_t len)
{
	struct recbuild *rb = &m->rb;

	if (key == K_TIMESTAMP || key == K_ATTIMESTAMP) {
		set_time(m, t, s, len);
		m->logs |= key == K_ATTIMESTAMP;
		return;
	}
	if (t != JS_STRING)
		return; /* tags: null, flags: false … */
	switch (key) {
	case K_EVENT:
		recbuild_token(m->event, sizeof(m->event), s, len);
		m->has_event = 1;
		break;
	case K_ID: recbuild_set(rb, RBF_EVENT_ID, s, len); break;
	case K_SEVERITY: recbuild_token(m->severity, sizeof(m->severity), s, len); break;
	case K_REASON: recbuild_set(rb, RBF_ESP_REASON, s, len); break;
	case K_RECIPIENT: recbuild_set(rb, RBF_RECIPIENT, s, len); break;
	case K_RECIPIENT_DOMAIN: recbuild_set(rb, RBF_RECIPIENT_DOMAIN, s, len); break;
	case K_RECIPIENT_PROVIDER: recbuild_set(rb, RBF_RECIPIENT_PROVIDER, s, len); break;
	case K_TAGS: recbuild_append(rb, RBF_TAGS, ',', s, len); break;
	}
}

/* A value inside "delivery-status": the SMTP reply's code, texts and enhanced code. */
static void delivery_status(struct recbuild *rb, short key, enum js_type t, const char *s,
			    size_t len)
{
	long code;

	switch (key) {
	case K_CODE:
		if (t == JS_NUMBER && len == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
		    s[1] <= '9' && s[2] >= '0' && s[2] <= '9') /* 550: what text_parse_longn says */
			rb->rec.smtp_code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
		else if ((t == JS_NUMBER || t == JS_STRING) &&
			 text_parse_longn(s, len, 0, 999, &code) == 0)
			rb->rec.smtp_code = (int)code;
		break;
	case K_MESSAGE: if (t == JS_STRING) recbuild_set(rb, RBF_MESSAGE, s, len); break;
	case K_DESCRIPTION: if (t == JS_STRING) recbuild_set(rb, RBF_DESCRIPTION, s, len); break;
	case K_ENHANCED_CODE:
	case K_BOUNCE_CODE:
		/* enhanced-code wins; bounce-code only fills a gap */
		if (t == JS_STRING && len && len < sizeof(rb->rec.enhanced) &&
		    (key == K_ENHANCED_CODE || !rb->rec.enhanced[0])) {
			memcpy(rb->rec.enhanced, s, len);
			rb->rec.enhanced[len] = '\0';
		}
		break;
	}
}

static void value(void *ctx, const short *path, int n, enum js_type t, const char *s,
		  size_t len)
{
	struct mailgun *m = ctx;
	struct recbuild *rb = &m->rb;

	if (n == 1) {
		top_value(m, path[0], t, s, len);
		return;
	}
	if (n == 2 && path[0] == K_DELIVERY_STATUS) {
		delivery_status(rb, path[1], t, s, len);
		return;
	}
	if (t != JS_STRING)
		return;
	if (n == 2 && path[0] == K_ENVELOPE && path[1] == K_SENDER)
		recbuild_set(rb, RBF_SENDER, s, len);
	else if (n == 2 && path[0] == K_REJECT && path[1] == K_REASON)
		recbuild_set(rb, F_REJECT_REASON, s, len);
	else if (n == 2 && path[0] == K_REJECT && path[1] == K_DESCRIPTION)
		m->reject_desc = recbuild_store(rb, s, len);
	else if (n == 2 && path[0] == K_DOMAIN && path[1] == K_NAME)
		recbuild_set(rb, F_LOGS_DOMAIN, s, len);
	else if (n == 2 && path[0] == K_ACCOUNT && path[1] == K_ID)
		recbuild_set(rb, RBF_SUBACCOUNT, s, len);
	else if (n == 3 && path[0] == K_MESSAGE && path[1] == K_HEADERS) {
		if (path[2] == K_FROM)
			recbuild_set(rb, F_HEADER_FROM, s, len);
		else if (path[2] == K_TO)
			recbuild_set(rb, F_HEADER_TO, s, len);
		else if (path[2] == K_MESSAGE_ID)
			recbuild_set(rb, RBF_MESSAGE_ID, s, len);
	}
}

static void classify(struct mailgun *m, struct sh_record *r)
{
	size_t i;

	r->event = EV_OTHER; /* stored, list_*, and whatever Mailgun adds next */
	for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++) {
		if (!strcmp(m->event, event_names[i].name)) {
			r->event = event_names[i].ev;
			r->severity = event_names[i].sev;
			break;
		}
	}
	if (!strcmp(m->severity, "permanent"))
		r->severity = SEV_PERMANENT;
	else if (!strcmp(m->severity, "temporary"))
		r->severity = SEV_TEMPORARY;
	r->source = m->flags & JS_WRAPPED ? SRC_MAILGUN_WEBHOOK
		    : m->logs || m->rb.has[F_LOGS_DOMAIN] ? SRC_MAILGUN_LOGS
							  : SRC_MAILGUN_EVENTS;
}

/* Sender, recipient and texts from their fallbacks. */
static void fill_gaps(struct mailgun *m, const struct sh_record *r)
{
	struct recbuild *rb = &m->rb;
	struct slice s;

	if (!rb->f[RBF_SENDER].len && rb->has[F_HEADER_FROM]) {
		s = recbuild_get(rb, F_HEADER_FROM);
		recbuild_set_address(rb, RBF_SENDER, s.ptr, s.len);
	}
	if (!rb->f[RBF_SENDER].len && rb->has[F_LOGS_DOMAIN])
		recbuild_put(rb, RBF_SENDING_DOMAIN, rb->f[F_LOGS_DOMAIN]);
	if (!rb->has[RBF_RECIPIENT] && r->event == EV_REJECTED && rb->has[F_HEADER_TO]) {
		s = recbuild_get(rb, F_HEADER_TO);
		recbuild_set_address(rb, RBF_RECIPIENT, s.ptr, s.len);
	}
	if (rb->has[F_REJECT_REASON] && !rb->f[RBF_MESSAGE].len) {
		recbuild_put(rb, RBF_MESSAGE, rb->f[F_REJECT_REASON]);
		if (m->reject_desc.len)
			recbuild_put(rb, RBF_DESCRIPTION, m->reject_desc);
	}
	recbuild_set(rb, RBF_ESP, "mailgun", 7);
}

static int needs_recipient(enum sh_event ev)
{
	return ev != EV_REJECTED && ev != EV_OTHER;
}

static int end(void *ctx, long line)
{
	struct mailgun *m = ctx;
	struct sh_record *r = &m->rb.rec;

	if (!m->has_event)
		return logread_skip(m->lr, line, "unknown_event", "a Mailgun event without 'event'");
	if (!m->has_time)
		return logread_skip(m->lr, line, "missing_timestamp",
				    "a Mailgun '%s' event without 'timestamp'", m->event);
	if (m->bad_time)
		return logread_skip(m->lr, line, "bad_timestamp",
				    "a Mailgun '%s' event with an unreadable timestamp", m->event);
	classify(m, r);
	fill_gaps(m, r);
	if (needs_recipient(r->event) && !m->rb.f[RBF_RECIPIENT].len)
		return logread_skip(m->lr, line, "missing_recipient",
				    "a Mailgun '%s' event without 'recipient'", m->event);
	logread_prefetch(m->lr, &m->rb);
	recbuild_finish(&m->rb);
	if (r->event == EV_FAILED && !r->severity && r->smtp_code >= 400 && r->smtp_code < 600)
		r->severity = r->smtp_code >= 500 ? SEV_PERMANENT : SEV_TEMPORARY;
	r->line = line;
	return logread_emit(m->lr, &m->rb);
}

static const struct js_handler handler = {
	keys, sizeof(keys) / sizeof(keys[0]), begin, value, NULL, end,
};

const struct js_format mailgun_format = { &handler, mailgun_new, mailgun_free };
