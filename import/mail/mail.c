/* mail.c - one message through GMime: the parts that matter collected in one walk, then
 * the records from the delivery-status report, the feedback report, or the text. */
#include "import/mail/mail.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gmime/gmime.h>

#include "import/mail/bodytext.h"
#include "import/mail/fields.h"
#include "import/mail/emit.h"
#include "import/mail/meta.h"
#include "util/text.h"

#define TEXT_MAX (256 * 1024)
#define LONG_LINE (64 * 1024)

static const char *const kind_names[] = {
	"other", "bounce", "complaint", "autoreply", "delivered", "unreadable",
};
_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == MAIL_KIND_COUNT, "mail kinds");

const char *mail_kind_name(enum mail_kind k)
{
	return (unsigned)k < MAIL_KIND_COUNT ? kind_names[k] : "?";
}

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_start(void)
{
	g_mime_init();
}

/* ---- the walk ------------------------------------------------------------------------- */

static void problem(struct mctx *m, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct mctx *m, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (m->problem_key)
		return;
	m->problem_key = key;
	va_start(ap, fmt);
	vsnprintf(m->problem, sizeof(m->problem), fmt, ap);
	va_end(ap);
}

/* A text part in a charset iconv knows, as UTF-8 (GMime's charset filter skips what does
 * not convert); 0 when the charset is unknown. */
static int text_content(struct mctx *m, GMimeObject *obj, const char *cs, struct strbuf *sb,
			size_t room)
{
	GIConv ic;

	/* Microsoft's old name for UTF-7, which iconv does not know */
	if (text_istr(cs, "utf-7"))
		cs = "UTF-7";
	ic = g_mime_iconv_open("UTF-8", cs);
	char *t;
	size_t n;

	if (ic == (GIConv)-1)
		return 0;
	g_mime_iconv_close(ic);
	if (!GMIME_IS_TEXT_PART(obj) || !(t = g_mime_text_part_get_text(GMIME_TEXT_PART(obj))))
		return 0;
	n = strlen(t);
	strbuf_add(sb, t, n < room ? n : room);
	g_free(t);
	(void)m;
	return 1;
}

/* A part with no transfer encoding to undo (7bit, 8bit, binary or none): its bytes read
 * straight from GMime's stream over them, up to room, into sb - what
 * g_mime_data_wrapper_write_to_stream would write, without the memory stream and filter
 * stream it builds for that. 0 when the part has an encoding (the caller decodes it). */
static int read_raw(GMimeDataWrapper *w, struct strbuf *sb, size_t room)
{
	GMimeStream *st = g_mime_data_wrapper_get_stream(w);
	char buf[4096];
	ssize_t n;

	switch (g_mime_data_wrapper_get_encoding(w)) {
	case GMIME_CONTENT_ENCODING_BASE64:
	case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
	case GMIME_CONTENT_ENCODING_UUENCODE:
		return 0;
	default:
		break;
	}
	if (!st || g_mime_stream_reset(st) < 0)
		return 0;
	while (room && (n = g_mime_stream_read(st, buf, sizeof(buf))) > 0) {
		size_t take = (size_t)n < room ? (size_t)n : room;
		strbuf_add(sb, buf, take);
		room -= take;
	}
	g_mime_stream_reset(st);
	return 1;
}

/* The part's content, transfer encoding undone and text converted to UTF-8, added to sb. */
static void part_content(struct mctx *m, GMimeObject *obj, struct strbuf *sb, int text)
{
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(obj));
	GMimeStream *st;
	GByteArray *ba;
	const char *cs = text ? g_mime_object_get_content_type_parameter(obj, "charset") : NULL;
	size_t room = sb->len < TEXT_MAX ? TEXT_MAX - sb->len : 0;

	if (!w || !room)
		return;
	if (cs && !text_ieq(cs, "utf-8") && !text_ieq(cs, "us-ascii")) {
		if (text_content(m, obj, cs, sb, room))
			return;
		problem(m, "mail_charset", "unknown charset '%.60s' (text read as it is)", cs);
	}
	if (read_raw(w, sb, room))
		return;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	if (ba->len < room)
		room = ba->len;
	strbuf_add(sb, ba->data, room);
	g_object_unref(st);
}

static void leaf(struct mctx *m, GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	struct strbuf tmp;

	if (g_mime_content_type_is_type(ct, "message", "delivery-status") ||
	    g_mime_content_type_is_type(ct, "message", "global-delivery-status")) {
		part_content(m, obj, &m->dsn, 0);
		strbuf_addch(&m->dsn, '\n');
	} else if (g_mime_content_type_is_type(ct, "message", "feedback-report")) {
		part_content(m, obj, &m->arf, 0);
	} else if (g_mime_content_type_is_type(ct, "text", "rfc822-headers") ||
		   g_mime_content_type_is_type(ct, "message", "rfc822-headers")) {
		strbuf_init(&tmp);
		part_content(m, obj, &tmp, 1);
		meta_original_from_text(m, tmp.buf ? tmp.buf : "", tmp.len);
		strbuf_release(&tmp);
	} else if (g_mime_content_type_is_type(ct, "text", "plain") ||
		   g_mime_content_type_is_type(ct, "text", "*")) {
		int html = g_mime_content_type_is_type(ct, "text", "html");
		GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);
		if (d && !g_strcmp0(g_mime_content_disposition_get_disposition(d), "attachment") &&
		    m->text.len)
			return;
		if (html && m->text.len) /* the HTML is read only when there is no plain text */
			return;
		part_content(m, obj, html ? &m->html : &m->text, 1);
		strbuf_addch(html ? &m->html : &m->text, '\n');
	}
}

static void walk(struct mctx *m, GMimeObject *obj, int depth)
{
	if (!obj)
		return;
	if (++m->parts > MAIL_MAX_PARTS) {
		problem(m, "mail_too_many_parts", "more than %d MIME parts (the rest is not read)",
			MAIL_MAX_PARTS);
		return;
	}
	if (depth > MAIL_MAX_DEPTH) {
		problem(m, "mail_too_deep", "MIME parts nested deeper than %d levels (the rest is "
			"not read)", MAIL_MAX_DEPTH);
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int i, n = g_mime_multipart_get_count(mp);
		for (i = 0; i < n && m->parts <= MAIL_MAX_PARTS; i++)
			walk(m, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		GMimeContentType *ct = g_mime_object_get_content_type(obj);
		GMimeObject *body = inner ? g_mime_message_get_mime_part(inner) : NULL;
		GMimeContentType *bt = body ? g_mime_object_get_content_type(body) : NULL;
		if (bt && !m->dsn.len && g_mime_content_type_is_type(bt, "multipart", "report"))
			walk(m, body, depth + 1); /* a bounce forwarded: its report is the one */
		else if (inner && (g_mime_content_type_is_type(ct, "message", "rfc822") ||
				   g_mime_content_type_is_type(ct, "message", "global")))
			meta_original_from_message(m, inner);
		else if (inner)
			walk(m, g_mime_message_get_mime_part(inner), depth + 1);
	} else if (GMIME_IS_PART(obj)) {
		leaf(m, obj);
	}
}

/* The longest line of an LF-only text without NUL bytes. */
static size_t longest_line(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *nl;
	size_t longest = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) > longest)
			longest = (size_t)(nl - p);
		p = nl + 1;
	}
	return longest;
}

/* s[0..n) to out without its NUL bytes (counted in *nul); returns the bytes written. */
static size_t copy_run(char *out, const char *s, size_t n, size_t *nul)
{
	const char *p = s, *end = s + n, *z;
	size_t w = 0;

	while (p < end && (z = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		memcpy(out + w, p, (size_t)(z - p));
		w += (size_t)(z - p);
		(*nul)++;
		p = z + 1;
	}
	memcpy(out + w, p, (size_t)(end - p));
	return w + (size_t)(end - p);
}

/* The long-line and NUL problems of a normalized text. */
static void line_checks(struct mctx *m, const char *s, size_t n, size_t nul)
{
	size_t longest = longest_line(s, n);

	if (longest > LONG_LINE)
		problem(m, "mail_long_line", "a line of %zu bytes (over %d KiB)", longest,
			LONG_LINE / 1024);
	if (nul)
		problem(m, "mail_nul", "%zu NUL byte(s) in the message (dropped)", nul);
}

/* CRLF and bare CR to LF, NUL bytes dropped: GMime and the text scan see one line end.
 * A message that has neither (an LF mbox: the common case) is read where it is, not
 * copied (*copy 0); else a copy the caller frees (*copy 1). The runs between CRs are
 * copied whole (a CRLF mailbox is common: byte by byte it cost more than our whole
 * reading of its text). */
static const char *normalize(struct mctx *m, const char *buf, size_t len, size_t *out_len,
			     int *copy)
{
	char *out;
	const char *p = buf, *end = buf + len, *cr;
	size_t n = 0, nul = 0;
	int has_nul = memchr(buf, '\0', len) != NULL;

	*copy = has_nul || memchr(buf, '\r', len) != NULL;
	if (!*copy) {
		line_checks(m, buf, len, 0);
		*out_len = len;
		return buf;
	}
	out = xmalloc(len + 1);
	while (p < end) {
		const char *stop = (cr = memchr(p, '\r', (size_t)(end - p))) != NULL ? cr : end;
		if (has_nul) {
			n += copy_run(out + n, p, (size_t)(stop - p), &nul);
		} else {
			memcpy(out + n, p, (size_t)(stop - p));
			n += (size_t)(stop - p);
		}
		if (!cr)
			break;
		out[n++] = '\n';
		p = cr + 1 + (cr + 1 < end && cr[1] == '\n');
	}
	out[n] = '\0';
	line_checks(m, out, n, nul);
	*out_len = n;
	return out;
}

/* GMime's parser warnings that mean part of the message is missing. */
static void on_warning(gint64 offset, GMimeParserWarning w, const gchar *item, gpointer ctx)
{
	struct mctx *m = ctx;

	(void)item;
	if (w == GMIME_WARN_TRUNCATED_MESSAGE || w == GMIME_WARN_MALFORMED_MULTIPART)
		problem(m, "mail_truncated", "a MIME part ends without its boundary (the message "
			"is cut short%s)", offset < 0 ? "" : ", read as far as it goes");
	else if (w == GMIME_CRIT_NESTING_OVERFLOW)
		problem(m, "mail_too_deep", "MIME parts nested too deep (the rest is not read)");
}

/* MIME gave no text (a multipart without its boundary lines): the body as it is. */
static void raw_body(struct mctx *m, const char *buf, size_t len)
{
	const char *b = buf, *end = buf + len;
	size_t n;

	while (b + 1 < end && !(b[0] == '\n' && b[1] == '\n'))
		b++;
	if (b + 1 >= end)
		return;
	b += 2;
	n = (size_t)(buf + len - b);
	strbuf_add(&m->text, b, n < TEXT_MAX ? n : TEXT_MAX);
}

/* The message in buf parsed by GMime. The stream reads buf where it is (*ba, a byte array
 * over buf that the stream does not own, not a copy): buf and *ba must outlive the message
 * (g_byte_array_free(*ba, FALSE) after it). */
static GMimeMessage *parse(struct mctx *m, const char *buf, size_t len, GByteArray **ba)
{
	GMimeStream *st;
	GMimeParser *p;
	GMimeParserOptions *po = g_mime_parser_options_new();
	GMimeMessage *msg;

	*ba = g_byte_array_new_take((guint8 *)(uintptr_t)buf, len);
	st = g_mime_stream_mem_new_with_byte_array(*ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	p = g_mime_parser_new_with_stream(st);
	g_mime_parser_options_set_warning_callback(po, on_warning, m);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(p, po);
	g_mime_parser_options_free(po);
	g_object_unref(p);
	g_object_unref(st);
	return msg;
}

/* A bounce a person forwarded as an attachment (a message/rfc822 part of a message that
 * is no bounce of its own, the forwarded one from a mailer daemon or a report): that
 * bounce, else NULL. The forward's own text and addresses say nothing of the failure. */
static GMimeMessage *forwarded_bounce(const struct mctx *m, GMimeMessage *msg)
{
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	int i, n;

	if (!body || !GMIME_IS_MULTIPART(body) || m->report || m->failed[0] || meta_from_daemon(m))
		return NULL;
	n = g_mime_multipart_get_count(GMIME_MULTIPART(body));
	for (i = 0; i < n && i < 16; i++) {
		GMimeObject *part = g_mime_multipart_get_part(GMIME_MULTIPART(body), i);
		GMimeMessage *inner;
		struct mctx t;
		if (!GMIME_IS_MESSAGE_PART(part) ||
		    !(inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part))))
			continue;
		memset(&t, 0, sizeof(t));
		meta_top(&t, inner);
		if (meta_from_daemon(&t) || t.report || t.failed[0])
			return inner;
	}
	return NULL;
}

static void mctx_init(struct mctx *m)
{
	memset(m, 0, sizeof(*m));
	strbuf_init(&m->dsn);
	strbuf_init(&m->arf);
	strbuf_init(&m->text);
	strbuf_init(&m->html);
}

static void mctx_release(struct mctx *m)
{
	strbuf_release(&m->dsn);
	strbuf_release(&m->arf);
	strbuf_release(&m->text);
	strbuf_release(&m->html);
}

int mail_read(const char *buf, size_t len, struct recbuild *rb, struct mail_emit out,
	      struct mail_info *info)
{
	struct mctx m;
	GMimeMessage *msg = NULL, *fwd;
	GMimeObject *msg_body = NULL;
	const char *norm;
	GByteArray *ba;
	size_t n;
	int rc = 0, copy;

	pthread_once(&gmime_once, gmime_start);
	memset(info, 0, sizeof(*info));
	mctx_init(&m);
	m.rb = rb;
	m.out = out;
	m.info = info;
	if (len > 5 && !memcmp(buf, "From ", 5)) { /* an mbox separator line */
		size_t skip = 0;
		while (skip < len && buf[skip] != '\n' && buf[skip] != '\r')
			skip++;
		skip += skip < len && buf[skip] == '\r';
		skip += skip < len && buf[skip] == '\n';
		buf += skip;
		len -= skip;
	}
	norm = normalize(&m, buf, len, &n, &copy);
	msg = parse(&m, norm, n, &ba);
	if (!msg || !g_mime_object_get_header_list(GMIME_OBJECT(msg)) ||
	    !g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg)))) {
		info->kind = MAIL_UNREADABLE;
		problem(&m, "mail_unreadable", "%s", "not a mail message (no header)");
		goto out;
	}
	meta_top(&m, msg);
	if ((fwd = forwarded_bounce(&m, msg)) != NULL) { /* read as if it came itself */
		mctx_release(&m);
		mctx_init(&m);
		m.rb = rb;
		m.out = out;
		m.info = info;
		meta_top(&m, fwd);
		msg_body = g_mime_message_get_mime_part(fwd);
	}
	walk(&m, msg_body ? msg_body : g_mime_message_get_mime_part(msg), 0);
	if (!m.text.len && !m.html.len && !m.dsn.len)
		raw_body(&m, norm, n);
	rc = emit_records(&m);
	/* a bounce by its sender or subject that names no failed recipient: said, not lost */
	if (rc == 0 && !info->records && info->kind == MAIL_OTHER && meta_is_bounce(&m))
		problem(&m, "mail_no_recipient", "%s",
			"a bounce that names no failed recipient (not counted as a failure)");
out:
	info->problem_key = m.problem_key;
	memcpy(info->problem, m.problem, sizeof(info->problem));
	if (msg)
		g_object_unref(msg);
	g_byte_array_free(ba, FALSE);
	if (copy)
		free((char *)(uintptr_t)norm);
	mctx_release(&m);
	return rc;
}
