/* xlsx_changes.h - the Changes sheet: week-over-week deltas when the report was made with
 * --compare PREVIOUS.json (nothing is added otherwise).
 * Contract: writes into the book's workbook; errors are kept in book->error; not
 * thread-safe (the book's). */
#ifndef SH_REPORT_RENDER_XLSX_CHANGES_H
#define SH_REPORT_RENDER_XLSX_CHANGES_H

#include "report/render/xlsx_book.h"

void xlsx_changes_sheet(struct xlsx_book *b);

#endif
