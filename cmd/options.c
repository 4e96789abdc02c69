/* options.c - getopt_long driven by a command's option table; --help printed from it. */
#include "cmd/options.h"

#include <string.h>

#include "cmd/msg.h"

static void build(struct opt_state *st, const struct cmd_spec *spec)
{
	size_t n = 0, k = 0;
	const struct cmd_option *o;

	memset(st, 0, sizeof(*st));
	if (spec->name[0] == '<')
		st->optstring[k++] = '+'; /* the global options end at the command name */
	st->optstring[k++] = ':'; /* report a missing argument as ':' */
	for (o = spec->options; o && o->name && n < OPT_MAX; o++, n++) {
		st->longopts[n].name = o->name;
		st->longopts[n].has_arg = o->arg ? required_argument : no_argument;
		st->longopts[n].val = 1000 + (int)n;
		if (o->short_name) {
			st->optstring[k++] = (char)o->short_name;
			if (o->arg)
				st->optstring[k++] = ':';
		}
	}
	st->longopts[n].name = "help";
	st->longopts[n].val = 'h' + 2000;
	st->started = 1;
	optind = 0; /* glibc: full re-initialisation for each command */
	opterr = 0;
}

int opt_next(struct opt_state *st, const struct app *app, const struct cmd_spec *spec, int argc,
	     char **argv)
{
	const struct cmd_option *o;
	int c, i;

	if (!st->started)
		build(st, spec);
	c = getopt_long(argc, argv, st->optstring, st->longopts, NULL);
	st->arg = optarg;
	if (c == -1) {
		st->ind = optind;
		return OPT_DONE;
	}
	if (c == 'h' + 2000) {
		opt_print_help(spec, stdout);
		return OPT_HELP;
	}
	if (c >= 1000 && c < 1000 + OPT_MAX)
		return c - 1000;
	if (c == '?' || c == ':') {
		const char *bad = argv[optind - 1];
		if (c == ':')
			msg_usage(app, "option '%s' needs an argument", bad);
		else if (optopt)
			msg_usage(app, "unknown option '-%c'", optopt);
		else
			msg_usage(app, "unknown option '%s'", bad);
		return OPT_ERROR;
	}
	for (o = spec->options, i = 0; o && o->name; o++, i++)
		if (o->short_name == c)
			return i;
	msg_usage(app, "unknown option");
	return OPT_ERROR;
}

void opt_print_help(const struct cmd_spec *spec, FILE *fp)
{
	const struct cmd_option *o;

	fprintf(fp, "Usage: sendhealth [global options] %s %s\n\n%s\n", spec->name, spec->usage,
		spec->summary);
	fputs("\nOptions:\n", fp);
	for (o = spec->options; o && o->name; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		fprintf(fp, "  %-28s %s\n", left, o->help);
	}
	fprintf(fp, "  %-28s %s\n", "    --help", "show this help and exit");
	if (spec->details)
		fprintf(fp, "\n%s", spec->details);
}
