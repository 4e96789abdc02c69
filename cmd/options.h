/* options.h - one option table per command drives getopt_long, the checks on each value,
 * and --help. Contract: a row says where its value goes (an offset into the command's
 * options struct) and how it is checked; opt_parse fills that struct and prints any usage
 * error itself. Options and operands may mix (`report in.jsonl -o out.xlsx`), except in the
 * global spec (its name starts with '<'), whose options end at the command name; a
 * command's parse also takes app->globals (stored into the app) after its own rows. */
#ifndef SH_CMD_OPTIONS_H
#define SH_CMD_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "cmd/app.h"
#include "util/error.h"

/* Thread-safety: opt_parse uses getopt's globals (main's thread only); opt_print_help and
 * opt_list_release are safe for distinct arguments. Nothing returned needs freeing but an
 * opt_list's array. */

/* How a row's argument is checked and stored; the field at offset has the type named. */
enum opt_kind {
	OPTK_STRING, /* const char *: the argument, borrowed from argv */
	OPTK_FLAG,   /* int: set to 1 (the row takes no argument) */
	OPTK_LIST,   /* struct opt_list: each argument appended; at most max when max > 0 */
	OPTK_LONG,   /* long: a whole number from min to max */
	OPTK_WORD,   /* const char *: the entry of words[] the argument equals */
	OPTK_CALL,   /* parse(field, arg, err) checks and stores; -1 with err->msg set */
	OPTK_PART,   /* part's rows (a table shared by commands), offsets counted from offset */
};

struct cmd_option {
	const char *name; /* long name without dashes */
	int short_name;   /* 0 when none */
	const char *arg;  /* argument name for --help, NULL for a flag */
	const char *help;
	enum opt_kind kind;
	size_t offset;             /* the field in the command's options struct */
	long min, max;             /* OPTK_LONG: range; OPTK_LIST: most entries (0: any) */
	const char *const *words;  /* OPTK_WORD: the accepted words, NULL-terminated */
	/* OPTK_CALL: checks arg and stores it in *field; 0, or -1 with err->msg set */
	int (*parse)(void *field, const char *arg, struct sh_error *err);
	const struct cmd_option *part; /* OPTK_PART: the shared rows, ending in {0} */
};

/* A table row of each kind; off is offsetof(struct <command>_opts, field). */
#define OPT_STR(name, sh, arg, help, off) \
	{ (name), (sh), (arg), (help), OPTK_STRING, (off), 0, 0, NULL, NULL, NULL }
#define OPT_FLAG(name, sh, help, off) \
	{ (name), (sh), NULL, (help), OPTK_FLAG, (off), 0, 0, NULL, NULL, NULL }
#define OPT_LIST(name, sh, arg, help, off, most) \
	{ (name), (sh), (arg), (help), OPTK_LIST, (off), 0, (most), NULL, NULL, NULL }
#define OPT_LONG(name, sh, arg, help, off, lo, hi) \
	{ (name), (sh), (arg), (help), OPTK_LONG, (off), (lo), (hi), NULL, NULL, NULL }
#define OPT_WORD(name, sh, arg, help, off, words) \
	{ (name), (sh), (arg), (help), OPTK_WORD, (off), 0, 0, (words), NULL, NULL }
#define OPT_CALL(name, sh, arg, help, off, fn) \
	{ (name), (sh), (arg), (help), OPTK_CALL, (off), 0, 0, NULL, (fn), NULL }
#define OPT_PART(rows, off) { NULL, 0, NULL, NULL, OPTK_PART, (off), 0, 0, NULL, NULL, (rows) }
#define OPT_END { NULL, 0, NULL, NULL, OPTK_STRING, 0, 0, 0, NULL, NULL, NULL }

/* The field of a repeatable option: v is owned (free with opt_list_release), its strings
 * are borrowed from argv. */
struct opt_list {
	const char **v;
	size_t n;
};

void opt_list_release(struct opt_list *l);

struct cmd_spec {
	const char *name;    /* "explain", "catalogue import" */
	const char *usage;   /* operands and options after the name */
	const char *summary; /* one line */
	const char *details; /* paragraphs after the options, or NULL */
	const struct cmd_option *options; /* ending in OPT_END */
	const char *needs; /* the usage error when no operand is given; NULL: none needed */
};

enum { OPT_DONE = 0, OPT_HELP = -2, OPT_ERROR = -3 };

/* Parses argv[1..] against spec into opts (the struct the rows' offsets point into; the
 * caller sets its defaults first). Returns OPT_DONE with *first the index of the first
 * operand (for the global spec: of the command name), OPT_HELP after printing --help to
 * stdout, or OPT_ERROR after printing a usage error (spec->needs when there is no
 * operand). Fields filled so far stay filled (an opt_list must be released either way).
 * Not thread-safe (getopt's globals). */
int opt_parse(struct app *app, const struct cmd_spec *spec, void *opts, int argc,
	      char **argv, int *first);
void opt_print_help(const struct cmd_spec *spec, FILE *fp);
/* The exit code of a parse that did not end in OPT_DONE: 0 after --help, else usage
 * (EXIT_USAGE; health's is UNKNOWN). Pure. */
int opt_exit(int parsed, int usage);

#endif
