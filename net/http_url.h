/* http_url.h - URLs as text: percent-encoding for query values and path parts, and the
 * short, redacted form of a URL that messages show.
 * Contract: pure functions appending to a caller's buffer; no allocation kept.
 * Threads: thread-safe; http_redirect_protocols returns a static string. */
#ifndef SH_NET_HTTP_URL_H
#define SH_NET_HTTP_URL_H

#include <stddef.h>

#include "util/strbuf.h"

/* RFC 3986 percent-encoding of every byte outside A-Z a-z 0-9 - . _ ~ */
void http_url_encode(struct strbuf *out, const char *s);
/* A URL fit for a message: scheme://host/path, no user info or query, secret redacted,
 * cut to fit size (ending in "...") when longer. */
void http_url_for_message(const char *url, const char *secret, char *out, size_t size);
/* The protocols a redirect from url may go to (CURLOPT_REDIR_PROTOCOLS_STR): "https" for
 * an https URL, so that a redirect can never downgrade to plain http; "http,https" for
 * an http URL (local test servers). */
const char *http_redirect_protocols(const char *url);

#endif
