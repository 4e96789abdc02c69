/* slice.c - which inputs are cut into slices for several threads, and where (see slice.h).
 * Only the first SNIFF_BYTES of a file are looked at; a cut falls just after a newline, so
 * every slice holds whole lines. */
#include "report/run/slice.h"

#include <string.h>
#include <sys/stat.h>

/* Below this size a file is not worth splitting. */
#define SPLIT_MIN_BYTES (4L << 20)
#define SNIFF_BYTES 65536

static int noop_record(void *ctx, const struct sh_record *r)
{
	(void)ctx;
	(void)r;
	return 0;
}

/* 1 when the file's second line starts with c: lines of a JSON Lines file begin alike. The
 * first line may be longer than the head read (a SendGrid batch is ~500 KB a line). */
static int second_line_starts(FILE *fp, const char *head, size_t n, size_t i, long size, char c)
{
	const char *nl = memchr(head + i, '\n', n - i);
	long at;

	if (nl)
		return nl + 1 < head + n && nl[1] == c;
	at = slice_next_line(fp, (long)n, size);
	return at < size && fseek(fp, at, SEEK_SET) == 0 && fgetc(fp) == (unsigned char)c;
}

/* What the reader itself says the head is (a partial first line is enough for that). */
static enum logread_format head_format(const char *path, const char *head, size_t n)
{
	struct logread_opts o;
	struct logread_cb cb = { noop_record, NULL };
	struct sh_error err = { 0 };
	struct logread *lr;
	const char *nl = memchr(head, '\n', n);
	enum logread_format f;

	memset(&o, 0, sizeof(o));
	o.no_dedupe = 1;
	lr = logread_new(path, &o, cb);
	logread_feed(lr, head, nl ? (size_t)(nl - head) + 1 : n, &err);
	logread_finish(lr, &err);
	f = logread_stats(lr)->format;
	logread_free(lr);
	return f;
}

enum logread_format slice_splittable(const char *path, enum logread_format forced, long *size)
{
	struct stat st;
	char head[SNIFF_BYTES];
	size_t n, i = 0;
	FILE *fp;
	int lines;
	enum logread_format f;

	if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < SPLIT_MIN_BYTES)
		return LR_AUTO;
	*size = (long)st.st_size;
	if (!(fp = fopen(path, "rb")))
		return LR_AUTO;
	n = fread(head, 1, sizeof(head), fp);
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	/* JSON Lines: an event per line ('{'), or a batch per line ('[': SendGrid's webhook
	 * POST bodies stored one per line); not gzip */
	lines = n >= 2 && i < n && (head[i] == '{' || head[i] == '[') &&
		second_line_starts(fp, head, n, i, *size, head[i]);
	fclose(fp);
	if (!lines)
		return LR_AUTO;
	if (forced != LR_AUTO)
		return forced;
	f = head_format(path, head + i, n - i);
	return f == LR_CSV || f == LR_SENDGRID_CSV ? LR_AUTO : f;
}

long slice_next_line(FILE *fp, long off, long size)
{
	char buf[4096];
	size_t n;

	/* no fp (the file went away after it was sized): the first slice gets it all, and its
	 * reader says it cannot open it */
	if (!fp || off <= 0 || off >= size || fseek(fp, off - 1, SEEK_SET) != 0)
		return off <= 0 ? 0 : size;
	off--;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		const char *nl = memchr(buf, '\n', n);
		if (nl)
			return off + (long)(nl - buf) + 1;
		off += (long)n;
	}
	return size;
}
