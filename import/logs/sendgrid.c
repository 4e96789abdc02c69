/* sendgrid.c - SendGrid's webhook fields (event, email, timestamp, sg_event_id,
 * sg_message_id, smtp-id, category, reason, response, status, type, bounce_classification,
 * from) and suppression items (created, email, reason, status, ip, sendhealth_list).
 * Custom args are merged into the same object by SendGrid; unknown keys are skipped. */
#include "import/logs/sendgrid.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/reader.h"
#include "model/recbuild.h"
#include "util/text.h"

enum {
	K_EVENT, K_EMAIL, K_TIMESTAMP, K_CREATED, K_SMTP_ID, K_SG_EVENT_ID, K_SG_MESSAGE_ID,
	K_CATEGORY, K_REASON, K_RESPONSE, K_STATUS, K_TYPE, K_BOUNCE_CLASS, K_FROM, K_LIST, K_IP,
	K_SUBUSER,
};

static const struct js_key keys[] = {
	{ "event", K_EVENT },
	{ "email", K_EMAIL },
	{ "timestamp", K_TIMESTAMP },
	{ "created", K_CREATED },
	{ "smtp-id", K_SMTP_ID },
	{ "sg_event_id", K_SG_EVENT_ID },
	{ "sg_message_id", K_SG_MESSAGE_ID },
	{ "category", K_CATEGORY },
	{ "reason", K_REASON },
	{ "response", K_RESPONSE },
	{ "status", K_STATUS },
	{ "type", K_TYPE },
	{ "bounce_classification", K_BOUNCE_CLASS },
	{ "from", K_FROM },
	{ "sendhealth_list", K_LIST },
	{ "ip", K_IP },
	{ "subuser", K_SUBUSER },
};
_Static_assert(sizeof(keys) / sizeof(keys[0]) == K_SUBUSER + 1, "sendgrid keys");

#define F_TYPE RBF_X2
#define F_SMTP_ID RBF_X3
#define F_LIST RBF_X4

struct sendgrid {
	struct logread *lr;
	struct recbuild rb;
	int has_time, bad_time, has_created, has_ip, has_status;
	struct rb_ref reason, response;
};

static const struct {
	const char *name; /* lowercase, without spaces and underscores */
	enum sh_event ev;
	enum sh_severity sev;
} event_names[] = {
	{ "processed", EV_ACCEPTED, SEV_UNKNOWN },
	{ "delivered", EV_DELIVERED, SEV_UNKNOWN },
	{ "deferred", EV_DEFERRED, SEV_TEMPORARY },
	{ "bounce", EV_BOUNCE, SEV_PERMANENT },
	{ "bounced", EV_BOUNCE, SEV_PERMANENT },
	{ "blocked", EV_BLOCKED, SEV_TEMPORARY },
	{ "dropped", EV_DROPPED, SEV_PERMANENT },
	{ "notdelivered", EV_FAILED, SEV_UNKNOWN },
	{ "open", EV_OPENED, SEV_UNKNOWN },
	{ "opened", EV_OPENED, SEV_UNKNOWN },
	{ "click", EV_CLICKED, SEV_UNKNOWN },
	{ "clicked", EV_CLICKED, SEV_UNKNOWN },
	{ "spamreport", EV_COMPLAINED, SEV_UNKNOWN },
	{ "unsubscribe", EV_UNSUBSCRIBED, SEV_UNKNOWN },
	{ "groupunsubscribe", EV_UNSUBSCRIBED, SEV_UNKNOWN },
};

enum sh_event sendgrid_event(const char *name, size_t len, const char *type, size_t type_len,
			     enum sh_severity *sev)
{
	char norm[24];
	size_t i, n = 0;

	for (i = 0; i < len && n < sizeof(norm) - 1; i++)
		if (name[i] != ' ' && name[i] != '_')
			norm[n++] = (char)tolower((unsigned char)name[i]);
	norm[n] = '\0';
	*sev = SEV_UNKNOWN;
	for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++) {
		if (strcmp(norm, event_names[i].name))
			continue;
		*sev = event_names[i].sev;
		if (event_names[i].ev == EV_BOUNCE && text_ieqn(type, type_len, "blocked")) {
			*sev = SEV_TEMPORARY;
			return EV_BLOCKED;
		}
		return event_names[i].ev;
	}
	return EV_OTHER;
}

/* Sets enhanced (X.Y.Z) or *code (NNN) from a SendGrid "status" value. */
static void status_value(const char *s, size_t len, char enhanced[16], int *code)
{
	long v;

	text_trim(&s, &len);
	if (len >= 5 && len < 16 && isdigit((unsigned char)s[0]) && s[1] == '.' &&
	    memchr(s + 2, '.', len - 2)) {
		memcpy(enhanced, s, len);
		enhanced[len] = '\0';
	} else if (text_parse_longn(s, len, 200, 599, &v) == 0) {
		*code = (int)v;
	}
}

static void *sendgrid_new(struct logread *lr)
{
	struct sendgrid *g = xcalloc(1, sizeof(*g));

	g->lr = lr;
	recbuild_init(&g->rb);
	return g;
}

static void sendgrid_free(void *p)
{
	struct sendgrid *g = p;

	if (!g)
		return;
	recbuild_release(&g->rb);
	free(g);
}

static void begin(void *ctx, unsigned flags)
{
	struct sendgrid *g = ctx;

	(void)flags;
	recbuild_reset(&g->rb);
	g->has_time = g->bad_time = g->has_created = g->has_ip = g->has_status = 0;
	memset(&g->reason, 0, sizeof(g->reason));
	memset(&g->response, 0, sizeof(g->response));
}

static void value(void *ctx, const short *path, int n, enum js_type t, const char *s,
		  size_t len)
{
	struct sendgrid *g = ctx;
	struct recbuild *rb = &g->rb;

	if (n != 1 || t == JS_NULL || t == JS_BOOL)
		return;
	switch (path[0]) {
	case K_TIMESTAMP:
	case K_CREATED:
		/* integer seconds, 13-digit milliseconds, or the same as a string */
		if (g->has_time && path[0] == K_CREATED)
			break;
		g->has_time = 1;
		g->has_created |= path[0] == K_CREATED;
		g->bad_time = recbuild_time(rb, s, len) != 0;
		break;
	case K_EVENT: recbuild_set(rb, RBF_ESP_EVENT, s, len); break;
	case K_EMAIL: recbuild_set(rb, RBF_RECIPIENT, s, len); break;
	case K_SMTP_ID: recbuild_set(rb, F_SMTP_ID, s, len); break;
	case K_SG_EVENT_ID: recbuild_set(rb, RBF_EVENT_ID, s, len); break;
	case K_SG_MESSAGE_ID: recbuild_set(rb, RBF_MESSAGE_ID, s, len); break;
	case K_CATEGORY: recbuild_append(rb, RBF_TAGS, ',', s, len); break;
	case K_REASON: g->reason = recbuild_store(rb, s, len); break;
	case K_RESPONSE: g->response = recbuild_store(rb, s, len); break;
	case K_STATUS:
		g->has_status = 1;
		status_value(s, len, rb->rec.enhanced, &rb->rec.smtp_code);
		break;
	case K_TYPE: recbuild_set(rb, F_TYPE, s, len); break;
	case K_BOUNCE_CLASS: recbuild_set(rb, RBF_BOUNCE_CLASS, s, len); break;
	case K_FROM: recbuild_set_address(rb, RBF_SENDER, s, len); break;
	case K_LIST: recbuild_set(rb, F_LIST, s, len); break;
	case K_IP: g->has_ip = 1; break;
	case K_SUBUSER: recbuild_set(rb, RBF_SUBACCOUNT, s, len); break;
	}
}

static const struct {
	const char *list;
	enum sh_event ev;
	enum sh_severity sev;
	const char *esp_reason;
} lists[] = {
	{ "bounces", EV_BOUNCE, SEV_PERMANENT, "bounce" },
	{ "blocks", EV_BLOCKED, SEV_TEMPORARY, "blocked" },
	{ "invalid_emails", EV_BOUNCE, SEV_PERMANENT, "invalid_email" },
	{ "spam_reports", EV_COMPLAINED, SEV_UNKNOWN, "spam_report" },
};

/* Which list a suppression item comes from: our fetcher says so, else its shape does. */
static int suppression_list(const struct sendgrid *g)
{
	const struct recbuild *rb = &g->rb;
	size_t i;

	if (rb->has[F_LIST]) {
		struct slice l = recbuild_get(rb, F_LIST);
		for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
			if (text_ieqn(l.ptr, l.len, lists[i].list))
				return (int)i;
		return -1;
	}
	if (rb->rec.enhanced[0] == '4')
		return 1;
	if (rb->rec.enhanced[0] == '5' || rb->rec.smtp_code >= 500)
		return 0;
	if (!g->reason.len && g->has_ip)
		return 3;
	if (g->reason.len && !g->has_status)
		return 2;
	return -1;
}

/* 0 when classified; 1 when skipped (reported); -1 when reading must stop. */
static int classify(struct sendgrid *g, long line)
{
	struct recbuild *rb = &g->rb;
	struct sh_record *r = &rb->rec;
	struct slice ev = recbuild_get(rb, RBF_ESP_EVENT), type = recbuild_get(rb, F_TYPE);
	int l;

	if (rb->has[RBF_ESP_EVENT]) {
		r->source = SRC_SENDGRID_WEBHOOK;
		r->event = sendgrid_event(ev.ptr, ev.len, type.ptr, type.len, &r->severity);
		if (r->event == EV_BOUNCE || r->event == EV_BLOCKED)
			recbuild_put(rb, RBF_ESP_REASON, rb->f[F_TYPE]);
		else if (r->event == EV_DROPPED)
			recbuild_put(rb, RBF_ESP_REASON, g->reason);
		return 0;
	}
	if (!g->has_created && !rb->has[F_LIST])
		return logread_skip(g->lr, line, "unknown_event",
				    "a SendGrid object without 'event' or 'created'") ? -1 : 1;
	l = suppression_list(g);
	if (l < 0 && rb->has[F_LIST])
		return logread_skip(g->lr, line, "unknown_event", "an unknown sendhealth_list '%s'",
				    recbuild_get(rb, F_LIST).ptr) ? -1 : 1;
	if (l < 0)
		return logread_skip(g->lr, line, "unknown_event",
				    "a SendGrid suppression item whose list cannot be told "
				    "(no 'sendhealth_list', 'status', 'reason' or 'ip')") ? -1 : 1;
	r->source = SRC_SENDGRID_SUPPRESSION;
	r->event = lists[l].ev;
	r->severity = lists[l].sev;
	recbuild_set(rb, RBF_ESP_REASON, lists[l].esp_reason, strlen(lists[l].esp_reason));
	if (l == 2 && !rb->has[RBF_BOUNCE_CLASS])
		recbuild_set(rb, RBF_BOUNCE_CLASS, "Invalid Address", 15);
	return 0;
}

static int end(void *ctx, long line)
{
	struct sendgrid *g = ctx;
	struct recbuild *rb = &g->rb;
	struct sh_record *r = &rb->rec;
	int rc = classify(g, line);

	if (rc)
		return rc < 0 ? -1 : 0;
	if (!g->has_time)
		return logread_skip(g->lr, line, "missing_timestamp",
				    "a SendGrid event without 'timestamp'");
	if (g->bad_time)
		return logread_skip(g->lr, line, "bad_timestamp",
				    "a SendGrid event with an unreadable timestamp");
	if (!rb->f[RBF_RECIPIENT].len)
		return logread_skip(g->lr, line, "missing_recipient",
				    "a SendGrid event without 'email'");
	recbuild_put(rb, RBF_MESSAGE, g->reason.len ? g->reason : g->response);
	if (!rb->f[RBF_MESSAGE_ID].len && rb->has[F_SMTP_ID])
		recbuild_put(rb, RBF_MESSAGE_ID, rb->f[F_SMTP_ID]);
	recbuild_set(rb, RBF_ESP, "sendgrid", 8);
	logread_prefetch(g->lr, rb);
	recbuild_finish(rb);
	r->line = line;
	return logread_emit(g->lr, &g->rb);
}

static const struct js_handler handler = {
	keys, sizeof(keys) / sizeof(keys[0]), begin, value, NULL, end,
};

const struct js_format sendgrid_format = { &handler, sendgrid_new, sendgrid_free };
