/* compare.h - week-over-week changes: the current report document against a previous one
 * (`--compare PREVIOUS.json`), per total, category, sending domain and action.
 * Threads: reads only its arguments; thread-safe as long as nobody changes them. */
#ifndef SH_REPORT_DOC_COMPARE_H
#define SH_REPORT_DOC_COMPARE_H

#include <jansson.h>

/* A new "compare" object (schema: compare) for cur against prev: a new reference the caller
 * releases (json_decref); cur and prev are borrowed. */
json_t *compare_build(const json_t *cur, const json_t *prev);

#endif
