/* msgnorm.c - token-wise placeholder replacement over the match normalisation (the same
 * folding as text_normalize). It runs for every failure that misses the exact-message
 * cache, so it works in one stack buffer with table lookups: no allocation, no ctype
 * calls, and it stops reading once MSGNORM_MAX bytes of output are made. */
#include "report/msgnorm.h"

#include <string.h>

/* At most this much of a message is looked at (normalising never makes text longer). */
#define NORM_IN 4096

enum { C_SPACE = 1, C_DIGIT = 2, C_ALPHA = 4, C_LEAD = 8, C_TRAIL = 16 };

/* The C locale's classes; NUL counts as white space as in text_normalize. */
static const unsigned char cls[256] = {
	[0] = C_SPACE, [' '] = C_SPACE, ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE,
	['\f'] = C_SPACE, ['\r'] = C_SPACE,
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
	['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['a'] = C_ALPHA, ['b'] = C_ALPHA, ['c'] = C_ALPHA, ['d'] = C_ALPHA, ['e'] = C_ALPHA,
	['f'] = C_ALPHA, ['g'] = C_ALPHA, ['h'] = C_ALPHA, ['i'] = C_ALPHA, ['j'] = C_ALPHA,
	['k'] = C_ALPHA, ['l'] = C_ALPHA, ['m'] = C_ALPHA, ['n'] = C_ALPHA, ['o'] = C_ALPHA,
	['p'] = C_ALPHA, ['q'] = C_ALPHA, ['r'] = C_ALPHA, ['s'] = C_ALPHA, ['t'] = C_ALPHA,
	['u'] = C_ALPHA, ['v'] = C_ALPHA, ['w'] = C_ALPHA, ['x'] = C_ALPHA, ['y'] = C_ALPHA,
	['z'] = C_ALPHA,
	['A'] = C_ALPHA, ['B'] = C_ALPHA, ['C'] = C_ALPHA, ['D'] = C_ALPHA, ['E'] = C_ALPHA,
	['F'] = C_ALPHA, ['G'] = C_ALPHA, ['H'] = C_ALPHA, ['I'] = C_ALPHA, ['J'] = C_ALPHA,
	['K'] = C_ALPHA, ['L'] = C_ALPHA, ['M'] = C_ALPHA, ['N'] = C_ALPHA, ['O'] = C_ALPHA,
	['P'] = C_ALPHA, ['Q'] = C_ALPHA, ['R'] = C_ALPHA, ['S'] = C_ALPHA, ['T'] = C_ALPHA,
	['U'] = C_ALPHA, ['V'] = C_ALPHA, ['W'] = C_ALPHA, ['X'] = C_ALPHA, ['Y'] = C_ALPHA,
	['Z'] = C_ALPHA,
	['<'] = C_LEAD | C_TRAIL, ['>'] = C_LEAD | C_TRAIL, ['('] = C_LEAD | C_TRAIL,
	[')'] = C_LEAD | C_TRAIL, ['['] = C_LEAD | C_TRAIL, [']'] = C_LEAD | C_TRAIL,
	['{'] = C_LEAD | C_TRAIL, ['}'] = C_LEAD | C_TRAIL, [','] = C_LEAD | C_TRAIL,
	[';'] = C_LEAD | C_TRAIL, [':'] = C_LEAD | C_TRAIL, ['"'] = C_LEAD | C_TRAIL,
	['\''] = C_LEAD | C_TRAIL, ['.'] = C_TRAIL,
};

/* text_normalize into dst (room for len bytes): ASCII lowercased, white space (also NUL
 * and U+00A0) folded to one space and trimmed, curly quotes, dashes and the ellipsis made
 * ASCII. Each replacement is no longer than what it replaces. Returns the length. */
static size_t fold(char *dst, const unsigned char *p, size_t len)
{
	size_t i = 0, o = 0;
	int pending = 0;

	while (i < len) {
		unsigned c = p[i];
		const char *rep = NULL;
		size_t skip = 1;

		if (c < 0x80) {
			if (cls[c] & C_SPACE) {
				pending = 1;
				i++;
				continue;
			}
			if (pending && o)
				dst[o++] = ' ';
			pending = 0;
			dst[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
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
			pending = 1;
			i += 2;
			continue;
		}
		if (pending && o)
			dst[o++] = ' ';
		pending = 0;
		if (rep) {
			size_t n = strlen(rep);
			memcpy(dst + o, rep, n);
			o += n;
		} else {
			dst[o++] = (char)c;
		}
		i += skip;
	}
	return o;
}

static int is_ipv4(const char *s, size_t n)
{
	int parts = 0, digits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (cls[(unsigned char)s[i]] & C_DIGIT) {
			if (++digits > 3)
				return 0;
		} else if (s[i] == '.' && digits) {
			parts++;
			digits = 0;
		} else if (s[i] == ':' && parts == 3 && digits) {
			break; /* a port */
		} else {
			return 0;
		}
	}
	return parts == 3 && (digits || i < n);
}

/* A token that identifies one message or session rather than a kind of error. */
static int is_id(const char *s, size_t n)
{
	size_t i, digits = 0, alpha = 0, run = 0, maxrun = 0;

	if (n >= 2 && s[0] == '0' && s[1] == 'x')
		return 0; /* Outlook / Windows codes are the error */
	for (i = 0; i < n; i++) {
		unsigned k = cls[(unsigned char)s[i]];
		if (k & C_DIGIT) {
			digits++;
			if (++run > maxrun)
				maxrun = run;
		} else {
			run = 0;
			alpha += (k & C_ALPHA) != 0;
		}
	}
	if (maxrun >= 4)
		return 1;
	return n >= 8 && digits >= 2 && alpha >= 2;
}

static char *put(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

/* Writes token t[0..n) at o (room for max(n, 9) bytes); returns the new end. */
static char *token(char *o, const char *t, size_t n)
{
	const char *core;
	size_t lead = 0, clen;

	if ((n > 7 && !memcmp(t, "http://", 7)) || (n > 8 && !memcmp(t, "https://", 8)))
		return put(o, t, n);
	while (lead < n && (cls[(unsigned char)t[lead]] & C_LEAD))
		lead++;
	core = t + lead;
	clen = n - lead;
	while (clen && (cls[(unsigned char)core[clen - 1]] & C_TRAIL))
		clen--;
	o = put(o, t, lead);
	if (clen && memchr(core, '@', clen))
		o = put(o, "<address>", 9);
	else if (clen && is_ipv4(core, clen))
		o = put(o, "<ip>", 4);
	else if (clen && is_id(core, clen))
		o = put(o, "<id>", 4);
	else
		o = put(o, core, clen);
	return put(o, core + clen, n - lead - clen);
}

void msgnorm(struct strbuf *out, const char *s, size_t len)
{
	char tmp[NORM_IN];
	size_t n = fold(tmp, (const unsigned char *)s, len < NORM_IN ? len : NORM_IN);
	const char *p = tmp, *end = tmp + n;
	char *base, *o;
	size_t start = out->len;

	/* output stays under MSGNORM_MAX until its last token, which grows by at most 9 */
	strbuf_grow(out, MSGNORM_MAX + n + 16);
	base = out->buf + start;
	o = base;
	while (p < end && (size_t)(o - base) < MSGNORM_MAX) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		size_t k = sp ? (size_t)(sp - p) : (size_t)(end - p);
		if (o > base)
			*o++ = ' ';
		o = token(o, p, k);
		p += k + (sp ? 1 : 0);
	}
	if ((size_t)(o - base) > MSGNORM_MAX) {
		/* cut on a UTF-8 boundary */
		size_t cut = MSGNORM_MAX;
		while (cut > 0 && ((unsigned char)base[cut] & 0xC0) == 0x80)
			cut--;
		o = base + cut;
	}
	out->len = start + (size_t)(o - base);
	out->buf[out->len] = '\0';
}
