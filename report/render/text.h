/* text.h - the report as a summary for a terminal: period, inputs, totals, categories,
 * the top errors, the health table and the top actions, in aligned columns.
 * Contract: report is borrowed (data/report.schema.json v1). Columns are aligned by code
 * points, so umlauts keep them straight; every text from the report is sanitised to one
 * line (no control characters reach the terminal). ANSI colours for the verdicts only
 * when color != 0. Returns 0, or -1 for a document it cannot read or a write error on fp
 * (fp is not closed). Thread-safe for distinct streams. */
#ifndef SH_REPORT_RENDER_TEXT_H
#define SH_REPORT_RENDER_TEXT_H

#include <jansson.h>
#include <stdio.h>

#include "model/taxonomy.h"

int text_write(const json_t *report, enum sh_lang lang, FILE *fp, int color);

#endif
