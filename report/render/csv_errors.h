/* csv_errors.h - the report's Errors table as CSV (RFC 4180, UTF-8, CRLF, a header row),
 * the same columns as the XLSX Errors sheet, headers in the chosen language.
 * Contract: report is borrowed (data/report.schema.json v1); text cells go through
 * csv_cell_field, so no cell can start a formula. Returns 0, or -1 when the document is
 * not a version-1 report or writing to fp fails (fp is not closed). Thread-safe for
 * distinct streams. */
#ifndef SH_REPORT_RENDER_CSV_ERRORS_H
#define SH_REPORT_RENDER_CSV_ERRORS_H

#include <jansson.h>
#include <stdio.h>

#include "model/taxonomy.h"

int csv_errors_write(const json_t *report, enum sh_lang lang, FILE *fp);

#endif
