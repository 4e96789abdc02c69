/* error.c - first-error-wins error struct and the record-problem sink. */
#include "util/error.h"

#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 5, 0))) static void vset(struct sh_error *err,
							enum sh_error_kind kind,
							const char *file, long line,
							const char *fmt, va_list ap)
{
	if (!err || err->kind != SH_ERR_NONE)
		return;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->file = file;
	err->line = line;
	err->kind = kind;
}

int sh_error_set(struct sh_error *err, enum sh_error_kind kind, const char *file, long line,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(err, kind, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

void sh_error_clear(struct sh_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int sh_error_isset(const struct sh_error *err)
{
	return err && err->kind != SH_ERR_NONE;
}

void sh_sink_report(const struct sh_sink *sink, const char *file, long line,
		    const char *reason_key, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	if (!sink || !sink->record)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	sink->record(sink->ctx, file, line, reason_key, text);
}
