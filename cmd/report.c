/* report.c - `sendhealth report`: the weekly deliverability report and each client's
 * failure breakdown, from exported logs or the ESP APIs, as XLSX, JSON, text or CSV. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/report_job.h"
#include "report/doc/compare.h"
#include "report/render/csv_lists.h"
#include "report/render/render.h"

struct report_opts {
	struct opt_list outputs;
	enum render_format format; /* RENDER_AUTO: from each output's extension */
	int summary;
	const char *split_by, *compare, *unmatched, *addresses, *audience, *client;
	struct report_job_opts job;
};

static const char *const split_words[] = { "client", NULL };
static const char *const audience_words[] = { "agency", "client", NULL };

#define O(f) offsetof(struct report_opts, f)
static const struct cmd_option options[] = {
	OPT_LIST("output", 'o', "FILE", "write the report here; repeat for several formats (default: text to stdout)",
		 O(outputs), 8),
	OPT_CALL("format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)", O(format),
		 report_job_parse_format),
	OPT_FLAG("summary", 0, "also print the text summary to stdout", O(summary)),
	OPT_WORD("split-by", 0, "client", "with -o DIR: DIR/<client>.xlsx per client plus DIR/agency.xlsx",
		 O(split_by), split_words),
	OPT_WORD("audience", 0, "agency|client",
		 "agency (default): everything; client: only what a client should read",
		 O(audience), audience_words),
	OPT_STR("client", 0, "NAME", "the report of this client of --clients alone (a client report)",
		O(client)),
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
	"  sendhealth report logs.jsonl -o report.json --compare last-week.json\n"
	"  sendhealth report --clients clients.csv --client 'ACME GmbH' logs/*.jsonl -o acme.xlsx\n",
	options,
	"no input given (a log file, or '-' for stdin)",
};

static int write_addresses(struct app *app, const struct agg *a, const char *path)
{
	/* the run kept every address (cfg.collect_addresses) */
	const struct strmap *set = &a->addresses.keys;
	struct sh_error err = { 0 };
	size_t n = 0;

	if (csv_lists_addresses(set, path, &n, &err) != 0)
		return msg_sh_error(app, &err);
	msg_info(app, "wrote %zu invalid %s to '%s'", n, n == 1 ? "address" : "addresses", path);
	if (n < set->n)
		msg_info(app, "left out %zu %s with white space or control characters in "
			      "them (not addresses)", set->n - n,
			 set->n - n == 1 ? "recipient" : "recipients");
	return EXIT_OK;
}

static int write_all(struct app *app, json_t *doc, const struct opt_list *out,
		     enum render_format format)
{
	size_t i;
	int rc = EXIT_OK;

	if (!out->n)
		return report_job_write(app, doc, format != RENDER_AUTO ? format : RENDER_TEXT, "-");
	for (i = 0; i < out->n; i++) {
		enum render_format f = format != RENDER_AUTO ? format : render_format_from_path(out->v[i]);
		int r;
		if (f == RENDER_AUTO)
			return msg_usage(app, "cannot tell the format of '%s': use --format", out->v[i]);
		r = report_job_write(app, doc, f, out->v[i]);
		if (r != EXIT_OK)
			rc = r;
		else if (strcmp(out->v[i], "-"))
			msg_info(app, "wrote '%s'", out->v[i]);
	}
	return rc;
}

static int write_split(struct app *app, const struct job *job, const struct pipeline_result *res,
		       const json_t *agency, const json_t *prev, const char *dir,
		       enum render_format format)
{
	enum render_format f = format != RENDER_AUTO ? format : RENDER_XLSX;
	struct sh_error err = { 0 };
	struct strbuf path;

	if (job_write_split(job, res, agency, prev, dir, f, &err) != 0)
		return msg_sh_error(app, &err);
	strbuf_init(&path);
	render_split_path(&path, dir, "agency", f);
	msg_info(app, "wrote %zu client %s and '%s'", res->nclients,
		 res->nclients == 1 ? "report" : "reports", path.buf);
	strbuf_release(&path);
	return EXIT_OK;
}

/* The side files and the summary after the report itself; returns the first failure. */
static int write_extras(struct app *app, const struct report_opts *o, const json_t *doc,
			const struct agg *all)
{
	struct sh_error err = { 0 };
	int rc = EXIT_OK, r;

	if (o->summary && o->outputs.n && (r = report_job_write(app, doc, RENDER_TEXT, "-")) != EXIT_OK)
		rc = r;
	if (o->unmatched && csv_lists_unmatched(doc, o->unmatched, &err) != 0)
		rc = msg_sh_error(app, &err);
	if (o->addresses && (r = write_addresses(app, all, o->addresses)) != EXIT_OK)
		rc = r;
	return rc;
}

/* res's client names as "A, B, C" (the first five, then "…") into out. */
static void client_list(const struct pipeline_result *res, int with_data_only, struct strbuf *out)
{
	size_t i, n = 0;

	for (i = 0; i < res->nclients; i++) {
		if (with_data_only && res->clients[i].records <= res->clients[i].outside_window)
			continue;
		if (n++ == 5) {
			strbuf_add(out, ", …", strlen(", …"));
			break;
		}
		if (n > 1)
			strbuf_add(out, ", ", 2);
		strbuf_add(out, res->client_names[i], strlen(res->client_names[i]));
	}
}

/* Which of res's clients a client report is about: --client's, else the only client the
 * input holds. A client report never mixes clients, so an input holding several (or
 * events of no client) is refused. Returns EXIT_OK with *idx set, or an exit code after
 * a message. */
static int pick_client(struct app *app, const struct report_opts *o,
		       const struct pipeline_result *res, size_t *idx)
{
	struct strbuf names;
	size_t i, with_data = 0;
	long in_clients = 0;
	int rc;

	for (i = 0; i < res->nclients; i++) {
		if (o->client && !strcmp(res->client_names[i], o->client)) {
			*idx = i;
			return EXIT_OK;
		}
		if (res->clients[i].records > res->clients[i].outside_window) {
			*idx = i;
			with_data++;
			in_clients += res->clients[i].records;
		}
	}
	if (!o->client && with_data == 1 && in_clients == res->all.records)
		return EXIT_OK;
	strbuf_init(&names);
	client_list(res, !o->client, &names);
	if (o->client)
		rc = msg_usage(app, "--client '%s' is not a client in '%s' (its clients: %s)",
			       o->client, o->job.job.clients, names.len ? names.buf : "none");
	else if (!with_data)
		rc = msg_usage(app, "a client report shows one client, but no event of the input "
				    "belongs to a client in '%s': check its domains",
			       o->job.job.clients);
	else
		rc = msg_usage(app, "a client report shows one client, but the input holds events "
				    "of %zu %s (%s)%s: name one with --client NAME, or use "
				    "--split-by client", with_data, with_data == 1 ? "client" : "clients",
			       names.buf, in_clients < res->all.records ? " and of no client" : "");
	strbuf_release(&names);
	return rc;
}

/* Reads the inputs and writes every output asked for; returns an exit code. */
static int run(struct app *app, struct report_opts *o, char **inputs, int n)
{
	struct job job;
	struct pipeline_result res;
	struct sh_error err = { 0 };
	json_t *doc = NULL, *prev = NULL;
	const struct agg *a;
	size_t idx = 0;
	int split = o->split_by != NULL, one_client, rc, r;

	memset(&res, 0, sizeof(res));
	report_job_init(&job, app, &o->job);
	if (o->client || (o->audience && !strcmp(o->audience, "client")))
		job.o.audience = AUDIENCE_CLIENT;
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out;
	/* a client report from a client map: read per client and keep that client's part */
	one_client = !split && job.clients && job.o.audience == AUDIENCE_CLIENT;
	if (o->compare && job_load_previous(o->compare, &prev, &err) != 0) {
		rc = msg_sh_error(app, &err);
		goto out;
	}
	job.cfg.collect_addresses = o->addresses != NULL;
	rc = report_job_read(&job, app, inputs, n, split || one_client, &res);
	if (rc != EXIT_OK && rc != EXIT_REJECTED)
		goto out;
	if ((r = report_job_resolve_stats(&job, app, &res.all)) != EXIT_OK ||
	    (one_client && (r = pick_client(app, o, &res, &idx)) != EXIT_OK)) {
		rc = r;
		goto out;
	}
	a = one_client ? &res.clients[idx] : &res.all;
	doc = job_document(&job, a, &res.inputs);
	if (prev)
		json_object_set_new(doc, "compare",
				    one_client ? compare_build_for_client(doc, prev, res.client_names[idx])
					       : compare_build(doc, prev));
	r = split ? write_split(app, &job, &res, doc, prev, o->outputs.v[0], o->format)
		  : write_all(app, doc, &o->outputs, o->format);
	if (r != EXIT_OK)
		rc = r;
	if ((r = write_extras(app, o, doc, a)) != EXIT_OK)
		rc = r;
	/* rows of --clients that could not be used were reported too: never exit 0 then */
	if (rc == EXIT_OK && app->rejected)
		rc = EXIT_REJECTED;
	msg_rejected_summary(app);
out:
	json_decref(doc);
	json_decref(prev);
	pipeline_result_release(&res);
	job_release(&job);
	return rc;
}

/* -o of --split-by: an existing directory, or a new name without a report extension
 * ("out/", "week47"); never "-", an existing file or "one.xlsx". */
static int split_dir_ok(const char *path)
{
	struct stat st;
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (!strcmp(path, "-"))
		return 0;
	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode);
	/* a new name: a directory unless its last part ends in a report's extension */
	if (!dot || (slash && slash > dot))
		return 1;
	return render_format_from_path(path) == RENDER_AUTO;
}

int cmd_report(struct app *app, int argc, char **argv)
{
	struct report_opts o;
	int first, rc;

	memset(&o, 0, sizeof(o));
	if ((rc = opt_parse(app, &spec, &o, argc, argv, &first)) != OPT_DONE)
		rc = opt_exit(rc, EXIT_USAGE);
	else if (o.split_by && (!o.job.job.clients || o.outputs.n != 1))
		rc = msg_usage(app, "--split-by client needs --clients FILE and one -o DIR");
	else if (o.client && (!o.job.job.clients || o.split_by))
		rc = msg_usage(app, "--client NAME needs --clients FILE (and no --split-by)");
	else if (o.split_by && !split_dir_ok(o.outputs.v[0]))
		rc = msg_usage(app, "--split-by client writes one file per client into a directory, "
				    "but '%s' names a file: use -o DIR (e.g. -o reports/)",
			       o.outputs.v[0]);
	else
		rc = run(app, &o, argv + first, argc - first);
	opt_list_release(&o.outputs);
	opt_list_release(&o.job.stats);
	return rc;
}
