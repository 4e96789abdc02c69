/* record_jsonl.c - the hand-written JSON writer on import's hot path (one pass per string,
 * runs of plain bytes copied at once) and the reader of the same lines. */
#include "import/record_jsonl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/logread.h"
#include "import/recbuild.h"
#include "util/text.h"
#include "util/timeparse.h"

/* 1: copy as is; 0: escape; 2: a UTF-8 byte (the string is checked as a whole) */
static unsigned char byte_class(unsigned char c)
{
	if (c < 0x20 || c == '"' || c == '\\')
		return 0;
	return c < 0x80 ? 1 : 2;
}

static void escape_into(struct strbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7] = { '\\', 'u', '0', '0', 0, 0, 0 };
		const char *rep;
		size_t rlen = 2;

		if (byte_class(c))
			continue;
		strbuf_add(out, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			rep = esc;
			rlen = 6;
		}
		strbuf_add(out, rep, rlen);
	}
	strbuf_add(out, s + run, len - run);
}

static void add_string(struct strbuf *out, const char *key, const char *s, size_t len)
{
	size_t i;
	int ascii = 1;

	strbuf_adds(out, key);
	strbuf_addch(out, '"');
	for (i = 0; i < len && ascii; i++)
		ascii = byte_class((unsigned char)s[i]) != 2;
	if (ascii || text_utf8_valid(s, len)) {
		escape_into(out, s, len);
	} else {
		struct strbuf fixed;
		strbuf_init(&fixed);
		text_utf8_repair(&fixed, s, len);
		escape_into(out, fixed.buf, fixed.len);
		strbuf_release(&fixed);
	}
	strbuf_addch(out, '"');
}

static void add_slice(struct strbuf *out, const char *key, struct slice s)
{
	add_string(out, key, s.ptr ? s.ptr : "", s.ptr ? s.len : 0);
}

/* Seconds with up to 6 decimals, trailing zeros dropped: reads back to the same value. */
static void add_time(struct strbuf *out, double t)
{
	char buf[48];
	size_t n;

	if (t == 0 || !isfinite(t)) {
		strbuf_adds(out, ",\"timestamp\":null,\"timestamp_unix\":null");
		return;
	}
	time_format_iso(t, buf);
	strbuf_adds(out, ",\"timestamp\":\"");
	strbuf_adds(out, buf);
	strbuf_adds(out, "\",\"timestamp_unix\":");
	n = (size_t)snprintf(buf, sizeof(buf), "%.6f", t);
	while (n > 0 && buf[n - 1] == '0')
		n--;
	if (n > 0 && buf[n - 1] == '.')
		n--;
	strbuf_add(out, buf, n);
}

void record_jsonl_append(struct strbuf *out, const struct sh_record *r)
{
	char num[24];

	strbuf_adds(out, "{\"source\":\"");
	strbuf_adds(out, record_source_name(r->source));
	strbuf_adds(out, "\",\"event\":\"");
	strbuf_adds(out, record_event_name(r->event));
	strbuf_adds(out, "\",\"severity\":\"");
	strbuf_adds(out, record_severity_name(r->severity));
	strbuf_addch(out, '"');
	add_time(out, r->timestamp);
	add_slice(out, ",\"esp\":", r->esp);
	add_slice(out, ",\"sending_domain\":", r->sending_domain);
	add_slice(out, ",\"sender\":", r->sender);
	add_slice(out, ",\"recipient\":", r->recipient);
	add_slice(out, ",\"recipient_domain\":", r->recipient_domain);
	add_slice(out, ",\"recipient_provider\":", r->recipient_provider);
	if (r->smtp_code) {
		snprintf(num, sizeof(num), "%d", r->smtp_code);
		strbuf_adds(out, ",\"smtp_code\":");
		strbuf_adds(out, num);
	} else {
		strbuf_adds(out, ",\"smtp_code\":null");
	}
	add_string(out, ",\"enhanced_code\":", r->enhanced, strnlen(r->enhanced, sizeof(r->enhanced)));
	add_slice(out, ",\"message\":", r->message);
	add_slice(out, ",\"description\":", r->description);
	add_slice(out, ",\"esp_reason\":", r->esp_reason);
	add_slice(out, ",\"bounce_classification\":", r->bounce_class);
	add_slice(out, ",\"message_id\":", r->message_id);
	add_slice(out, ",\"event_id\":", r->event_id);
	add_slice(out, ",\"tags\":", r->tags);
	add_slice(out, ",\"subaccount\":", r->subaccount);
	add_string(out, ",\"file\":", r->file ? r->file : "", r->file ? strlen(r->file) : 0);
	snprintf(num, sizeof(num), "%ld", r->line);
	strbuf_adds(out, ",\"line\":");
	strbuf_adds(out, num);
	strbuf_adds(out, "}\n");
}

/* ---- reading back ---------------------------------------------------------------- */

enum {
	K_SOURCE, K_EVENT, K_SEVERITY, K_TIMESTAMP, K_TIMESTAMP_UNIX, K_SMTP_CODE, K_ENHANCED,
	K_LINE,
	K_FIELD0, /* the string fields, in enum rb_field order from here */
};

static const struct js_key keys[] = {
	{ "source", K_SOURCE },
	{ "event", K_EVENT },
	{ "severity", K_SEVERITY },
	{ "timestamp", K_TIMESTAMP },
	{ "timestamp_unix", K_TIMESTAMP_UNIX },
	{ "smtp_code", K_SMTP_CODE },
	{ "enhanced_code", K_ENHANCED },
	{ "line", K_LINE },
	{ "esp", K_FIELD0 + RBF_ESP },
	{ "sending_domain", K_FIELD0 + RBF_SENDING_DOMAIN },
	{ "sender", K_FIELD0 + RBF_SENDER },
	{ "recipient", K_FIELD0 + RBF_RECIPIENT },
	{ "recipient_domain", K_FIELD0 + RBF_RECIPIENT_DOMAIN },
	{ "recipient_provider", K_FIELD0 + RBF_RECIPIENT_PROVIDER },
	{ "message", K_FIELD0 + RBF_MESSAGE },
	{ "description", K_FIELD0 + RBF_DESCRIPTION },
	{ "esp_reason", K_FIELD0 + RBF_ESP_REASON },
	{ "bounce_classification", K_FIELD0 + RBF_BOUNCE_CLASS },
	{ "message_id", K_FIELD0 + RBF_MESSAGE_ID },
	{ "event_id", K_FIELD0 + RBF_EVENT_ID },
	{ "tags", K_FIELD0 + RBF_TAGS },
	{ "subaccount", K_FIELD0 + RBF_SUBACCOUNT },
	{ "file", K_FIELD0 + RBF_FILE },
};

struct reader {
	struct logread *lr;
	struct recbuild rb;
	char event[24], source[32], severity[16];
	int has_unix, bad_time;
	long line;
	double iso;
};

static void *reader_new(struct logread *lr)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));

	rd->lr = lr;
	recbuild_init(&rd->rb);
	return rd;
}

static void reader_free(void *p)
{
	struct reader *rd = p;

	if (!rd)
		return;
	recbuild_release(&rd->rb);
	free(rd);
}

static void begin(void *ctx, unsigned flags)
{
	struct reader *rd = ctx;

	(void)flags;
	recbuild_reset(&rd->rb);
	rd->event[0] = rd->source[0] = rd->severity[0] = '\0';
	rd->has_unix = rd->bad_time = 0;
	rd->line = 0;
	rd->iso = 0;
}

static void value(void *ctx, const short *path, int n, enum js_type t, const char *s,
		  size_t len)
{
	struct reader *rd = ctx;
	struct sh_record *r = &rd->rb.rec;
	long v;

	if (n != 1 || t == JS_NULL)
		return;
	switch (path[0]) {
	case K_SOURCE: recbuild_token(rd->source, sizeof(rd->source), s, len); break;
	case K_EVENT: recbuild_token(rd->event, sizeof(rd->event), s, len); break;
	case K_SEVERITY: recbuild_token(rd->severity, sizeof(rd->severity), s, len); break;
	case K_TIMESTAMP: rd->bad_time |= time_parse(s, len, &rd->iso) != 0; break;
	case K_TIMESTAMP_UNIX:
		rd->has_unix = 1;
		rd->bad_time |= time_parse(s, len, &r->timestamp) != 0;
		break;
	case K_SMTP_CODE:
		if (text_parse_longn(s, len, 0, 999, &v) == 0)
			r->smtp_code = (int)v;
		break;
	case K_ENHANCED:
		if (len < sizeof(r->enhanced)) {
			memcpy(r->enhanced, s, len);
			r->enhanced[len] = '\0';
		}
		break;
	case K_LINE:
		if (text_parse_longn(s, len, 0, 0x7fffffffL, &v) == 0)
			rd->line = v;
		break;
	default:
		if (path[0] >= K_FIELD0 && path[0] < K_FIELD0 + RBF_X1)
			recbuild_set(&rd->rb, (enum rb_field)(path[0] - K_FIELD0), s, len);
	}
}

static int end(void *ctx, long line)
{
	struct reader *rd = ctx;
	struct sh_record *r = &rd->rb.rec;
	int ev = record_event_from_name(rd->event), src = record_source_from_name(rd->source);
	int sev = record_severity_from_name(rd->severity);

	if (ev <= 0)
		return logread_skip(rd->lr, line, "unknown_event",
				    rd->event[0] ? "a record with an unknown event '%s'"
						 : "a record without 'event'%s", rd->event);
	if (rd->bad_time)
		return logread_skip(rd->lr, line, "bad_timestamp", "a record with an unreadable timestamp");
	r->event = (enum sh_event)ev;
	r->source = src > 0 ? (enum sh_source)src : SRC_RECORDS;
	r->severity = sev > 0 ? (enum sh_severity)sev : SEV_UNKNOWN;
	if (!rd->has_unix)
		r->timestamp = rd->iso;
	recbuild_finish(&rd->rb);
	r->line = rd->line > 0 ? rd->line : line;
	return logread_emit(rd->lr, &rd->rb);
}

static const struct js_handler handler = {
	keys, sizeof(keys) / sizeof(keys[0]), begin, value, NULL, end,
};

const struct js_format record_jsonl_format = { &handler, reader_new, reader_free };
