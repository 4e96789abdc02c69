/* jsonline.h - the fast path for one line of JSON Lines: a tokenizer for the plain JSON
 * that logs are made of, used instead of YAJL when it can be.
 * Contract: accepts a subset of what YAJL accepts (one object per line; strings without
 * escapes or control characters; RFC 8259 numbers; true, false, null; at most
 * JSONLINE_MAX_DEPTH levels) and yields the tokens YAJL's callbacks would see, in order.
 * Anything else - an escape, a comment, a second value, invalid JSON - returns -1 without
 * a token used, and the caller gives the line to YAJL, which reads or reports it as
 * before. Strings are (offset, length) of their content in the line. */
#ifndef SH_IMPORT_JSONLINE_H
#define SH_IMPORT_JSONLINE_H

#include <stddef.h>
#include <stdint.h>

#define JSONLINE_MAX_DEPTH 32
#define JSONLINE_MAX_TOKENS 2048

enum jl_type {
	JL_MAP_START, JL_MAP_END, JL_ARRAY_START, JL_ARRAY_END,
	JL_KEY, JL_STRING, JL_NUMBER, JL_TRUE, JL_FALSE, JL_NULL,
};

struct jl_token {
	uint8_t type;
	uint32_t off, len; /* the content (string without its quotes, number, bracket) */
};

/* 0 with *ntok tokens in tok (room for JSONLINE_MAX_TOKENS), or -1: give it to YAJL. */
int jsonline_tokenize(const char *s, size_t n, struct jl_token *tok, size_t *ntok);

#endif
