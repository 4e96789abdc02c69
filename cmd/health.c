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

/* Prints the verdicts of the inputs; returns the worst verdict's exit code. */
static int run(struct app *app, struct health_opts *o, char **inputs, int n)
{
	struct job job;
	struct pipeline_result res;
	int r, rc = HEALTH_EXIT_UNKNOWN, worst = HEALTH_EXIT_UNKNOWN;
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
	if (o->json) {
		json_t *h = json_object_get(doc, "health");
		size_t i;
		json_t *v;
		json_array_foreach(h, i, v) {
			const char *d = json_string_value(json_object_get(v, "domain"));
			if (!o->domain || (d && !strcmp(d, o->domain)))
				worst = worse(worst, exit_for(json_string_value(json_object_get(v, "verdict"))));
		}
		json_dumpf(h, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (!print_table(json_object_get(doc, "health"), o->domain, &worst) && o->domain) {
		msg_error(app, "no events for the domain '%s'", o->domain);
	}
	if (!o->json && json_array_size(json_object_get(doc, "clients"))) {
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
	job_release(&job);
	return rc;
}

int cmd_health(struct app *app, int argc, char **argv)
{
	struct health_opts o;
	int first, rc = HEALTH_EXIT_UNKNOWN;

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
	else
		rc = run(app, &o, argv + first, argc - first);
out:
	opt_list_release(&o.job.stats);
	return rc;
}
