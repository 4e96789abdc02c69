/* msg.h - the one funnel for diagnostics. Messages read
 * "sendhealth: <command>: <text>" - lowercase, no full stop, subjects in quotes; record
 * problems read "file:line: reason". Data goes to stdout elsewhere; all of this to stderr. */
#ifndef SH_CMD_MSG_H
#define SH_CMD_MSG_H

#include "cmd/app.h"
#include "util/error.h"

void msg_init(struct app *app);
void msg_error(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void msg_warn(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Progress and notes: suppressed by -q. */
void msg_info(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Only with -v. */
void msg_verbose(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints err as "file:line: msg" or the plain message; returns the exit code it maps to. */
int msg_sh_error(const struct app *app, const struct sh_error *err);
/* A usage error: one line and a hint; returns EXIT_USAGE. */
int msg_usage(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After a run: "N records skipped: 3 bad_json, 1 missing_timestamp". */
void msg_rejected_summary(const struct app *app);
/* Maps an sh_error kind to an exit code. */
int exit_code_for(const struct sh_error *err);

#endif
