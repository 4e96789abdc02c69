/* report.c - `sendhealth report`: the weekly deliverability report and each client's
 * failure breakdown, from exported logs or the ESP APIs, as XLSX, JSON, text or CSV. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/report_job.h"
#include "report/doc/compare.h"
#include "report/render/csv_cell.h"
#include "report/doc/report_json.h"
#include "util/atomic_file.h"
#include "util/readfile.h"
#include "util/strbuf.h"

struct report_opts {
	struct opt_list outputs;
	enum out_format format; /* OUT_AUTO: from each output's extension */
	int summary;
	const char *split_by, *compare, *unmatched, *addresses;
	struct report_job_opts job;
};

static int parse_format(void *field, const char *arg, struct sh_error *err)
{
	enum out_format f = out_format_from(arg, NULL);

	if (f == OUT_AUTO)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--format takes xlsx, json, text or csv, not '%s'", arg);
	*(enum out_format *)field = f;
	return 0;
}

static const char *const split_words[] = { "client", NULL };

#define O(f) offsetof(struct report_opts, f)
static const struct cmd_option options[] = {
	OPT_LIST("output", 'o', "FILE", "write the report here; repeat for several formats (default: text to stdout)",
		 O(outputs), 8),
	OPT_CALL("format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)", O(format),
		 parse_format),
	OPT_FLAG("summary", 0, "also print the text summary to stdout", O(summary)),
	OPT_WORD("split-by", 0, "client", "with -o DIR: DIR/<client>.xlsx per client plus DIR/agency.xlsx",
		 O(split_by), split_words),
	OPT_STR("compare", 0, "PREVIOUS.json", "add changes against an earlier JSON report", O(compare)),
	OPT_STR("unmatched-csv", 0, "FILE", "write unmatched messages as rows to paste into the shared sheet",
		O(unmatched)),
	OPT_STR("export-addresses", 0, "FILE", "write the invalid recipient addresses (for a suppression list)",
		O(addresses)),
	OPT_PART(report_job_doc_options, O(job)),
	OPT_PART(report_job_input_options, O(job)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"report", "[options] INPUT... -o report.xlsx",
	"Join send failures to the catalogue: per-category counts, the recommended action for\n"
	"each, and a sending-health verdict per domain and client. INPUT is a log file (Mailgun,\n"
	"SendGrid, other senders' CSV, Nodemailer errors; gzip is read; '-' is stdin) or an\n"
	"ESP's API: mailgun:DOMAIN (Events API) or sendgrid:[SUBUSER] (suppression lists).",
	"Examples:\n"
	"  sendhealth report --week 2026-W47 --clients clients.csv mailgun.jsonl sendgrid.json -o week47.xlsx\n"
	"  sendhealth report --clients clients.csv --split-by client logs/*.jsonl -o out/\n"
	"  sendhealth report logs.jsonl -o report.json --compare last-week.json\n",
	options,
};

static int write_lines_csv(struct app *app, const char *path, const char *header,
			   const char *const *rows, size_t n)
{
	struct atomic_file af;
	struct sh_error err = { 0 };
	size_t i;

	if (atomic_file_open(&af, path, &err) != 0)
		return msg_sh_error(app, &err);
	fprintf(af.fp, "%s\n", header);
	for (i = 0; i < n; i++)
		fprintf(af.fp, "%s\n", rows[i]);
	return atomic_file_commit(&af, &err) == 0 ? EXIT_OK : msg_sh_error(app, &err);
}

static int write_unmatched(struct app *app, const json_t *doc, const char *path)
{
	const json_t *arr = json_object_get(doc, "unmatched");
	const char **rows = xcalloc(json_array_size(arr) + 1, sizeof(*rows));
	size_t i;
	json_t *v;
	int rc;

	json_array_foreach(arr, i, v)
		rows[i] = json_string_value(json_object_get(v, "csv_row"));
	rc = write_lines_csv(app, path, "Code,Fehlermeldung,Bedeutung,Lösung,Glossar", rows,
			     json_array_size(arr));
	free(rows);
	return rc;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when s[0..len) can be one address on one line of a suppression list: a log's
 * recipient with a line break inside ("x@a.com\nceo@client.com") must not add a second
 * address to the list. */
static int plain_address(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return len > 0;
}

static int write_addresses(struct app *app, const struct agg *a, const char *path)
{
	/* the run kept every address (cfg.collect_addresses) */
	const struct strmap *set = &a->addresses.exact;
	const char **rows = xcalloc(set->n + 1, sizeof(*rows));
	struct strbuf *cells = xcalloc(set->n + 1, sizeof(*cells));
	size_t i, n = 0;
	int rc;

	for (i = 0; i < set->n; i++) {
		if (!plain_address(set->keys[i], set->lens[i]))
			continue;
		strbuf_init(&cells[n]);
		csv_cell_field(&cells[n], set->keys[i], set->lens[i]);
		rows[n] = cells[n].buf;
		n++;
	}
	qsort(rows, n, sizeof(*rows), by_str);
	rc = write_lines_csv(app, path, "email", rows, n);
	if (rc == EXIT_OK)
		msg_info(app, "wrote %zu invalid addresses to '%s'", n, path);
	if (rc == EXIT_OK && n < set->n)
		msg_info(app, "left out %zu recipients with white space or control characters in "
			      "them (not addresses)", set->n - n);
	for (i = 0; i < n; i++)
		strbuf_release(&cells[i]);
	free(cells);
	free(rows);
	return rc;
}

static int load_previous(struct app *app, const char *path, json_t **prev)
{
	struct sh_error err = { 0 };

	if (!(*prev = report_load_file(path, &err)))
		return msg_sh_error(app, &err);
	if (!json_is_object(*prev) || !json_is_integer(json_object_get(*prev, "schema_version"))) {
		json_decref(*prev);
		*prev = NULL;
		msg_error(app, "'%s' is not a sendhealth JSON report", path);
		return EXIT_IO;
	}
	if (report_check_counts(*prev, path, &err) != 0) {
		json_decref(*prev);
		*prev = NULL;
		msg_sh_error(app, &err);
		return EXIT_IO;
	}
	return EXIT_OK;
}

static int write_all(struct app *app, json_t *doc, const struct opt_list *out,
		     enum out_format format)
{
	size_t i;
	int rc = EXIT_OK;

	if (!out->n)
		return report_write(app, doc, format != OUT_AUTO ? format : OUT_TEXT, "-");
	for (i = 0; i < out->n; i++) {
		enum out_format f = format != OUT_AUTO ? format : out_format_from(NULL, out->v[i]);
		int r;
		if (f == OUT_AUTO)
			return msg_usage(app, "cannot tell the format of '%s': use --format", out->v[i]);
		r = report_write(app, doc, f, out->v[i]);
		if (r != EXIT_OK)
			rc = r;
		else if (strcmp(out->v[i], "-"))
			msg_info(app, "wrote '%s'", out->v[i]);
	}
	return rc;
}

/* Client names as file names: letters, digits, '-', '_', '.'; everything else '_'. */
static void file_name(struct strbuf *sb, const char *dir, const char *client, const char *ext)
{
	const unsigned char *p;

	strbuf_addf(sb, "%s/", dir);
	for (p = (const unsigned char *)client; *p; p++)
		strbuf_addch(sb, (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				  (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
					 ? (char)*p : '_');
	strbuf_addf(sb, ".%s", ext);
}

static int write_split(struct app *app, struct report_job *job, struct pipeline_result *res,
		       json_t *agency, const char *dir, enum out_format format)
{
	enum out_format f = format != OUT_AUTO ? format : OUT_XLSX;
	const char *ext = f == OUT_JSON ? "json" : f == OUT_CSV ? "csv" : f == OUT_TEXT ? "txt" : "xlsx";
	struct strbuf path;
	size_t i;
	int rc = EXIT_OK, r;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		msg_error(app, "cannot create the directory '%s': %s", dir, strerror(errno));
		return EXIT_IO;
	}
	strbuf_init(&path);
	for (i = 0; i < res->nclients; i++) {
		json_t *doc = report_job_document(job, app, &res->clients[i], &res->inputs);
		strbuf_reset(&path);
		file_name(&path, dir, res->client_names[i], ext);
		r = report_write(app, doc, f, path.buf);
		if (r != EXIT_OK)
			rc = r;
		json_decref(doc);
	}
	strbuf_reset(&path);
	file_name(&path, dir, "agency", ext);
	r = report_write(app, agency, f, path.buf);
	if (r != EXIT_OK)
		rc = r;
	else
		msg_info(app, "wrote %zu client reports and '%s'", res->nclients, path.buf);
	strbuf_release(&path);
	return rc;
}

/* Reads the inputs and writes every output asked for; returns an exit code. */
static int run(struct app *app, struct report_opts *o, char **inputs, int n)
{
	struct report_job job;
	struct pipeline_result res;
	json_t *doc = NULL, *prev = NULL;
	int split = o->split_by != NULL, rc, r;

	memset(&res, 0, sizeof(res));
	report_job_init(&job, app, &o->job);
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out;
	if (o->compare && (rc = load_previous(app, o->compare, &prev)) != EXIT_OK)
		goto out;
	job.cfg.collect_addresses = o->addresses != NULL;
	rc = report_job_read(&job, app, inputs, n, split, &res);
	if (rc != EXIT_OK && rc != EXIT_REJECTED)
		goto out;
	if ((r = report_job_resolve_stats(&job, app, &res.all)) != EXIT_OK) {
		rc = r;
		goto out;
	}
	doc = report_job_document(&job, app, &res.all, &res.inputs);
	if (prev)
		json_object_set_new(doc, "compare", compare_build(doc, prev));
	r = split ? write_split(app, &job, &res, doc, o->outputs.v[0], o->format)
		  : write_all(app, doc, &o->outputs, o->format);
	if (r != EXIT_OK)
		rc = r;
	if (o->summary && o->outputs.n && (r = report_write(app, doc, OUT_TEXT, "-")) != EXIT_OK)
		rc = r;
	if (o->unmatched && (r = write_unmatched(app, doc, o->unmatched)) != EXIT_OK)
		rc = r;
	if (o->addresses && (r = write_addresses(app, &res.all, o->addresses)) != EXIT_OK)
		rc = r;
	/* rows of --clients that could not be used were reported too: never exit 0 then */
	if (rc == EXIT_OK && app->rejected)
		rc = EXIT_REJECTED;
	msg_rejected_summary(app);
out:
	json_decref(doc);
	json_decref(prev);
	pipeline_result_release(&res);
	report_job_release(&job);
	return rc;
}

int cmd_report(struct app *app, int argc, char **argv)
{
	struct report_opts o;
	int first, rc = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	switch (opt_parse(app, &spec, &o, argc, argv, &first)) {
	case OPT_HELP:
		rc = EXIT_OK;
		goto out;
	case OPT_ERROR:
		goto out;
	}
	if (first >= argc)
		msg_usage(app, "no input given (a log file, or '-' for stdin)");
	else if (o.split_by && (!o.job.clients || o.outputs.n != 1))
		msg_usage(app, "--split-by client needs --clients FILE and one -o DIR");
	else
		rc = run(app, &o, argv + first, argc - first);
out:
	opt_list_release(&o.outputs);
	opt_list_release(&o.job.stats);
	return rc;
}
