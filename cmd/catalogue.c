/* catalogue.c - `sendhealth catalogue info|list|check|import|export|sync`: which catalogue
 * is in use, what it holds, and how a new one comes in (from CSV files or the shared sheet). */
#include <errno.h>
#include <stddef.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/catalogue_cmd.h"
#include "catalogue/store.h"
#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/optval.h"
#include "catalogue/csv_catalogue.h"
#include "catalogue/entry_json.h"
#include "catalogue/layers.h"
#include "util/atomic_file.h"

struct subcommand {
	const char *name;
	int (*run)(struct app *app, int argc, char **argv);
	const char *summary;
};

static int sub_info(struct app *app, int argc, char **argv);
static int sub_list(struct app *app, int argc, char **argv);
static int sub_check(struct app *app, int argc, char **argv);
static int sub_import(struct app *app, int argc, char **argv);
static int sub_export(struct app *app, int argc, char **argv);
static int sub_reset(struct app *app, int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "info", sub_info, "which catalogue is in use, its layers and their counts" },
	{ "list", sub_list, "list the entries (id, provider, code, message or meaning)" },
	{ "check", sub_check, "validate a catalogue or spreadsheet CSV without installing it" },
	{ "import", sub_import, "build a catalogue from CSV files and install it" },
	{ "export", sub_export, "write the catalogue in use as CSV or JSON" },
	{ "sync", catalogue_sync_run, "download the shared Google Sheet and install it" },
	{ "reset", sub_reset, "drop the synced sheet layer: back to the built-in catalogue alone" },
};
_Static_assert(sizeof(subcommands) / sizeof(subcommands[0]) == 7, "subcommand table size");

static const struct cmd_option no_options[] = { OPT_END };

/* The options of every subcommand but sync; each takes the rows it needs. */
struct cat_opts {
	const char *provider, *output, *format;
};

static const char *const formats[] = { "csv", "json", NULL };

#define O(f) offsetof(struct cat_opts, f)

static const struct cmd_spec spec = {
	"catalogue", "<info|list|check|import|export|sync|reset> [options]",
	"Show, check, import, export, sync or reset the error catalogue. The catalogue in use is\n"
	"--catalogue FILE, else $SENDHEALTH_CATALOGUE, else the built-in one in two layers: the\n"
	"built-in entries with the synced sheet in $XDG_DATA_HOME/sendhealth/catalogue.csv\n"
	"(~/.local/share/...) laid over them, a sheet row replacing the built-in row with its\n"
	"id or its provider, codes and message.",
	"Subcommands:\n"
	"  info                      which catalogue is in use, rows, source\n"
	"  list [--provider P]       the entries, one per line\n"
	"  check FILE...             validate CSV files; exit 1 when rows are unusable\n"
	"  import FILE... [-o FILE]  build and install a catalogue from CSV files\n"
	"  export [--format csv|json] [-o FILE]\n"
	"  sync [URL|SHEET_ID] [--tab NAME]... [--dry-run] [-o FILE]\n"
	"  reset                     drop the synced sheet layer (built-in entries alone)\n"
	"Run 'sendhealth catalogue <subcommand> --help' for details.\n",
	no_options,
	NULL,
};

static int load(struct app *app, struct catalogue **cat)
{
	struct sh_error err = { 0 };

	*cat = catalogue_load_default(app->catalogue_path, &err);
	return *cat ? 0 : msg_sh_error(app, &err);
}

static const struct cmd_spec info_spec = {
	"catalogue info", "", "Say which catalogue is in use, its layers, row counts and source.", NULL,
	no_options,
	NULL,
};

/* "layers:" and one line per layer with what it holds. */
static void print_layers(const struct catalogue *cat)
{
	size_t i, n[CAT_LAYER_FILE + 1] = { 0 };

	for (i = 0; i < cat->n; i++)
		n[cat->entries[i].layer]++;
	printf("layers:\n");
	if (cat->kind == CAT_SRC_FLAG || cat->kind == CAT_SRC_ENV || cat->kind == CAT_SRC_OTHER) {
		printf("  file      %zu entries (a whole catalogue; the built-in layer is not used)\n",
		       n[CAT_LAYER_FILE]);
		return;
	}
	printf("  built-in  %zu entries in use", n[CAT_LAYER_BUILTIN]);
	if (cat->layers.sheet_rows)
		printf(" (%ld overridden by the sheet)", cat->layers.overridden);
	printf("\n");
	if (cat->kind == CAT_SRC_SYNCED)
		printf("  sheet     %ld rows: %ld override built-in entries (%ld only in white "
		       "space), %ld new; from '%s'\n",
		       cat->layers.sheet_rows, cat->layers.overridden, cat->layers.same,
		       cat->layers.added, cat->source);
	else
		printf("  sheet     none ('catalogue sync' or 'catalogue import' adds one)\n");
}

static int sub_info(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	struct catalogue *cat;
	const char *const *p;
	const char *kind;
	int first, rc;

	if ((rc = opt_parse(app, &info_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (first < argc)
		return msg_usage(app, "'catalogue info' takes no arguments");
	if ((rc = load(app, &cat)) != 0)
		return rc;
	kind = cat->kind == CAT_SRC_EMBEDDED ? "built-in"
	       : cat->kind == CAT_SRC_FLAG   ? "--catalogue"
	       : cat->kind == CAT_SRC_ENV    ? "$SENDHEALTH_CATALOGUE"
	       : cat->kind == CAT_SRC_SYNCED ? "synced copy"
					     : "file";
	printf("catalogue: %s (%s)\nrows: %zu\n", cat->source, kind, cat->n);
	print_layers(cat);
	for (p = catalogue_providers; *p; p++) {
		size_t i, n = 0;
		for (i = 0; i < cat->n; i++)
			n += !strcmp(cat->entries[i].f[CAT_PROVIDER], *p);
		printf("  %-9s %zu\n", *p, n);
	}
	catalogue_free(cat);
	return EXIT_OK;
}

static const struct cmd_option list_options[] = {
	OPT_CALL("provider", 'p', "P", "only entries of provider P", O(provider), optval_provider),
	OPT_END,
};

static const struct cmd_spec list_spec = {
	"catalogue list", "[--provider P]",
	"List the catalogue entries: id, provider, code, and the message or meaning.", NULL,
	list_options,
	NULL,
};

static int sub_list(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	struct catalogue *cat;
	size_t i;
	int first, rc;

	if ((rc = opt_parse(app, &list_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (first < argc)
		return msg_usage(app, "unexpected argument '%s'", argv[first]);
	if ((rc = load(app, &cat)) != 0)
		return rc;
	for (i = 0; i < cat->n; i++) {
		const struct cat_entry *e = &cat->entries[i];
		const char *text = *e->f[CAT_MESSAGE] ? e->f[CAT_MESSAGE]
						       : entry_text(e, CAT_MEANING_EN, app->lang);
		if (o.provider && strcmp(o.provider, e->f[CAT_PROVIDER]))
			continue;
		printf("%-44s %-8s %-12s %.*s\n", e->f[CAT_ID], e->f[CAT_PROVIDER],
		       entry_display_code(e), (int)strcspn(text, "\n"), text);
	}
	catalogue_free(cat);
	return EXIT_OK;
}

static const struct cmd_option check_options[] = {
	OPT_CALL("provider", 'p', "P", "provider for rows no section title or column names",
		 O(provider), optval_provider),
	OPT_END,
};

static const struct cmd_spec check_spec = {
	"catalogue check", "[--provider P] FILE...",
	"Validate catalogue or spreadsheet CSV files without installing anything. Unusable\n"
	"rows are reported as file:line; exits 1 when there are any.", NULL, check_options,
	"no file to check",
};

/* Parses files into cat; returns an exit code (EXIT_OK, EXIT_REJECTED on skipped rows). */
static int parse_files(struct app *app, struct catalogue *cat, const struct catalogue *base,
		       const char *provider, char **files, int nfiles)
{
	int i, rc = EXIT_OK;

	for (i = 0; i < nfiles; i++) {
		struct csv_catalogue_opts opts = { 0 };
		struct sh_error err = { 0 };
		opts.provider = provider;
		opts.base = base;
		opts.sink = &app->sink;
		if (csv_catalogue_read_file(cat, files[i], &opts, &err) != 0) {
			int e = msg_sh_error(app, &err);
			if (e > rc || rc == EXIT_REJECTED)
				rc = e == EXIT_REJECTED ? EXIT_REJECTED : e;
			continue;
		}
		msg_info(app, "'%s': %ld entries, %ld row%s skipped", files[i], opts.added, opts.skipped,
			 opts.skipped == 1 ? "" : "s");
		if (opts.skipped && rc == EXIT_OK)
			rc = EXIT_REJECTED;
	}
	return rc;
}

static int sub_check(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	struct catalogue *cat, *base;
	int first, rc;

	if ((rc = opt_parse(app, &check_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	base = catalogue_load_embedded(NULL);
	cat = catalogue_new();
	rc = parse_files(app, cat, base, o.provider, argv + first, argc - first);
	if (rc == EXIT_OK)
		printf("ok: %zu entries\n", cat->n);
	catalogue_free(cat);
	catalogue_free(base);
	return rc;
}

static const struct cmd_option import_options[] = {
	OPT_CALL("provider", 'p', "P", "provider for rows no section title or column names",
		 O(provider), optval_provider),
	OPT_STR("output", 'o', "FILE", "write here instead of the synced-copy path ('-' for stdout)",
		O(output)),
	OPT_END,
};

static const struct cmd_spec import_spec = {
	"catalogue import", "[--provider P] [-o FILE] FILE.csv...",
	"Build a catalogue from CSV files - the catalogue's own format or the shared\n"
	"spreadsheet's layout (German or English headers, section-title rows) - and install\n"
	"it, by default as the synced copy that later runs lay over the built-in entries (the\n"
	"sheet layer; 'catalogue reset' drops it). Rows that match a built-in entry keep its\n"
	"id, pattern, category, action and English texts. Nothing is written when no header is\n"
	"found or no row is usable.", NULL, import_options,
	"no file to import",
};

int catalogue_write_file(struct app *app, const struct catalogue *cat, const char *path)
{
	struct atomic_file af;
	struct sh_error err = { 0 };

	if ((strcmp(path, "-") && atomic_file_mkdir_parents(path, &err) != 0) ||
	    atomic_file_open(&af, path, &err) != 0)
		return msg_sh_error(app, &err);
	errno = 0;
	if (csv_catalogue_write(cat, af.fp) != 0) {
		int e = errno ? errno : EIO;
		atomic_file_abort(&af);
		msg_error(app, "cannot write '%s': %s", path, strerror(e));
		return EXIT_IO;
	}
	if (atomic_file_commit(&af, &err) != 0)
		return msg_sh_error(app, &err);
	return EXIT_OK;
}

static int sub_import(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	struct catalogue *cat = NULL, *base = NULL;
	const char *out;
	char *synced = NULL;
	int first, rc;

	if ((rc = opt_parse(app, &import_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (!(out = o.output) && !(out = synced = catalogue_synced_path()))
		return msg_usage(app, "neither HOME nor XDG_DATA_HOME is set; give -o FILE");
	base = catalogue_load_embedded(NULL);
	cat = catalogue_new();
	rc = parse_files(app, cat, base, o.provider, argv + first, argc - first);
	if (cat->n == 0) {
		struct stat st;
		if (strcmp(out, "-") && stat(out, &st) == 0)
			msg_error(app, "nothing to import: no usable rows; '%s' is unchanged", out);
		else
			msg_error(app, "nothing to import: no usable rows; '%s' was not written",
				  out);
		if (rc == EXIT_OK)
			rc = EXIT_REJECTED;
	} else if (rc == EXIT_OK || rc == EXIT_REJECTED) {
		int w = catalogue_write_file(app, cat, out);
		if (w != EXIT_OK)
			rc = w;
		else if (strcmp(out, "-"))
			msg_info(app, "wrote %zu entries to '%s'", cat->n, out);
	}
	catalogue_free(cat);
	catalogue_free(base);
	free(synced);
	return rc;
}

static const struct cmd_option export_options[] = {
	OPT_WORD("format", 'f', "csv|json", "csv: the catalogue file format (default); json: an array of entries",
		 O(format), formats),
	OPT_STR("output", 'o', "FILE", "write to FILE (default: standard output)", O(output)),
	OPT_END,
};
#undef O

static const struct cmd_spec export_spec = {
	"catalogue export", "[--format csv|json] [-o FILE]",
	"Write the catalogue in use. CSV is the format 'catalogue import' reads back\n"
	"unchanged; JSON is an array of objects with the keys of 'explain --json'.", NULL,
	export_options,
	NULL,
};

static int sub_export(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	struct catalogue *cat;
	struct atomic_file af;
	struct sh_error err = { 0 };
	const char *out;
	int json, first, rc;
	size_t i;

	if ((rc = opt_parse(app, &export_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (first < argc)
		return msg_usage(app, "unexpected argument '%s'", argv[first]);
	out = o.output ? o.output : "-";
	json = o.format && !strcmp(o.format, "json");
	if ((rc = load(app, &cat)) != 0)
		return rc;
	if (atomic_file_open(&af, out, &err) != 0) {
		rc = msg_sh_error(app, &err);
		goto out;
	}
	if (json) {
		json_t *arr = json_array();
		for (i = 0; i < cat->n; i++)
			json_array_append_new(arr, entry_to_json(&cat->entries[i], app->lang));
		json_dumpf(arr, af.fp, JSON_INDENT(2));
		fputc('\n', af.fp);
		json_decref(arr);
	} else {
		csv_catalogue_write(cat, af.fp);
	}
	rc = atomic_file_commit(&af, &err) == 0 ? EXIT_OK : msg_sh_error(app, &err);
out:
	catalogue_free(cat);
	return rc;
}

static const struct cmd_spec reset_spec = {
	"catalogue reset", "",
	"Drop the synced sheet layer ($XDG_DATA_HOME/sendhealth/catalogue.csv): later runs use\n"
	"the built-in catalogue alone until the next 'catalogue sync' or 'catalogue import'.",
	NULL, no_options, NULL,
};

static int sub_reset(struct app *app, int argc, char **argv)
{
	struct cat_opts o = { 0 };
	char *synced;
	int first, rc;

	if ((rc = opt_parse(app, &reset_spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (first < argc)
		return msg_usage(app, "'catalogue reset' takes no arguments");
	if (!(synced = catalogue_synced_path()))
		return msg_usage(app, "neither HOME nor XDG_DATA_HOME is set: there is no synced copy");
	rc = EXIT_OK;
	if (remove(synced) == 0)
		msg_info(app, "removed the sheet layer '%s': the built-in catalogue alone is in use", synced);
	else if (errno == ENOENT)
		msg_info(app, "no sheet layer at '%s': the built-in catalogue alone is in use", synced);
	else {
		msg_error(app, "cannot remove '%s': %s", synced, strerror(errno));
		rc = EXIT_IO;
	}
	free(synced);
	return rc;
}

int cmd_catalogue(struct app *app, int argc, char **argv)
{
	size_t i;

	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		opt_print_help(&spec, stdout);
		return EXIT_OK;
	}
	if (argc < 2)
		return msg_usage(app, "which subcommand? (info, list, check, import, export, sync, reset)");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(app, argc - 1, argv + 1);
	return msg_usage(app, "unknown subcommand '%s'", argv[1]);
}
