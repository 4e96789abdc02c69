/* http_retry.h - the decisions behind http.c's retries, as pure functions: whether an
 * outcome is final, transient or fatal, and how long to wait before the next try.
 * Contract: no I/O, no clock (the caller passes now), no randomness (the caller passes rnd).
 * Threads: all pure and thread-safe. */
#ifndef SH_NET_HTTP_RETRY_H
#define SH_NET_HTTP_RETRY_H

#include <time.h>

enum http_verdict {
	HTTP_V_DONE,  /* success: stop */
	HTTP_V_RETRY, /* transient: try again after a wait */
	HTTP_V_FATAL, /* will not get better by retrying */
};
/* curl_code is a CURLcode; status the HTTP status (0 when none). 408, 429 and 5xx other
 * than 501/505 retry; other 4xx/3xx are fatal. Timeouts, dropped connections, partial and
 * empty replies retry; refused connections, DNS, TLS, URL and redirect errors do not. */
enum http_verdict http_verdict(int curl_code, long status);
/* "Retry-After: 120" or an HTTP date: seconds to wait from now (>= 0). */
int http_parse_retry_after(const char *value, time_t now, double *secs);
/* "X-RateLimit-Reset": Unix epoch seconds (integer or fractional); values below 1e9 are
 * taken as seconds from now, as some APIs send. Seconds to wait (>= 0). */
int http_parse_ratelimit_reset(const char *value, time_t now, double *secs);
/* Backoff before try number next_try (2, 3, ...): base * 2^(next_try-2), capped at cap_ms,
 * then jittered into [d/2, d] by rnd. */
long http_backoff_ms(int next_try, long base_ms, long cap_ms, unsigned rnd);
/* The wait before the next try: for 429 and 503 the server's Retry-After, else (429 only)
 * its X-RateLimit-Reset, else the backoff; always capped at cap_ms. Headers may be NULL. */
long http_wait_ms(long status, const char *retry_after, const char *ratelimit_reset, time_t now,
		  int next_try, long base_ms, long cap_ms, unsigned rnd);

#endif
