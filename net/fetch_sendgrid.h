/* fetch_sendgrid.h - SendGrid's suppression lists (esp-formats.md 2.1, 2.6): bounces,
 * blocks, invalid_emails and spam_reports of a time range, each item handed on as one JSON
 * line with "sendhealth_list": "<list>" added so the log reader can tell them apart.
 * Contract: GET {base}/v3/suppression/{list}?start_time=&end_time=&limit=500&offset=N with
 * "Authorization: Bearer KEY" (the key goes nowhere else), "Accept: application/json"
 * and "on-behalf-of: SUBUSER" when given (each item then also gets "subuser": SUBUSER,
 * which the log reader keeps as the record's subaccount); a list ends with a page of fewer
 * than limit.
 * Threads: the checks are pure; sendgrid_fetch uses the client it is given (one thread's) and
 * calls out on the calling thread. Nothing is returned that the caller must free. */
#ifndef SH_NET_FETCH_SENDGRID_H
#define SH_NET_FETCH_SENDGRID_H

#include "net/esp_fetch.h"

#define SENDGRID_BASE "https://api.sendgrid.com"
#define SENDGRID_MAX_LIMIT 500
#define SENDGRID_ALL_LISTS "bounces,blocks,invalid_emails,spam_reports"

struct sendgrid_query {
	const char *base;         /* borrowed */
	const char *key;          /* borrowed */
	const char *on_behalf_of; /* borrowed: a subuser name, or NULL */
	double start, end;        /* Unix seconds, both inclusive */
	const char *lists;        /* borrowed: comma list out of SENDGRID_ALL_LISTS */
	long limit;               /* items per page, 1..500 */
};

int sendgrid_check_lists(const char *lists, struct sh_error *err);
/* A subuser name goes into a header: printable ASCII without spaces, up to 64. */
int sendgrid_check_subuser(const char *name, struct sh_error *err);

int sendgrid_fetch(struct http_client *c, const struct sendgrid_query *q,
		   const struct esp_sink *out, long *pages, struct sh_error *err);

#endif
