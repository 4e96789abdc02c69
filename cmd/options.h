/* options.h - one option table per command drives both getopt_long and --help.
 * Contract: a command declares `static const struct cmd_option opts[]` (ending in {0})
 * and a struct cmd_spec; opt_next returns the index of each option found, OPT_DONE at
 * the end (argv[*optind_out...] are the operands), OPT_HELP when --help was printed, or
 * OPT_ERROR after printing a usage error. Options and operands may mix
 * (`report in.jsonl -o out.xlsx`), except in the global spec (its name starts with '<'),
 * whose options end at the command name. */
#ifndef SH_CMD_OPTIONS_H
#define SH_CMD_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

#include "cmd/app.h"

struct cmd_option {
	const char *name; /* long name without dashes */
	int short_name;   /* 0 when none */
	const char *arg;  /* argument name for --help, NULL for a flag */
	const char *help;
};

struct cmd_spec {
	const char *name;    /* "explain", "catalogue import" */
	const char *usage;   /* operands and options after the name */
	const char *summary; /* one line */
	const char *details; /* paragraphs after the options, or NULL */
	const struct cmd_option *options;
};

enum { OPT_DONE = -1, OPT_HELP = -2, OPT_ERROR = -3 };

#define OPT_MAX 48

struct opt_state {
	struct option longopts[OPT_MAX + 2];
	char optstring[3 * OPT_MAX + 4];
	int started;
	const char *arg; /* the current option's argument */
	int ind;         /* after OPT_DONE: index of the first operand */
};

int opt_next(struct opt_state *st, const struct app *app, const struct cmd_spec *spec, int argc,
	     char **argv);
void opt_print_help(const struct cmd_spec *spec, FILE *fp);

#endif
