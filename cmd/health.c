/* health.c - `sendhealth health`: the verdict table per sending domain (and client), with
 * the monitoring-plugin exit codes so cron or a monitor can alert on it:
 * 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (no domain could be judged, or the run failed). */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/report_job.h"

static const struct cmd_option options[] = {
	{ "json", 0, NULL, "print the health array as JSON" },
	{ "domain", 'd', "D", "only this sending domain" },
	{ "since", 0, "T", "only events from T: a date, a date-time, or a span like 7d" },
	{ "until", 0, "T", "only events before T" },
	{ "week", 0, "YYYY-Www", "only the ISO week" },
	{ "tz", 0, "OFFSET", "shift --week to local time" },
	{ "clients", 0, "FILE", "CSV client,domain: adds a verdict per client" },
	{ "thresholds", 0, "FILE", "health thresholds as JSON" },
	{ "stats", 0, "[DOMAIN=]FILE", "sent volume from Mailgun or SendGrid stats JSON" },
	{ "input-format", 0, "F", "mailgun, sendgrid, sendgrid-csv, csv, nodemailer or records" },
	{ "map", 0, "FIELD=COL,...", "CSV columns by name" },
	{ "jobs", 'j', "N", "worker threads" },
	{ "api-key-file", 0, "FILE", "API key for mailgun:/sendgrid: inputs (else $MAILGUN_API_KEY, $SENDGRID_API_KEY)" },
	{ "region", 0, "us|eu", "Mailgun region for mailgun:DOMAIN inputs (default us)" },
	{ "api-key", 0, "KEY", "refused: a key on the command line shows in ps and shell history" },
	{ 0 },
};

static const struct cmd_spec spec = {
	"health", "[options] INPUT...",
	"Print the sending-health verdict per domain and client and exit with the\n"
	"monitoring-plugin code of the worst: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (nothing\n"
	"could be judged, or the inputs could not be read).",
	NULL, options,
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

static void print_rate(const json_t *rates, const char *id)
{
	size_t i;
	json_t *r;

	json_array_foreach(rates, i, r) {
		if (strcmp(json_string_value(json_object_get(r, "id")), id))
			continue;
		if (json_is_null(json_object_get(r, "value")))
			printf(" %9s", "-");
		else
			printf(" %8.2f%%", json_number_value(json_object_get(r, "value")) * 100);
		return;
	}
	printf(" %9s", "-");
}

static int print_table(const json_t *health, const char *only, int *worst)
{
	size_t i;
	json_t *h, *reason;
	int shown = 0;

	printf("%-30s %-18s %-17s %9s %9s %9s %9s\n", "DOMAIN", "CLIENT", "VERDICT", "SENT",
	       "BOUNCE", "COMPLAINT", "THROTTLE");
	json_array_foreach(health, i, h) {
		const char *d = json_string_value(json_object_get(h, "domain"));
		const char *c = json_string_value(json_object_get(h, "client"));
		const char *v = json_string_value(json_object_get(h, "verdict"));
		size_t k;
		if (only && d && strcmp(d, only))
			continue;
		shown++;
		*worst = worse(*worst, exit_for(v));
		printf("%-30s %-18s %-17s %9lld", d ? d : "", c ? c : "-", v,
		       (long long)json_integer_value(json_object_get(h, "sent")));
		print_rate(json_object_get(h, "rates"), "hard_bounce");
		print_rate(json_object_get(h, "rates"), "complaint");
		print_rate(json_object_get(h, "rates"), "throttle");
		putchar('\n');
		json_array_foreach(json_object_get(h, "reasons"), k, reason)
			printf("    %s\n", json_string_value(reason));
	}
	return shown;
}

int cmd_health(struct app *app, int argc, char **argv)
{
	struct opt_state st = { 0 };
	struct report_job job;
	struct pipeline_result res;
	const char *only = NULL;
	int json = 0, o, rc, worst = HEALTH_EXIT_UNKNOWN;
	json_t *doc = NULL;

	memset(&res, 0, sizeof(res));
	report_job_init(&job, app);
	while ((o = opt_next(&st, app, &spec, argc, argv)) != OPT_DONE) {
		if (o == OPT_HELP || o == OPT_ERROR) {
			report_job_release(&job);
			return o == OPT_HELP ? EXIT_OK : HEALTH_EXIT_UNKNOWN;
		}
		if (!strcmp(options[o].name, "json"))
			json = 1;
		else if (!strcmp(options[o].name, "domain"))
			only = st.arg;
		else if (report_job_option(&job, app, options[o].name, st.arg) < 0) {
			report_job_release(&job);
			return HEALTH_EXIT_UNKNOWN;
		}
	}
	rc = HEALTH_EXIT_UNKNOWN;
	if (st.ind >= argc) {
		msg_usage(app, "no input given (a log file, or '-' for stdin)");
		goto out;
	}
	if (report_job_prepare(&job, app) != EXIT_OK)
		goto out;
	o = report_job_read(&job, app, argv + st.ind, argc - st.ind, 0, &res);
	if (o != EXIT_OK && o != EXIT_REJECTED)
		goto out;
	if (report_job_resolve_stats(&job, app, &res.all) != EXIT_OK)
		goto out;
	doc = report_job_document(&job, app, &res.all, &res.inputs);
	if (json) {
		json_t *h = json_object_get(doc, "health");
		size_t i;
		json_t *v;
		json_array_foreach(h, i, v) {
			const char *d = json_string_value(json_object_get(v, "domain"));
			if (!only || (d && !strcmp(d, only)))
				worst = worse(worst, exit_for(json_string_value(json_object_get(v, "verdict"))));
		}
		json_dumpf(h, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (!print_table(json_object_get(doc, "health"), only, &worst) && only) {
		msg_error(app, "no events for the domain '%s'", only);
	}
	if (!json && json_array_size(json_object_get(doc, "clients"))) {
		size_t i;
		json_t *c;
		printf("\n%-30s %-17s %9s\n", "CLIENT", "VERDICT", "SENT");
		json_array_foreach(json_object_get(doc, "clients"), i, c) {
			const json_t *h = json_object_get(c, "health");
			printf("%-30s %-17s %9lld\n", json_string_value(json_object_get(c, "client")),
			       json_string_value(json_object_get(h, "verdict")),
			       (long long)json_integer_value(json_object_get(h, "sent")));
		}
	}
	msg_rejected_summary(app);
	rc = worst;
out:
	json_decref(doc);
	pipeline_result_release(&res);
	report_job_release(&job);
	return rc;
}
