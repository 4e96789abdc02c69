/* text.c - UTF-8 repair, strict number parsing and match normalisation. */
#include "util/text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int text_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;
		/* ASCII, the common case, 8 bytes at a time (it was one call per byte) */
		for (; i + 8 <= len; i += 8) {
			uint64_t v;
			memcpy(&v, p + i, 8);
			if (v & 0x8080808080808080ULL)
				break;
		}
		while (i < len && p[i] < 0x80)
			i++;
		if (i == len)
			break;
		if (!(n = utf8_seq(p + i, len - i)))
			return 0;
		i += n;
	}
	return 1;
}

size_t text_utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n;

	if (len <= max)
		return len;
	n = max;
	/* back over continuation bytes to the start of the sequence s[n] belongs to */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

size_t text_utf8_repair(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, fixes = 0;

	while (i < len) {
		size_t n = p[i] ? utf8_seq(p + i, len - i) : 0;
		if (n) {
			i += n;
			continue;
		}
		strbuf_add(out, s + start, i - start);
		if (p[i])
			strbuf_add(out, "\xEF\xBF\xBD", 3);
		fixes++;
		i++;
		start = i;
	}
	strbuf_add(out, s + start, i - start);
	return fixes;
}

int text_parse_longn(const char *s, size_t len, long min, long max, long *out)
{
	char buf[32];

	text_trim(&s, &len);
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return text_parse_long(buf, min, max, out);
}

int text_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s || !(isdigit((unsigned char)*s) || *s == '-' || *s == '+'))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	if (*end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

void text_trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

void text_normalize(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int pending_space = 0;
	size_t start_len = out->len;

	while (i < len) {
		unsigned c = p[i];
		const char *rep = NULL;
		size_t skip = 1;

		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80) {
			switch (p[i + 2]) {
			case 0x98: case 0x99: case 0x9A: case 0x9B: rep = "'"; break;
			case 0x9C: case 0x9D: case 0x9E: case 0x9F: rep = "\""; break;
			case 0xA6: rep = "..."; break;
			case 0x93: case 0x94: rep = "-"; break;
			}
			if (rep)
				skip = 3;
		} else if (c == 0xC2 && i + 1 < len && p[i + 1] == 0xA0) {
			pending_space = 1;
			i += 2;
			continue;
		}
		if (!rep && (isspace(c) || c == 0)) {
			pending_space = 1;
			i++;
			continue;
		}
		if (pending_space && out->len > start_len)
			strbuf_addch(out, ' ');
		pending_space = 0;
		if (rep)
			strbuf_adds(out, rep);
		else
			strbuf_addch(out, (char)(c < 0x80 ? tolower(c) : c));
		i += skip;
	}
}

int text_ieq(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

int text_ieqn(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++) {
		if (!b[i] || tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	}
	return b[alen] == '\0';
}

int text_istarts(const char *s, const char *prefix)
{
	while (*prefix) {
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return 0;
		s++;
		prefix++;
	}
	return 1;
}

const char *text_istr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return hay;
	for (; *hay; hay++) {
		if (tolower((unsigned char)*hay) == tolower((unsigned char)*needle) &&
		    text_istarts(hay, needle))
			return hay;
	}
	return NULL;
}

void text_group_digits(char out[32], long long v, char sep)
{
	char digits[32];
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", u);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = sep;
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

const char *text_cut(const char *s, char buf[TEXT_CUT_BUF])
{
	size_t i = 0, chars = 0;

	while (s[i] && chars < TEXT_CUT && i < TEXT_CUT * 4) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80 && i < TEXT_CUT * 4)
			i++; /* the rest of a UTF-8 sequence */
		chars++;
	}
	if (!s[i])
		return s;
	memcpy(buf, s, i);
	memcpy(buf + i, "\xE2\x80\xA6", 4); /* "…" and the NUL */
	return buf;
}
