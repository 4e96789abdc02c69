/* http_options.h - the limits of the HTTP client (net/http.h): timeouts, body cap, retries.
 * Contract: plain values, filled by http_options_init and overridden from the environment
 * by http_options_from_env; both are thread-safe (getenv aside: call before threads that
 * change the environment, which sendhealth has none of). */
#ifndef SH_NET_HTTP_OPTIONS_H
#define SH_NET_HTTP_OPTIONS_H

#include <stddef.h>

#include "util/error.h"

struct http_options {
	long connect_timeout_s; /* TCP+TLS connect, default 15 */
	long idle_timeout_s;    /* abort when no byte arrives for this long, default 30 */
	size_t max_body;        /* cap on a 2xx body, default 64 MiB */
	int max_tries;          /* attempts per request incl. the first, default 5 */
	long retry_base_ms;     /* first backoff step, doubled per try, default 1000 */
	long retry_max_wait_s;  /* cap on any one wait (backoff, Retry-After), default 60 */
	const char *ca_file;    /* borrowed: trust only this CA bundle instead of the system's
				   (tests against a local TLS server); NULL by default. Neither
				   the environment nor an option sets it, and no setting turns
				   verification off */
};

/* The defaults above. */
void http_options_init(struct http_options *o);
/* Overrides from the environment (each optional, whole-number values):
 * SENDHEALTH_HTTP_TIMEOUT (idle s), SENDHEALTH_CONNECT_TIMEOUT (s),
 * SENDHEALTH_HTTP_TRIES, SENDHEALTH_RETRY_BASE_MS, SENDHEALTH_RETRY_MAX_WAIT (s).
 * A malformed value is an SH_ERR_USAGE error naming the variable. */
int http_options_from_env(struct http_options *o, struct sh_error *err);

#endif
