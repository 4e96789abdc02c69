/* json_out.c - json_dump_callback into a 64 KiB buffer: json_dumpf hands stdio each
 * token on its own (a locked fwrite per token, a third of `merge` on a large report). */
#include "report/render/json_out.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

struct dump_buf {
	FILE *fp;
	size_t n;
	char b[65536];
};

static int dump_flush(struct dump_buf *d)
{
	size_t n = d->n;

	d->n = 0;
	return n && fwrite(d->b, 1, n, d->fp) != n ? -1 : 0;
}

static int dump_piece(const char *buf, size_t len, void *ctx)
{
	struct dump_buf *d = ctx;

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
	rc = json_dump_callback(doc, dump_piece, d, JSON_INDENT(2));
	if (rc == 0 && dump_piece("\n", 1, d) == 0)
		rc = dump_flush(d);
	else
		rc = -1;
	free(d);
	return rc;
}
