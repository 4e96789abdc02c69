/* error.h - the caller-owned error struct every layer below cmd/ fills.
 * Contract: functions return 0 / -1 and write into an optional struct sh_error;
 * the first error recorded wins, later ones are ignored, and NULL is allowed.
 * Threads: each function touches only the struct it is given; a sink is called on the
 * reporting thread, so a sink shared by threads must lock (report/run gives each thread its
 * own). */
#ifndef SH_UTIL_ERROR_H
#define SH_UTIL_ERROR_H

#include <stdarg.h>

struct sh_error {
	char msg[256];    /* lowercase, no full stop, subjects in quotes */
	const char *file; /* borrowed: the input being read, or NULL */
	long line;        /* 1-based line (or record) number, 0 when unknown */
	int kind;         /* enum sh_error_kind: which exit code the top maps it to */
};

enum sh_error_kind {
	SH_ERR_NONE = 0,
	SH_ERR_DATA,   /* input content unusable */
	SH_ERR_USAGE,  /* bad option value */
	SH_ERR_IO,     /* local file system */
	SH_ERR_REMOTE, /* HTTP / API */
};

/* Records the error unless one is already set; always returns -1. */
int sh_error_set(struct sh_error *err, enum sh_error_kind kind, const char *file, long line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void sh_error_clear(struct sh_error *err);
int sh_error_isset(const struct sh_error *err);

/* A sink for per-record problems (bad rows, skipped events). Lower layers never print;
 * they report here and go on. reason_key is a short stable id used for counting
 * ("bad_json", "missing_timestamp"), text the human explanation. */
struct sh_sink {
	void (*record)(void *ctx, const char *file, long line, const char *reason_key,
		       const char *text);
	void *ctx;
};

void sh_sink_report(const struct sh_sink *sink, const char *file, long line,
		    const char *reason_key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
