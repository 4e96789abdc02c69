/* merge.c - `sendhealth merge`: combine JSON reports of disjoint inputs into exactly the
 * report one run over all of them gives - how shards run in parallel elsewhere (GNU
 * parallel, Hadoop Streaming, a Spark pipe) come back together. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/report_job.h"
#include "report/doc/report_json.h"
#include "util/json_arena.h"
#include "util/timeparse.h"

static const struct cmd_option options[] = {
	{ "output", 'o', "FILE", "write the merged report here (default: JSON to stdout)" },
	{ "format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)" },
	{ "clients", 0, "FILE", "CSV client,domain (default: the clients the reports name)" },
	{ "thresholds", 0, "FILE", "health thresholds as JSON" },
	{ 0 },
};

static const struct cmd_spec spec = {
	"merge", "REPORT.json... [-o total.json]",
	"Combine JSON reports of disjoint inputs into the report one run over all of them\n"
	"would give: counts are added, and shares, actions and health are worked out again.",
	"Example (shards in parallel, then one report):\n"
	"  ls logs/*.jsonl.gz | parallel sendhealth report {} -o {.}.json\n"
	"  sendhealth merge logs/*.json -o week.json && sendhealth merge week.json -o week.xlsx\n",
	options,
};

/* The span of the shards' windows; all: every shard so far had one. */
struct window {
	int all;
	double since, until;
};

/* One saved report into a; its window widens win. */
static int merge_one(struct agg *a, struct report_inputs *inputs, const char *path,
		     struct window *win, struct sh_error *err)
{
	json_t *one = report_load_file(path, err);
	const json_t *period = json_object_get(one, "period");
	const char *src = json_string_value(json_object_get(period, "source"));
	const char *s = json_string_value(json_object_get(period, "start"));
	const char *e = json_string_value(json_object_get(period, "end"));
	double ts, te;

	if (!one)
		return -1;
	if (report_from_json(a, inputs, one, path, err) != 0) {
		json_decref(one);
		return -1;
	}
	if (src && !strcmp(src, "window") && s && e && time_parse(s, strlen(s), &ts) == 0 &&
	    time_parse(e, strlen(e), &te) == 0) {
		if (!win->since || ts < win->since)
			win->since = ts;
		if (te > win->until)
			win->until = te;
	} else {
		win->all = 0;
	}
	json_decref(one);
	return 0;
}

int cmd_merge(struct app *app, int argc, char **argv)
{
	struct opt_state st = { 0 };
	struct report_job job;
	struct agg a;
	struct report_inputs inputs;
	const char *output = NULL, *format = NULL;
	int o, i, rc = EXIT_USAGE;
	struct window win = { 1, 0, 0 };
	json_t *doc = NULL;

	report_job_init(&job, app);
	report_inputs_init(&inputs);
	while ((o = opt_next(&st, app, &spec, argc, argv)) != OPT_DONE) {
		if (o == OPT_HELP || o == OPT_ERROR) {
			report_job_release(&job);
			report_inputs_release(&inputs);
			return o == OPT_HELP ? EXIT_OK : EXIT_USAGE;
		}
		if (!strcmp(options[o].name, "output"))
			output = st.arg;
		else if (!strcmp(options[o].name, "format"))
			format = st.arg;
		else
			report_job_option(&job, app, options[o].name, st.arg);
	}
	if (st.ind >= argc) {
		msg_usage(app, "no report to merge");
		goto out_noagg;
	}
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out_noagg;
	agg_init(&a, &job.cfg);
	for (i = st.ind; i < argc; i++) {
		struct sh_error err = { 0 };
		int r;

		/* the loaded document lives only in merge_one (report_from_json keeps no
		 * reference into it), so its nodes come from an arena freed in one go */
		json_arena_begin();
		r = merge_one(&a, &inputs, argv[i], &win, &err);
		json_arena_end();
		if (r != 0) {
			rc = msg_sh_error(app, &err);
			goto out;
		}
	}
	job.cfg.have_window = win.all && win.since > 0;
	job.cfg.since = win.since;
	job.cfg.until = win.until;
	json_arena_begin(); /* the same for the merged document, freed before the arena ends */
	doc = report_job_document(&job, app, &a, &inputs);
	rc = report_write(app, doc, output || format ? out_format_from(format, output) : OUT_JSON, output);
	json_decref(doc);
	doc = NULL;
	json_arena_end();
	if (rc == EXIT_OK && app->rejected) /* unusable rows of --clients were reported */
		rc = EXIT_REJECTED;
	msg_rejected_summary(app);
out:
	agg_release(&a);
out_noagg:
	json_decref(doc);
	report_inputs_release(&inputs);
	report_job_release(&job);
	return rc;
}
