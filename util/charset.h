/* charset.h - which character set a text file is in (as spreadsheets and CRMs save CSV:
 * UTF-8 with or without a BOM, Windows-1252, ISO-8859-1, UTF-16 with a BOM), and a
 * streaming conversion of it to UTF-8 with glibc's iconv.
 * Contract: charset_sniff is pure and looks only at the bytes it is given. A text is UTF-8
 * when it is valid UTF-8, or when it holds valid multi-byte sequences beside some broken
 * ones (a damaged UTF-8 file: its bad bytes are repaired later, not reinterpreted). Bytes
 * that are not UTF-8 and none of it are Windows-1252 when every byte is a character there
 * (ISO-8859-1 when no byte is in 0x80..0x9F); C0 control bytes other than TAB, CR and LF,
 * or a byte Windows-1252 leaves undefined, make it CS_UNKNOWN: not a text this tool reads.
 * Ownership: a charset_conv is the caller's (charset_conv_new / charset_conv_free, NULL
 * allowed); output is appended to the caller's strbuf.
 * Threads: charset_sniff and charset_name are thread-safe; a charset_conv is one thread's. */
#ifndef SH_UTIL_CHARSET_H
#define SH_UTIL_CHARSET_H

#include <stddef.h>

#include "util/strbuf.h"

enum charset {
	CS_UTF8,
	CS_WINDOWS_1252,
	CS_ISO_8859_1,
	CS_UTF16LE, /* only with its BOM */
	CS_UTF16BE,
	CS_UNKNOWN
};

struct charset_guess {
	enum charset cs;
	size_t bom;        /* bytes of byte-order mark at the start (to skip) */
	long bad_line;     /* CS_UNKNOWN: the 1-based line of the first byte that decided it */
	unsigned char bad_byte;
};

/* eof: buf is the whole input (a multi-byte sequence cut at its end is then broken). */
void charset_sniff(const char *buf, size_t len, int eof, struct charset_guess *out);

/* "UTF-8", "Windows-1252", "ISO-8859-1", "UTF-16LE", "UTF-16BE", "unknown": static. */
const char *charset_name(enum charset cs);

struct charset_conv;

/* A converter from cs to UTF-8; NULL when cs is CS_UTF8 or CS_UNKNOWN or iconv cannot
 * open it. */
struct charset_conv *charset_conv_new(enum charset cs);
void charset_conv_free(struct charset_conv *c);
/* Converts buf and appends the UTF-8 to out; a character cut at the end of buf is held
 * back for the next call. A byte that is no character is written as U+FFFD and counted. */
void charset_conv_feed(struct charset_conv *c, const char *buf, size_t len, struct strbuf *out);
/* The end: a character still held back is written as U+FFFD. Returns the number of
 * replacements made over the whole conversion. */
size_t charset_conv_finish(struct charset_conv *c, struct strbuf *out);

#endif
