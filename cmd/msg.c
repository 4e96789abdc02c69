/* msg.c - diagnostics: formatting, quiet/verbose, and counting rejected records. */
#include "cmd/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/exit_codes.h"

/* Beyond this many, record problems are only counted, so a broken 5 GB file cannot
 * flood the terminal. */
#define MAX_PRINTED_RECORDS 50

/* "sendhealth: <command>: <marker><text>"; marker is "" or "warning: ". */
static void vmsg(const struct app *app, const char *marker, const char *fmt, va_list ap)
{
	fputs("sendhealth: ", stderr);
	if (app && app->command)
		fprintf(stderr, "%s: ", app->command);
	fputs(marker, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg_error(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(app, "", fmt, ap);
	va_end(ap);
}

void msg_warn(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(app, "warning: ", fmt, ap);
	va_end(ap);
}

void msg_info(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	if (app && app->quiet)
		return;
	va_start(ap, fmt);
	vmsg(app, "", fmt, ap);
	va_end(ap);
}

void msg_verbose(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	if (!app || !app->verbose || app->quiet)
		return;
	va_start(ap, fmt);
	vmsg(app, "", fmt, ap);
	va_end(ap);
}

/* An sh_error's kind to the exit code it maps to. */
static int exit_code_for(const struct sh_error *err)
{
	switch (err ? err->kind : SH_ERR_NONE) {
	case SH_ERR_NONE: return EXIT_OK;
	case SH_ERR_USAGE: return EXIT_USAGE;
	case SH_ERR_IO: return EXIT_IO;
	case SH_ERR_REMOTE: return EXIT_REMOTE;
	case SH_ERR_DATA: return EXIT_REJECTED;
	}
	return EXIT_REJECTED;
}

int msg_sh_error(const struct app *app, const struct sh_error *err)
{
	if (err->file && err->line > 0)
		msg_error(app, "%s:%ld: %s", err->file, err->line, err->msg);
	else
		msg_error(app, "%s", err->msg[0] ? err->msg : "unknown error");
	return exit_code_for(err);
}

int msg_usage(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(app, "", fmt, ap);
	va_end(ap);
	if (app && app->command)
		fprintf(stderr, "Try 'sendhealth %s --help' for more information.\n", app->command);
	else
		fputs("Try 'sendhealth help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static void on_record(void *ctx, const char *file, long line, const char *key, const char *text)
{
	struct app *app = ctx;
	int i;

	app->rejected++;
	for (i = 0; i < app->nreasons; i++)
		if (!strcmp(app->reasons[i].key, key))
			break;
	if (i == app->nreasons && app->nreasons < APP_MAX_REASONS) {
		snprintf(app->reasons[i].key, sizeof(app->reasons[i].key), "%s", key);
		app->nreasons++;
	}
	if (i < app->nreasons)
		app->reasons[i].count++;
	if (app->printed >= MAX_PRINTED_RECORDS && !app->verbose)
		return;
	app->printed++;
	if (line > 0)
		fprintf(stderr, "%s:%ld: %s\n", file ? file : "-", line, text);
	else
		fprintf(stderr, "%s: %s\n", file ? file : "-", text);
}

void msg_init(struct app *app)
{
	app->sink.record = on_record;
	app->sink.ctx = app;
}

void msg_rejected_summary(const struct app *app)
{
	int i;

	if (!app->rejected)
		return;
	fprintf(stderr, "sendhealth: %s: %ld record%s skipped (", app->command ? app->command : "",
		app->rejected, app->rejected == 1 ? "" : "s");
	for (i = 0; i < app->nreasons; i++)
		fprintf(stderr, "%s%ld %s", i ? ", " : "", app->reasons[i].count, app->reasons[i].key);
	fputs(")", stderr);
	if (app->printed < app->rejected)
		fprintf(stderr, "; %ld not shown, use -v to see all", app->rejected - app->printed);
	fputc('\n', stderr);
}
