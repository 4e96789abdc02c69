/* jsonstream.c - YAJL callbacks tracking where we are (container grammar, key path, line),
 * the caps, and the resync of JSON Lines. Per event the work is a few compares per key;
 * nothing is allocated except when a broken line forces a fresh YAJL handle. */
#include "import/logs/jsonstream.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "import/logs/jsonline.h"
#include "import/reader.h"
#include "util/strbuf.h"

/* Input goes to YAJL in pieces of at most this size, so that the caps are checked often. */
#define JS_PIECE 65536
/* ... except a whole line of JSON Lines, up to this size, which goes as one piece (to the
 * fast path first); a line's start is held back until its newline comes up to this size. */
#define JS_LINE_MAX (2u << 20)
/* Beyond this depth even skipping stops: YAJL's own stack grows with the depth. */
#define JS_HARD_DEPTH 1024
/* Key table size (a power of two, well over JS_MAX_KEYS so that probes stay short). */
#define JS_KEY_SLOTS 256

enum js_role {
	R_LIST,      /* an array whose elements are events */
	R_EVENT,     /* the event object itself */
	R_FIELD,     /* an array or object inside an event */
	R_CONTAINER, /* a page or webhook payload around the events */
};

enum { SP_NONE, SP_ITEMS, SP_EVENT_DATA };

struct js_frame {
	unsigned char role;
	unsigned char special; /* for R_EVENT: the current key is "items" / "event-data" */
};

struct jsonstream {
	yajl_handle h;
	const struct js_handler *hd;
	void *hctx;
	struct logread *lr;
	enum js_framing lines;   /* JS_STREAM (0) or not */
	long values;             /* top-level values completed */

	/* the handler's keys in an open-addressing table: slot holds index + 1, 0 is empty */
	unsigned char slot[JS_KEY_SLOTS];
	unsigned char klen[JS_MAX_KEYS];

	int depth;       /* containers open */
	struct js_frame fr[JS_MAX_DEPTH + 1];
	int ev_depth;    /* depth of the event object; 0 when not inside one */
	short path[JS_MAX_DEPTH + 1];
	int npath;       /* object levels from the event root */
	int skip_from;   /* > 0: ignore everything from this depth until it closes */
	long ev_line, top_line;
	unsigned long long ev_start; /* offset of the event's '{' */

	/* the first problem of the current event (or top-level value), reported at its end */
	const char *bad_key;
	char bad_msg[160];
	int bad_depth;
	long bad_line;
	const char *abort_key; /* a callback cancelled the parse for this reason */

	/* position */
	const char *piece;
	size_t plen, counted;    /* bytes of the piece whose newlines are in line */
	long line;
	unsigned long long base; /* offset of the piece */
	size_t quiet;            /* bytes fed without a callback: a token YAJL is buffering */
	int cb_seen;
	int line_open;           /* bytes after the last newline (lines mode) */
	int skip_line;           /* lines mode: discard up to the next newline */
	int dead;                /* stream mode: the rest is unreadable (reported) */
	int gave_up;             /* a unit (the rest, or the rest of a line) was given up */
	int stop;                /* reading must stop */

	/* the fast path (import/logs/jsonline.h): a whole line parsed without YAJL */
	int fast;                /* the callbacks come from jsonline: consumed() is fast_at;
				    2: a line jsonline checked whole (nothing to take back) */
	int fast_bail;           /* the line is a page or a webhook payload: YAJL's */
	size_t fast_at;

	/* JSON Lines: the start of a line the input handed so far ends in, held back until
	 * its newline comes (up to JS_LINE_MAX), so that the fast path gets it whole (a line
	 * cut by a read boundary went to YAJL: one in 70 of a Mailgun log, read 64 KiB at a
	 * time, and every SendGrid batch line) */
	struct strbuf carry;
};

static long line_at(struct jsonstream *js, size_t pos)
{
	const char *p = js->piece + js->counted, *end = js->piece + pos;

	if (pos > js->counted) {
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			js->line++;
			p++;
		}
		js->counted = pos;
	}
	return js->line;
}

static size_t consumed(const struct jsonstream *js)
{
	size_t n = js->fast ? js->fast_at : yajl_get_bytes_consumed(js->h);
	return n < js->plen ? n : js->plen;
}

static unsigned key_hash(const unsigned char *k, size_t len)
{
	return (unsigned)(len * 7 + k[0] * 3 + k[len / 2] * 5 + k[len - 1] * 13) & (JS_KEY_SLOTS - 1);
}

/* Equal bytes, 1 <= len <= JS_MAX_KEY_LEN: word compares instead of a call, as keys are
 * short (two overlapping loads cover any length from 4 to 16; "id", "to" are below). A
 * memcmp call per key was 3.8 % of a Mailgun report (perf), most keys being under 8 bytes. */
static int same_key(const char *a, const char *b, size_t len)
{
	uint64_t x, y, u, v;
	uint32_t p, q, r, s;

	if (len >= 8 && len <= 16) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + len - 8, 8);
		memcpy(&v, b + len - 8, 8);
		return x == y && u == v;
	}
	if (len >= 4 && len < 8) {
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		memcpy(&r, a + len - 4, 4);
		memcpy(&s, b + len - 4, 4);
		return p == q && r == s;
	}
	if (len < 4)
		return a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1];
	return !memcmp(a, b, len);
}

static short key_id(const struct jsonstream *js, const char *k, size_t len)
{
	unsigned h, e;

	if (len > JS_MAX_KEY_LEN || !len)
		return JS_UNKNOWN;
	for (h = key_hash((const unsigned char *)k, len); (e = js->slot[h]) != 0;
	     h = (h + 1) & (JS_KEY_SLOTS - 1)) {
		const struct js_key *key = &js->hd->keys[e - 1];
		if (js->klen[e - 1] == len && same_key(key->name, k, len))
			return key->id;
	}
	return JS_UNKNOWN;
}

/* Remembers the first problem of the unit being parsed and skips the rest of it. */
static void mark_bad(struct jsonstream *js, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void mark_bad(struct jsonstream *js, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (js->bad_key)
		return;
	js->bad_key = key;
	va_start(ap, fmt);
	vsnprintf(js->bad_msg, sizeof(js->bad_msg), fmt, ap);
	va_end(ap);
	js->bad_depth = js->ev_depth ? js->ev_depth : 1;
	js->bad_line = js->ev_depth ? js->ev_line : js->top_line;
	js->skip_from = js->bad_depth;
}

static int report_bad(struct jsonstream *js)
{
	const char *key = js->bad_key;

	js->bad_key = NULL;
	if (js->bad_depth == js->ev_depth) {
		js->ev_depth = 0;
		js->npath = 0;
	}
	if (logread_skip(js->lr, js->bad_line, key, "%s", js->bad_msg) != 0) {
		js->stop = 1;
		return 0;
	}
	return 1;
}

static int begin_event(struct jsonstream *js, int d, unsigned flags)
{
	size_t at = consumed(js);

	js->ev_depth = d;
	js->npath = 1;
	js->path[0] = JS_UNKNOWN;
	js->fr[d].role = R_EVENT;
	js->fr[d].special = SP_NONE;
	js->ev_start = js->base + at - (at > 0);
	js->ev_line = line_at(js, at - (at > 0));
	if (d == 1)
		js->top_line = js->ev_line;
	js->hd->begin(js->hctx, flags);
	return 1;
}

static int end_event(struct jsonstream *js)
{
	js->ev_depth = 0;
	js->npath = 0;
	if (js->hd->end(js->hctx, js->ev_line) != 0) {
		js->stop = 1;
		return 0;
	}
	return 1;
}

/* Common head of both start callbacks: 1 when the new level is to be handled. */
static int enter(struct jsonstream *js, int d)
{
	js->cb_seen = 1;
	if (d > JS_HARD_DEPTH) {
		js->abort_key = "too_deep";
		return 0;
	}
	if (js->skip_from)
		return 1;
	if (d > JS_MAX_DEPTH)
		mark_bad(js, "too_deep", "JSON nested deeper than %d levels", JS_MAX_DEPTH);
	return 1;
}

static int cb_start_map(void *ctx)
{
	struct jsonstream *js = ctx;
	int d = ++js->depth;
	struct js_frame *p;

	if (!enter(js, d))
		return 0;
	if (js->skip_from)
		return 1;
	p = &js->fr[d - 1];
	if (js->ev_depth) {
		if (d - 1 == js->ev_depth && p->special == SP_EVENT_DATA) {
			p->role = R_CONTAINER;
			return begin_event(js, d, JS_WRAPPED);
		}
		if (js->path[js->npath - 1] == JS_UNKNOWN) {
			js->skip_from = d;
			return 1;
		}
		js->fr[d].role = R_FIELD;
		if (js->hd->open)
			js->hd->open(js->hctx, js->path, js->npath, 0);
		js->path[js->npath++] = JS_UNKNOWN;
		return 1;
	}
	if (d == 1 || p->role == R_LIST)
		return begin_event(js, d, 0);
	js->skip_from = d; /* paging, aggregates, … of a page */
	return 1;
}

static int cb_start_array(void *ctx)
{
	struct jsonstream *js = ctx;
	int d = ++js->depth;
	struct js_frame *p;

	if (!enter(js, d))
		return 0;
	if (js->skip_from)
		return 1;
	p = &js->fr[d - 1];
	if (d == 1)
		js->top_line = line_at(js, consumed(js) - 1);
	if (js->ev_depth) {
		if (d - 1 == js->ev_depth && p->special == SP_ITEMS) {
			/* what looked like an event is a page: its items are the events */
			p->role = R_CONTAINER;
			js->ev_depth = 0;
			js->npath = 0;
			js->fr[d].role = R_LIST;
			return 1;
		}
		if (js->path[js->npath - 1] == JS_UNKNOWN) {
			js->skip_from = d;
			return 1;
		}
		js->fr[d].role = R_FIELD;
		if (js->hd->open)
			js->hd->open(js->hctx, js->path, js->npath, 1);
		return 1;
	}
	if (d == 1 || p->role == R_LIST) {
		js->fr[d].role = R_LIST;
		return 1;
	}
	js->skip_from = d;
	return 1;
}

static int cb_end(struct jsonstream *js, int is_array)
{
	int d = js->depth--;

	js->cb_seen = 1;
	js->values += d == 1;
	if (js->skip_from) {
		if (d > js->skip_from)
			return 1;
		js->skip_from = 0;
		if (js->bad_key && d == js->bad_depth)
			return report_bad(js);
		return 1;
	}
	if (!js->ev_depth || d < js->ev_depth)
		return 1;
	if (d == js->ev_depth)
		return end_event(js);
	if (!is_array)
		js->npath--;
	return 1;
}

static int cb_end_map(void *ctx)
{
	return cb_end(ctx, 0);
}

static int cb_end_array(void *ctx)
{
	return cb_end(ctx, 1);
}

static int cb_key(void *ctx, const unsigned char *k, size_t len)
{
	struct jsonstream *js = ctx;

	js->cb_seen = 1;
	if (js->skip_from || !js->ev_depth)
		return 1;
	if (js->depth == js->ev_depth) {
		const char *s = (const char *)k;
		js->fr[js->depth].special = len == 5 && !memcmp(s, "items", 5)		 ? SP_ITEMS
					    : len == 10 && !memcmp(s, "event-data", 10) ? SP_EVENT_DATA
											 : SP_NONE;
		/* the events of a page or payload are handed on before its line ends: the fast
		 * path could not take that back if the line turned out broken */
		if (js->fast == 1 && js->fr[js->depth].special != SP_NONE) {
			js->fast_bail = 1;
			return 0;
		}
	}
	js->path[js->npath - 1] = key_id(js, (const char *)k, len);
	return 1;
}

static const char *const type_names[] = { "string", "number", "boolean", "null" };

static int scalar(struct jsonstream *js, enum js_type t, const char *s, size_t len)
{
	js->cb_seen = 1;
	js->values += js->depth == 0;
	if (js->skip_from)
		return 1;
	if (js->ev_depth) {
		if (js->path[js->npath - 1] == JS_UNKNOWN)
			return 1;
		if (len > JS_MAX_STRING) {
			mark_bad(js, "too_long", "a value of %zu bytes (the limit is %u)", len,
				 JS_MAX_STRING);
			return 1;
		}
		js->hd->value(js->hctx, js->path, js->npath, t, s, len);
		return 1;
	}
	if (js->depth == 0 || js->fr[js->depth].role == R_LIST) {
		long line = line_at(js, consumed(js));
		if (logread_skip(js->lr, line, "not_an_event",
				 "a JSON %s where an event object was expected", type_names[t]) != 0) {
			js->stop = 1;
			return 0;
		}
	}
	return 1;
}

static int cb_null(void *ctx)
{
	return scalar(ctx, JS_NULL, "", 0);
}

static int cb_bool(void *ctx, int b)
{
	return scalar(ctx, JS_BOOL, b ? "true" : "false", b ? 4 : 5);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	return scalar(ctx, JS_NUMBER, s, len);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	return scalar(ctx, JS_STRING, (const char *)s, len);
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_key, cb_end_map, cb_start_array, cb_end_array,
};

static void open_handle(struct jsonstream *js)
{
	js->h = yajl_alloc(&callbacks, NULL, js);
	if (!js->h)
		xoom();
	yajl_config(js->h, yajl_allow_comments, 1);
	/* strings are repaired (U+FFFD) where they are kept, instead of failing the event */
	yajl_config(js->h, yajl_dont_validate_strings, 1);
	yajl_config(js->h, yajl_allow_multiple_values, 1);
	js->depth = js->ev_depth = js->npath = js->skip_from = 0;
	js->bad_key = js->abort_key = NULL;
	js->quiet = 0;
}

static void reset_handle(struct jsonstream *js)
{
	yajl_free(js->h);
	open_handle(js);
}

struct jsonstream *jsonstream_new(const struct js_handler *h, void *hctx, struct logread *lr,
				  enum js_framing lines, long first_line)
{
	struct jsonstream *js = xcalloc(1, sizeof(*js));
	size_t i, n = h->nkeys < JS_MAX_KEYS ? h->nkeys : JS_MAX_KEYS;

	strbuf_init(&js->carry);
	js->hd = h;
	js->hctx = hctx;
	js->lr = lr;
	js->lines = lines;
	js->line = first_line > 0 ? first_line : 1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(h->keys[i].name);
		unsigned k;
		if (!len || len > JS_MAX_KEY_LEN)
			continue;
		js->klen[i] = (unsigned char)len;
		k = key_hash((const unsigned char *)h->keys[i].name, len);
		while (js->slot[k])
			k = (k + 1) & (JS_KEY_SLOTS - 1);
		js->slot[k] = (unsigned char)(i + 1);
	}
	open_handle(js);
	return js;
}

void jsonstream_free(struct jsonstream *js)
{
	if (!js)
		return;
	yajl_free(js->h);
	strbuf_release(&js->carry);
	free(js);
}

/* A broken event or line: report it once (an earlier problem of the same unit wins), then
 * resync at the next line, or in stream mode give up on the rest. */
static void unit_error(struct jsonstream *js, long line, const char *key, const char *msg,
		       int eol)
{
	if (js->bad_key) {
		key = js->bad_key;
		msg = js->bad_msg;
		line = js->bad_line;
	}
	if (logread_skip(js->lr, line, key, "%s", msg) != 0)
		js->stop = 1;
	js->gave_up = 1;
	if (js->lines) {
		reset_handle(js);
		js->skip_line = !eol;
		js->lines = JS_LINES;
	} else {
		js->dead = 1;
	}
}

static void parse_error(struct jsonstream *js, int eol)
{
	char msg[160];
	size_t at = consumed(js);
	unsigned char *e = yajl_get_error(js->h, 0, NULL, 0);
	size_t n = e ? strlen((char *)e) : 0;

	while (n && (e[n - 1] == '\n' || e[n - 1] == '.'))
		n--;
	if (memchr(js->piece, '\0', js->plen))
		snprintf(msg, sizeof(msg), "invalid JSON: a NUL byte (binary data?)");
	else
		snprintf(msg, sizeof(msg), "invalid JSON (%.*s)", (int)n, e ? (char *)e : "");
	if (e)
		yajl_free_error(js->h, e);
	unit_error(js, js->lines && js->ev_depth ? js->ev_line : line_at(js, at), "bad_json", msg,
		   eol);
}

static void after_piece(struct jsonstream *js, size_t n, int eol)
{
	if (js->cb_seen)
		js->quiet = 0;
	else
		js->quiet += n;
	/* YAJL holds a token that spans pieces in memory: past the event cap, stop it */
	if (js->quiet > JS_MAX_EVENT) {
		char msg[96];
		snprintf(msg, sizeof(msg), "a value longer than %u bytes", JS_MAX_EVENT);
		unit_error(js, line_at(js, 0), "too_long", msg, eol);
		return;
	}
	if (js->ev_depth && js->base + n - js->ev_start > JS_MAX_EVENT)
		mark_bad(js, "too_long", "an event larger than %u bytes", JS_MAX_EVENT);
}

static void end_line(struct jsonstream *js)
{
	if (js->lines == JS_AUTO && !js->skip_line)
		/* the first value spans a line break: a document, not JSON Lines */
		js->lines = js->depth > 0 && !js->values ? JS_STREAM : js->values ? JS_LINES : JS_AUTO;
	if (js->lines && !js->skip_line && !js->stop && js->depth > 0)
		unit_error(js, js->ev_depth ? js->ev_line : js->top_line, "bad_json",
			   "truncated JSON: the line ends inside a value", 1);
	js->skip_line = 0;
	js->quiet = 0;
	js->line_open = 0;
}

static int fl_null(void *ctx) { return cb_null(ctx); }
static int fl_bool(void *ctx, int b) { return cb_bool(ctx, b); }
static int fl_number(void *ctx, const char *s, size_t n) { return cb_number(ctx, s, n); }
static int fl_string(void *ctx, const char *s, size_t n) { return cb_string(ctx, (const unsigned char *)s, n); }
/* A key whose value nothing here would look at: inside a part being skipped, or unknown to
 * the format inside an event (its scalar is ignored, its container skipped until it
 * closes). jsonline then skips the value without a callback per token inside it, which
 * leaves the state as the callbacks would have (no limit here is reached in a line the
 * fast path takes: it goes JSONLINE_MAX_DEPTH deep, fewer than JS_MAX_DEPTH). */
_Static_assert(JSONLINE_MAX_DEPTH < JS_MAX_DEPTH, "a skipped value never reaches a limit");
static int fl_key(void *ctx, const char *s, size_t n)
{
	struct jsonstream *js = ctx;

	if (!cb_key(ctx, (const unsigned char *)s, n))
		return 0;
	return js->skip_from || (js->ev_depth && js->path[js->npath - 1] == JS_UNKNOWN)
		       ? JL_SKIP_VALUE
		       : 1;
}

static const struct jl_callbacks fast_callbacks = {
	fl_null, fl_bool, fl_number, fl_string, cb_start_map, fl_key, cb_end_map,
	cb_start_array, cb_end_array,
};

/* A whole line through the fast path. Between values of JSON Lines the state is small:
 * it is saved, and put back when the line turns out not to be for the fast path (nothing
 * was handed on by then), and yajl_status_error says YAJL is to read it. */
static yajl_status fast_line(struct jsonstream *js, const char *p, size_t n)
{
	int depth = js->depth, ev_depth = js->ev_depth, npath = js->npath, skip_from = js->skip_from;
	long values = js->values, line = js->line, ev_line = js->ev_line, top_line = js->top_line;
	unsigned long long ev_start = js->ev_start;
	size_t counted = js->counted;
	const char *bad_key = js->bad_key, *abort_key = js->abort_key;
	size_t i = 0;
	int rc;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	js->fast_bail = 0;
	if (i < n && p[i] == '[') {
		/* an array of events a line (SendGrid's webhook batches): its events are handed
		 * on as they come, which could not be taken back if the line then turned out
		 * not to be for the fast path, so it is checked whole first */
		if (!jsonline_valid(p, n))
			return yajl_status_error;
		js->fast = 2;
		rc = jsonline_parse_valid(p, n, &fast_callbacks, js, &js->fast_at);
	} else {
		js->fast = 1;
		rc = jsonline_parse(p, n, &fast_callbacks, js, &js->fast_at);
	}
	js->fast = 0;
	if (rc == JL_OK)
		return yajl_status_ok;
	if (rc == JL_STOPPED && !js->fast_bail)
		return yajl_status_client_canceled;
	js->depth = depth;
	js->ev_depth = ev_depth;
	js->npath = npath;
	js->skip_from = skip_from;
	js->values = values;
	js->line = line;
	js->ev_line = ev_line;
	js->top_line = top_line;
	js->ev_start = ev_start;
	js->counted = counted;
	js->bad_key = bad_key;
	js->abort_key = abort_key;
	return yajl_status_error;
}

static void feed_piece(struct jsonstream *js, const char *p, size_t n, int eol)
{
	js->piece = p;
	js->plen = n;
	js->counted = 0;
	if (!js->skip_line) {
		yajl_status st = yajl_status_error;
		js->cb_seen = 0;
		/* a complete line with YAJL between values: most lines of a log */
		if (eol && js->lines == JS_LINES && !js->line_open && js->depth == 0)
			st = fast_line(js, p, n);
		if (st == yajl_status_error)
			st = yajl_parse(js->h, (const unsigned char *)p, n);
		if (st == yajl_status_client_canceled && !js->stop) {
			char msg[96];
			snprintf(msg, sizeof(msg), "JSON nested deeper than %d levels", JS_MAX_DEPTH);
			unit_error(js, line_at(js, consumed(js)), js->abort_key, msg, eol);
		} else if (st == yajl_status_error) {
			parse_error(js, eol);
		} else if (st == yajl_status_ok) {
			after_piece(js, n, eol);
		}
	}
	if (eol)
		end_line(js);
	else
		js->line_open = 1;
	if (eol && js->counted < n) {
		/* the piece ends at its only newline (jsonstream_feed cut it there): no second
		 * scan of the line for it */
		js->line++;
		js->counted = n;
	} else {
		line_at(js, n);
	}
	js->base += n;
}

/* What is held back, as one piece: the whole line (eol), or its start when it grew too long
 * to hold, which then goes to YAJL with the rest of the line, as it did before. */
static void feed_carry(struct jsonstream *js, int eol)
{
	feed_piece(js, js->carry.buf, js->carry.len, eol);
	strbuf_reset(&js->carry);
}

/* The held-back line takes the input up to its newline (buf, len advanced) and is fed when
 * it is whole; or, past JS_LINE_MAX, what is held is fed and the rest goes as before. */
static void carry_more(struct jsonstream *js, const char **buf, size_t *len)
{
	size_t look = *len < JS_LINE_MAX ? *len : JS_LINE_MAX;
	const char *nl = memchr(*buf, '\n', look);
	size_t take = nl ? (size_t)(nl - *buf) + 1 : *len;

	if (js->carry.len + take > JS_LINE_MAX) {
		feed_carry(js, 0);
		return;
	}
	strbuf_add(&js->carry, *buf, take);
	*buf += take;
	*len -= take;
	if (nl)
		feed_carry(js, 1);
}

int jsonstream_feed(struct jsonstream *js, const char *buf, size_t len)
{
	while (len && !js->stop && !js->dead) {
		size_t n = len < JS_PIECE ? len : JS_PIECE;
		/* a line that starts here may be fed whole up to JS_LINE_MAX (a SendGrid batch
		 * line is half a megabyte): the fast path takes only whole lines */
		int eol = 0, whole = js->lines == JS_LINES && !js->line_open && !js->skip_line &&
				     js->depth == 0;
		if (js->carry.len) {
			carry_more(js, &buf, &len); /* took bytes, or gave up holding */
			continue;
		}
		if (js->lines) {
			size_t look = whole ? (len < JS_LINE_MAX ? len : JS_LINE_MAX) : n;
			const char *nl = memchr(buf, '\n', look);
			if (nl) {
				n = (size_t)(nl - buf) + 1;
				eol = 1;
			} else if (whole && len <= JS_LINE_MAX) {
				/* the input so far ends inside a line that starts here */
				strbuf_add(&js->carry, buf, len);
				break;
			}
		}
		feed_piece(js, buf, n, eol);
		buf += n;
		len -= n;
	}
	return js->stop ? -1 : 0;
}

int jsonstream_gave_up(const struct jsonstream *js)
{
	return js->gave_up;
}

int jsonstream_finish(struct jsonstream *js)
{
	if (js->stop || js->dead)
		return js->stop ? -1 : 0;
	if (js->carry.len)
		feed_carry(js, 0);
	if (js->lines && js->line_open)
		feed_piece(js, "\n", 1, 1);
	if (!js->lines && !js->dead && !js->stop && js->depth > 0) {
		js->piece = "";
		js->plen = js->counted = 0;
		unit_error(js, js->ev_depth ? js->ev_line : js->top_line, "bad_json",
			   "truncated JSON: the input ends inside a value", 1);
	}
	return js->stop ? -1 : 0;
}
