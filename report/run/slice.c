/* slice.c - which inputs are cut into slices for several threads, and where (see slice.h).
 * Only the first SNIFF_BYTES of a file are looked at to decide; a cut falls just after a
 * newline, so every slice holds whole lines. In a CSV file a newline may be inside a quoted
 * field: there the cut is at the first newline past the aimed-at offset that has an even
 * number of '"' before it in the file (RFC 4180 doubles a quote inside a quoted field, so
 * an odd count means "inside quotes"). The counts come from one pass of a byte loop over
 * the file up to the last cut - no CSV parsing, ~1 GB/s - before the threads start. A
 * stray quote inside an unquoted field (which libcsv keeps as a literal character) would
 * upset the parity: such a file may be cut inside a record, which then shows as a bad
 * record in two slices (documented in the README). */
#include "report/run/slice.h"

#include <stdlib.h>
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

/* Counts the records that name a recipient. */
static int count_recipients(void *ctx, const struct sh_record *r)
{
	*(long *)ctx += r->recipient.len > 0;
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

/* What one reader (format forced, or LR_AUTO to detect) makes of head[0..n); cb hears its
 * records. */
static enum logread_format read_head(const char *path, const char *head, size_t n,
				     enum logread_format forced, struct logread_cb cb)
{
	struct logread_opts o;
	struct sh_error err = { 0 };
	struct logread *lr;
	enum logread_format f;

	memset(&o, 0, sizeof(o));
	o.no_dedupe = 1;
	o.format = forced;
	lr = logread_new(path, &o, cb);
	logread_feed(lr, head, n, &err);
	logread_finish(lr, &err);
	f = logread_stats(lr)->format;
	logread_free(lr);
	return f;
}

/* What the reader itself says the head is (a partial first line is enough for that). */
static enum logread_format head_format(const char *path, const char *head, size_t n)
{
	struct logread_cb cb = { noop_record, NULL };
	const char *nl = memchr(head, '\n', n);

	return read_head(path, head, nl ? (size_t)(nl - head) + 1 : n, LR_AUTO, cb);
}

/* The head's format when it reads as a CSV with records naming a recipient (what one reader
 * would make of it): a CSV whose columns cannot be told apart, or whose head has no
 * recipient, is left to one thread, which reports it once ("no row has a recipient" is a
 * verdict on the whole file). */
static enum logread_format csv_head(const char *path, const char *head, size_t n,
				    enum logread_format forced)
{
	long recipients = 0;
	struct logread_cb cb = { count_recipients, &recipients };
	enum logread_format f;

	while (n && head[n - 1] != '\n')
		n--;
	f = read_head(path, head, n, forced, cb);
	return (f == LR_CSV || f == LR_SENDGRID_CSV) && recipients > 0 ? f : LR_AUTO;
}

/* What a head that opens an array or an mbox reads as: the whole head, not just its first
 * line (a pretty-printed array's first line is "["). */
static enum logread_format whole_head(const char *path, const char *head, size_t n,
				      enum logread_format forced)
{
	struct logread_cb cb = { noop_record, NULL };

	return read_head(path, head, n, forced, cb);
}

/* 1 when the head is an mbox whose lines end in LF (or CRLF): a cut falls after a '\n'. */
static int mbox_head(const char *head, size_t n)
{
	const char *e = head;

	if (n < 5 || memcmp(head, "From ", 5))
		return 0;
	while (e < head + n && *e != '\n' && *e != '\r')
		e++;
	return e + 1 < head + n && (*e == '\n' || e[1] == '\n');
}

enum logread_format slice_splittable(const char *path, enum logread_format forced, long *size,
				     int *array)
{
	struct stat st;
	char head[SNIFF_BYTES];
	size_t n, i = 0;
	FILE *fp;
	int lines;
	enum logread_format f;

	*array = 0;
	if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return LR_MAIL; /* a directory of messages (a Maildir): split by file */
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
	if (!lines && i < n && head[i] == '[') {
		/* one big array (SendGrid's batch saved as a document): cut between elements */
		f = whole_head(path, head, n, forced);
		if (f == LR_CSV || f == LR_SENDGRID_CSV || f == LR_MAIL || f == LR_MBOX)
			f = LR_AUTO;
		*array = f != LR_AUTO;
		return f;
	}
	if (mbox_head(head, n)) /* an mbox of bounces: cut at separator lines */
		return whole_head(path, head, n, forced) == LR_MBOX ? LR_MBOX : LR_AUTO;
	if (!lines) {
		/* not gzip, not UTF-16 (a cut after a '\n' byte would split a character) */
		if (n < 2 || (head[0] == '\x1f' && head[1] == '\x8b') || (head[0] == '\xff' && head[1] == '\xfe') ||
		    (head[0] == '\xfe' && head[1] == '\xff') ||
		    (forced != LR_AUTO && forced != LR_CSV && forced != LR_SENDGRID_CSV))
			return LR_AUTO;
		return csv_head(path, head, n, forced);
	}
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

/* The cuts of a CSV file (see the top): starts[1..jobs-1], the end of the header row and
 * the first byte that is not ASCII (up to the last cut). */
int slice_csv_cuts(FILE *fp, long size, int jobs, long *starts, long *header_end,
		   long *first_high)
{
	static const long step = 1L << 16;
	char buf[1L << 16];
	long off = 0, aim;
	int k = 1, odd = 0;
	size_t n, i;

	starts[0] = 0;
	*header_end = -1;
	*first_high = -1;
	if (!fp || fseek(fp, 0, SEEK_SET) != 0)
		return -1;
	aim = size / jobs;
	while (k < jobs && (n = fread(buf, 1, (size_t)step, fp)) > 0) {
		for (i = 0; i < n && k < jobs; i++) {
			if (buf[i] == '"') {
				odd ^= 1;
			} else if ((unsigned char)buf[i] >= 0x80) {
				if (*first_high < 0)
					*first_high = off + (long)i;
			} else if (buf[i] == '\n' && !odd) {
				if (*header_end < 0)
					*header_end = off + (long)i + 1;
				else if (off + (long)i + 1 >= aim)
					starts[k++] = off + (long)i + 1, aim = size / jobs * k;
			}
		}
		off += (long)n;
	}
	while (k < jobs)
		starts[k++] = size;
	return *header_end < 0 ? -1 : 0;
}

/* ---- one big JSON array ----------------------------------------------------------- */

/* The state of the byte pass over an array document (see slice_array_cuts). */
struct ascan {
	long off;        /* the file offset of the block's first byte */
	int in_str, esc; /* inside a string; the byte after a backslash is next */
	int depth;       /* -1: the top-level array has closed */
	char last;       /* the last byte outside strings that is not white space */
	long comma;      /* a cut candidate: "}," at depth 1 past the aim, -1 none */
	long open_end;   /* just after the top-level '[', -1 before it */
};

/* Inside a string: up to its closing quote (or the block's end), skipping escapes. */
static size_t scan_string(struct ascan *s, const char *buf, size_t i, size_t n)
{
	const char *q = memchr(buf + i, '"', n - i);
	const char *b = memchr(buf + i, '\\', (q ? (size_t)(q - buf) : n) - i);

	if (b) {
		s->esc = 1;
		return (size_t)(b - buf) + 1;
	}
	if (!q)
		return n;
	s->in_str = 0;
	s->last = '"';
	return (size_t)(q - buf) + 1;
}

/* One block of the pass: cuts found go to starts/ends[*k...]. */
static void scan_block(struct ascan *s, const char *buf, size_t n, long aim_step, int jobs,
		       long *starts, long *ends, int *k)
{
	size_t i = 0;

	while (i < n && *k < jobs && s->depth >= 0) {
		char c;
		if (s->esc) {
			s->esc = 0;
			i++;
			continue;
		}
		if (s->in_str) {
			i = scan_string(s, buf, i, n);
			continue;
		}
		c = buf[i++];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == '{' && s->comma >= 0) { /* "}" "," "{" at depth 1: a boundary */
			ends[*k - 1] = s->comma;
			starts[(*k)++] = s->comma + 1;
		}
		s->comma = -1;
		if (c == '"') {
			s->in_str = 1;
		} else if (!s->depth && c != '[') {
			s->depth = -1; /* not an array document */
		} else if (c == '{' || c == '[') {
			if (++s->depth == 1)
				s->open_end = s->off + (long)i;
		} else if (c == '}' || c == ']') {
			s->depth = s->depth > 1 ? s->depth - 1 : -1;
		} else if (c == ',' && s->depth == 1 && s->last == '}' &&
			   s->off + (long)i > aim_step * *k) {
			s->comma = s->off + (long)i - 1;
		}
		s->last = c;
	}
}

int slice_array_cuts(FILE *fp, long size, int jobs, long *starts, long *ends, long *open_end)
{
	char buf[1L << 16];
	struct ascan s;
	int k = 1, i;
	size_t n;

	memset(&s, 0, sizeof(s));
	s.comma = s.open_end = -1;
	starts[0] = 0;
	for (i = 0; i < jobs; i++) {
		ends[i] = size;
		if (i)
			starts[i] = size;
	}
	if (!fp || fseek(fp, 0, SEEK_SET) != 0)
		return -1;
	while (k < jobs && s.depth >= 0 && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		scan_block(&s, buf, n, size / jobs, jobs, starts, ends, &k);
		s.off += (long)n;
	}
	*open_end = s.open_end;
	return s.open_end < 0 ? -1 : 0;
}

/* ---- an mbox ------------------------------------------------------------------------ */

int slice_mbox_cuts(FILE *fp, long size, int jobs, long *starts, long *counts)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long off = 0, seps = 0;
	int k = 1, blank = 0, first = 1;

	starts[0] = counts[0] = 0;
	for (k = 1; k < jobs; k++)
		starts[k] = size, counts[k] = 0;
	if (!fp || fseek(fp, 0, SEEK_SET) != 0)
		return -1;
	k = 1;
	while (k < jobs && (n = getline(&line, &cap, fp)) > 0) {
		int from = n >= 5 && !memcmp(line, "From ", 5);
		if (from && blank && !first) {
			if (off >= size / jobs * k) {
				starts[k] = off;
				counts[k++] = 1 + seps; /* line 1 opened message 1, whatever it was */
			}
			seps++;
		}
		blank = n == 1 || (n == 2 && line[0] == '\r' && line[1] == '\n');
		first = 0;
		off += (long)n;
	}
	free(line);
	return 0;
}
