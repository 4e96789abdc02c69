/* xlsx.h - the report as an XLSX workbook for people: Summary, Actions, Categories, Errors,
 * Domains, Recipient domains, Daily, Unmatched and (with a client map) Clients.
 * Contract: report is the JSON document of data/report.schema.json (version 1), borrowed.
 * The file is written to a temp file beside path and renamed over it only when complete;
 * on any failure the temp file is removed and an existing file at path is left untouched.
 * Returns 0, or -1 with err set (SH_ERR_DATA for a document it cannot read, SH_ERR_IO).
 * Thread-safe for distinct paths (each call has its own workbook). */
#ifndef SH_REPORT_RENDER_XLSX_H
#define SH_REPORT_RENDER_XLSX_H

#include <jansson.h>

#include "model/taxonomy.h"
#include "util/error.h"

int xlsx_write(const json_t *report, enum sh_lang lang, const char *path, struct sh_error *err);

#endif
