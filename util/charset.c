/* charset.c - UTF-8 / Windows-1252 / ISO-8859-1 / UTF-16 sniffing, iconv to UTF-8. */
#include "util/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
	"UTF-8", "Windows-1252", "ISO-8859-1", "UTF-16LE", "UTF-16BE", "unknown",
};
_Static_assert(sizeof(names) / sizeof(names[0]) == CS_UNKNOWN + 1, "charset names");

/* iconv's names for the same sets; NULL: nothing to convert */
static const char *const iconv_names[] = {
	NULL, "WINDOWS-1252", "ISO-8859-1", "UTF-16LE", "UTF-16BE", NULL,
};
_Static_assert(sizeof(iconv_names) / sizeof(iconv_names[0]) == CS_UNKNOWN + 1, "iconv names");

const char *charset_name(enum charset cs)
{
	return (unsigned)cs <= CS_UNKNOWN ? names[cs] : "unknown";
}

/* The length of the valid UTF-8 sequence at s (2..4), 0 when it is broken, -1 when it is
 * cut short by the end of the buffer. Only for lead bytes >= 0x80. */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int len, i;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return len;
}

/* Bytes Windows-1252 leaves undefined. */
static int cp1252_hole(unsigned char c)
{
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

static void bad(struct charset_guess *out, const unsigned char *s, size_t at)
{
	size_t i;

	out->cs = CS_UNKNOWN;
	out->bad_byte = s[at];
	out->bad_line = 1;
	for (i = 0; i < at; i++)
		out->bad_line += s[i] == '\n';
}

/* Not UTF-8: Windows-1252 or ISO-8859-1 when every byte is a character there. */
static void single_byte(const unsigned char *s, size_t len, struct charset_guess *out)
{
	int c1 = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F || cp1252_hole(c)) {
			bad(out, s, i);
			return;
		}
		c1 |= c >= 0x80 && c <= 0x9F;
	}
	out->cs = c1 ? CS_WINDOWS_1252 : CS_ISO_8859_1;
}

/* The first byte >= 0x80 at or after i, or len: eight bytes a step (most input is ASCII). */
static size_t ascii_end(const unsigned char *s, size_t len, size_t i)
{
	uint64_t w;

	while (len - i >= 8) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080u)
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

void charset_sniff(const char *buf, size_t len, int eof, struct charset_guess *out)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i, good = 0, broken = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		out->bom = 3;
		return;
	}
	if (len >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2))) {
		out->cs = s[0] == 0xFF ? CS_UTF16LE : CS_UTF16BE;
		out->bom = 2;
		return;
	}
	for (i = 0; i < len; i++) {
		int n;
		if (s[i] < 0x80) {
			i = ascii_end(s, len, i) - 1;
			continue;
		}
		n = utf8_seq(s + i, len - i);
		if (n > 0) {
			good++;
			i += (size_t)n - 1;
		} else if (n < 0 && !eof) {
			break; /* cut by the end of what we were given */
		} else {
			broken++;
		}
	}
	if (!broken || good)
		return; /* UTF-8, or damaged UTF-8 */
	single_byte(s, len, out);
}

struct charset_conv {
	iconv_t cd;
	unsigned char held[8]; /* a character cut at the end of the last feed */
	size_t nheld;
	size_t unit;           /* bytes to skip over a bad character */
	size_t replaced;
};

struct charset_conv *charset_conv_new(enum charset cs)
{
	struct charset_conv *c;
	iconv_t cd;

	if ((unsigned)cs > CS_UNKNOWN || !iconv_names[cs])
		return NULL;
	cd = iconv_open("UTF-8", iconv_names[cs]);
	if (cd == (iconv_t)-1)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->cd = cd;
	c->unit = cs == CS_UTF16LE || cs == CS_UTF16BE ? 2 : 1;
	return c;
}

void charset_conv_free(struct charset_conv *c)
{
	if (!c)
		return;
	iconv_close(c->cd);
	free(c);
}

/* Converts in[0..*len), advancing; stops at a character cut at the end (left in place). */
static void convert(struct charset_conv *c, const char **in, size_t *len, struct strbuf *out)
{
	while (*len) {
		char *inp = (char *)(size_t)*in, *op;
		size_t room, before = *len, r;
		strbuf_grow(out, *len * 3 + 16);
		op = out->buf + out->len;
		room = out->cap - out->len - 1;
		r = iconv(c->cd, &inp, len, &op, &room);
		out->len = (size_t)(op - out->buf);
		out->buf[out->len] = '\0';
		*in += before - *len;
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL)
			return; /* incomplete: held back */
		/* EILSEQ: one bad character */
		strbuf_add(out, "\xEF\xBF\xBD", 3);
		c->replaced++;
		*in += *len < c->unit ? *len : c->unit;
		*len -= *len < c->unit ? *len : c->unit;
	}
}

void charset_conv_feed(struct charset_conv *c, const char *buf, size_t len, struct strbuf *out)
{
	while (c->nheld && len) {
		/* complete the held-back character a byte at a time */
		const char *p = (const char *)c->held;
		size_t n;
		c->held[c->nheld++] = (unsigned char)*buf++;
		len--;
		n = c->nheld;
		convert(c, &p, &n, out);
		memmove(c->held, p, n);
		c->nheld = n;
		if (n >= 6) { /* cannot be a character: give it up */
			strbuf_add(out, "\xEF\xBF\xBD", 3);
			c->replaced++;
			c->nheld = 0;
		}
	}
	convert(c, &buf, &len, out);
	if (len) {
		memcpy(c->held, buf, len < sizeof(c->held) ? len : sizeof(c->held));
		c->nheld = len < sizeof(c->held) ? len : sizeof(c->held);
	}
}

size_t charset_conv_finish(struct charset_conv *c, struct strbuf *out)
{
	if (c->nheld) {
		strbuf_add(out, "\xEF\xBF\xBD", 3);
		c->replaced++;
		c->nheld = 0;
	}
	return c->replaced;
}
