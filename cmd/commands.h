/* commands.h - one entry point per command file in cmd/. Each parses its own options,
 * calls the layers below, prints, and returns an exit code from exit_codes.h.
 * Contract: argv[0] is the command's name; argv is borrowed and not changed; everything
 * a command allocates is freed before it returns; not thread-safe (getopt, stdout): main
 * calls one command, once. */
#ifndef SH_CMD_COMMANDS_H
#define SH_CMD_COMMANDS_H

#include "cmd/app.h"

int cmd_explain(struct app *app, int argc, char **argv);
int cmd_catalogue(struct app *app, int argc, char **argv);
int cmd_fetch(struct app *app, int argc, char **argv);
/* `fetch imap` (cmd/fetch_imap.c), called by cmd_fetch with argv[0] "imap". */
int cmd_fetch_imap(struct app *app, int argc, char **argv);
int cmd_import(struct app *app, int argc, char **argv);
int cmd_report(struct app *app, int argc, char **argv);
int cmd_health(struct app *app, int argc, char **argv);
int cmd_merge(struct app *app, int argc, char **argv);

#endif
