/* esp_fetch.h - what the Mailgun and SendGrid readers share: where the items go (pages of
 * JSON Lines), fetching one page through the streaming JSON splitter with restarts, moving
 * absolute paging URLs onto the configured base, and turning HTTP failures into messages
 * a user can act on.
 * Contract: nothing prints; errors are SH_ERR_REMOTE (SH_ERR_IO when the sink fails).
 * Threads: esp_rebase, esp_add_base and esp_check_base are pure; esp_fetch_next uses the
 * client it is given, which is one thread's (net/http.h). */
#ifndef SH_NET_ESP_FETCH_H
#define SH_NET_ESP_FETCH_H

#include <stddef.h>

#include "net/http.h"
#include "net/http_url.h"
#include "net/json_items.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Upper bound on pages per run: a server whose paging never ends must not run forever. */
#define ESP_MAX_PAGES 100000L

struct esp_sink {
	/* One page: nitems complete JSON Lines in lines[0..len). label names the source
	 * ("events", "bounces"). Returns 0, or -1 with err set. */
	int (*page)(void *ctx, const char *label, const char *lines, size_t len, long nitems,
		    struct sh_error *err);
	/* Called before each request with its URL (key redacted), or NULL. */
	void (*request)(void *ctx, const char *url);
	void *ctx;
};

/* What a 401/403/404 means for this API; a NULL member falls back to the generic text. */
struct esp_texts {
	const char *unauthorized;
	const char *forbidden;
	const char *not_found;
};

struct esp_page {
	const char *array_key; /* NULL: the body is a top-level array */
	const char *extra_key; /* added to each object item, or NULL */
	const char *extra_value;
	const struct esp_texts *texts;
	const char *also_key;  /* one more key added to each object item, or NULL */
	const char *also_value;
};

/* One page of a paged fetch: stops past ESP_MAX_PAGES, shows req->url (the secret
 * redacted) to out->request, fetches the page into ji, counts it in *pages and hands its
 * items to out->page under label. Returns 0 with ji filled (the caller releases it), or -1
 * with err set and nothing to release. */
int esp_fetch_next(struct http_client *c, const struct http_request *req,
		   const struct esp_page *page, const char *label, const struct esp_sink *out,
		   long *pages, struct json_items *ji, struct sh_error *err);

/* Appends base + the path and query of next (an absolute http(s) URL or a path starting
 * with '/') to out, so that paging follows the configured base (a proxy, a test server)
 * rather than the host the API names. */
int esp_rebase(const char *base, const char *next, struct strbuf *out, struct sh_error *err);

/* Appends base without trailing slashes. */
void esp_add_base(struct strbuf *out, const char *base);

/* Checks an --api-base value: http(s)://host[:port][/path]. */
int esp_check_base(const char *base, struct sh_error *err);

#endif
