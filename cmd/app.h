/* app.h - the one struct that goes down from main: global options, the message sink and
 * the counters of rejected records. The program's other process-wide state lives below
 * cmd/, each in one place and said so there: util/atomic_file's registry of temp files
 * for the signal handler, util/json_arena's allocator (installed once, first thing in
 * main), and model/taxonomy's text table (parsed once, under pthread_once). */
#ifndef SH_CMD_APP_H
#define SH_CMD_APP_H

#include "catalogue/catalogue.h"
#include "model/taxonomy.h"
#include "util/error.h"

#define APP_MAX_REASONS 32

struct cmd_option;

struct app {
	const char *catalogue_path; /* borrowed from argv: --catalogue */
	enum sh_lang lang;
	int quiet, verbose;
	/* main's global options as rows whose offsets point into this struct: every command
	 * accepts them after its name too (`explain TEXT --lang de`, `health FILE -q`) */
	const struct cmd_option *globals;
	int version;                /* --version (before the command only) */
	const char *command;        /* the command being run, for messages */
	struct sh_sink sink;        /* record problems: printed as file:line and counted */
	long rejected;              /* records reported to the sink */
	long printed;               /* of those, printed (the rest only counted) */
	struct {
		char key[32];
		long count;
	} reasons[APP_MAX_REASONS];
	int nreasons;
};

#endif
