/* jsonline.h - the fast path for one line of JSON Lines: a parser for the plain JSON that
 * logs are made of, used instead of YAJL when it can be.
 * Contract: accepts a subset of what YAJL accepts (one object per line; strings without
 * escapes or control characters; RFC 8259 numbers; true, false, null; at most
 * JSONLINE_MAX_DEPTH levels) and makes the callbacks YAJL would make, in order, as it goes.
 * On anything else - an escape, a comment, a second value, invalid JSON - it returns
 * JL_NOT_PLAIN before the callback for the line's last '}': the caller undoes what the
 * callbacks for the prefix did and gives the line to YAJL, which reads or reports it as
 * before.
 * Threads: jsonline_parse is pure and thread-safe; the strings it hands to the callbacks are
 * borrowed from s. */
#ifndef SH_IMPORT_LOGS_JSONLINE_H
#define SH_IMPORT_LOGS_JSONLINE_H

#include <stddef.h>

#define JSONLINE_MAX_DEPTH 32

/* YAJL's callbacks, with the same meaning and returns (0 stops the parse); strings and
 * numbers are (pointer, length) inside the line. The key callback may also return
 * JL_SKIP_VALUE: then the key's value (a scalar, or a container and all inside it) gets no
 * callbacks, and is checked as strictly as any other (a line the fast path takes with a
 * skip, it takes without one). */
struct jl_callbacks {
	int (*null)(void *ctx);
	int (*boolean)(void *ctx, int b);
	int (*number)(void *ctx, const char *s, size_t n);
	int (*string)(void *ctx, const char *s, size_t n);
	int (*start_map)(void *ctx);
	int (*key)(void *ctx, const char *s, size_t n);
	int (*end_map)(void *ctx);
	int (*start_array)(void *ctx);
	int (*end_array)(void *ctx);
};

enum {
	JL_OK = 0,	   /* the whole line parsed, every callback made */
	JL_NOT_PLAIN = -1, /* not for the fast path: the callbacks made so far were for a
			      prefix of the line, and the one for its last '}' was not made */
	JL_STOPPED = -2,   /* a callback returned 0 */
	JL_SKIP_VALUE = 2, /* from the key callback: no callbacks for this key's value */
};

/* Parses s[0..n), calling cb with ctx; before each callback *at is set to the offset just
 * past the token, as yajl_get_bytes_consumed would say. */
int jsonline_parse(const char *s, size_t n, const struct jl_callbacks *cb, void *ctx, size_t *at);
/* 1 when jsonline_parse_valid takes the line: a plain object, or a plain array (a
 * SendGrid webhook batch a line). No callbacks. */
int jsonline_valid(const char *s, size_t n);
/* As jsonline_parse, for a line jsonline_valid took (so it never returns JL_NOT_PLAIN, and
 * the callbacks of an array's elements may be handed on as they come): an array's
 * callbacks close with its end_array. */
int jsonline_parse_valid(const char *s, size_t n, const struct jl_callbacks *cb, void *ctx,
			 size_t *at);

#endif
