/* json_out.c - json_dump_callback into a 64 KiB buffer: json_dumpf hands stdio each
 * token on its own (a locked fwrite per token, a third of `merge` on a large report).
 * Reals are printed in the shortest form that reads back as the same double (0.05, not
 * jansson's 17 digits 0.050000000000000003): jansson hands each number over as one piece,
 * and a piece that is exactly '"' opens or closes a string (a quote inside one is "\\\""),
 * so a number is never taken from inside a string. */
#include "report/render/json_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

struct dump_buf {
	FILE *fp;
	int in_string;
	size_t n;
	char b[65536];
};

static int dump_flush(struct dump_buf *d)
{
	size_t n = d->n;

	d->n = 0;
	return n && fwrite(d->b, 1, n, d->fp) != n ? -1 : 0;
}

/* The shortest "%.Ng" of the real written as buf[0..len) that strtod reads back
 * exactly, into out (with ".0" kept for a whole number, so it stays a real); 0 when
 * buf is not a real. */
static size_t shortest_real(const char *buf, size_t len, char out[40])
{
	char in[40], *end;
	double v;
	int p, n;

	if (len == 0 || len >= sizeof(in) || !memchr("-0123456789", buf[0], 11) ||
	    (!memchr(buf, '.', len) && !memchr(buf, 'e', len) && !memchr(buf, 'E', len)))
		return 0;
	memcpy(in, buf, len);
	in[len] = '\0';
	v = strtod(in, &end);
	if (*end)
		return 0;
	for (p = 1; p <= 17; p++) {
		n = snprintf(out, 40, "%.*g", p, v);
		if (n > 0 && n < 34 && strtod(out, NULL) == v)
			break;
	}
	if (p > 17 || !memchr("-0123456789", out[0], 11)) /* inf, nan: as jansson wrote it */
		return 0;
	if (!strpbrk(out, ".eE")) {
		memcpy(out + n, ".0", 3); /* n < 34: room for three more */
		n += 2;
	}
	return (size_t)n;
}

static int dump_piece(const char *buf, size_t len, void *ctx)
{
	struct dump_buf *d = ctx;
	char real[40];
	size_t rn;

	if (len == 1 && buf[0] == '"')
		d->in_string = !d->in_string;
	else if (!d->in_string && (rn = shortest_real(buf, len, real)) > 0) {
		buf = real;
		len = rn;
	}

	if (len > sizeof(d->b) - d->n) {
		if (dump_flush(d) != 0)
			return -1;
		if (len > sizeof(d->b))
			return fwrite(buf, 1, len, d->fp) == len ? 0 : -1;
	}
	memcpy(d->b + d->n, buf, len);
	d->n += len;
	return 0;
}

int json_out_write(const json_t *doc, FILE *fp)
{
	struct dump_buf *d = xmalloc(sizeof(*d));
	int rc;

	d->fp = fp;
	d->n = 0;
	d->in_string = 0;
	rc = json_dump_callback(doc, dump_piece, d, JSON_INDENT(2));
	if (rc == 0 && dump_piece("\n", 1, d) == 0)
		rc = dump_flush(d);
	else
		rc = -1;
	free(d);
	return rc;
}
