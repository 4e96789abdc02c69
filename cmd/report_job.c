/* report_job.c - the option parts report, health and merge share, and their run's steps
 * with messages: the run itself is report/run/job.c. */
#include "cmd/report_job.h"

#include <stddef.h>
#include <string.h>

#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/optval.h"

#define O(f) offsetof(struct report_job_opts, f)

const struct cmd_option report_job_doc_options[] = {
	OPT_STR("clients", 0, "FILE", "CSV client,domain: adds a client dimension", O(job.clients)),
	OPT_STR("thresholds", 0, "FILE", "health thresholds as JSON (see README)", O(job.thresholds)),
	OPT_END,
};

static const char *const regions[] = { "us", "eu", NULL };

const struct cmd_option report_job_input_options[] = {
	OPT_STR("since", 0, "T", "only events from T: a date, a date-time, or a span like 7d", O(job.since)),
	OPT_STR("until", 0, "T", "only events before T (a bare date includes that day)", O(job.until)),
	OPT_STR("week", 0, "YYYY-Www", "only the ISO week, Monday 00:00 UTC (see --tz)", O(job.week)),
	OPT_STR("tz", 0, "OFFSET", "the time zone of --week and of bare dates, e.g. +01:00", O(job.tz)),
	OPT_LIST("stats", 0, "[DOMAIN=]FILE", "sent volume from Mailgun or SendGrid stats JSON (repeatable)",
		 O(stats), 0),
	OPT_CALL("input-format", 0, "F", "mailgun, sendgrid, sendgrid-csv, csv, nodemailer, records, mail or mbox",
		 O(job.input_format), optval_input_format),
	OPT_STR("map", 0, "FIELD=COL,...", "CSV columns by name for other senders' logs", O(job.map)),
	OPT_CALL("date-order", 0, "ORDER",
		 "dmy, mdy or ymd: how CSV dates like 05/06/2026 read (default auto: as the file's other rows say)",
		 O(job.date_order), optval_date_order),
	OPT_FLAG("strict", 0, "stop at the first bad record", O(job.strict)),
	OPT_LONG("jobs", 'j', "N", "worker threads (default: online CPUs)", O(jobs), 1, 256),
	OPT_STR("api-key-file", 0, "FILE",
		"API key for mailgun:/sendgrid: inputs (else $MAILGUN_API_KEY, $SENDGRID_API_KEY)",
		O(job.api_key_file)),
	OPT_STR("imap-password-file", 0, "FILE",
		"IMAP password for imaps:// inputs (else $SENDHEALTH_IMAP_PASSWORD)",
		O(job.imap_password_file)),
	OPT_WORD("region", 0, "us|eu", "Mailgun region for mailgun:DOMAIN inputs (default us)",
		 O(job.region), regions),
	OPT_CALL("api-key", 0, "KEY", "refused: a key on the command line shows in ps and shell history",
		 0, optval_refuse_api_key),
	OPT_END,
};

int report_job_parse_format(void *field, const char *arg, struct sh_error *err)
{
	enum render_format f = render_format_from_name(arg);

	if (f == RENDER_AUTO)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--format takes xlsx, json, text or csv, not '%s'", arg);
	*(enum render_format *)field = f;
	return 0;
}

static void api_progress(void *ctx, long events)
{
	msg_verbose(ctx, "read %ld events from the API", events);
}

void report_job_init(struct job *job, struct app *app, const struct report_job_opts *o)
{
	struct job_opts jo = o->job;

	jo.stats = o->stats.v;
	jo.nstats = o->stats.n;
	jo.jobs = (int)o->jobs;
	jo.catalogue = app->catalogue_path;
	jo.lang = app->lang;
	job_init(job, &jo);
	job->api.progress = api_progress;
	job->api.progress_ctx = app;
}

/* Prints err, with the --help hint when it is a bad option value; returns its exit code. */
static int report_job_failed(struct app *app, const struct sh_error *err)
{
	if (err->kind == SH_ERR_USAGE && !err->file)
		return msg_usage(app, "%s", err->msg);
	return msg_sh_error(app, err);
}

int report_job_prepare(struct job *job, struct app *app)
{
	struct sh_error err = { 0 };

	return job_prepare(job, &app->sink, &err) == 0 ? EXIT_OK : report_job_failed(app, &err);
}

int report_job_read(struct job *job, struct app *app, char **inputs, int n,
		    int split_by_client, struct pipeline_result *res)
{
	struct sh_error err = { 0 };

	if (job_read(job, inputs, (size_t)n, split_by_client, &app->sink, res, &err) != 0)
		return msg_sh_error(app, &err);
	return res->inputs.skipped ? EXIT_REJECTED : EXIT_OK;
}

int report_job_resolve_stats(struct job *job, struct app *app, const struct agg *a)
{
	struct sh_error err = { 0 };

	return job_resolve_stats(job, a, &err) == 0 ? EXIT_OK : report_job_failed(app, &err);
}

int report_job_write(struct app *app, const json_t *doc, enum render_format f,
		     const char *path)
{
	struct sh_error err = { 0 };

	return render_write(doc, f, app->lang, path, &err) == 0 ? EXIT_OK
								 : report_job_failed(app, &err);
}
