/* strbuf.h - a growable NUL-terminated byte buffer.
 * Contract: strbuf_init/strbuf_release for embedded buffers; buf is always a valid
 * C string (possibly ""), appends abort the program only if memory runs out.
 * Ownership: a strbuf owns its buf (strbuf_release frees it; strbuf_detach hands it to the
 * caller, who frees it with free). Threads: one strbuf, one thread; the x* wrappers and xoom
 * are thread-safe. */
#ifndef SH_UTIL_STRBUF_H
#define SH_UTIL_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;  /* owned; never NULL after init */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the buffer to the caller (who frees it) and re-initialises sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Out-of-memory policy: like git's xmalloc, allocation failure is not recoverable here.
 * The x* wrappers return memory the caller owns (free it); they never return NULL. xoom
 * is what they do when memory runs out ("sendhealth: out of memory" on stderr, abort), and
 * what code does when a library's allocation (yajl_alloc, csv_init) fails. */
_Noreturn void xoom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
