/* csv_cell.h - CSV fields as RFC 4180 wants them and as spreadsheets can open safely.
 * Shared by every CSV the program writes (the Errors table, --unmatched-csv, address
 * exports). Contract: pure and thread-safe; appends to a caller's strbuf; never fails. */
#ifndef SH_REPORT_RENDER_CSV_CELL_H
#define SH_REPORT_RENDER_CSV_CELL_H

#include <stddef.h>

#include "util/strbuf.h"

/* Appends s[0..len), prefixed with a single quote "'" when csv_quote_is_formula (util/
 * csv_quote.h): Excel and LibreOffice then show the text as typed and never evaluate it. */
void csv_cell_neutralize(struct strbuf *out, const char *s, size_t len);
/* Appends one field: sanitised (report/render/cell.h: UTF-8 repaired, control characters removed,
 * cut to the cell limit), neutralised, then quoted when it holds ',', '"', CR or LF. */
void csv_cell_field(struct strbuf *out, const char *s, size_t len);
/* Appends a whole number as a field. */
void csv_cell_int(struct strbuf *out, long long v);
/* Ends a record: CRLF, as RFC 4180 says. */
void csv_cell_end_row(struct strbuf *out);

#endif
