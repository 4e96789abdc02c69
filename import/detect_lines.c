/* detect_lines.c - JSON Lines framing for format detection (detect_json_lines, see
 * detect.h): whether the first lines of a JSON log each hold complete values, checked by
 * the fast path's line checker and, for the lines it leaves, by YAJL with memory from the
 * caller's stack, so that no line allocates. */
#include "import/detect.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "import/logs/jsonline.h"
#include "import/logs/jsonstream.h"

/* What the framing check needs of a line: how deep its values go. Scalars and keys get no
 * callback (YAJL then neither decodes escapes nor converts numbers: the line's status is
 * the same as with detect.c's sniff_callbacks, whose scalar and key callbacks all
 * return 1). */
struct line_depth {
	int depth, max_depth;
};

static int ld_start(void *ctx)
{
	struct line_depth *d = ctx;

	if (++d->depth > d->max_depth)
		d->max_depth = d->depth;
	return d->depth <= JS_MAX_DEPTH; /* as sn_start: deeper cancels */
}

static int ld_end(void *ctx)
{
	((struct line_depth *)ctx)->depth--;
	return 1;
}

static const yajl_callbacks depth_callbacks = {
	NULL, NULL, NULL, NULL, NULL, NULL, ld_start, NULL, ld_end, ld_start, ld_end,
};

/* YAJL's memory for the lines the fast path leaves to it: the handle, lexer, buffers and
 * state stack of a line (well under 1 KiB) come from a buffer on the caller's stack, used
 * again for each line; a block that does not fit there (a token of kilobytes YAJL keeps
 * while it waits for its end) comes from malloc. Each block is preceded by its size. */
#define LM_HEAD 16
struct line_mem {
	size_t used;
	_Alignas(16) unsigned char buf[4096];
};

static int lm_owns(const struct line_mem *m, const void *p)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)m->buf;

	return a >= b && a - b < sizeof(m->buf);
}

static void *lm_malloc(void *ctx, size_t size)
{
	struct line_mem *m = ctx;
	size_t need = LM_HEAD + ((size + 15) & ~(size_t)15);
	unsigned char *p;

	if (size > sizeof(m->buf) || need > sizeof(m->buf) - m->used)
		return malloc(size);
	p = m->buf + m->used;
	memcpy(p, &size, sizeof(size));
	m->used += need;
	return p + LM_HEAD;
}

static void lm_free(void *ctx, void *p)
{
	if (p && !lm_owns(ctx, p))
		free(p);
}

static void *lm_realloc(void *ctx, void *p, size_t size)
{
	size_t old;
	void *q;

	if (!p)
		return lm_malloc(ctx, size);
	if (!lm_owns(ctx, p))
		return realloc(p, size);
	memcpy(&old, (unsigned char *)p - LM_HEAD, sizeof(old));
	if ((q = lm_malloc(ctx, size)) != NULL)
		memcpy(q, p, old < size ? old : size);
	return q;
}

/* 1 when the line holds complete JSON values, at least one of them an array or object, and
 * nothing else (comments allowed). Plain lines are the fast path's (import/logs/jsonline: a
 * subset of what YAJL takes, so the answer is YAJL's); the others go to YAJL. */
static int whole_line(const char *p, size_t n, struct line_mem *m)
{
	yajl_alloc_funcs af = { lm_malloc, lm_realloc, lm_free, m };
	struct line_depth d = { 0, 0 };
	yajl_handle h;
	yajl_status st;

	if (jsonline_valid(p, n))
		return 1;
	m->used = 0;
	if (!(h = yajl_alloc(&depth_callbacks, &af, &d)))
		return 0;
	yajl_config(h, yajl_allow_comments, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	yajl_config(h, yajl_allow_multiple_values, 1);
	st = yajl_parse(h, (const unsigned char *)p, n);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	yajl_free(h);
	return st == yajl_status_ok && d.depth == 0 && d.max_depth > 0;
}

/* JS_LINES when most of the first lines are complete JSON values on their own, JS_STREAM
 * when most are not, JS_AUTO when no line ends within buf. */
int detect_json_lines(const char *buf, size_t len, int eof)
{
	const char *p = buf, *end = buf + len;
	int checked = 0, whole = 0;
	struct line_mem mem;

	while (p < end && checked < 16) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *q = p;
		if (!nl && !eof)
			break; /* cut by the prefix */
		while (q < stop && isspace((unsigned char)*q))
			q++;
		if (q < stop) {
			checked++;
			whole += whole_line(q, (size_t)(stop - q), &mem);
		}
		p = nl ? nl + 1 : end;
	}
	if (!checked)
		return JS_AUTO;
	return whole * 2 > checked ? JS_LINES : JS_STREAM;
}
