/* report_json_priv.h - what report_json.c shares with report_json_domains.c, which builds
 * the domains, health and clients sections; other modules use report_json.h.
 * Contract: every json_t * returned is a new reference.
 * report_json_ordered returns an array the caller frees with free. One thread. */
#ifndef SH_REPORT_DOC_REPORT_JSON_PRIV_H
#define SH_REPORT_DOC_REPORT_JSON_PRIV_H

#include <jansson.h>
#include <stddef.h>

#include "report/doc/report_json.h"

/* Index order for a map whose values have a count: descending count, then key. */
struct order {
	long count;
	const char *key;
	size_t i;
};

/* m's indexes in that order, or by key alone with by_key; base/stride/offset locate each
 * key's count in the caller's parallel array (base NULL: no counts). Caller frees. */
struct order *report_json_ordered(const struct strmap *m, const void *base, size_t stride,
				  size_t offset, int by_key);
/* {category: count} for the categories counted at all. */
json_t *report_json_by_category(const long *counts);
/* Sets sent, accepted, delivered, failures, permanent, temporary and complaints on o;
 * returns o. */
json_t *report_json_volume_fields(json_t *o, long sent, long accepted, long delivered,
				  long failures, long perm, long temp, long complaints);
/* A sending domain's sent volume: the stats file's when it names the domain (or "*"),
 * with *from_stats set and *delivered taken from it when it gives one; else counted from
 * the events. */
long report_json_domain_sent(const struct dom_stat *d, const char *name,
			     const struct report_meta *m, long *delivered, int *from_stats);
/* Sent counted from a domain's events: its accepted events when they are at least its
 * delivered and failed ones, else delivered + failures (permanent and temporary). So sent
 * is never less than delivered + failures, and the same rule, applied to a domain's
 * counts of one day (report_json_events_sent with its choice), adds up over the days. */
int report_json_sent_by_accepted(const struct dom_stat *d);
long report_json_events_sent(int by_accepted, long accepted, long delivered, long failures);
/* Sets "domains", "health" and "clients" on doc. */
void report_json_domains(const struct agg *a, const struct report_meta *m, json_t *doc);

#endif
