/* fetch_mailgun.h - Mailgun's Events API v3 (esp-formats.md 1.1-1.3): every event of a
 * time range, page by page, handed on as JSON Lines exactly as Mailgun sent each event.
 * Contract: GET {base}/v3/{domain}/events?begin=..&end=..&ascending=yes&limit=..[&event=..]
 * with HTTP Basic "api:KEY"; paging.next is followed (moved onto base) until a page with
 * no items. An end time is always sent: ascending without one would page forever.
 * Threads: the checks are pure; mailgun_fetch uses the client it is given (one thread's) and
 * calls out on the calling thread. Nothing is returned that the caller must free. */
#ifndef SH_NET_FETCH_MAILGUN_H
#define SH_NET_FETCH_MAILGUN_H

#include "net/esp_fetch.h"

#define MAILGUN_BASE_US "https://api.mailgun.net"
#define MAILGUN_BASE_EU "https://api.eu.mailgun.net"
#define MAILGUN_MAX_LIMIT 300

struct mailgun_query {
	const char *base;   /* borrowed: MAILGUN_BASE_US, _EU, or an override */
	const char *domain; /* borrowed: the sending domain */
	const char *key;    /* borrowed: the API key */
	double begin, end;  /* Unix seconds */
	const char *events; /* borrowed: "failed,rejected" (joined with OR), or NULL for all */
	long limit;         /* events per page, 1..300 */
};

/* Domain names only: letters, digits, '-', '.', 1..253 characters (it goes into a path). */
int mailgun_check_domain(const char *domain, struct sh_error *err);
/* Mailgun's event names; a comma list of these (or "all") is what --event takes. */
int mailgun_check_events(const char *list, struct sh_error *err);

/* Fetches every page into out; *pages counts the pages fetched. */
int mailgun_fetch(struct http_client *c, const struct mailgun_query *q, const struct esp_sink *out,
		  long *pages, struct sh_error *err);

#endif
