/* msgnorm.c - token-wise placeholder replacement over the match normalisation (the same
 * folding as text_normalize). It runs for every failure that misses the exact-message
 * cache, so it works in one stack buffer with table lookups: no allocation, no ctype
 * calls, and it stops reading once MSGNORM_MAX bytes of output are made. */
#include "report/msgnorm.h"

#include <string.h>

/* At most this much of a message is looked at (normalising never makes text longer). */
#define NORM_IN 4096

enum { C_DIGIT = 1, C_ALPHA = 2, C_SPACE = 4, C_LEAD = 8, C_TRAIL = 16 };

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

/* What is known of the token being written, gathered byte by byte (in locals while it is
 * written: stores through the char output pointer would otherwise force them to memory). */
struct tok {
	char *start;           /* its first byte in the output */
	size_t digits, alpha, maxrun;
	unsigned at;           /* has an '@' */
};

/* A token that identifies one message or session rather than a kind of error (the
 * punctuation around the core is neither digit nor letter, so the counts are the core's). */
static int is_id(const struct tok *t, const char *core, size_t n)
{
	if (n >= 2 && core[0] == '0' && core[1] == 'x')
		return 0; /* Outlook / Windows codes are the error */
	if (t->maxrun >= 4)
		return 1;
	return n >= 8 && t->digits >= 2 && t->alpha >= 2;
}

/* The token t->start..end is complete: replaces its core by a placeholder when it is an
 * address, an IPv4 address or an id. Returns the new end. */
static char *tok_end(const struct tok *t, char *end)
{
	char *core = t->start;
	size_t n = (size_t)(end - t->start), clen, trail;
	const char *ph = NULL;

	if ((n > 7 && !memcmp(t->start, "http://", 7)) || (n > 8 && !memcmp(t->start, "https://", 8)))
		return end;
	while (core < end && (cls[(unsigned char)*core] & C_LEAD))
		core++;
	clen = (size_t)(end - core);
	while (clen && (cls[(unsigned char)core[clen - 1]] & C_TRAIL))
		clen--;
	if (!clen)
		return end;
	if (t->at)
		ph = "<address>";
	else if (t->digits && is_ipv4(core, clen))
		ph = "<ip>";
	else if (is_id(t, core, clen))
		ph = "<id>";
	if (!ph)
		return end;
	trail = (size_t)(end - core) - clen;
	memmove(core + strlen(ph), core + clen, trail);
	memcpy(core, ph, strlen(ph));
	return core + strlen(ph) + trail;
}

/* One pass: the folding of text_normalize (ASCII lowercased; white space, NUL and U+00A0
 * folded to one space and trimmed; curly quotes, dashes and the ellipsis made ASCII), cut
 * into tokens at the spaces, each token's core replaced as it ends. */
void msgnorm(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = out->len;
	char *base, *o;
	struct tok t;
	size_t digits, alpha, run, maxrun;
	unsigned at;

	if (len > NORM_IN)
		len = NORM_IN;
	/* folding never lengthens text; a placeholder adds at most 8 bytes to the last token */
	strbuf_grow(out, len + 16);
	base = out->buf + start;
	o = base;
	while (i < len) {
		/* white space between tokens */
		while (i < len && ((p[i] < 0x80 && (cls[p[i]] & C_SPACE)) ||
				   (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0xA0)))
			i += p[i] == 0xC2 ? 2 : 1;
		if (i >= len)
			break;
		if (o > base) {
			if ((size_t)(o - base) >= MSGNORM_MAX)
				break;
			*o++ = ' ';
		}
		t.start = o;
		digits = alpha = run = maxrun = 0;
		at = 0;
		while (i < len) {
			unsigned c = p[i], k;
			size_t d;
			const char *rep = NULL;
			if (c < 0x80) {
				k = cls[c];
				if (k & C_SPACE)
					break;
				c = c >= 'A' && c <= 'Z' ? c + 32 : c;
				*o++ = (char)c;
				/* branch-free: digits and letters are interleaved unpredictably in ids */
				d = k & C_DIGIT;
				digits += d;
				run = (run + 1) & (0 - d);
				maxrun = run > maxrun ? run : maxrun;
				alpha += (k & C_ALPHA) >> 1;
				at |= c == '@';
				i++;
				continue;
			}
			if (c == 0xC2 && i + 1 < len && p[i + 1] == 0xA0)
				break;
			if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80) {
				switch (p[i + 2]) {
				case 0x98: case 0x99: case 0x9A: case 0x9B: rep = "'"; break;
				case 0x9C: case 0x9D: case 0x9E: case 0x9F: rep = "\""; break;
				case 0xA6: rep = "..."; break;
				case 0x93: case 0x94: rep = "-"; break;
				}
			}
			/* none of the replacements is a digit, a letter or an '@' */
			run = 0;
			if (rep) {
				for (; *rep; rep++)
					*o++ = *rep;
				i += 3;
			} else {
				*o++ = (char)c;
				i++;
			}
		}
		t.digits = digits;
		t.alpha = alpha;
		t.maxrun = maxrun;
		t.at = at;
		o = tok_end(&t, o);
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
