/* mailreader.c - messages cut out of a byte stream (one message, or an mbox) for mail_read
 * (see mailreader.h). */
#include "import/mail/mailreader.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/mail/mail.h"
#include "import/reader.h"
#include "model/recbuild.h"
#include "util/strbuf.h"

struct mailreader {
	struct logread *lr;       /* borrowed */
	int mbox;
	struct strbuf line;       /* owned: the current line while it is incomplete */
	struct strbuf msg;        /* owned: the current message */
	int too_big;              /* the current message passed MAIL_MAX_BYTES */
	long lineno;              /* lines seen */
	long msg_line;            /* the line the current message starts on */
	long count;               /* messages started */
	const char *label;        /* borrowed during mailreader_message */
	struct recbuild rb;
	int stop;
	enum { REST_NONE, REST_KEEP, REST_SKIP } rest; /* the rest of a long line */
	int prev_blank;           /* the line before was empty */
	char eol;                 /* '\n', or '\r' for an mbox with bare-CR line ends; 0 at first */
	struct strbuf head;       /* owned: the input until the first line end shows */
};

/* An mbox line is looked at through its first LINE_HEAD bytes. */
#define LINE_HEAD 1024

struct mailreader *mailreader_new(struct logread *lr, int mbox)
{
	struct mailreader *r = xcalloc(1, sizeof(*r));

	r->lr = lr;
	r->mbox = mbox;
	strbuf_init(&r->line);
	strbuf_init(&r->msg);
	strbuf_init(&r->head);
	recbuild_init(&r->rb);
	r->msg_line = 1;
	return r;
}

void mailreader_free(struct mailreader *r)
{
	if (!r)
		return;
	strbuf_release(&r->line);
	strbuf_release(&r->msg);
	strbuf_release(&r->head);
	recbuild_release(&r->rb);
	free(r);
}

static int on_record(void *ctx, struct recbuild *rb)
{
	struct mailreader *r = ctx;

	rb->rec.line = r->label ? 0 : r->msg_line;
	if (r->label)
		recbuild_set(rb, RBF_FILE, r->label, strlen(r->label));
	if (r->label)
		recbuild_finish(rb);
	return logread_emit(r->lr, rb);
}

static int report(struct mailreader *r, const char *key, const char *text)
{
	long line = r->label ? 0 : r->msg_line;

	if (r->mbox && !r->label)
		return logread_skip(r->lr, line, key, "message %ld: %s", r->count, text);
	if (r->label) {
		/* "dir: cur/name: reason" rather than the directory twice */
		const char *dir = logread_name(r->lr), *l = r->label;
		size_t n = strlen(dir);
		if (n && !strncmp(l, dir, n) && (dir[n - 1] == '/' || l[n] == '/')) {
			l += n;
			while (*l == '/')
				l++;
		}
		return logread_skip(r->lr, 0, key, "%s: %s", l, text);
	}
	return logread_skip(r->lr, line, key, "%s", text);
}

/* Reads the message held (or given) and empties the buffer. */
static int read_message(struct mailreader *r, const char *buf, size_t len)
{
	struct mail_emit out = { on_record, r };
	struct mail_info info;
	int rc = 0;

	if (r->too_big) {
		rc = report(r, "mail_too_big", "message larger than 64 MiB (not read)");
	} else if (len) {
		rc = mail_read(buf, len, &r->rb, out, &info);
		/* a bounce often returns its original cut short: only worth a word when the
		 * cut cost the failure */
		if (rc == 0 && info.problem_key &&
		    !(info.records && !strcmp(info.problem_key, "mail_truncated")))
			rc = report(r, info.problem_key, info.problem);
	}
	r->too_big = 0;
	strbuf_reset(&r->msg);
	if (rc)
		r->stop = 1;
	return rc;
}

static void add_to_message(struct mailreader *r, const char *s, size_t n)
{
	if (r->too_big || r->msg.len + n > MAIL_MAX_BYTES) {
		r->too_big = 1;
		return;
	}
	strbuf_add(&r->msg, s, n);
}

/* A whole From_ line as mbox writers make it: "From " the envelope sender, then an asctime
 * date ("Thu Sep 18 17:54:04 2008", Takeout's "Fri Mar 01 10:00:00 +0000 2024"): a
 * weekday, a time and a year at its end. Such a line separates messages even where the
 * blank line before it was lost; a body's "From here on …" does not look like it. */
static int from_line(const char *s, size_t n)
{
	static const char days[] = "MonTueWedThuFriSatSun";
	const char *sp, *end = s + n;
	size_t i, colons = 0;

	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (end - s < 5 + 1 + 24 || memcmp(s, "From ", 5) || s[5] == ' ')
		return 0;
	if (!(sp = memchr(s + 5, ' ', (size_t)(end - s - 5))))
		return 0;
	while (sp + 1 < end && sp[1] == ' ') /* "From mailer-daemon  Sat Jan 10 …" */
		sp++;
	if (end - sp < 24)
		return 0;
	for (i = 0; i + 3 <= sizeof(days) - 1 && memcmp(sp + 1, days + i, 3); i += 3)
		;
	if (i + 3 > sizeof(days) - 1 || sp[4] != ' ')
		return 0;
	for (i = 0; sp + i < end; i++)
		colons += sp[i] == ':';
	return colons == 2 && isdigit((unsigned char)end[-1]) && isdigit((unsigned char)end[-2]) &&
	       isdigit((unsigned char)end[-3]) && isdigit((unsigned char)end[-4]) && end[-5] == ' ';
}

/* The start of an mbox line (all of it, or its first LINE_HEAD bytes); whole: its line end
 * is in s. A "From " line starts a message; ">From " loses one '>'. */
static int mbox_line(struct mailreader *r, const char *s, size_t n, int whole)
{
	const char *q = s;

	int blank = r->prev_blank;

	if (whole)
		r->lineno++;
	r->prev_blank = whole && (n == 1 || (n == 2 && s[0] == '\r' && s[1] == '\n'));
	/* a separator opens the file or follows a blank line (mboxrd quotes the others) */
	if (n >= 5 && !memcmp(s, "From ", 5) &&
	    (blank || r->lineno <= 1 || (whole && from_line(s, n)))) {
		int rc = r->count ? read_message(r, r->msg.buf, r->msg.len) : 0;
		r->count++;
		r->msg_line = r->lineno + !whole;
		r->rest = whole ? REST_NONE : REST_SKIP;
		return rc;
	}
	if (!r->count) { /* text before the first separator: a message all the same */
		r->count = 1;
		r->msg_line = r->lineno + !whole;
	}
	while (q < s + n && *q == '>')
		q++;
	if (q > s && (size_t)(s + n - q) >= 5 && !memcmp(q, "From ", 5)) {
		s++;
		n--;
	}
	add_to_message(r, s, n);
	r->rest = whole ? REST_NONE : REST_KEEP;
	return 0;
}

/* The rest of a long line, after its start went through mbox_line. */
static size_t rest_of_line(struct mailreader *r, const char *p, const char *end)
{
	const char *nl = memchr(p, r->eol, (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

	if (r->rest == REST_KEEP)
		add_to_message(r, p, n);
	if (nl) {
		r->rest = REST_NONE;
		r->lineno++;
	}
	return n;
}

/* The line end of the mbox, from its first: LF (also CRLF), or a bare CR. */
static void find_eol(struct mailreader *r, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len && buf[i] != '\n' && buf[i] != '\r'; i++)
		;
	if (i + 1 < len)
		r->eol = buf[i] == '\r' && buf[i + 1] != '\n' ? '\r' : '\n';
	else if (i >= LINE_HEAD)
		r->eol = '\n';
}

static int mbox_lines(struct mailreader *r, const char *p, const char *end);

static int mbox_feed(struct mailreader *r, const char *buf, size_t len)
{
	int rc;

	if (r->eol)
		return mbox_lines(r, buf, buf + len);
	/* the line end is decided on the first line, held back until its end shows */
	strbuf_add(&r->head, buf, len);
	find_eol(r, r->head.buf, r->head.len);
	if (!r->eol)
		return 0;
	rc = mbox_lines(r, r->head.buf, r->head.buf + r->head.len);
	strbuf_release(&r->head);
	strbuf_init(&r->head);
	return rc;
}

static int mbox_lines(struct mailreader *r, const char *p, const char *end)
{

	while (p < end && !r->stop) {
		const char *nl;
		size_t n;
		if (r->rest != REST_NONE) {
			p += rest_of_line(r, p, end);
			continue;
		}
		nl = memchr(p, r->eol, (size_t)(end - p));
		n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (nl && !r->line.len) {
			mbox_line(r, p, n, 1);
			p += n;
			continue;
		}
		if (!nl && r->line.len + n < LINE_HEAD) {
			strbuf_add(&r->line, p, n);
			break;
		}
		if (nl) {
			strbuf_add(&r->line, p, n);
			p += n;
			mbox_line(r, r->line.buf, r->line.len, 1);
		} else {
			size_t take = LINE_HEAD - r->line.len;
			strbuf_add(&r->line, p, take);
			p += take;
			mbox_line(r, r->line.buf, r->line.len, 0);
		}
		strbuf_reset(&r->line);
	}
	return r->stop ? -1 : 0;
}

int mailreader_feed(struct mailreader *r, const char *buf, size_t len)
{
	if (r->stop)
		return -1;
	if (r->mbox)
		return mbox_feed(r, buf, len);
	if (!r->count)
		r->count = 1;
	add_to_message(r, buf, len);
	return 0;
}

int mailreader_finish(struct mailreader *r)
{
	if (r->stop)
		return -1;
	if (r->mbox && !r->eol && r->head.len) { /* one line, no line end at all */
		r->eol = '\n';
		if (mbox_lines(r, r->head.buf, r->head.buf + r->head.len) < 0)
			return -1;
	}
	if (r->line.len) {
		mbox_line(r, r->line.buf, r->line.len, 1);
		strbuf_reset(&r->line);
	}
	if (r->count || r->msg.len)
		return read_message(r, r->msg.buf, r->msg.len);
	return 0;
}

void mailreader_count_from(struct mailreader *r, long count)
{
	r->count = count;
}

int mailreader_message(struct mailreader *r, const char *buf, size_t len, const char *label)
{
	int rc;

	if (r->stop)
		return -1;
	r->label = label;
	r->count++;
	r->too_big = len > MAIL_MAX_BYTES;
	rc = read_message(r, buf, len);
	r->label = NULL;
	return rc;
}
