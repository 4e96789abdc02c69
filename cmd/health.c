/* health.c - `sendhealth health`: the verdict table per sending domain (and client), with
 * the monitoring-plugin exit codes so cron or a monitor can alert on it:
 * 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (no domain could be judged, or the run failed). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/report_job.h"
#include "report/render/health_out.h"

struct health_opts {
	int json;
	const char *domain;
	struct report_job_opts job;
};

#define O(f) offsetof(struct health_opts, f)
static const struct cmd_option options[] = {
	OPT_FLAG("json", 0, "print the health array as JSON", O(json)),
	OPT_STR("domain", 'd', "D", "only this sending domain", O(domain)),
	OPT_PART(report_job_doc_options, O(job)),
	OPT_PART(report_job_input_options, O(job)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"health", "[options] INPUT...",
	"Print the sending-health verdict per domain and client and exit with the\n"
	"monitoring-plugin code of the worst: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (nothing\n"
	"could be judged, or the inputs could not be read).",
	NULL, options,
	"no input given (a log file, or '-' for stdin)",
};

static int exit_for(const char *verdict)
{
	if (!strcmp(verdict, "CRITICAL"))
		return HEALTH_EXIT_CRITICAL;
	if (!strcmp(verdict, "WARNING"))
		return HEALTH_EXIT_WARNING;
	if (!strcmp(verdict, "OK"))
		return HEALTH_EXIT_OK;
	return HEALTH_EXIT_UNKNOWN;
}

/* CRITICAL > WARNING > OK > UNKNOWN: a domain too small to judge does not hide the rest. */
static int worse(int a, int b)
{
	static const int rank[] = { 1, 2, 3, 0 }; /* by exit code 0..3 */
	return rank[b] > rank[a] ? b : a;
}

/* The exit code of the worst verdict among doc's domains (only the one named only). */
static int worst_of(const json_t *doc, const char *only)
{
	int worst = HEALTH_EXIT_UNKNOWN;
	size_t i;
	json_t *h;

	json_array_foreach(json_object_get(doc, "health"), i, h) {
		const char *d = json_string_value(json_object_get(h, "domain"));
		if (!only || !d || !strcmp(d, only))
			worst = worse(worst, exit_for(json_string_value(json_object_get(h, "verdict"))));
	}
	return worst;
}

/* A window no event fell in: a sentence, not an empty table (the exit code stays UNKNOWN). */
static void say_empty_window(struct app *app, const struct job_opts *w, long read)
{
	char what[160];

	if (w->week)
		snprintf(what, sizeof(what), "the week %.20s", w->week);
	else
		snprintf(what, sizeof(what), "the window%s%.40s%s%.40s", w->since ? " from " : "",
			 w->since ? w->since : "", w->until ? " until " : "", w->until ? w->until : "");
	msg_error(app, "no events fell in %s (%ld %s read, all outside it): nothing to judge",
		  what, read, read == 1 ? "event" : "events");
}

/* Prints the verdicts of the inputs; returns the worst verdict's exit code. */
static int run(struct app *app, struct health_opts *o, char **inputs, int n)
{
	struct job job;
	struct pipeline_result res;
	int r, rc = HEALTH_EXIT_UNKNOWN, empty;
	json_t *doc = NULL;

	memset(&res, 0, sizeof(res));
	report_job_init(&job, app, &o->job);
	if (report_job_prepare(&job, app) != EXIT_OK)
		goto out;
	r = report_job_read(&job, app, inputs, n, 0, &res);
	if (r != EXIT_OK && r != EXIT_REJECTED)
		goto out;
	if (report_job_resolve_stats(&job, app, &res.all) != EXIT_OK)
		goto out;
	doc = job_document(&job, &res.all, &res.inputs);
	empty = job.cfg.have_window && !res.all.records;
	if (empty)
		say_empty_window(app, &o->job.job, res.all.outside_window);
	if (o->json)
		health_out_json(doc, stdout);
	else if (!empty && !health_out_table(doc, o->domain, stdout) && o->domain)
		msg_error(app, "no events for the domain '%s'", o->domain);
	msg_rejected_summary(app);
	rc = worst_of(doc, o->domain);
out:
	json_decref(doc);
	pipeline_result_release(&res);
	job_release(&job);
	return rc;
}

int cmd_health(struct app *app, int argc, char **argv)
{
	struct health_opts o;
	int first, rc;

	memset(&o, 0, sizeof(o));
	if ((rc = opt_parse(app, &spec, &o, argc, argv, &first)) != OPT_DONE)
		rc = opt_exit(rc, HEALTH_EXIT_UNKNOWN);
	else
		rc = run(app, &o, argv + first, argc - first);
	opt_list_release(&o.job.stats);
	return rc;
}
