/* report.c - `sendhealth report`: the weekly deliverability report and each client's
 * failure breakdown, from exported logs or the ESP APIs, as XLSX, JSON, text or CSV. */
#include <errno.h>
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

static const struct cmd_option options[] = {
	{ "output", 'o', "FILE", "write the report here; repeat for several formats (default: text to stdout)" },
	{ "format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)" },
	{ "summary", 0, NULL, "also print the text summary to stdout" },
	{ "since", 0, "T", "only events from T: a date, a date-time, or a span like 7d" },
	{ "until", 0, "T", "only events before T (a bare date includes that day)" },
	{ "week", 0, "YYYY-Www", "only the ISO week, Monday 00:00 UTC (see --tz)" },
	{ "tz", 0, "OFFSET", "shift --week to local time, e.g. +01:00" },
	{ "clients", 0, "FILE", "CSV client,domain: adds a client dimension" },
	{ "split-by", 0, "client", "with -o DIR: DIR/<client>.xlsx per client plus DIR/agency.xlsx" },
	{ "compare", 0, "PREVIOUS.json", "add changes against an earlier JSON report" },
	{ "thresholds", 0, "FILE", "health thresholds as JSON (see README)" },
	{ "stats", 0, "[DOMAIN=]FILE", "sent volume from Mailgun or SendGrid stats JSON (repeatable)" },
	{ "unmatched-csv", 0, "FILE", "write unmatched messages as rows to paste into the shared sheet" },
	{ "export-addresses", 0, "FILE", "write the invalid recipient addresses (for a suppression list)" },
	{ "input-format", 0, "F", "mailgun, sendgrid, sendgrid-csv, csv, nodemailer or records" },
	{ "map", 0, "FIELD=COL,...", "CSV columns by name for other senders' logs" },
	{ "strict", 0, NULL, "stop at the first bad record" },
	{ "jobs", 'j', "N", "worker threads (default: online CPUs)" },
	{ "api-key-file", 0, "FILE", "API key for mailgun:/sendgrid: inputs (else $MAILGUN_API_KEY, $SENDGRID_API_KEY)" },
	{ "region", 0, "us|eu", "Mailgun region for mailgun:DOMAIN inputs (default us)" },
	{ "api-key", 0, "KEY", "refused: a key on the command line shows in ps and shell history" },
	{ 0 },
};

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

struct outputs {
	const char *path[8];
	int n;
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

static int write_all(struct app *app, json_t *doc, const struct outputs *out, const char *format)
{
	int i, rc = EXIT_OK;

	if (!out->n)
		return report_write(app, doc, format ? out_format_from(format, NULL) : OUT_TEXT, "-");
	for (i = 0; i < out->n; i++) {
		enum out_format f = out_format_from(format, out->path[i]);
		int r;
		if (f == OUT_AUTO)
			return msg_usage(app, "cannot tell the format of '%s': use --format", out->path[i]);
		r = report_write(app, doc, f, out->path[i]);
		if (r != EXIT_OK)
			rc = r;
		else if (strcmp(out->path[i], "-"))
			msg_info(app, "wrote '%s'", out->path[i]);
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
		       json_t *agency, const char *dir, const char *format)
{
	enum out_format f = format ? out_format_from(format, NULL) : OUT_XLSX;
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

int cmd_report(struct app *app, int argc, char **argv)
{
	struct opt_state st = { 0 };
	struct report_job job;
	struct pipeline_result res;
	struct outputs out = { { 0 }, 0 };
	const char *format = NULL, *compare = NULL, *unmatched = NULL, *addresses = NULL;
	int summary = 0, split = 0, o, rc, r;
	const char *name;
	json_t *doc = NULL, *prev = NULL;

	memset(&res, 0, sizeof(res));
	report_job_init(&job, app);
	while ((o = opt_next(&st, app, &spec, argc, argv)) != OPT_DONE) {
		if (o == OPT_HELP || o == OPT_ERROR) {
			report_job_release(&job);
			return o == OPT_HELP ? EXIT_OK : EXIT_USAGE;
		}
		name = options[o].name;
		if (!strcmp(name, "output")) {
			if (out.n == 8) {
				report_job_release(&job);
				return msg_usage(app, "at most 8 outputs");
			}
			out.path[out.n++] = st.arg;
		} else if (!strcmp(name, "format")) {
			if (out_format_from(st.arg, NULL) == OUT_AUTO) {
				report_job_release(&job);
				return msg_usage(app, "--format takes xlsx, json, text or csv, not '%s'", st.arg);
			}
			format = st.arg;
		} else if (!strcmp(name, "summary")) {
			summary = 1;
		} else if (!strcmp(name, "split-by")) {
			if (strcmp(st.arg, "client")) {
				report_job_release(&job);
				return msg_usage(app, "--split-by takes 'client'");
			}
			split = 1;
		} else if (!strcmp(name, "compare")) {
			compare = st.arg;
		} else if (!strcmp(name, "unmatched-csv")) {
			unmatched = st.arg;
		} else if (!strcmp(name, "export-addresses")) {
			addresses = st.arg;
		} else if (report_job_option(&job, app, name, st.arg) < 0) {
			report_job_release(&job);
			return EXIT_USAGE;
		}
	}
	rc = EXIT_USAGE;
	if (st.ind >= argc) {
		msg_usage(app, "no input given (a log file, or '-' for stdin)");
		goto out;
	}
	if (split && (!job.clients_path || out.n != 1)) {
		msg_usage(app, "--split-by client needs --clients FILE and one -o DIR");
		goto out;
	}
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out;
	if (compare && (rc = load_previous(app, compare, &prev)) != EXIT_OK)
		goto out;
	job.cfg.collect_addresses = addresses != NULL;
	rc = report_job_read(&job, app, argv + st.ind, argc - st.ind, split, &res);
	if (rc != EXIT_OK && rc != EXIT_REJECTED)
		goto out;
	if ((r = report_job_resolve_stats(&job, app, &res.all)) != EXIT_OK) {
		rc = r;
		goto out;
	}
	doc = report_job_document(&job, app, &res.all, &res.inputs);
	if (prev)
		json_object_set_new(doc, "compare", compare_build(doc, prev));
	r = split ? write_split(app, &job, &res, doc, out.path[0], format) : write_all(app, doc, &out, format);
	if (r != EXIT_OK)
		rc = r;
	if (summary && out.n && (r = report_write(app, doc, OUT_TEXT, "-")) != EXIT_OK)
		rc = r;
	if (unmatched && (r = write_unmatched(app, doc, unmatched)) != EXIT_OK)
		rc = r;
	if (addresses && (r = write_addresses(app, &res.all, addresses)) != EXIT_OK)
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
