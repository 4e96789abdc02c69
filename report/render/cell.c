/* cell.c - repair, strip and cut untrusted text before any writer puts it in a cell. */
#include "report/render/cell.h"

#include <string.h>

#include "util/text.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* Decodes the code point at p (valid UTF-8 guaranteed by the caller); sets *n to its size. */
static unsigned long utf8_decode(const unsigned char *p, size_t *n)
{
	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*n = 2;
		return ((p[0] & 0x1Ful) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*n = 3;
		return ((p[0] & 0x0Ful) << 12) | ((p[1] & 0x3Ful) << 6) | (p[2] & 0x3F);
	}
	*n = 4;
	return ((p[0] & 0x07ul) << 18) | ((p[1] & 0x3Ful) << 12) | ((p[2] & 0x3Ful) << 6) |
	       (p[3] & 0x3F);
}

static int is_dropped(unsigned long cp)
{
	if (cp == '\n' || cp == '\t')
		return 0;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

const char *cell_sanitize(struct strbuf *out, const char *s, size_t len, size_t max_chars,
			  unsigned flags)
{
	struct strbuf repaired;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t start = out->len, cut_at = out->len, i = 0, units = 0, n;

	if (!s)
		len = 0;
	strbuf_init(&repaired);
	if (memchr(p, '\0', len) || !text_utf8_valid((const char *)p, len)) {
		text_utf8_repair(&repaired, (const char *)p, len);
		p = (const unsigned char *)repaired.buf;
		len = repaired.len;
	}
	while (i < len) {
		unsigned long cp = utf8_decode(p + i, &n);
		const unsigned char *at = p + i;

		i += n;
		if ((flags & CELL_ONE_LINE) && (cp == '\n' || cp == '\t' || cp == '\r'))
			strbuf_addch(out, ' ');
		else if (is_dropped(cp))
			continue;
		else
			strbuf_add(out, at, n);
		/* Excel counts UTF-16 units: a character beyond the BMP takes two */
		units += cp >= 0x10000 ? 2 : 1;
		if (units > max_chars) {
			out->len = cut_at;
			out->buf[out->len] = '\0';
			if (max_chars > 0)
				strbuf_adds(out, ELLIPSIS);
			break;
		}
		if (units < max_chars)
			cut_at = out->len; /* the ellipsis would still fit after this */
	}
	strbuf_release(&repaired);
	return out->buf + start;
}

/* Marks drawn on the character before them (a decomposed "u" + U+0308 is one "ü") and
 * characters of no width: they take no column. */
static int zero_width(unsigned long cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
}

size_t cell_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		unsigned long cp = n == 1 ? c : c & (0x3F >> (n - 1));
		size_t k;
		for (k = 1; k < n && i + k < len; k++)
			cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
		w += !zero_width(cp);
		i += n;
	}
	return w;
}
