/* main.c - global options and the command table; the only place that decides which
 * command runs. Usage: sendhealth [global options] <command> [options] [args]. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/optval.h"
#include "cmd/options.h"
#include "util/atomic_file.h"
#include "util/json_arena.h"
#include "util/text.h"

#ifndef SENDHEALTH_VERSION
#define SENDHEALTH_VERSION "0.0.0"
#endif

struct command {
	const char *name;
	int (*run)(struct app *app, int argc, char **argv);
	const char *summary;
};

static int cmd_help(struct app *app, int argc, char **argv);

static const struct command commands[] = {
	{ "report", cmd_report, "failures joined to the catalogue: counts, actions, health (XLSX, JSON, text, CSV)" },
	{ "health", cmd_health, "sending-health verdicts with monitoring exit codes (0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN)" },
	{ "explain", cmd_explain, "explain an error message or code from the catalogue" },
	{ "catalogue", cmd_catalogue, "show, check, import, export or sync the error catalogue" },
	{ "fetch", cmd_fetch, "download failure events from Mailgun or SendGrid as JSON Lines" },
	{ "import", cmd_import, "read send-failure logs and write normalized JSON records" },
	{ "merge", cmd_merge, "combine JSON reports of disjoint inputs into one" },
	{ "help", cmd_help, "list the commands, or show one command's help" },
};
_Static_assert(sizeof(commands) / sizeof(commands[0]) == 8, "command table size");

/* The options that may also follow the command: fields of struct app. */
#define A(f) offsetof(struct app, f)
static const struct cmd_option app_options[] = {
	OPT_STR("catalogue", 0, "FILE", "use this catalogue CSV instead of the default",
		A(catalogue_path)),
	OPT_CALL("lang", 0, "en|de", "language of catalogue and report texts (default en)",
		 A(lang), optval_lang),
	OPT_FLAG("quiet", 'q', "print only errors", A(quiet)),
	OPT_FLAG("verbose", 'v', "print more about what is done", A(verbose)),
	OPT_END,
};
#undef A

static const struct cmd_option global_options[] = {
	OPT_PART(app_options, 0),
	OPT_FLAG("version", 0, "print the version and exit", offsetof(struct app, version)),
	OPT_END,
};

static const struct cmd_spec global_spec = {
	"<command>", "[options] [args]",
	"sendhealth explains email send failures and reports on sending health.",
	NULL, global_options,
	NULL,
};

/* stdout's close is checked: a full disk behind `> file` is an error. */
static int finish(struct app *app, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		msg_error(app, "cannot write to standard output");
		return EXIT_IO;
	}
	return rc;
}

static void print_commands(FILE *fp)
{
	size_t i;

	fputs("\nCommands:\n", fp);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'sendhealth <command> --help' for a command's options.\n"
	      "Exit codes: 0 ok; 1 finished but some input records were rejected (explain: not\n"
	      "found); 2 usage error; 3 local I/O error; 4 remote/API error.\n", fp);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int cmd_help(struct app *app, int argc, char **argv)
{
	const struct command *c;
	char *sub[] = { NULL, "--help", NULL };

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		opt_print_help(&global_spec, stdout);
		print_commands(stdout);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c) {
		char cut[TEXT_CUT_BUF];
		return msg_usage(app, "unknown command '%s'", text_cut(argv[1], cut));
	}
	if (c->run == cmd_help)
		return cmd_help(app, 1, argv);
	sub[0] = argv[1];
	app->command = c->name;
	return c->run(app, 2, sub);
}

int main(int argc, char **argv)
{
	struct app app;
	const struct command *c;
	int first;

	json_arena_install(); /* before any Jansson value exists */
	memset(&app, 0, sizeof(app));
	msg_init(&app);
	atomic_file_install_signal_cleanup();
	switch (opt_parse(&app, &global_spec, &app, argc, argv, &first)) {
	case OPT_HELP:
		print_commands(stdout);
		return EXIT_OK;
	case OPT_ERROR:
		return EXIT_USAGE;
	}
	if (app.version) {
		printf("sendhealth %s\n", SENDHEALTH_VERSION);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	app.globals = app_options;
	if (first >= argc)
		return msg_usage(&app, "no command given");
	if (!(c = find_command(argv[first]))) {
		char cut[TEXT_CUT_BUF];
		return msg_usage(&app, "unknown command '%s'", text_cut(argv[first], cut));
	}
	app.command = c->name;
	return finish(&app, c->run(&app, argc - first, argv + first));
}
