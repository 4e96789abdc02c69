/* htmltext.h - the visible text of a bounce's HTML part (for bounces sent as HTML only):
 * tags dropped, block tags (<br>, </p>, </div>, </tr>, <li>) as line ends, character
 * references decoded (the named ones bounce texts use, and &#NNN; / &#xHH; as UTF-8), so
 * that the text reads as the plain alternative would.
 * Contract: pure; an unknown or unterminated reference is kept as it is.
 * Ownership: appends to the caller's strbuf. Threads: thread-safe (no state). */
#ifndef SH_IMPORT_MAIL_HTMLTEXT_H
#define SH_IMPORT_MAIL_HTMLTEXT_H

#include <stddef.h>

#include "util/strbuf.h"

void html_text(const char *html, size_t len, struct strbuf *out);

#endif
