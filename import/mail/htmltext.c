/* htmltext.c - the visible text of an HTML part (see htmltext.h). */
#include "import/mail/htmltext.h"

#include <ctype.h>
#include <string.h>

#include <glib.h>

#include "util/text.h"

static const struct {
	const char *name, *text;
} named[] = {
	{ "lt", "<" },       { "gt", ">" },       { "amp", "&" },      { "quot", "\"" },
	{ "apos", "'" },     { "nbsp", " " },     { "ndash", "\xe2\x80\x93" },
	{ "mdash", "\xe2\x80\x94" },              { "hellip", "\xe2\x80\xa6" },
	{ "rsquo", "\xe2\x80\x99" },              { "lsquo", "\xe2\x80\x98" },
	{ "rdquo", "\xe2\x80\x9d" },              { "ldquo", "\xe2\x80\x9c" },
};

/* A numeric reference's value ("#233", "#xE9") as UTF-8 into out; 0 when it is none. */
static int numeric(const char *s, size_t n, char out[8])
{
	unsigned long v = 0;
	size_t i = 1;
	int hex = n > 1 && (s[1] == 'x' || s[1] == 'X');

	i += (size_t)hex;
	if (i >= n || n > 10)
		return 0;
	for (; i < n; i++) {
		int c = (unsigned char)s[i];
		if (hex ? !isxdigit(c) : !isdigit(c))
			return 0;
		v = v * (hex ? 16 : 10) + (unsigned long)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	if (!v || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return g_unichar_to_utf8((gunichar)v, out);
}

/* The reference at p ("&quot;"): its text added, returns the bytes it took; 0 if none. */
static size_t reference(const char *p, const char *end, struct strbuf *out)
{
	const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);
	size_t n, i;
	char utf8[8];
	int k;

	if (!semi)
		return 0;
	n = (size_t)(semi - p - 1);
	if (n && p[1] == '#') {
		if (!(k = numeric(p + 1, n, utf8)))
			return 0;
		strbuf_add(out, utf8, (size_t)k);
		return n + 2;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n && !memcmp(p + 1, named[i].name, n)) {
			strbuf_adds(out, named[i].text);
			return n + 2;
		}
	return 0;
}

void html_text(const char *html, size_t len, struct strbuf *out)
{
	const char *p = html ? html : "", *end = p + (html ? len : 0);
	size_t took;

	while (p < end) {
		if (*p == '<') {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			if (!gt)
				break;
			if (text_istarts(p, "<br") || text_istarts(p, "</p") || text_istarts(p, "</div") ||
			    text_istarts(p, "</tr") || text_istarts(p, "<li"))
				strbuf_addch(out, '\n');
			p = gt + 1;
		} else if (*p == '&' && (took = reference(p, end, out)) != 0) {
			p += took;
		} else {
			strbuf_addch(out, *p++);
		}
	}
}
