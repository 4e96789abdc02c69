/* jsonline.c - a small JSON tokenizer for single lines: strings are scanned sixteen bytes
 * at a time (SSE2, on every x86-64) for a quote, a backslash or a control character. */
#include "import/jsonline.h"

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
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
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
	return i >= n || s[i] == ',' || s[i] == '}' || s[i] == ']' || s[i] == ' ' ||
	       s[i] == '\t' || s[i] == '\r' || s[i] == '\n';
}

enum { ST_VALUE, ST_VALUE_OR_END, ST_KEY, ST_KEY_OR_END, ST_COLON, ST_NEXT, ST_DONE };

static int push(struct jl_token *tok, size_t *nt, int type, size_t off, size_t len)
{
	if (*nt >= JSONLINE_MAX_TOKENS)
		return -1;
	tok[*nt].type = (uint8_t)type;
	tok[*nt].off = (uint32_t)off;
	tok[*nt].len = (uint32_t)len;
	(*nt)++;
	return 0;
}

int jsonline_tokenize(const char *s, size_t n, struct jl_token *tok, size_t *ntok)
{
	char stack[JSONLINE_MAX_DEPTH];
	int depth = 0, st = ST_VALUE;
	size_t i = 0, nt = 0, e;

	if (n > UINT32_MAX)
		return -1;
	for (;;) {
		char c;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i >= n)
			break;
		c = s[i];
		switch (st) {
		case ST_DONE:
			return -1; /* a second value on the line */
		case ST_COLON:
			if (c != ':')
				return -1;
			i++;
			st = ST_VALUE;
			continue;
		case ST_NEXT:
			if (c == ',') {
				i++;
				st = stack[depth - 1] == '{' ? ST_KEY : ST_VALUE;
				continue;
			}
			if (c != (stack[depth - 1] == '{' ? '}' : ']'))
				return -1;
			goto close;
		case ST_KEY_OR_END:
		case ST_KEY:
			if (c == '}' && st == ST_KEY_OR_END)
				goto close;
			if (c != '"' || !(e = string_end(s, n, i + 1)))
				return -1;
			if (push(tok, &nt, JL_KEY, i + 1, e - i - 1))
				return -1;
			i = e + 1;
			st = ST_COLON;
			continue;
		case ST_VALUE_OR_END:
			if (c == ']')
				goto close;
			break;
		}
		/* a value */
		if (c == '{' || c == '[') {
			if (depth == JSONLINE_MAX_DEPTH || (depth == 0 && c != '{'))
				return -1;
			stack[depth++] = c;
			if (push(tok, &nt, c == '{' ? JL_MAP_START : JL_ARRAY_START, i, 1))
				return -1;
			i++;
			st = c == '{' ? ST_KEY_OR_END : ST_VALUE_OR_END;
			continue;
		}
		if (depth == 0)
			return -1; /* a scalar where the event object belongs */
		if (c == '"') {
			if (!(e = string_end(s, n, i + 1)) || push(tok, &nt, JL_STRING, i + 1, e - i - 1))
				return -1;
			i = e + 1;
		} else if (c == '-' || is_digit(c)) {
			if (!(e = number_end(s, n, i)) || !delim(s, n, e) ||
			    push(tok, &nt, JL_NUMBER, i, e - i))
				return -1;
			i = e;
		} else if (n - i >= 4 && !memcmp(s + i, "true", 4) && delim(s, n, i + 4)) {
			if (push(tok, &nt, JL_TRUE, i, 4))
				return -1;
			i += 4;
		} else if (n - i >= 5 && !memcmp(s + i, "false", 5) && delim(s, n, i + 5)) {
			if (push(tok, &nt, JL_FALSE, i, 5))
				return -1;
			i += 5;
		} else if (n - i >= 4 && !memcmp(s + i, "null", 4) && delim(s, n, i + 4)) {
			if (push(tok, &nt, JL_NULL, i, 4))
				return -1;
			i += 4;
		} else {
			return -1;
		}
		st = ST_NEXT;
		continue;
close:
		if (push(tok, &nt, stack[depth - 1] == '{' ? JL_MAP_END : JL_ARRAY_END, i, 1))
			return -1;
		depth--;
		i++;
		st = depth ? ST_NEXT : ST_DONE;
	}
	if (st != ST_DONE)
		return -1;
	*ntok = nt;
	return 0;
}
