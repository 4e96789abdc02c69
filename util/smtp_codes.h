/* smtp_codes.h - finding the basic and the enhanced status code (RFC 5321, RFC 3463) in
 * the text of an SMTP reply as mail servers and ESPs write it.
 * Threads: pure and thread-safe; results go into the caller's buffer. */
#ifndef SH_UTIL_SMTP_CODES_H
#define SH_UTIL_SMTP_CODES_H

#include <stddef.h>

/* Finds the enhanced status code in a reply text: "550 5.1.1 …", "550-5.1.1 …",
 * "smtp; 550 5.1.1", "#5.1.1". Writes "" when none. */
void smtp_find_enhanced(const char *text, size_t len, char out[16]);
/* The basic SMTP code at the start of text ("550 …", "550-…", "smtp; 550"), or 0. */
int smtp_find_code(const char *text, size_t len);

#endif
