/* catalogue_cmd.h - what the `catalogue` subcommands share across cmd/ files.
 * Contract: exit codes from exit_codes.h, after printing what went wrong; nothing returned
 * needs freeing; not thread-safe (main's thread only). */
#ifndef SH_CMD_CATALOGUE_CMD_H
#define SH_CMD_CATALOGUE_CMD_H

#include "cmd/app.h"
#include "catalogue/catalogue.h"

/* `catalogue sync` (cmd/catalogue_sync.c). */
int catalogue_sync_run(struct app *app, int argc, char **argv);
/* Writes cat atomically to path ("-" is stdout), creating parent directories; returns an
 * exit code and prints on failure. */
int catalogue_write_file(struct app *app, const struct catalogue *cat, const char *path);

#endif
