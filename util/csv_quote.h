/* csv_quote.h - one CSV field as RFC 4180 writes it: as is, or in double quotes with its
 * quotes doubled. The one quoting rule of every CSV the program writes (the catalogue,
 * the report's CSV tables through report/render/csv_cell).
 * Contract: pure; appends to a caller's strbuf; thread-safe; never fails. */
#ifndef SH_UTIL_CSV_QUOTE_H
#define SH_UTIL_CSV_QUOTE_H

#include <stddef.h>

#include "util/strbuf.h"

/* Also quote a field that begins or ends with a space or tab: libcsv (and so our own
 * reader) trims those around an unquoted field. */
#define CSV_QUOTE_BLANKS 1u

/* Quote even a field that needs none (a column whose cells are always quoted). */
#define CSV_QUOTE_ALWAYS 2u

/* 1 when a spreadsheet would take s[0..len) as a formula (or a DDE call): it begins with
 * '=', '+', '-', '@', TAB or CR (OWASP "CSV injection"). Writers put a "'" before it. */
int csv_quote_is_formula(const char *s, size_t len);

/* Appends s[0..len) as one field, quoted when it holds ',', '"', CR or LF (or, with
 * CSV_QUOTE_BLANKS, has blanks at either end; with CSV_QUOTE_ALWAYS, always). */
void csv_quote_field(struct strbuf *out, const char *s, size_t len, unsigned flags);

#endif
