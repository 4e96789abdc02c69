/* detect.h - which log format an input holds, from its first bytes (after gzip).
 * Contract: pure; looks at most at what it is given (logread gives up to 64 KiB). JSON is
 * told apart by the keys of its first event object (wherever the container puts it:
 * array element, "items" of a page, "event-data" of a webhook); CSV by its header. Inputs
 * that are not event logs (stats, API error bodies, request bodies, HTML pages, archives,
 * binary data, JavaScript literals, empty input) get LR_AUTO, a reason key and a sentence
 * saying what they look like.
 * Threads: every function is thread-safe (no state); detect_result.reason is a static string. */
#ifndef SH_IMPORT_DETECT_H
#define SH_IMPORT_DETECT_H

#include <stddef.h>

#include "import/logread.h"

struct detect_result {
	enum logread_format format; /* LR_AUTO: not a log we read */
	int lines;                  /* JSON: enum js_framing (JS_LINES for JSON Lines) */
	char delim;                 /* CSV: ',' ';' or '\t' */
	const char *reason;         /* static reason key when format is LR_AUTO */
	char why[200];              /* for people, when format is LR_AUTO */
};

/* eof: buf holds the whole input. */
void detect_format(const char *buf, size_t len, int eof, struct detect_result *out);
/* Only the framing of a JSON input whose format is given: an enum js_framing
 * (detect_lines.c). Thread-safe; allocates nothing it keeps. */
int detect_json_lines(const char *buf, size_t len, int eof);
/* Only the delimiter of a CSV input whose format is given. */
char detect_csv_delim(const char *buf, size_t len);

#endif
