/* msg.h - the one funnel for diagnostics. Messages read
 * "sendhealth: <command>: <text>" - lowercase, no full stop, subjects in quotes; warnings
 * "sendhealth: <command>: warning: <text>"; record problems "file:line: reason". Data goes
 * to stdout elsewhere; all of this to stderr.
 * Contract: nothing is returned that needs freeing; not thread-safe (the counters in
 * struct app): main's thread only - the pipeline hands record problems to the sink from
 * there, in input order. */
#ifndef SH_CMD_MSG_H
#define SH_CMD_MSG_H

#include "cmd/app.h"
#include "util/error.h"

/* Points app's record sink at the printer and counter here. */
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

#endif
