/* options.c - getopt_long driven by a command's option table: each value checked and
 * stored where its row says; --help printed from the same rows. */
#include "cmd/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/msg.h"
#include "util/strbuf.h"
#include "util/text.h"

#define OPT_MAX 48

/* A table flattened: each row with the struct (or part of one) its offset counts from. */
struct opt_rows {
	const struct cmd_option *row[OPT_MAX];
	char *base[OPT_MAX];
	size_t n;
};

static void flatten(struct opt_rows *r, const struct cmd_option *o, char *base)
{
	for (; o && (o->name || o->kind == OPTK_PART); o++) {
		if (o->kind == OPTK_PART) {
			flatten(r, o->part, base + o->offset);
		} else if (r->n < OPT_MAX) {
			r->row[r->n] = o;
			r->base[r->n++] = base;
		}
	}
}

/* longopts[i].val is 1000 + i; --help is 'h' + 2000. */
static void build(const struct opt_rows *r, int global, struct option *longopts,
		  char *optstring)
{
	size_t i, k = 0;

	if (global)
		optstring[k++] = '+'; /* the global options end at the command name */
	optstring[k++] = ':';         /* report a missing argument as ':' */
	for (i = 0; i < r->n; i++) {
		const struct cmd_option *o = r->row[i];
		longopts[i].name = o->name;
		longopts[i].has_arg = o->kind == OPTK_FLAG ? no_argument : required_argument;
		longopts[i].flag = NULL;
		longopts[i].val = 1000 + (int)i;
		if (o->short_name) {
			optstring[k++] = (char)o->short_name;
			if (o->kind != OPTK_FLAG)
				optstring[k++] = ':';
		}
	}
	optstring[k] = '\0';
	memset(&longopts[i], 0, 2 * sizeof(*longopts));
	longopts[i].name = "help";
	longopts[i].val = 'h' + 2000;
}

static int word_error(const struct cmd_option *o, const char *arg, struct sh_error *err)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; o->words[i]; i++)
		strbuf_addf(&sb, "%s'%s'", !i ? "" : o->words[i + 1] ? ", " : " or ", o->words[i]);
	sh_error_set(err, SH_ERR_USAGE, NULL, 0, "--%s takes %s, not '%s'", o->name, sb.buf, arg);
	strbuf_release(&sb);
	return -1;
}

/* Checks arg and stores it in the row's field; 0, or -1 with err set. */
static int store(const struct cmd_option *o, char *field, const char *arg, struct sh_error *err)
{
	struct opt_list *l = (struct opt_list *)(void *)field;
	size_t i;

	switch (o->kind) {
	case OPTK_STRING:
		*(const char **)(void *)field = arg;
		return 0;
	case OPTK_FLAG:
		*(int *)(void *)field = 1;
		return 0;
	case OPTK_LIST:
		if (o->max > 0 && l->n >= (size_t)o->max)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "at most %ld --%s options",
					    o->max, o->name);
		l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = arg;
		return 0;
	case OPTK_LONG:
		if (text_parse_long(arg, o->min, o->max, (long *)(void *)field) != 0)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--%s takes a number from %ld to %ld, not '%s'", o->name,
					    o->min, o->max, arg);
		return 0;
	case OPTK_WORD:
		for (i = 0; o->words[i]; i++) {
			if (!strcmp(arg, o->words[i])) {
				*(const char **)(void *)field = o->words[i];
				return 0;
			}
		}
		return word_error(o, arg, err);
	case OPTK_CALL:
		return o->parse(field, arg, err) == 0 ? 0 : -1;
	case OPTK_PART:
		break;
	}
	return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "--%s: bad option table", o->name);
}

/* A value refused: its message again with the value cut (a 4 KB paste is not echoed back
 * whole), when the cut value is refused the same way. */
static void cut_value(const struct cmd_option *o, const char *arg, struct sh_error *err)
{
	union { long l; double d; const char *s; char pad[64]; } scratch;
	struct sh_error again = { 0 };
	char cut[TEXT_CUT_BUF];
	const char *shown = text_cut(arg, cut);

	if (shown != arg && o->kind != OPTK_LIST && store(o, scratch.pad, shown, &again) != 0)
		*err = again;
}

/* getopt's answer c as a row index, or -1 after printing the usage error. */
static int row_of(const struct app *app, const struct opt_rows *r, int c, char **argv)
{
	char cut[TEXT_CUT_BUF];
	size_t i;

	if (c >= 1000 && c < 1000 + (int)r->n)
		return c - 1000;
	if (c == ':') {
		msg_usage(app, "option '%s' needs an argument", text_cut(argv[optind - 1], cut));
		return -1;
	}
	if (c == '?') {
		if (optopt)
			msg_usage(app, "unknown option '-%c'", optopt);
		else
			msg_usage(app, "unknown option '%s'", text_cut(argv[optind - 1], cut));
		return -1;
	}
	for (i = 0; i < r->n; i++)
		if (r->row[i]->short_name == c)
			return (int)i;
	msg_usage(app, "unknown option");
	return -1;
}

int opt_parse(struct app *app, const struct cmd_spec *spec, void *opts, int argc,
	      char **argv, int *first)
{
	struct opt_rows r;
	struct option longopts[OPT_MAX + 2];
	char optstring[3 * OPT_MAX + 4];
	int c, i;

	r.n = 0;
	flatten(&r, spec->options, opts);
	if (spec->name[0] != '<')
		flatten(&r, app->globals, (char *)app); /* the command's own rows come first */
	build(&r, spec->name[0] == '<', longopts, optstring);
	optind = 0; /* glibc: full re-initialisation for each table */
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		struct sh_error err = { 0 };
		if (c == 'h' + 2000) {
			opt_print_help(spec, stdout);
			return OPT_HELP;
		}
		if ((i = row_of(app, &r, c, argv)) < 0)
			return OPT_ERROR;
		if (store(r.row[i], r.base[i] + r.row[i]->offset, optarg, &err) != 0) {
			cut_value(r.row[i], optarg, &err);
			msg_usage(app, "%s", err.msg);
			return OPT_ERROR;
		}
	}
	*first = optind;
	if (spec->needs && optind >= argc) {
		msg_usage(app, "%s", spec->needs);
		return OPT_ERROR;
	}
	return OPT_DONE;
}

int opt_exit(int parsed, int usage)
{
	return parsed == OPT_HELP ? 0 : usage;
}

static void print_rows(const struct cmd_option *o, FILE *fp)
{
	for (; o && (o->name || o->kind == OPTK_PART); o++) {
		char left[64];
		const char *arg = o->kind == OPTK_FLAG ? NULL : o->arg;
		if (o->kind == OPTK_PART) {
			print_rows(o->part, fp);
			continue;
		}
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
				 arg ? " " : "", arg ? arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, arg ? " " : "",
				 arg ? arg : "");
		fprintf(fp, "  %-28s %s\n", left, o->help);
	}
}

void opt_print_help(const struct cmd_spec *spec, FILE *fp)
{
	fprintf(fp, "Usage: sendhealth [global options] %s %s\n\n%s\n", spec->name, spec->usage,
		spec->summary);
	fputs("\nOptions:\n", fp);
	print_rows(spec->options, fp);
	fprintf(fp, "  %-28s %s\n", "    --help", "show this help and exit");
	if (spec->details)
		fprintf(fp, "\n%s", spec->details);
}

void opt_list_release(struct opt_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
