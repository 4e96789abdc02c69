/* jsonline.c - a small JSON parser for single lines: strings are scanned sixteen bytes at
 * a time (SSE2, on every x86-64) for a quote, a backslash or a control character. */
#include "import/logs/jsonline.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* The closing quote of the string whose content starts at i, or 0 (not plain). Sixteen
 * bytes a step: the first quote, backslash or control character decides. */
static size_t string_end(const char *s, size_t n, size_t i)
{
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit =
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
				 _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);
		if (m) {
			i += (size_t)__builtin_ctz(m);
			return s[i] == '"' ? i : 0;
		}
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			return i;
		if (c == '\\' || c < 0x20)
			return 0;
	}
	return 0;
}
#else
static size_t string_end(const char *s, size_t n, size_t i)
{
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			return i;
		if (c == '\\' || c < 0x20)
			return 0;
	}
	return 0;
}
#endif

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The end of the number at i (RFC 8259), or 0. */
static size_t number_end(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !is_digit(s[i]))
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (i < n && is_digit(s[i]))
			i++;
	if (i < n && s[i] == '.') {
		if (++i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	return i;
}

/* What may follow a number or a literal. */
static int delim(const char *s, size_t n, size_t i)
{
	return i >= n || s[i] == ',' || s[i] == '}' || s[i] == ']' || s[i] == ' ' || s[i] == '\t' ||
	       s[i] == '\r' || s[i] == '\n';
}

/* Skips white space; the usual case, none, is one compare. */
#define SKIP_WS(s, n, i)                                                                           \
	do {                                                                                       \
		while ((i) < (n) && (unsigned char)(s)[i] <= ' ' &&                                \
		       ((s)[i] == ' ' || (s)[i] == '\t' || (s)[i] == '\r' || (s)[i] == '\n'))      \
			(i)++;                                                                     \
	} while (0)

/* Calls a callback with *at just past the token; a 0 from it stops the parse. */
#define CALL(pos, expr)                                                                            \
	do {                                                                                       \
		*at = (pos);                                                                       \
		if (!(expr))                                                                       \
			return JL_STOPPED;                                                         \
	} while (0)

/* A string, number, true, false or null at *pi: its callback, then *pi is past it. */
static inline int scalar(const char *s, size_t n, size_t *pi, const struct jl_callbacks *cb,
			 void *ctx, size_t *at, int quiet)
{
	size_t i = *pi, e;
	char c = s[i];

	if (c == '"') {
		if (!(e = string_end(s, n, i + 1)))
			return JL_NOT_PLAIN;
		if (!quiet)
			CALL(e + 1, cb->string(ctx, s + i + 1, e - i - 1));
		*pi = e + 1;
	} else if (c == '-' || is_digit(c)) {
		if (!(e = number_end(s, n, i)) || !delim(s, n, e))
			return JL_NOT_PLAIN;
		if (!quiet)
			CALL(e, cb->number(ctx, s + i, e - i));
		*pi = e;
	} else if (n - i >= 4 && !memcmp(s + i, "true", 4) && delim(s, n, i + 4)) {
		if (!quiet)
			CALL(i + 4, cb->boolean(ctx, 1));
		*pi = i + 4;
	} else if (n - i >= 5 && !memcmp(s + i, "false", 5) && delim(s, n, i + 5)) {
		if (!quiet)
			CALL(i + 5, cb->boolean(ctx, 0));
		*pi = i + 5;
	} else if (n - i >= 4 && !memcmp(s + i, "null", 4) && delim(s, n, i + 4)) {
		if (!quiet)
			CALL(i + 4, cb->null(ctx));
		*pi = i + 4;
	} else {
		return JL_NOT_PLAIN;
	}
	return JL_OK;
}

/* An object's key and its colon at *pi: the key's callback (none when quiet), then *pi is
 * past the colon; *skip is set when the callback asks for its value to be skipped. */
static inline int member_key(const char *s, size_t n, size_t *pi,
			     const struct jl_callbacks *cb, void *ctx, size_t *at, int quiet,
			     int *skip)
{
	size_t i = *pi, e;
	int rc;

	SKIP_WS(s, n, i);
	if (i >= n || s[i] != '"' || !(e = string_end(s, n, i + 1)))
		return JL_NOT_PLAIN;
	if (!quiet) {
		*at = e + 1;
		if (!(rc = cb->key(ctx, s + i + 1, e - i - 1)))
			return JL_STOPPED;
		*skip = rc == JL_SKIP_VALUE;
	}
	i = e + 1;
	SKIP_WS(s, n, i);
	if (i >= n || s[i] != ':')
		return JL_NOT_PLAIN;
	*pi = i + 1;
	return JL_OK;
}

/* Written as the grammar reads: a value, then what may follow it in its container. */
enum { M_OBJECT, M_CHECK, M_CHECKED };

/* mode: M_OBJECT one object, callbacks as it goes; M_CHECK an object or an array, no
 * callbacks; M_CHECKED the same with callbacks (M_CHECK said yes). */
static int parse(const char *s, size_t n, const struct jl_callbacks *cb, void *ctx, size_t *at,
		 int mode)
{
	char stack[JSONLINE_MAX_DEPTH];
	/* quiet > 0: the value of a key at that depth is being skipped (no callbacks; the
	 * grammar is checked all the same); -1: the whole line is */
	int depth = 0, rc, quiet = mode == M_CHECK ? -1 : 0, skip = 0;
	size_t i = 0, j;
	char c;

	SKIP_WS(s, n, i);
	if (i >= n || (s[i] != '{' && (mode == M_OBJECT || s[i] != '[')))
		return JL_NOT_PLAIN; /* one event object a line; anything else is YAJL's */
value:
	SKIP_WS(s, n, i);
	if (i >= n)
		return JL_NOT_PLAIN;
	c = s[i];
	if (c == '{' || c == '[') {
		if (depth == JSONLINE_MAX_DEPTH)
			return JL_NOT_PLAIN;
		stack[depth++] = c;
		if (!quiet)
			CALL(i + 1, c == '{' ? cb->start_map(ctx) : cb->start_array(ctx));
		i++;
		SKIP_WS(s, n, i);
		if (i < n && s[i] == (c == '{' ? '}' : ']'))
			goto close;
		if (c == '{')
			goto key;
		goto value;
	}
	if ((rc = scalar(s, n, &i, cb, ctx, at, quiet)) != JL_OK)
		return rc;
	/* a value or a container has ended: a comma, or the end of the enclosing container */
after:
	if (quiet == depth)
		quiet = 0; /* the skipped value was this one */
	SKIP_WS(s, n, i);
	if (i >= n)
		return JL_NOT_PLAIN;
	c = s[i];
	if (c == ',') {
		i++;
		if (stack[depth - 1] == '[')
			goto value;
		goto key;
	}
	if (c != (stack[depth - 1] == '{' ? '}' : ']'))
		return JL_NOT_PLAIN;
close:
	if (depth == 1) {
		/* the event is complete only if nothing but white space follows: check before
		 * its last callback, which hands the record on */
		j = i + 1;
		SKIP_WS(s, n, j);
		if (j < n)
			return JL_NOT_PLAIN;
		if (!quiet)
			CALL(i + 1, s[i] == '}' ? cb->end_map(ctx) : cb->end_array(ctx));
		return JL_OK;
	}
	if (!quiet)
		CALL(i + 1, s[i] == '}' ? cb->end_map(ctx) : cb->end_array(ctx));
	depth--;
	i++;
	goto after;
key:
	if ((rc = member_key(s, n, &i, cb, ctx, at, quiet, &skip)) != JL_OK)
		return rc;
	if (skip) {
		quiet = depth;
		skip = 0;
	}
	goto value;
}

int jsonline_parse(const char *s, size_t n, const struct jl_callbacks *cb, void *ctx, size_t *at)
{
	return parse(s, n, cb, ctx, at, M_OBJECT);
}

int jsonline_valid(const char *s, size_t n)
{
	size_t at = 0;

	return parse(s, n, NULL, NULL, &at, M_CHECK) == JL_OK;
}

int jsonline_parse_valid(const char *s, size_t n, const struct jl_callbacks *cb, void *ctx,
			 size_t *at)
{
	return parse(s, n, cb, ctx, at, M_CHECKED);
}
