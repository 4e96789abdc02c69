/* changes.h - the rows of a report's "compare" object (--compare PREVIOUS.json) in the
 * order the writers show them: totals, categories, sending domains, actions.
 * Contract: the report is borrowed; a row and its strings are borrowed for the callback's
 * duration only; thread-safe (reads the report only). */
#ifndef SH_REPORT_RENDER_CHANGES_H
#define SH_REPORT_RENDER_CHANGES_H

#include <jansson.h>

#include "model/taxonomy.h"
#include "model/l10n.h"

struct change_row {
	enum l10n_id section;        /* L_TOTALS, L_CATEGORY, L_SENDING_DOMAIN, L_ACTION */
	const char *item;            /* borrowed: a label, category title, domain or action */
	long long previous, current, change;
	const char *previous_verdict, *verdict; /* domains only, else NULL */
};

/* Calls fn for every row; returns the number of rows (0 when the report has no compare). */
size_t changes_each(const json_t *report, enum sh_lang lang,
		    void (*fn)(void *ctx, const struct change_row *row), void *ctx);

#endif
