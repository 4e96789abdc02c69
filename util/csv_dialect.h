/* csv_dialect.h - the field separator of a CSV as users export it: ',' (most tools), ';'
 * (Excel and CRMs in German-speaking locales, where ',' is the decimal comma) or TAB
 * (Excel's "text" export).
 * Contract: pure; reads the header line and up to CSV_DIALECT_LINES more lines of buf,
 * outside double quotes (a quoted field may span lines). A candidate must split the header;
 * among those, the one that splits the most following lines into as many fields as the
 * header wins, then the one splitting the header most. A line cut by the end of buf
 * (no newline, eof false) is not looked at.
 * Threads: thread-safe (no state). */
#ifndef SH_UTIL_CSV_DIALECT_H
#define SH_UTIL_CSV_DIALECT_H

#include <stddef.h>

#define CSV_DIALECT_LINES 20

/* ',' ';' or '\t'; 0 when none splits the header. buf may start with a UTF-8 BOM. */
char csv_dialect_delim(const char *buf, size_t len, int eof);

#endif
