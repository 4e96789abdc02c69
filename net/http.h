/* http.h - the one HTTP client: libcurl GETs with timeouts, bounded redirects, TLS
 * verification that cannot be switched off, a body cap, and retries decided by small pure
 * predicates (curl tool's retrycheck style).
 * Contract: http_get_stream/http_get return 0 only for a final 2xx response whose body was
 * fully received; anything else returns -1 with res->kind and res->status saying why and
 * an SH_ERR_REMOTE message in err (first error wins). Messages never contain
 * req->secret. Nothing here prints or exits.
 * Ownership: http_client_new returns a new client the caller frees with http_client_free (NULL
 * allowed); it copies opts, and every request's strings stay the caller's. Threads: a client
 * is one thread's (one curl handle); http_server_message is pure. */
#ifndef SH_NET_HTTP_H
#define SH_NET_HTTP_H

#include <stddef.h>

#include "net/http_options.h"
#include "util/error.h"
#include "util/strbuf.h"

struct http_request {
	const char *url;             /* borrowed; http:// or https:// only */
	const char *const *headers;  /* borrowed: NULL-terminated "Name: value" list, or NULL */
	const char *user, *password; /* borrowed: HTTP Basic credentials, or NULL */
	const char *secret;          /* borrowed: text to redact from messages, or NULL */
};

enum http_kind {
	HTTP_OK = 0,
	HTTP_ERR_STATUS,    /* the final response was not 2xx: see res->status */
	HTTP_ERR_CONNECT,   /* name resolution or connection refused */
	HTTP_ERR_TIMEOUT,   /* connect timeout, or no data for idle_timeout_s */
	HTTP_ERR_NETWORK,   /* connection dropped, body cut off, empty reply */
	HTTP_ERR_TLS,       /* certificate or handshake failure */
	HTTP_ERR_TOO_LARGE, /* body over max_body */
	HTTP_ERR_REDIRECT,  /* too many redirects, or https -> http refused */
	HTTP_ERR_CALLBACK,  /* the caller's write or restart callback stopped the transfer */
	HTTP_ERR_URL,       /* not an http(s) URL */
	HTTP_ERR_OTHER,
};

struct http_result {
	enum http_kind kind;
	long status;              /* final HTTP status, 0 when no response arrived */
	char content_type[128];   /* of the final response, "" when absent */
	char error_body[512];     /* start of a non-2xx body (NUL-terminated, redacted) */
	unsigned long long bytes; /* body bytes handed to the caller by the last attempt */
	int tries;                /* attempts made */
	int restarts;             /* times the restart callback was called */
};

/* Streaming body. write receives the body of a 2xx response in chunks as they arrive
 * (never the body of a redirect or of an error response); it returns 0 to go on, or -1
 * to stop: the request then fails with HTTP_ERR_CALLBACK, and the callback should have
 * recorded its reason in the caller's sh_error first (that error wins).
 * Restart semantics: when an attempt fails in a retryable way after write has received
 * bytes (a connection dropped mid-body, a cut-off body), the next attempt starts the
 * body again from byte 0. Before that attempt, restart is called: the caller must forget
 * everything write received so far (reset its parser, truncate its buffer) and return 0,
 * or -1 to give up (HTTP_ERR_CALLBACK). When restart is NULL such a failure is not
 * retried. Retries before any body byte was delivered need no restart call. */
struct http_body {
	int (*write)(void *ctx, const char *data, size_t len);
	int (*restart)(void *ctx);
	void *ctx;
};

struct http_client;

/* Copies opts (NULL: defaults). Holds one connection cache for all requests. */
struct http_client *http_client_new(const struct http_options *opts);
void http_client_free(struct http_client *c);

int http_get_stream(struct http_client *c, const struct http_request *req,
		    const struct http_body *body, struct http_result *res, struct sh_error *err);
/* Buffered: the body into out (reset first; a restart resets it again). */
int http_get(struct http_client *c, const struct http_request *req, struct strbuf *out,
	     struct http_result *res, struct sh_error *err);

/* The server's own words from an error body: JSON "message", "error" or
 * errors[0].message, else the first line of a text/plain body; "" when none. */
void http_server_message(const struct http_result *res, char *out, size_t size);

#endif
