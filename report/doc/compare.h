/* compare.h - week-over-week changes: the current report document against a previous one
 * (`--compare PREVIOUS.json`), per total, category, sending domain and action.
 * Threads: reads only its arguments; thread-safe as long as nobody changes them. */
#ifndef SH_REPORT_DOC_COMPARE_H
#define SH_REPORT_DOC_COMPARE_H

#include <jansson.h>

/* A new "compare" object (schema: compare) for cur against prev: a new reference the caller
 * releases (json_decref); cur and prev are borrowed. */
json_t *compare_build(const json_t *cur, const json_t *prev);

/* The same for one client's report: prev (an agency report, or that client's own) is
 * narrowed to the client's rows first (its domains, health and Clients row as the totals),
 * so nothing of other clients shows; categories and actions, which an agency report does
 * not hold per client, are left empty. A new reference; the arguments are borrowed. */
json_t *compare_build_for_client(const json_t *cur, const json_t *prev, const char *client);

#endif
