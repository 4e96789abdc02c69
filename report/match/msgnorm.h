/* msgnorm.h - the normalised form of a failure message: what groups "the same error" in
 * reports and keys the classification cache. Lowercase, white space folded, and the parts
 * that differ per message replaced: addresses -> <address>, IPv4 -> <ip>, long numbers and
 * mixed letter-digit ids (Gmail's "e22-n7GpZmsf093195.222") -> <id>. Status codes (550,
 * 5.1.1), Outlook codes (0x800CCC0E) and host names stay. Capped at MSGNORM_MAX bytes. */
#ifndef SH_REPORT_MATCH_MSGNORM_H
#define SH_REPORT_MATCH_MSGNORM_H

#include <stddef.h>

#include "util/strbuf.h"

#define MSGNORM_MAX 300

/* Appends the normalised form of s[0..len) to out. */
void msgnorm(struct strbuf *out, const char *s, size_t len);

#endif
