/* app.h - the one struct that goes down from main: global options, the message sink and
 * the counters of rejected records. Nothing else in the program is mutable and global. */
#ifndef SH_CMD_APP_H
#define SH_CMD_APP_H

#include "catalogue/catalogue.h"
#include "model/taxonomy.h"
#include "util/error.h"

#define APP_MAX_REASONS 32

struct app {
	const char *catalogue_path; /* borrowed from argv: --catalogue */
	enum sh_lang lang;
	int quiet, verbose;
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
