/* csvread.c - libcsv driver: line tracking, caps, BOM and UTF-8 handling. */
#include "util/csvread.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"

static void on_field(void *data, size_t len, void *ctx)
{
	struct csvread *r = ctx;
	struct strbuf *sb;
	const char *s = data ? data : "";

	r->since_field = 0;
	if (r->stopped)
		return;
	if (r->nfields == 0) {
		/* the row began as many lines back as this field has line breaks */
		long nl = 0;
		size_t i;
		for (i = 0; i < len; i++)
			nl += s[i] == '\n';
		r->row_line = r->line - nl;
	}
	if (r->nfields >= r->max_fields) {
		r->too_wide = 1;
		return;
	}
	if (r->nfields >= r->fields_cap) {
		size_t ncap = r->fields_cap ? r->fields_cap * 2 : 16;
		size_t i;
		if (ncap > r->max_fields)
			ncap = r->max_fields;
		r->fields = xrealloc(r->fields, ncap * sizeof(*r->fields));
		for (i = r->fields_cap; i < ncap; i++)
			strbuf_init(&r->fields[i]);
		r->ptrs = xrealloc(r->ptrs, ncap * sizeof(*r->ptrs));
		r->lens = xrealloc(r->lens, ncap * sizeof(*r->lens));
		r->fields_cap = ncap;
	}
	sb = &r->fields[r->nfields++];
	strbuf_reset(sb);
	if (text_utf8_valid(s, len) && !memchr(s, '\0', len)) {
		strbuf_add(sb, s, len);
	} else {
		text_utf8_repair(sb, s, len);
		r->bad_utf8 = 1;
	}
}

static void on_row(int term, void *ctx)
{
	struct csvread *r = ctx;
	struct csvread_row row;
	size_t i;

	(void)term;
	if (r->stopped) {
		r->nfields = 0;
		return;
	}
	for (i = 0; i < r->nfields; i++) {
		r->ptrs[i] = r->fields[i].buf;
		r->lens[i] = r->fields[i].len;
	}
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.n = r->nfields;
	row.line = r->nfields ? r->row_line : r->line;
	row.bad_utf8 = r->bad_utf8;
	row.too_wide = r->too_wide;
	row.unterminated = r->unterminated;
	r->nfields = 0;
	r->bad_utf8 = 0;
	r->too_wide = 0;
	if (row.n && r->cb.row(r->cb.ctx, &row) != 0)
		r->stopped = 1;
}

int csvread_init(struct csvread *r, const char *name, struct csvread_cb cb)
{
	memset(r, 0, sizeof(*r));
	if (csv_init(&r->parser, CSV_APPEND_NULL) != 0)
		return -1;
	r->cb = cb;
	r->name = name;
	r->max_field = 1 << 20;
	r->max_fields = 1024;
	r->line = 1;
	return 0;
}

void csvread_release(struct csvread *r)
{
	size_t i;

	if (!r)
		return;
	csv_free(&r->parser);
	for (i = 0; i < r->fields_cap; i++)
		strbuf_release(&r->fields[i]);
	free(r->fields);
	free(r->ptrs);
	free(r->lens);
	r->fields = NULL;
	r->ptrs = NULL;
	r->lens = NULL;
	r->fields_cap = 0;
}

/* Feeds at most this much at once so the field cap is checked often. */
#define FEED_STEP 65536

static int feed_segment(struct csvread *r, const char *buf, size_t len)
{
	if (csv_parse(&r->parser, buf, len, on_field, on_row, r) != len)
		return sh_error_set(r->err, SH_ERR_DATA, r->name, r->line, "%s",
				    csv_strerror(csv_error(&r->parser)));
	r->since_field += len;
	if (r->since_field > r->max_field) {
		r->stopped = 1;
		return sh_error_set(r->err, SH_ERR_DATA, r->name, r->line,
				    "a field is longer than %zu bytes (unterminated quote?)",
				    r->max_field);
	}
	return 0;
}

int csvread_feed(struct csvread *r, const char *buf, size_t len, struct sh_error *err)
{
	r->err = err;
	if (!r->started && len) {
		if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
			buf += 3;
			len -= 3;
		}
		r->started = 1;
	}
	while (len && !r->stopped) {
		const char *nl = memchr(buf, '\n', len < FEED_STEP ? len : FEED_STEP);
		size_t n = nl ? (size_t)(nl - buf) + 1 : (len < FEED_STEP ? len : FEED_STEP);
		if (feed_segment(r, buf, n) != 0)
			return -1;
		if (nl)
			r->line++;
		buf += n;
		len -= n;
	}
	return sh_error_isset(err) ? -1 : 0;
}

int csvread_finish(struct csvread *r, struct sh_error *err)
{
	r->err = err;
	/* libcsv's FIELD_BEGUN (2) inside quotes: the last quoted field was never closed */
	r->unterminated = r->parser.quoted && r->parser.pstate == 2;
	if (!r->stopped)
		csv_fini(&r->parser, on_field, on_row, r);
	return sh_error_isset(err) ? -1 : 0;
}

int csvread_buffer(const char *name, const char *buf, size_t len, struct csvread_cb cb,
		   struct sh_error *err)
{
	struct csvread r;
	int rc = -1;

	if (csvread_init(&r, name, cb) != 0)
		return sh_error_set(err, SH_ERR_IO, name, 0, "out of memory");
	if (csvread_feed(&r, buf, len, err) == 0 && csvread_finish(&r, err) == 0)
		rc = 0;
	csvread_release(&r);
	return rc;
}
