/* nodemailer.c - an error object's code, response, responseCode, message, recipient and
 * its per-recipient rejectedErrors (or rejected addresses), plus the sender and time a CRM
 * may log beside it. */
#include "import/logs/nodemailer.h"

#include <stdlib.h>
#include <string.h>

#include "import/reader.h"
#include "model/recbuild.h"
#include "util/text.h"

enum {
	K_CODE, K_RESPONSE, K_RESPONSE_CODE, K_MESSAGE, K_RECIPIENT, K_REJECTED,
	K_REJECTED_ERRORS, K_TIMESTAMP, K_TIME, K_DATE, K_ATTIMESTAMP, K_FROM, K_ENVELOPE,
	K_MESSAGE_ID, K_HOST,
};

static const struct js_key keys[] = {
	{ "code", K_CODE },
	{ "response", K_RESPONSE },
	{ "responseCode", K_RESPONSE_CODE },
	{ "message", K_MESSAGE },
	{ "recipient", K_RECIPIENT },
	{ "rejected", K_REJECTED },
	{ "rejectedErrors", K_REJECTED_ERRORS },
	{ "timestamp", K_TIMESTAMP },
	{ "time", K_TIME },
	{ "date", K_DATE },
	{ "@timestamp", K_ATTIMESTAMP },
	{ "from", K_FROM },
	{ "envelope", K_ENVELOPE },
	{ "messageId", K_MESSAGE_ID },
	{ "host", K_HOST },
};
_Static_assert(sizeof(keys) / sizeof(keys[0]) == K_HOST + 1, "nodemailer keys");

/* rejectedErrors beyond this many are counted as one skipped record */
#define MAX_ITEMS 10000

struct item {
	struct rb_ref recipient, response, code, message;
	int smtp_code;
	int listed; /* from "rejected" (an address only), not "rejectedErrors" */
};

#define F_CODE RBF_X1
#define F_RESPONSE RBF_X2
#define F_HOST RBF_X3
#define F_MESSAGE RBF_X4

struct nodemailer {
	struct logread *lr;
	struct recbuild rb;
	struct item *items; /* owned, reused */
	size_t nitems, cap, dropped;
	int has_errors;     /* some item came from rejectedErrors */
	int smtp_code, has_time, bad_time;
};

static void *nm_new(struct logread *lr)
{
	struct nodemailer *n = xcalloc(1, sizeof(*n));

	n->lr = lr;
	recbuild_init(&n->rb);
	return n;
}

static void nm_free(void *p)
{
	struct nodemailer *n = p;

	if (!n)
		return;
	recbuild_release(&n->rb);
	free(n->items);
	free(n);
}

static void begin(void *ctx, unsigned flags)
{
	struct nodemailer *n = ctx;

	(void)flags;
	recbuild_reset(&n->rb);
	n->nitems = n->dropped = 0;
	n->has_errors = n->smtp_code = n->has_time = n->bad_time = 0;
}

static struct item *new_item(struct nodemailer *n, int listed)
{
	struct item *it;

	if (n->nitems >= MAX_ITEMS) {
		n->dropped++;
		return NULL;
	}
	if (n->nitems == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 8;
		n->items = xrealloc(n->items, n->cap * sizeof(*n->items));
	}
	it = &n->items[n->nitems++];
	memset(it, 0, sizeof(*it));
	it->listed = listed;
	n->has_errors |= !listed;
	return it;
}

static void open_cb(void *ctx, const short *path, int depth, int is_array)
{
	struct nodemailer *n = ctx;

	if (depth == 1 && path[0] == K_REJECTED_ERRORS && !is_array)
		new_item(n, 0);
}

static int parse_code(enum js_type t, const char *s, size_t len)
{
	long v;

	if ((t == JS_NUMBER || t == JS_STRING) && text_parse_longn(s, len, 100, 999, &v) == 0)
		return (int)v;
	return 0;
}

static void item_value(struct nodemailer *n, short key, enum js_type t, const char *s,
		       size_t len)
{
	struct item *it = n->nitems ? &n->items[n->nitems - 1] : NULL;

	if (!it || it->listed)
		return;
	if (key == K_RESPONSE_CODE)
		it->smtp_code = parse_code(t, s, len);
	else if (t != JS_STRING)
		return;
	else if (key == K_RECIPIENT)
		it->recipient = recbuild_store(&n->rb, s, len);
	else if (key == K_RESPONSE)
		it->response = recbuild_store(&n->rb, s, len);
	else if (key == K_CODE)
		it->code = recbuild_store(&n->rb, s, len);
	else if (key == K_MESSAGE)
		it->message = recbuild_store(&n->rb, s, len);
}

static void value(void *ctx, const short *path, int depth, enum js_type t, const char *s,
		  size_t len)
{
	struct nodemailer *n = ctx;
	struct recbuild *rb = &n->rb;

	if (depth == 2 && path[0] == K_REJECTED_ERRORS) {
		item_value(n, path[1], t, s, len);
		return;
	}
	if (depth == 2 && path[0] == K_ENVELOPE && path[1] == K_FROM && t == JS_STRING) {
		recbuild_set_address(rb, RBF_SENDER, s, len);
		return;
	}
	if (depth != 1)
		return;
	switch (path[0]) {
	case K_RESPONSE_CODE: n->smtp_code = parse_code(t, s, len); return;
	case K_TIMESTAMP: case K_TIME: case K_DATE: case K_ATTIMESTAMP:
		if (t == JS_NUMBER || t == JS_STRING) {
			n->has_time = 1;
			n->bad_time = recbuild_time(rb, s, len) != 0;
		}
		return;
	}
	if (t != JS_STRING)
		return;
	switch (path[0]) {
	case K_CODE: recbuild_set(rb, F_CODE, s, len); break;
	case K_RESPONSE: recbuild_set(rb, F_RESPONSE, s, len); break;
	case K_MESSAGE: recbuild_set(rb, F_MESSAGE, s, len); break;
	case K_RECIPIENT: recbuild_set(rb, RBF_RECIPIENT, s, len); break;
	case K_FROM: recbuild_set_address(rb, RBF_SENDER, s, len); break;
	case K_MESSAGE_ID: recbuild_set(rb, RBF_MESSAGE_ID, s, len); break;
	case K_HOST: recbuild_set(rb, F_HOST, s, len); break;
	case K_REJECTED: {
		struct item *it = new_item(n, 1);
		if (it)
			it->recipient = recbuild_store(rb, s, len);
		break;
	}
	}
}

static const char *const transient_codes[] = { "ETIMEDOUT", "ESOCKET", "ECONNECTION", "EDNS" };
static const char *const config_codes[] = { "EAUTH", "ENOAUTH", "EOAUTH2", "ECONFIG" };

static enum sh_severity severity(const struct sh_record *r, const char *code)
{
	size_t i;

	if (r->smtp_code >= 400 && r->smtp_code < 600)
		return r->smtp_code >= 500 ? SEV_PERMANENT : SEV_TEMPORARY;
	for (i = 0; i < sizeof(transient_codes) / sizeof(transient_codes[0]); i++)
		if (!strcmp(code, transient_codes[i]))
			return SEV_TEMPORARY;
	for (i = 0; i < sizeof(config_codes) / sizeof(config_codes[0]); i++)
		if (!strcmp(code, config_codes[i]))
			return SEV_PERMANENT;
	return SEV_UNKNOWN;
}

/* The submitting server answered, so its reply tells which provider it is. */
static const char *guess_esp(const struct recbuild *rb, const char *response)
{
	const char *esp = recbuild_esp_from_hint(recbuild_get(rb, F_HOST).ptr);

	if (!esp && text_istr(response, "gsmtp"))
		esp = "gmail";
	if (!esp && (text_istr(response, "outlook.com") || text_istr(response, "office365")))
		esp = "outlook";
	return esp ? esp : "smtp";
}

/* One record: the error's own fields overridden by the item's (may be NULL). */
static int emit(struct nodemailer *n, const struct item *it, long line)
{
	struct recbuild *rb = &n->rb;
	struct sh_record *r = &rb->rec;
	struct rb_ref response = rb->f[F_RESPONSE], code = rb->f[F_CODE], text = rb->f[F_MESSAGE];
	const char *esp;

	if (it) {
		recbuild_put(rb, RBF_RECIPIENT, it->recipient);
		if (it->response.len)
			response = it->response;
		if (it->code.len)
			code = it->code;
		if (it->message.len)
			text = it->message;
	}
	r->smtp_code = it && it->smtp_code ? it->smtp_code : n->smtp_code;
	r->enhanced[0] = '\0';
	/* the server's reply is the message; Nodemailer's own sentence the description */
	recbuild_put(rb, RBF_MESSAGE, response.len ? response : text);
	recbuild_put(rb, RBF_DESCRIPTION, response.len ? text : response);
	recbuild_put(rb, RBF_ESP_REASON, code);
	esp = guess_esp(rb, response.len ? rb->arena.buf + response.off : "");
	recbuild_set(rb, RBF_ESP, esp, strlen(esp));
	r->event = EV_FAILED;
	r->source = SRC_NODEMAILER;
	logread_prefetch(n->lr, rb);
	recbuild_finish(rb);
	r->severity = severity(r, code.len ? rb->arena.buf + code.off : "");
	r->line = line;
	return logread_emit(n->lr, &n->rb);
}

static int end(void *ctx, long line)
{
	struct nodemailer *n = ctx;
	size_t i;

	if (!n->rb.has[F_CODE] && !n->rb.has[F_RESPONSE] && !n->rb.has[F_MESSAGE] &&
	    !n->nitems)
		return logread_skip(n->lr, line, "unknown_event",
				    "not a Nodemailer error (no 'code', 'response' or 'message')");
	if (n->bad_time)
		return logread_skip(n->lr, line, "bad_timestamp", "an unreadable timestamp");
	if (!n->nitems)
		return emit(n, NULL, line);
	for (i = 0; i < n->nitems; i++) {
		if (n->items[i].listed == n->has_errors)
			continue; /* rejectedErrors win over the bare address list */
		if (emit(n, &n->items[i], line) != 0)
			return -1;
	}
	if (n->dropped)
		return logread_skip(n->lr, line, "too_long",
				    "%zu recipients beyond the first %d ignored", n->dropped,
				    MAX_ITEMS);
	return 0;
}

static const struct js_handler handler = {
	keys, sizeof(keys) / sizeof(keys[0]), begin, value, open_cb, end,
};

const struct js_format nodemailer_format = { &handler, nm_new, nm_free };
