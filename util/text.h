/* text.h - small text helpers shared by readers, matcher and writers:
 * UTF-8 validation and repair, whole-string number parsing with ranges,
 * and the text normalisation the matcher compares on.
 * Contract: pure functions, no allocation except into a caller's strbuf.
 * Thread-safe: no state. */
#ifndef SH_UTIL_TEXT_H
#define SH_UTIL_TEXT_H

#include <stddef.h>

#include "util/strbuf.h"

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t len);
/* Appends s to out with every invalid UTF-8 sequence replaced by U+FFFD and NUL bytes
 * dropped; returns the number of replacements made. */
size_t text_utf8_repair(struct strbuf *out, const char *s, size_t len);
/* The longest prefix of s[0..len) of at most max bytes that does not end inside a UTF-8
 * sequence: where to cut valid text so that it stays valid. */
size_t text_utf8_cut(const char *s, size_t len, size_t max);

/* Whole-string integer parse with range; leading/trailing spaces allowed.
 * Returns 0 on success, -1 when s is not a number in [min, max]. */
int text_parse_long(const char *s, long min, long max, long *out);
int text_parse_longn(const char *s, size_t len, long min, long max, long *out);

/* Normalises for matching: ASCII lowercase, curly quotes to ' and ", the ellipsis "…"
 * to "...", any run of white space (incl. NBSP) to one space, leading and trailing
 * space removed. Appends to out. */
void text_normalize(struct strbuf *out, const char *s, size_t len);

/* Trims ASCII white space in place on a (ptr, len) pair. */
void text_trim(const char **s, size_t *len);
int text_ieq(const char *a, const char *b);
int text_ieqn(const char *a, size_t alen, const char *b);
int text_istarts(const char *s, const char *prefix);
/* Case-insensitive substring search (ASCII); NULL when absent. */
const char *text_istr(const char *hay, const char *needle);

/* An argument as a message shows it: s itself when it has at most TEXT_CUT characters,
 * else its first TEXT_CUT characters (whole UTF-8 sequences) and "…" copied into buf.
 * Returns s or buf. */
#define TEXT_CUT 60
#define TEXT_CUT_BUF (TEXT_CUT * 4 + 4)
const char *text_cut(const char *s, char buf[TEXT_CUT_BUF]);

/* v with its digits in groups of three: "-1,234,567" with sep ','. out holds 32 bytes, enough
 * for any long long (26 with separators). */
void text_group_digits(char out[32], long long v, char sep);

#endif
