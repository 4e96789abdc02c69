/* msgnorm.c - token-wise placeholder replacement over the match normalisation (the same
 * folding as text_normalize). It runs for every failure that misses the exact-message
 * cache, so it works in one stack buffer with table lookups: no allocation, no ctype
 * calls, and it stops reading once MSGNORM_MAX bytes of output are made. */
#include "report/match/msgnorm.h"

#include <stdint.h>
#include <string.h>

#include "util/text.h"

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

/* A query value that names one message or session (as is_id, on its own counts). */
static int value_is_id(const char *s, size_t n)
{
	size_t i, digits = 0, alpha = 0, run = 0, maxrun = 0;

	if (n >= 2 && s[0] == '0' && s[1] == 'x')
		return 0;
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
	return maxrun >= 4 || (n >= 8 && digits >= 2 && alpha >= 2);
}

/* In a URL the path says what the error is (?p=NoSuchUser); what differs per message is
 * in the query's values (GMX: ?c=r0601&i=ip&v=198.51.100.4&r=1MNt1-1r), and each value is
 * replaced as a token would be. s..end is the URL; returns its new end (a value may grow
 * from 1 byte to 9: msgnorm reserves for that). */
static char *url_query(char *s, char *end)
{
	char tmp[NORM_IN + 1];
	char *q = memchr(s, '?', (size_t)(end - s)), *o;
	const char *p, *qend;
	size_t n;

	if (!q || (size_t)(end - q) > NORM_IN)
		return end;
	n = (size_t)(end - q - 1);
	memcpy(tmp, q + 1, n);
	p = tmp;
	qend = tmp + n;
	o = q + 1;
	while (p < qend) {
		const char *amp = memchr(p, '&', (size_t)(qend - p)), *vend = amp ? amp : qend;
		const char *eq = memchr(p, '=', (size_t)(vend - p)), *v = eq ? eq + 1 : vend;
		size_t vn = (size_t)(vend - v);
		const char *ph = NULL;
		memmove(o, p, (size_t)(v - p));
		o += v - p;
		if (vn && memchr(v, '@', vn))
			ph = "<address>";
		else if (vn && is_ipv4(v, vn))
			ph = "<ip>";
		else if (vn && value_is_id(v, vn))
			ph = "<id>";
		if (ph) {
			memcpy(o, ph, strlen(ph));
			o += strlen(ph);
		} else {
			memmove(o, v, vn);
			o += vn;
		}
		if (amp)
			*o++ = '&';
		p = amp ? amp + 1 : qend;
	}
	return o;
}

/* The token t->start..end is complete: replaces its core by a placeholder when it is an
 * address, an IPv4 address or an id. Returns the new end. */
static char *tok_end(const struct tok *t, char *end)
{
	char *core = t->start;
	size_t n = (size_t)(end - t->start), clen, trail;
	const char *ph = NULL;

	if ((n > 7 && !memcmp(t->start, "http://", 7)) || (n > 8 && !memcmp(t->start, "https://", 8)))
		return url_query(t->start, end);
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

/* A non-ASCII byte p[i] inside a token: writes its folding at *o and returns how many
 * input bytes it took, or 0 for U+00A0 (a space: the token ends there). Curly quotes,
 * dashes and the ellipsis become ASCII, anything else is copied as it is; none of the
 * replacements is a digit, a letter or an '@'. */
static inline size_t fold_wide(const unsigned char *p, size_t i, size_t len, char **o)
{
	const char *rep = NULL;

	if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0xA0)
		return 0;
	if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80) {
		switch (p[i + 2]) {
		case 0x98: case 0x99: case 0x9A: case 0x9B: rep = "'"; break;
		case 0x9C: case 0x9D: case 0x9E: case 0x9F: rep = "\""; break;
		case 0xA6: rep = "..."; break;
		case 0x93: case 0x94: rep = "-"; break;
		}
	}
	if (!rep) {
		*(*o)++ = (char)p[i];
		return 1;
	}
	for (; *rep; rep++)
		*(*o)++ = *rep;
	return 3;
}

/* One pass: the folding of text_normalize (ASCII lowercased; white space, NUL and U+00A0
 * folded to one space and trimmed; curly quotes, dashes and the ellipsis made ASCII), cut
 * into tokens at the spaces, each token's core replaced as it ends. len <= NORM_IN (msgnorm
 * cuts it). */
static void norm_scalar(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = out->len;
	char *base, *o;
	struct tok t;
	size_t digits, alpha, run, maxrun;
	unsigned at;

	/* folding never lengthens text, and output stops growing once it reaches MSGNORM_MAX:
	 * placeholders ("@" -> "<address>") may lengthen it up to there, and the last token by
	 * 8, or a URL's query ("&=@" -> "&=<address>") by less than four times */
	strbuf_grow(out, MSGNORM_MAX + 4 * len + 16);
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
			d = fold_wide(p, i, len, &o);
			if (!d)
				break;
			run = 0;
			i += d;
		}
		t.digits = digits;
		t.alpha = alpha;
		t.maxrun = maxrun;
		t.at = at;
		o = tok_end(&t, o);
	}
	o = base + text_utf8_cut(base, (size_t)(o - base), MSGNORM_MAX);
	out->len = start + (size_t)(o - base);
	out->buf[out->len] = '\0';
}

#if defined(__SSE2__)
#include <emmintrin.h>

#define WORDS (NORM_IN / 64)

static unsigned range_lt(__m128i v, char lo, char span)
{
	__m128i x = _mm_sub_epi8(v, _mm_set1_epi8(lo));
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(span)), x));
}

/* n bytes from src to dst sixteen at a time: both have room for 15 bytes more (tmp is
 * padded, out grown past MSGNORM_MAX). Short runs are most of them: a byte-count memcpy
 * compiled to "rep movsq" cost 5 % of this function, its start-up more than its copying. */
static void copy16(char *dst, const char *src, size_t n)
{
	size_t k;

	for (k = 0; k < n; k += 16)
		_mm_storeu_si128((__m128i *)(void *)(dst + k),
				 _mm_loadu_si128((const __m128i *)(const void *)(src + k)));
}

/* The words the bitmaps use (len's, and the one after) cleared: clearing all 65 words of
 * the five was a fifth of the time of a short message. */
static void clear_words(size_t nw, uint64_t *a, uint64_t *b, uint64_t *c, uint64_t *d,
			uint64_t *e)
{
	memset(a, 0, nw * sizeof(*a));
	memset(b, 0, nw * sizeof(*b));
	memset(c, 0, nw * sizeof(*c));
	memset(d, 0, nw * sizeof(*d));
	memset(e, 0, nw * sizeof(*e));
}

/* Bits set in x. Without -mpopcnt (the build targets every x86-64) __builtin_popcountll is
 * a call into libgcc's table walk, 1 % of a Mailgun report (perf); this is a few shifts. */
static inline size_t popcount64(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* Set bits of the bitmap m in [a, b). */
static size_t bits(const uint64_t *m, size_t a, size_t b)
{
	size_t n = 0;

	while (a < b) {
		size_t w = a / 64, off = a % 64, k = b - a < 64 - off ? b - a : 64 - off;
		uint64_t x = m[w] >> off;
		if (k < 64)
			x &= ((uint64_t)1 << k) - 1;
		n += popcount64(x);
		a += k;
	}
	return n;
}

/* The first position >= a (and < len) set in x or y, or len. */
static size_t next_bit(const uint64_t *x, const uint64_t *y, size_t a, size_t len)
{
	while (a < len) {
		uint64_t m = (x[a / 64] | y[a / 64]) >> (a % 64);
		if (m)
			return a + (size_t)__builtin_ctzll(m) < len ? a + (size_t)__builtin_ctzll(m) : len;
		a = (a / 64 + 1) * 64;
	}
	return len;
}

/* Just after the last space in [a, q), or a. */
static size_t prev_space(const uint64_t *sp, size_t a, size_t q)
{
	while (q > a) {
		size_t w = (q - 1) / 64, top = (q - 1) % 64;
		uint64_t m = sp[w] & (top == 63 ? ~(uint64_t)0 : (((uint64_t)1 << (top + 1)) - 1));
		if (m) {
			size_t p = w * 64 + 63 - (size_t)__builtin_clzll(m);
			return p >= a ? p + 1 : a;
		}
		q = w * 64;
	}
	return a;
}

/* The first space at or after q, or len. */
static size_t next_space(const uint64_t *sp, size_t q, size_t len)
{
	while (q < len) {
		uint64_t m = sp[q / 64] >> (q % 64);
		if (m)
			return q + (size_t)__builtin_ctzll(m) < len ? q + (size_t)__builtin_ctzll(m) : len;
		q = (q / 64 + 1) * 64;
	}
	return len;
}

/* The common case sixteen bytes a step: ASCII text without control characters, one space
 * between words. Lowercases into tmp and marks digits, letters, '@' and spaces in bitmaps;
 * then each token's counts are popcounts. Returns -1 (nothing written) for any other
 * text, which norm_scalar handles. */
static int norm_sse2(struct strbuf *out, const char *s, size_t len)
{
	char tmp[NORM_IN + 16];
	uint64_t dig[WORDS + 1], alp[WORDS + 1], at[WORDS + 1], sp[WORDS + 1], run4[WORDS + 1];
	size_t i, start = out->len, a, nw = len / 64 + 2;
	char *base, *o;

	if (!len || s[0] == ' ' || s[len - 1] == ' ')
		return -1;
	clear_words(nw < WORDS + 1 ? nw : WORDS + 1, dig, alp, at, sp, run4);
	for (i = 0; i < len; i += 16) {
		__m128i v, up, lv;
		unsigned valid = len - i >= 16 ? 0xffffu : (1u << (len - i)) - 1, m;
		if (len - i >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		} else {
			char pad[16] = { 0 };
			memcpy(pad, s + i, len - i);
			v = _mm_loadu_si128((const __m128i *)(const void *)pad);
		}
		/* a byte >= 0x80 or < 0x20 (NUL, tabs, line breaks, controls): not for here */
		m = (unsigned)_mm_movemask_epi8(v) | range_lt(v, 0, 0x1f);
		if (m & valid)
			return -1;
		up = _mm_and_si128(_mm_set1_epi8(0x20),
				   _mm_cmpeq_epi8(_mm_min_epu8(_mm_sub_epi8(v, _mm_set1_epi8('A')), _mm_set1_epi8(25)),
						  _mm_sub_epi8(v, _mm_set1_epi8('A'))));
		lv = _mm_or_si128(v, up);
		_mm_storeu_si128((__m128i *)(void *)(tmp + i), lv);
		dig[i / 64] |= (uint64_t)(range_lt(lv, '0', 9) & valid) << (i % 64);
		alp[i / 64] |= (uint64_t)(range_lt(lv, 'a', 25) & valid) << (i % 64);
		at[i / 64] |= (uint64_t)((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lv, _mm_set1_epi8('@'))) & valid) << (i % 64);
		sp[i / 64] |= (uint64_t)((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lv, _mm_set1_epi8(' '))) & valid) << (i % 64);
	}
	for (i = 0; i * 64 < len; i++) {
		/* two spaces in a row fold to one: the scalar path does that */
		uint64_t next = i + 1 <= WORDS ? sp[i + 1] : 0;
		if (sp[i] & ((sp[i] >> 1) | (next << 63)))
			return -1;
		/* bit k: digits at k, k+1, k+2 and k+3 */
		next = i + 1 <= WORDS ? dig[i + 1] : 0;
		run4[i] = dig[i] & ((dig[i] >> 1) | (next << 63)) & ((dig[i] >> 2) | (next << 62)) &
			  ((dig[i] >> 3) | (next << 61));
	}
	strbuf_grow(out, MSGNORM_MAX + 4 * len + 16);
	base = out->buf + start;
	o = base;
	/* only a token with a digit or an '@' can change: copy the text between them as it is,
	 * and stop once MSGNORM_MAX bytes are out (the result is that prefix of the whole) */
	for (a = 0; a < len && (size_t)(o - base) < MSGNORM_MAX;) {
		size_t q = next_bit(dig, at, a, len), ts, te, n, room;
		struct tok t;
		ts = q < len ? prev_space(sp, a, q) : len;
		room = MSGNORM_MAX - (size_t)(o - base);
		n = ts - a < room ? ts - a : room;
		copy16(o, tmp + a, n);
		o += n;
		if (q >= len || n < ts - a)
			break;
		te = next_space(sp, q, len);
		n = te - ts;
		t.start = o;
		t.digits = bits(dig, ts, te);
		t.alpha = bits(alp, ts, te);
		t.at = bits(at, ts, te) != 0;
		/* four digits in a row start before te - 3 (digits are never spaces) */
		t.maxrun = n >= 4 && bits(run4, ts, te - 3) ? 4 : 0;
		copy16(o, tmp + ts, n);
		o = tok_end(&t, o + n);
		a = te;
	}
	if ((size_t)(o - base) > MSGNORM_MAX)
		o = base + MSGNORM_MAX; /* ASCII: every byte is a boundary */
	out->len = start + (size_t)(o - base);
	out->buf[out->len] = '\0';
	return 0;
}
#endif

void msgnorm(struct strbuf *out, const char *s, size_t len)
{
	/* on a character: half of one would make the key invalid text */
	len = text_utf8_cut(s, len, NORM_IN);
#if defined(__SSE2__)
	if (norm_sse2(out, s, len) == 0)
		return;
#endif
	norm_scalar(out, s, len);
}
