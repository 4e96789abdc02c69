/* report_job.c - shared options and the run from inputs to report documents for the
 * report, health and merge commands. */
#include "cmd/report_job.h"
#include "catalogue/store.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/optval.h"
#include "report/render/csv_errors.h"
#include "report/doc/report_json.h"
#include "report/run/stats_file.h"
#include "report/render/text.h"
#include "report/render/xlsx.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timeparse.h"

#define O(f) offsetof(struct report_job_opts, f)

const struct cmd_option report_job_doc_options[] = {
	OPT_STR("clients", 0, "FILE", "CSV client,domain: adds a client dimension", O(clients)),
	OPT_STR("thresholds", 0, "FILE", "health thresholds as JSON (see README)", O(thresholds)),
	OPT_END,
};

static const char *const regions[] = { "us", "eu", NULL };

const struct cmd_option report_job_input_options[] = {
	OPT_STR("since", 0, "T", "only events from T: a date, a date-time, or a span like 7d", O(since)),
	OPT_STR("until", 0, "T", "only events before T (a bare date includes that day)", O(until)),
	OPT_STR("week", 0, "YYYY-Www", "only the ISO week, Monday 00:00 UTC (see --tz)", O(week)),
	OPT_STR("tz", 0, "OFFSET", "the time zone of --week and of bare dates, e.g. +01:00", O(tz)),
	OPT_LIST("stats", 0, "[DOMAIN=]FILE", "sent volume from Mailgun or SendGrid stats JSON (repeatable)",
		 O(stats), 0),
	OPT_CALL("input-format", 0, "F", "mailgun, sendgrid, sendgrid-csv, csv, nodemailer or records",
		 O(input_format), optval_input_format),
	OPT_STR("map", 0, "FIELD=COL,...", "CSV columns by name for other senders' logs", O(map)),
	OPT_FLAG("strict", 0, "stop at the first bad record", O(strict)),
	OPT_LONG("jobs", 'j', "N", "worker threads (default: online CPUs)", O(jobs), 1, 256),
	OPT_STR("api-key-file", 0, "FILE",
		"API key for mailgun:/sendgrid: inputs (else $MAILGUN_API_KEY, $SENDGRID_API_KEY)",
		O(api_key_file)),
	OPT_WORD("region", 0, "us|eu", "Mailgun region for mailgun:DOMAIN inputs (default us)", O(region),
		 regions),
	OPT_CALL("api-key", 0, "KEY", "refused: a key on the command line shows in ps and shell history",
		 0, optval_refuse_api_key),
	OPT_END,
};

static void api_progress(void *ctx, long events)
{
	msg_verbose(ctx, "read %ld events from the API", events);
}

void report_job_init(struct report_job *job, struct app *app, struct report_job_opts *o)
{
	memset(job, 0, sizeof(*job));
	job->o = *o;
	memset(o, 0, sizeof(*o));
	thresholds_default(&job->th);
	api_inputs_init(&job->api);
	job->api.progress = api_progress;
	job->api.progress_ctx = app;
}

void report_job_release(struct report_job *job)
{
	size_t i;

	matcher_free(job->m);
	catalogue_free(job->cat);
	clients_free(job->clients);
	for (i = 0; i < job->nvolumes; i++)
		free(job->volumes[i].domain);
	free(job->volumes);
	opt_list_release(&job->o.stats);
	api_inputs_release(&job->api);
	memset(job, 0, sizeof(*job));
}

static int prepare_window(struct report_job *job, struct app *app)
{
	long tz = 0;
	time_t now = time(NULL);

	if (job->o.tz && time_parse_tz_offset(job->o.tz, &tz) != 0)
		return msg_usage(app, "--tz takes an offset such as +02:00 or UTC, not '%s'", job->o.tz);
	if (job->o.week) {
		if (job->o.since || job->o.until)
			return msg_usage(app, "--week cannot be combined with --since or --until");
		if (time_parse_iso_week(job->o.week, tz, &job->cfg.since, &job->cfg.until) != 0)
			return msg_usage(app, "--week takes an ISO week such as 2026-W47, not '%s'", job->o.week);
		job->cfg.have_window = 1;
		return EXIT_OK;
	}
	if (job->o.since || job->o.until) {
		job->cfg.since = 0;
		job->cfg.until = 4102444800.0; /* 2100-01-01 */
		if (job->o.since && time_parse_bound(job->o.since, now, &job->cfg.since) != 0)
			return msg_usage(app, "--since takes a date, a date-time or a span like 7d, not '%s'", job->o.since);
		if (job->o.until && time_parse_bound(job->o.until, now, &job->cfg.until) != 0)
			return msg_usage(app, "--until takes a date, a date-time or a span like 7d, not '%s'", job->o.until);
		/* a bare date as --until means the whole day */
		if (job->o.until && strlen(job->o.until) == 10 && job->o.until[4] == '-')
			job->cfg.until += 86400;
		/* bare dates are days in the --tz time zone */
		if (job->o.since && strlen(job->o.since) == 10)
			job->cfg.since -= (double)tz;
		if (job->o.until && strlen(job->o.until) == 10)
			job->cfg.until -= (double)tz;
		if (job->cfg.until <= job->cfg.since)
			return msg_usage(app, "the window is empty: --until is not after --since");
		job->cfg.have_window = 1;
	}
	return EXIT_OK;
}

int report_job_prepare(struct report_job *job, struct app *app)
{
	struct sh_error err = { 0 };
	int rc;

	job->api.key_file = job->o.api_key_file;
	if (job->o.region)
		job->api.region = job->o.region;
	if ((rc = prepare_window(job, app)) != EXIT_OK)
		return rc;
	if (job->o.thresholds && thresholds_load(job->o.thresholds, &job->th, &err) != 0)
		return msg_sh_error(app, &err) == EXIT_REJECTED ? EXIT_USAGE : exit_code_for(&err);
	if (job->o.clients && !(job->clients = clients_load(job->o.clients, &app->sink, &err)))
		return msg_sh_error(app, &err);
	if (job->o.map) {
		if (gcsv_parse_map(job->o.map, &job->map, &err) != 0) {
			msg_sh_error(app, &err);
			return EXIT_USAGE;
		}
		job->have_map = 1;
	}
	if (!(job->cat = catalogue_load_default(app->catalogue_path, &err)))
		return msg_sh_error(app, &err);
	job->m = matcher_new(job->cat);
	job->cfg.matcher = job->m;
	job->cfg.catalogue = job->cat;
	job->cfg.clients = job->clients;
	category_text(CATEGORY_UNKNOWN, app->lang); /* load the texts before any thread runs */
	return EXIT_OK;
}

int report_job_read(struct report_job *job, struct app *app, char **inputs, int n,
		    int split_by_client, struct pipeline_result *res)
{
	struct pipeline_opts po;
	struct sh_error err = { 0 };
	int rc = EXIT_OK;

	memset(&po, 0, sizeof(po));
	po.format = job->o.input_format;
	po.map = job->have_map ? &job->map : NULL;
	po.strict = job->o.strict;
	po.jobs = (int)job->o.jobs;
	po.sink = &app->sink;
	po.split = split_by_client ? job->clients : NULL;
	po.open_api = api_inputs_open;
	po.api_ctx = &job->api;
	if (job->cfg.have_window) {
		job->api.t0 = job->cfg.since;
		job->api.t1 = job->cfg.until < (double)time(NULL) ? job->cfg.until : (double)time(NULL);
	}
	if (pipeline_run(inputs, (size_t)n, &job->cfg, &po, res, &err) != 0)
		rc = msg_sh_error(app, &err);
	if (rc == EXIT_OK && res->inputs.skipped)
		rc = EXIT_REJECTED;
	return rc;
}

int report_job_resolve_stats(struct report_job *job, struct app *app, const struct agg *a)
{
	size_t i;

	for (i = 0; i < job->o.stats.n; i++) {
		const char *spec = job->o.stats.v[i], *eq = strchr(spec, '=');
		const char *path = eq ? eq + 1 : spec;
		struct sh_error err = { 0 };
		long sent, delivered;
		char *domain;

		if (eq) {
			domain = xstrndup(spec, (size_t)(eq - spec));
		} else if (a->dom_keys.n == 1) {
			domain = xstrdup(a->dom_keys.keys[0]);
		} else {
			return msg_usage(app, "--stats '%s' needs a domain when the logs hold %zu sending domains: --stats DOMAIN=FILE",
					 spec, a->dom_keys.n);
		}
		if (stats_file_load(path, &sent, &delivered, &err) != 0) {
			free(domain);
			return msg_sh_error(app, &err);
		}
		job->volumes = xrealloc(job->volumes, (job->nvolumes + 1) * sizeof(*job->volumes));
		job->volumes[job->nvolumes].domain = domain;
		job->volumes[job->nvolumes].sent = sent;
		job->volumes[job->nvolumes].delivered = delivered;
		job->nvolumes++;
	}
	return EXIT_OK;
}

json_t *report_job_document(struct report_job *job, struct app *app, const struct agg *a,
			    const struct report_inputs *inputs)
{
	struct report_meta meta;

	memset(&meta, 0, sizeof(meta));
	meta.lang = app->lang;
	meta.have_window = job->cfg.have_window;
	meta.since = job->cfg.since;
	meta.until = job->cfg.until;
	meta.inputs = inputs;
	meta.thresholds = &job->th;
	meta.clients = job->clients;
	meta.volumes = job->volumes;
	meta.nvolumes = job->nvolumes;
	return report_to_json(a, &meta);
}

enum out_format out_format_from(const char *name, const char *path)
{
	static const struct {
		const char *name;
		enum out_format f;
	} map[] = { { "xlsx", OUT_XLSX }, { "json", OUT_JSON }, { "text", OUT_TEXT },
		    { "txt", OUT_TEXT },  { "csv", OUT_CSV } };
	const char *dot;
	size_t i;

	if (name) {
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (!strcmp(name, map[i].name))
				return map[i].f;
		return OUT_AUTO;
	}
	if (!path || !strcmp(path, "-") || !(dot = strrchr(path, '.')))
		return OUT_TEXT;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (text_ieq(dot + 1, map[i].name))
			return map[i].f;
	return OUT_AUTO;
}

/* json_dumpf hands stdio each token on its own (a locked fwrite per token: a third of
 * `merge` on a large report); collected here, they go out in 64 KiB writes. */
struct dump_buf {
	FILE *fp;
	size_t n;
	char b[65536];
};

static int dump_flush(struct dump_buf *d)
{
	size_t n = d->n;

	d->n = 0;
	return n && fwrite(d->b, 1, n, d->fp) != n ? -1 : 0;
}

static int dump_piece(const char *buf, size_t len, void *ctx)
{
	struct dump_buf *d = ctx;

	if (len > sizeof(d->b) - d->n) {
		if (dump_flush(d) != 0)
			return -1;
		if (len > sizeof(d->b))
			return fwrite(buf, 1, len, d->fp) == len ? 0 : -1;
	}
	memcpy(d->b + d->n, buf, len);
	d->n += len;
	return 0;
}

static int dump_json(const json_t *doc, FILE *fp)
{
	struct dump_buf *d = xmalloc(sizeof(*d));
	int rc;

	d->fp = fp;
	d->n = 0;
	rc = json_dump_callback(doc, dump_piece, d, JSON_INDENT(2));
	if (rc == 0 && dump_piece("\n", 1, d) == 0)
		rc = dump_flush(d);
	else
		rc = -1;
	free(d);
	return rc;
}

int report_write(struct app *app, const json_t *doc, enum out_format format, const char *path)
{
	struct sh_error err = { 0 };
	struct atomic_file af;
	int ok;

	if (!path)
		path = "-";
	if (format == OUT_XLSX) {
		if (!strcmp(path, "-"))
			return msg_usage(app, "an XLSX report needs a file: -o report.xlsx");
		if (xlsx_write(doc, app->lang, path, &err) != 0)
			return msg_sh_error(app, &err);
		return EXIT_OK;
	}
	if (atomic_file_open(&af, path, &err) != 0)
		return msg_sh_error(app, &err);
	errno = 0;
	switch (format) {
	case OUT_JSON:
		ok = dump_json(doc, af.fp) == 0;
		break;
	case OUT_CSV:
		ok = csv_errors_write(doc, app->lang, af.fp) == 0;
		break;
	default:
		ok = text_write(doc, app->lang, af.fp, !strcmp(path, "-") && isatty(STDOUT_FILENO)) == 0;
		break;
	}
	if (!ok) {
		int e = errno ? errno : EIO;
		atomic_file_abort(&af);
		msg_error(app, "cannot write '%s': %s", path, strerror(e));
		return EXIT_IO;
	}
	return atomic_file_commit(&af, &err) == 0 ? EXIT_OK : msg_sh_error(app, &err);
}
