/* exit_codes.h - every exit status sendhealth uses, in one place (the README lists them).
 * health has its own codes (the monitoring-plugin convention), defined here too. */
#ifndef SH_CMD_EXIT_CODES_H
#define SH_CMD_EXIT_CODES_H

enum sh_exit {
	EXIT_OK = 0,       /* done */
	EXIT_REJECTED = 1, /* finished, but some input records were rejected (or: not found) */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_IO = 3,       /* local I/O error */
	EXIT_REMOTE = 4,   /* remote / API error */
};

enum sh_health_exit {
	HEALTH_EXIT_OK = 0,
	HEALTH_EXIT_WARNING = 1,
	HEALTH_EXIT_CRITICAL = 2,
	HEALTH_EXIT_UNKNOWN = 3,
};

#endif
