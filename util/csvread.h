/* csvread.h - RFC 4180 CSV rows from libcsv, fed incrementally, with line numbers.
 * Contract: feed any number of chunks, then finish. The row callback gets NUL-terminated
 * copies of the fields that are valid until it returns. A UTF-8 BOM at the start is
 * skipped; invalid UTF-8 is repaired (U+FFFD) and flagged on the row; a field over
 * max_field bytes stops the parse with a data error; a row over max_fields columns is
 * delivered with too_wide set and its extra columns dropped; a quote left open at the end
 * of the input is delivered with unterminated set (libcsv would quietly close it).
 * Ownership: the struct is the caller's (init/release); csvread_init fails (-1) only when
 * libcsv cannot allocate. Threads: one reader, one thread. */
#ifndef SH_UTIL_CSVREAD_H
#define SH_UTIL_CSVREAD_H

#include <stddef.h>

#include <csv.h>

#include "util/error.h"
#include "util/strbuf.h"

struct csvread_row {
	char **fields; /* borrowed until the callback returns */
	size_t *lens;
	size_t n;
	long line;     /* physical line where the row starts, 1-based */
	int bad_utf8;  /* some field had invalid UTF-8 (repaired) */
	int too_wide;  /* columns beyond max_fields were dropped */
	int unterminated; /* the input ended inside a quoted field: the row's last field
			     holds the rest of the file */
};

/* Returns 0 to go on, -1 to stop the parse (the error is the callback's to record). */
struct csvread;
struct csvread_cb {
	int (*row)(void *ctx, const struct csvread_row *row);
	void *ctx;
};

struct csvread {
	struct csv_parser parser;
	struct csvread_cb cb;
	const char *name;   /* borrowed: for messages */
	size_t max_field;   /* bytes, default 1 MiB */
	size_t max_fields;  /* columns, default 1024 */
	long line;          /* line being fed */
	long row_line;
	size_t since_field; /* bytes fed since the last complete field */
	int started;        /* BOM check done */
	int stopped;        /* the callback or a cap stopped the parse */
	struct strbuf *fields; /* owned array of max_fields+1 buffers, grown lazily */
	size_t nfields, fields_cap;
	int bad_utf8, too_wide, unterminated;
	char **ptrs;
	size_t *lens;
	struct sh_error *err; /* borrowed during feed/finish */
};

int csvread_init(struct csvread *r, const char *name, struct csvread_cb cb);
void csvread_release(struct csvread *r);
int csvread_feed(struct csvread *r, const char *buf, size_t len, struct sh_error *err);
int csvread_finish(struct csvread *r, struct sh_error *err);

/* Convenience: parse a whole buffer. */
int csvread_buffer(const char *name, const char *buf, size_t len, struct csvread_cb cb,
		   struct sh_error *err);

#endif
