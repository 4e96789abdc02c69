/* csv_lists.h - the two one-column-per-line lists `report` writes beside a report:
 * --unmatched-csv (rows to paste into the shared error sheet) and --export-addresses (the
 * invalid recipients, for a suppression list).
 * Contract: 0 / -1 with err set; never prints; files are written atomically ("-" is
 * stdout); thread-safe for distinct paths. */
#ifndef SH_REPORT_RENDER_CSV_LISTS_H
#define SH_REPORT_RENDER_CSV_LISTS_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"
#include "util/strmap.h"

/* The csv_row of each of doc's (borrowed) unmatched messages, under the shared sheet's
 * header. */
int csv_lists_unmatched(const json_t *doc, const char *path, struct sh_error *err);
/* The addresses of set (borrowed), sorted, one CSV field a line under "email". A recipient
 * with white space or a control character in it is left out (a line break inside would
 * add a second address to the list); *written counts those written. */
int csv_lists_addresses(const struct strmap *set, const char *path, size_t *written,
			struct sh_error *err);

#endif
