/* xlsx_summary.h - the first sheet of the XLSX report: period, inputs, totals, the health
 * table coloured by verdict, and the top five actions.
 * Contract: writes into the book's workbook; errors are kept in book->error; not
 * thread-safe (the book's). */
#ifndef SH_REPORT_RENDER_XLSX_SUMMARY_H
#define SH_REPORT_RENDER_XLSX_SUMMARY_H

#include "report/render/xlsx_book.h"

void xlsx_summary_sheet(struct xlsx_book *b);

#endif
