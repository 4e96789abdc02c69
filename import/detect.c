/* detect.c - format sniffing: magic bytes, then JSON (a YAJL pass over the prefix that
 * collects the keys of the first event object and of the top level), then CSV headers. */
#include "import/detect.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yajl/yajl_parse.h>

#include "import/logs/jsonstream.h"
#include "util/csv_dialect.h"
#include "util/text.h"

/* ---- the keys that tell formats apart ----------------------------------------------- */

enum {
	B_EVENT, B_ID, B_TIMESTAMP, B_ATTIMESTAMP, B_RECIPIENT, B_EMAIL, B_SG_EVENT_ID,
	B_SG_MESSAGE_ID, B_SMTP_ID, B_CREATED, B_LIST, B_CODE, B_RESPONSE, B_RESPONSE_CODE,
	B_COMMAND, B_REJECTED, B_REJECTED_ERRORS, B_ERRNO, B_SYSCALL, B_SOURCE, B_TIMESTAMP_UNIX,
	B_ITEMS, B_STATS, B_RESOLUTION, B_START, B_RESULT, B_CLASSIFICATION, B_DATE, B_ERRORS,
	B_MESSAGE, B_FILTER, B_PAGINATION, B_COUNT
};

static const char *const bit_names[] = {
	"event", "id", "timestamp", "@timestamp", "recipient", "email", "sg_event_id",
	"sg_message_id", "smtp-id", "created", "sendhealth_list", "code", "response",
	"responseCode", "command", "rejected", "rejectedErrors", "errno", "syscall", "source",
	"timestamp_unix", "items", "stats", "resolution", "start", "result", "classification",
	"date", "errors", "message", "filter", "pagination",
};
_Static_assert(sizeof(bit_names) / sizeof(bit_names[0]) == B_COUNT, "detect keys");

#define HAS(set, b) (((set) >> (b)) & 1u)

struct sniff {
	int depth, max_depth;
	int ev_depth;         /* depth of the first event candidate while it is open */
	int ev_done;          /* the first event candidate closed */
	int top_array;        /* the first value is an array */
	int top_elements;     /* elements seen in that array */
	int pending;          /* 1: "items" key at the event root, 2: "event-data" */
	int items_depth;      /* depth of the items array, 0 when none */
	int items_empty;      /* an items array closed without elements */
	uint64_t top, ev, all;
	int ntop;             /* keys of the top object */
	char evkeys[80];      /* the first keys of the event candidate, for messages */
};

static uint64_t key_bit(const unsigned char *k, size_t len)
{
	size_t i;

	if (!len)
		return 0;
	for (i = 0; i < B_COUNT; i++) /* the first byte rules out most names */
		if (bit_names[i][0] == (char)k[0] && strlen(bit_names[i]) == len &&
		    !memcmp(bit_names[i], k, len))
			return (uint64_t)1 << i;
	return 0;
}

static int sn_start(struct sniff *s, int is_map)
{
	int d = ++s->depth;

	if (d > s->max_depth)
		s->max_depth = d;
	if (d > JS_MAX_DEPTH)
		return 0;
	if (d == 1) {
		s->top_array = !is_map;
		if (is_map)
			s->ev_depth = 1;
		return 1;
	}
	if (s->ev_done || s->ev_depth > 0) {
		if (is_map && s->pending == 2 && d == s->ev_depth + 1) {
			s->ev_depth = d;
			s->ev = 0;
			s->evkeys[0] = '\0';
		} else if (!is_map && s->pending == 1 && d == s->ev_depth + 1) {
			s->ev_depth = 0;
			s->items_depth = d;
		}
		s->pending = 0;
		return 1;
	}
	/* the first object inside the top array or a page's items */
	if (is_map && ((s->top_array && d == 2) || (s->items_depth && d == s->items_depth + 1))) {
		s->ev_depth = d;
		s->ev = 0;
		s->evkeys[0] = '\0';
	}
	if (s->top_array && d == 2)
		s->top_elements++;
	return 1;
}

static int sn_start_map(void *ctx)
{
	return sn_start(ctx, 1);
}

static int sn_start_array(void *ctx)
{
	return sn_start(ctx, 0);
}

static int sn_end(void *ctx)
{
	struct sniff *s = ctx;

	if (s->depth == s->ev_depth && !s->ev_done) {
		s->ev_done = 1;
		s->ev_depth = 0;
	}
	if (s->depth == s->items_depth) {
		s->items_empty = !s->ev_done;
		s->items_depth = 0;
	}
	s->depth--;
	return 1;
}

static int sn_key(void *ctx, const unsigned char *k, size_t len)
{
	struct sniff *s = ctx;
	uint64_t b = key_bit(k, len);

	s->all |= b;
	if (s->depth == 1) {
		s->top |= b;
		s->ntop++;
	}
	s->pending = 0;
	if (s->ev_depth && s->depth == s->ev_depth && !s->ev_done) {
		size_t have = strlen(s->evkeys);
		s->ev |= b;
		if (have + len + 3 < sizeof(s->evkeys))
			snprintf(s->evkeys + have, sizeof(s->evkeys) - have, "%s%.*s",
				 have ? ", " : "", (int)len, (const char *)k);
		if (len == 5 && !memcmp(k, "items", 5))
			s->pending = 1;
		else if (len == 10 && !memcmp(k, "event-data", 10))
			s->pending = 2;
	}
	return 1;
}

static int sn_scalar(struct sniff *s)
{
	s->pending = 0;
	if (s->top_array && s->depth == 1)
		s->top_elements++;
	return 1;
}

static int sn_null(void *ctx)
{
	return sn_scalar(ctx);
}

static int sn_bool(void *ctx, int b)
{
	(void)b;
	return sn_scalar(ctx);
}

static int sn_number(void *ctx, const char *n, size_t len)
{
	(void)n;
	(void)len;
	return sn_scalar(ctx);
}

static int sn_string(void *ctx, const unsigned char *str, size_t len)
{
	(void)str;
	(void)len;
	return sn_scalar(ctx);
}

static const yajl_callbacks sniff_callbacks = {
	sn_null, sn_bool, NULL, NULL, sn_number, sn_string,
	sn_start_map, sn_key, sn_end, sn_start_array, sn_end,
};

/* Parses buf; returns 1 when it holds complete JSON values and nothing else. */
static int sniff_parse(struct sniff *s, const char *buf, size_t len, int complete, char *err,
		       size_t errsize)
{
	yajl_handle h = yajl_alloc(&sniff_callbacks, NULL, s);
	yajl_status st;
	int ok;

	if (!h)
		return 0;
	yajl_config(h, yajl_allow_comments, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	yajl_config(h, yajl_allow_multiple_values, 1);
	st = yajl_parse(h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok && complete)
		st = yajl_complete_parse(h);
	ok = st == yajl_status_ok && s->depth == 0;
	if (st == yajl_status_error && err) {
		unsigned char *e = yajl_get_error(h, 0, NULL, 0);
		size_t n = e ? strlen((char *)e) : 0, at = yajl_get_bytes_consumed(h), i;
		long line = 1;
		for (i = 0; i < at && i < len; i++)
			line += buf[i] == '\n';
		while (n && (e[n - 1] == '\n' || e[n - 1] == '.'))
			n--;
		snprintf(err, errsize, "line %ld: %.*s", line, (int)n, e ? (char *)e : "");
		if (e)
			yajl_free_error(h, e);
	}
	yajl_free(h);
	return ok;
}

/* ---- JSON ----------------------------------------------------------------------------- */

static enum logread_format classify_event(uint64_t k)
{
	if (HAS(k, B_SOURCE) && HAS(k, B_EVENT) && HAS(k, B_TIMESTAMP_UNIX))
		return LR_RECORDS;
	if (HAS(k, B_EVENT) && (HAS(k, B_EMAIL) || HAS(k, B_SG_EVENT_ID) ||
				 HAS(k, B_SG_MESSAGE_ID) || HAS(k, B_SMTP_ID)))
		return LR_SENDGRID;
	if (HAS(k, B_LIST) || (HAS(k, B_CREATED) && HAS(k, B_EMAIL)))
		return LR_SENDGRID;
	if (HAS(k, B_EVENT) && (HAS(k, B_ID) || HAS(k, B_TIMESTAMP) || HAS(k, B_ATTIMESTAMP) ||
				 HAS(k, B_RECIPIENT)))
		return LR_MAILGUN;
	if (HAS(k, B_REJECTED_ERRORS) ||
	    (HAS(k, B_CODE) && (HAS(k, B_RESPONSE) || HAS(k, B_RESPONSE_CODE) ||
				HAS(k, B_COMMAND) || HAS(k, B_REJECTED) || HAS(k, B_ERRNO) ||
				HAS(k, B_SYSCALL))))
		return LR_NODEMAILER;
	return LR_AUTO;
}

/* What a JSON input that holds no events looks like, or NULL. */
static const char *known_shape(const struct sniff *s)
{
	if (HAS(s->top, B_STATS) && (HAS(s->top, B_RESOLUTION) || HAS(s->top, B_START)))
		return "Mailgun stats";
	if (HAS(s->top, B_RESULT) && HAS(s->all, B_CLASSIFICATION))
		return "SendGrid bounce classification stats";
	if (s->top_array && HAS(s->ev, B_DATE) && HAS(s->all, B_STATS))
		return "SendGrid stats";
	if (HAS(s->top, B_ERRORS))
		return "a SendGrid API error response";
	if ((HAS(s->top, B_FILTER) || HAS(s->top, B_PAGINATION)) && !HAS(s->top, B_ITEMS))
		return "a Mailgun Logs API request body, not its response";
	if (HAS(s->top, B_MESSAGE) && s->ntop <= 2)
		return "a Mailgun API response ({\"message\": …})";
	return NULL;
}

static void set_reason(struct detect_result *out, const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_reason(struct detect_result *out, const char *reason, const char *fmt, ...)
{
	va_list ap;

	out->format = LR_AUTO;
	out->reason = reason;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
}

/* A JavaScript object literal as console.log prints it: { message: 'x', code: 'EAUTH' } */
static int looks_like_js(const char *p, const char *end)
{
	if (p >= end || *p != '{')
		return 0;
	for (p++; p < end && isspace((unsigned char)*p); p++)
		;
	return p < end && (isalpha((unsigned char)*p) || *p == '_' || *p == '$');
}

static void detect_json(const char *buf, size_t len, int eof, struct detect_result *out)
{
	struct sniff s;
	char err[120] = "";
	const char *shape;
	enum logread_format f;

	memset(&s, 0, sizeof(s));
	sniff_parse(&s, buf, len, eof, err, sizeof(err));
	f = classify_event(s.ev);
	out->lines = detect_json_lines(buf, len, eof);
	if (f == LR_AUTO && out->lines == JS_LINES) {
		/* JSON Lines whose first line is broken: the next good line decides */
		const char *p = buf, *end = buf + len;
		while (f == LR_AUTO && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			const char *nl;
			p++;
			nl = memchr(p, '\n', (size_t)(end - p));
			memset(&s, 0, sizeof(s));
			sniff_parse(&s, p, nl ? (size_t)(nl - p) : (size_t)(end - p), 1, NULL, 0);
			f = classify_event(s.ev);
		}
	}
	if (f != LR_AUTO) {
		out->format = f;
		return;
	}
	if ((shape = known_shape(&s)) != NULL)
		set_reason(out, "not_event_log", "not an event log (looks like %s)", shape);
	else if (s.items_empty || (s.top_array && !s.top_elements && eof && !err[0]))
		out->format = s.items_empty ? LR_MAILGUN : LR_SENDGRID; /* an empty page or list */
	else if (s.max_depth > JS_MAX_DEPTH)
		set_reason(out, "too_deep", "JSON nested deeper than %d levels", JS_MAX_DEPTH);
	else if (looks_like_js(buf, buf + len))
		set_reason(out, "bad_json", "a JavaScript object literal, not JSON (keys and strings "
			   "must be in double quotes, e.g. from JSON.stringify)");
	else if (err[0] && !s.ev_done)
		set_reason(out, "bad_json", "not valid JSON (%s)", err);
	else if (s.evkeys[0])
		set_reason(out, "not_event_log", "JSON, but not an event log this tool reads (an "
			   "object with keys: %s)", s.evkeys);
	else
		set_reason(out, "not_event_log", "JSON, but without event objects");
}

/* ---- CSV ------------------------------------------------------------------------------ */

/* The separator of the header and the first lines (util/csv_dialect); 0 when none. */
char detect_csv_delim(const char *buf, size_t len)
{
	return csv_dialect_delim(buf, len, 0);
}

/* 1 when the header line names the SendGrid Email Activity export's columns. */
static int sendgrid_header(const char *buf, size_t len, char delim)
{
	int processed = 0, event = 0, email = 0;
	const char *p = buf, *end = buf;

	while (end < buf + len && *end != '\n' && *end != '\r')
		end++;
	while (p < end) {
		const char *f = p, *e;
		size_t n;
		while (p < end && *p != delim)
			p++;
		e = p++;
		while (f < e && (*f == '"' || isspace((unsigned char)*f)))
			f++;
		while (e > f && (e[-1] == '"' || isspace((unsigned char)e[-1])))
			e--;
		n = (size_t)(e - f);
		processed |= text_ieqn(f, n, "processed");
		event |= text_ieqn(f, n, "event");
		email |= text_ieqn(f, n, "email");
	}
	return processed && event && email;
}

/* ---- everything else ------------------------------------------------------------------ */

static const struct {
	const char *magic;
	size_t len;
	const char *what;
} magics[] = {
	{ "\x1f\x8b", 2, "gzip data inside gzip" },
	{ "PK\x03\x04", 4, "a zip archive (an .xlsx spreadsheet? export it as CSV)" },
	{ "BZh", 3, "bzip2-compressed data (decompress it first)" },
	{ "\xfd" "7zXZ", 5, "xz-compressed data (decompress it first)" },
	{ "\x28\xb5\x2f\xfd", 4, "zstd-compressed data (decompress it first)" },
	{ "%PDF", 4, "a PDF document" },
	{ "\xd0\xcf\x11\xe0", 4, "an old Excel/Office document (export it as CSV)" },
};

/* The first line, quoted for a message: printable ASCII only, at most 48 bytes. */
static void first_line(const char *p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	while (p < end && *p != '\n' && *p != '\r' && n + 1 < size && n < 48) {
		unsigned char c = (unsigned char)*p++;
		out[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[n] = '\0';
}

/* A mail message: its first lines are header fields, one of them a name only mail has. */
static enum logread_format detect_mail(const char *p, const char *end)
{
	static const char *const names[] = {
		"received", "return-path", "from", "to", "subject", "date", "message-id",
		"mime-version", "delivered-to", "content-type", "dkim-signature", "reply-to",
		"x-original-to", "authentication-results", "x-failed-recipients", "sender",
	};
	int lines = 0, known = 0;
	size_t i;

	if (end - p >= 5 && !memcmp(p, "From ", 5))
		return LR_MBOX;
	while (p < end && lines < 30) {
		const char *e = p, *c = p;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		if (e == p)
			break; /* the blank line that ends the header */
		if (*p != ' ' && *p != '\t') {
			while (c < e && (isalnum((unsigned char)*c) || *c == '-' || *c == '_'))
				c++;
			if (c == p || c == e || *c != ':')
				return LR_AUTO;
			for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				known |= (size_t)(c - p) == strlen(names[i]) &&
					 !strncasecmp(p, names[i], (size_t)(c - p));
		}
		lines++;
		p = e + (e < end && *e == '\r' && e + 1 < end && e[1] == '\n') + (e < end);
	}
	return known && lines >= 2 ? LR_MAIL : LR_AUTO;
}

void detect_format(const char *buf, size_t len, int eof, struct detect_result *out)
{
	const char *p = buf, *end = buf + len, *nl;
	char line[64];
	size_t i;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		if ((size_t)(end - p) >= magics[i].len && !memcmp(p, magics[i].magic, magics[i].len)) {
			set_reason(out, "unknown_format", "not a log: %s", magics[i].what);
			return;
		}
	}
	/* a NUL in the first line means binary data; later ones are bad records of a text log */
	nl = memchr(p, '\n', (size_t)(end - p));
	if (memchr(p, '\0', (size_t)((nl ? nl : end) - p))) {
		set_reason(out, "unknown_format", "not a log: binary data (NUL bytes)");
		return;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end) {
		set_reason(out, "empty_file", "no data (empty input)");
		return;
	}
	if (*p == '{' || *p == '[') {
		detect_json(p, (size_t)(end - p), eof, out);
		return;
	}
	if (*p == '<') {
		set_reason(out, "unknown_format",
			   "not a log: an HTML or XML page (a sign-in or error page?)");
		return;
	}
	if ((out->format = detect_mail(p, end)) != LR_AUTO)
		return;
	out->delim = csv_dialect_delim(p, (size_t)(end - p), eof);
	if (out->delim) {
		out->format = sendgrid_header(p, (size_t)(end - p), out->delim) ? LR_SENDGRID_CSV
										  : LR_CSV;
		return;
	}
	first_line(p, end, line, sizeof(line));
	set_reason(out, "unknown_format",
		   "not a log format this tool reads (JSON or CSV with a header); it starts "
		   "'%s'", line);
}
