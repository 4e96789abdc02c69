/* cell.h - the one place where report text is made safe to put in a cell: XLSX, CSV and the
 * terminal summary all pass every text they did not write themselves through cell_sanitize.
 * Contract: pure and thread-safe; appends to a caller's strbuf; never fails. */
#ifndef SH_REPORT_RENDER_CELL_H
#define SH_REPORT_RENDER_CELL_H

#include <stddef.h>

#include "util/strbuf.h"

/* Excel's limit on the characters in one cell; also what libxlsxwriter refuses past. */
#define CELL_MAX_CHARS 32767

enum cell_flags {
	CELL_ONE_LINE = 1, /* \n, \r and \t become one space each (terminal table cells) */
};

/* Appends s[0..len) to out with invalid UTF-8 repaired (U+FFFD), NUL and control characters
 * (C0 except \n and \t, DEL, C1, and the XML-forbidden U+FFFE/U+FFFF) removed, and the
 * result cut to max_chars characters as Excel counts them (UTF-16 units: a character beyond
 * the BMP, an emoji, counts two): when cut, it ends in "…", still fits max_chars, and is cut
 * between code points. Returns out->buf + the start offset: borrowed, valid until out
 * changes. */
const char *cell_sanitize(struct strbuf *out, const char *s, size_t len, size_t max_chars,
			  unsigned flags);

/* The columns the valid UTF-8 string s[0..len) takes on a terminal: one per character,
 * none for a combining mark or a zero-width character, so that "Müller" is 6 whether
 * its "ü" is one code point or "u" and a combining diaeresis. */
size_t cell_width(const char *s, size_t len);

#endif
