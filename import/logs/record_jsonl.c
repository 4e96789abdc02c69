/* record_jsonl.c - the hand-written JSON writer on import's hot path (one pass per string,
 * runs of plain bytes copied at once) and the reader of the same lines. */
#include "import/logs/record_jsonl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/reader.h"
#include "model/recbuild.h"
#include "util/text.h"
#include "util/timeparse.h"

/* The writer fills the buffer directly: per record one reservation, then copies, and
 * numbers and dates formatted by hand (snprintf was most of its time). */

/* What each byte needs: 0 copy, 1 escape, 2 a UTF-8 byte (the string is checked once). */
static const unsigned char byte_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Escapes s to p, which has room for 6 bytes per input byte. */
static char *escape_into(char *p, const unsigned char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (byte_class[c] != 1) {
			*p++ = (char)c;
			continue;
		}
		*p++ = '\\';
		switch (c) {
		case '"': *p++ = '"'; break;
		case '\\': *p++ = '\\'; break;
		case '\n': *p++ = 'n'; break;
		case '\r': *p++ = 'r'; break;
		case '\t': *p++ = 't'; break;
		default:
			memcpy(p, "u00", 3);
			p[3] = hex[c >> 4];
			p[4] = hex[c & 15];
			p += 5;
		}
	}
	return p;
}

/* Appends "key":"value" (key given with its quotes, colon and leading comma). */
static void add_string(struct strbuf *out, const char *key, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t klen = strlen(key), i;
	int plain = 1, ascii = 1;
	char *p;

	for (i = 0; i < len; i++) {
		plain &= byte_class[u[i]] == 0;
		ascii &= byte_class[u[i]] != 2;
	}
	if (!ascii && !text_utf8_valid(s, len)) {
		/* against the contract of record.h, but the output stays valid JSON */
		struct strbuf fixed;
		strbuf_init(&fixed);
		text_utf8_repair(&fixed, s, len);
		add_string(out, key, fixed.buf, fixed.len);
		strbuf_release(&fixed);
		return;
	}
	strbuf_grow(out, klen + (plain ? len : 6 * len) + 2);
	p = out->buf + out->len;
	memcpy(p, key, klen);
	p += klen;
	*p++ = '"';
	if (plain) {
		memcpy(p, s, len);
		p += len;
	} else {
		p = escape_into(p, u, len);
	}
	*p++ = '"';
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
}

static void add_slice(struct strbuf *out, const char *key, struct slice s)
{
	add_string(out, key, s.ptr ? s.ptr : "", s.ptr ? s.len : 0);
}

static char *put_uint(char *p, unsigned long long v)
{
	char tmp[24];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* "2023-11-14T22:13:20Z" as time_format_iso writes it. */
static char *put_iso(char *p, double t)
{
	long long secs = (long long)floor(t);
	long long days = (secs >= 0 ? secs : secs - 86399) / 86400;
	long rem = (long)(secs - days * 86400), y;
	unsigned m, d;

	time_civil_from_days((long)days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	p = put2(p, (unsigned)y / 100);
	p = put2(p, (unsigned)y % 100);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, d);
	*p++ = 'T';
	p = put2(p, (unsigned)(rem / 3600));
	*p++ = ':';
	p = put2(p, (unsigned)(rem / 60 % 60));
	*p++ = ':';
	p = put2(p, (unsigned)(rem % 60));
	*p++ = 'Z';
	return p;
}

/* Seconds with up to 6 decimals, trailing zeros dropped: reads back to the same value. */
static void add_time(struct strbuf *out, double t)
{
	char *p;
	long long micro;

	if (t <= 0 || !isfinite(t) || t >= 253402300800.0 /* year 10000 */) {
		strbuf_adds(out, ",\"timestamp\":null,\"timestamp_unix\":null");
		return;
	}
	strbuf_grow(out, 96);
	p = out->buf + out->len;
	memcpy(p, ",\"timestamp\":\"", 14);
	p = put_iso(p + 14, t);
	memcpy(p, "\",\"timestamp_unix\":", 19);
	p += 19;
	micro = llround(t * 1e6);
	p = put_uint(p, (unsigned long long)(micro / 1000000));
	if (micro % 1000000) {
		char frac[6];
		int n = 6, i;
		long long f = micro % 1000000;
		for (i = 5; i >= 0; i--, f /= 10)
			frac[i] = (char)('0' + f % 10);
		while (frac[n - 1] == '0')
			n--;
		*p++ = '.';
		memcpy(p, frac, (size_t)n);
		p += n;
	}
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
}

static void add_number(struct strbuf *out, const char *key, long v, int null_if_zero)
{
	char *p;

	strbuf_grow(out, 48);
	p = out->buf + out->len;
	memcpy(p, key, strlen(key));
	p += strlen(key);
	if (v == 0 && null_if_zero) {
		memcpy(p, "null", 4);
		p += 4;
	} else {
		if (v < 0) {
			*p++ = '-';
			v = -v;
		}
		p = put_uint(p, (unsigned long long)v);
	}
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
}

void record_jsonl_append(struct strbuf *out, const struct sh_record *r)
{
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
	add_number(out, ",\"smtp_code\":", r->smtp_code, 1);
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
	add_number(out, ",\"line\":", r->line, 0);
	strbuf_add(out, "}\n", 2);
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
		rd->bad_time |= recbuild_time(&rd->rb, s, len) != 0;
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
