/* xlsx_overview.h - the first sheet of a client's XLSX report, readable in a minute: the
 * verdict of each sending domain with its reason in plain words, what changed since the
 * previous report (when compared), the top three actions and a chart of the failures by
 * category. Nothing internal: no inputs, catalogue ids or option names.
 * Contract: writes into the book's workbook; errors are kept in book->error; not
 * thread-safe (the book's). */
#ifndef SH_REPORT_RENDER_XLSX_OVERVIEW_H
#define SH_REPORT_RENDER_XLSX_OVERVIEW_H

#include "report/render/xlsx_book.h"

void xlsx_overview_sheet(struct xlsx_book *b);

/* The domain as a reader sees it: "(unknown)" (no domain in the log) in plain words.
 * Borrowed from d or static. */
const char *xlsx_overview_domain(const char *d, enum sh_lang lang);

#endif
