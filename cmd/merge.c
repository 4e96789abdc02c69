/* merge.c - `sendhealth merge`: combine JSON reports of disjoint inputs into exactly the
 * report one run over all of them gives - how shards run in parallel elsewhere (GNU
 * parallel, Hadoop Streaming, a Spark pipe) come back together. */
#include <jansson.h>
#include <stddef.h>
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

struct merge_opts {
	const char *output;
	enum out_format format; /* OUT_AUTO: from the -o extension */
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

#define O(f) offsetof(struct merge_opts, f)
static const struct cmd_option options[] = {
	OPT_STR("output", 'o', "FILE", "write the merged report here (default: JSON to stdout)", O(output)),
	OPT_CALL("format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)", O(format),
		 parse_format),
	OPT_PART(report_job_doc_options, O(job)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"merge", "REPORT.json... [-o total.json]",
	"Combine JSON reports of disjoint inputs into the report one run over all of them\n"
	"would give: counts are added, and shares, actions and health are worked out again.\n"
	"Without --clients, the clients the reports name are kept.",
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

/* Merges the reports at paths and writes the result; returns an exit code. */
static int run(struct app *app, struct merge_opts *o, char **paths, int n)
{
	struct report_job job;
	struct agg a;
	struct report_inputs inputs;
	struct window win = { 1, 0, 0 };
	enum out_format f = o->format;
	json_t *doc = NULL;
	int i, rc;

	report_job_init(&job, app, &o->job);
	report_inputs_init(&inputs);
	agg_init(&a, &job.cfg);
	if (f == OUT_AUTO)
		f = o->output ? out_format_from(NULL, o->output) : OUT_JSON;
	if (f == OUT_AUTO) {
		rc = msg_usage(app, "cannot tell the format of '%s': use --format", o->output);
		goto out;
	}
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out;
	for (i = 0; i < n; i++) {
		struct sh_error err = { 0 };
		int r;

		/* the loaded document lives only in merge_one (report_from_json keeps no
		 * reference into it), so its nodes come from an arena freed in one go */
		json_arena_begin();
		r = merge_one(&a, &inputs, paths[i], &win, &err);
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
	rc = report_write(app, doc, f, o->output);
	json_decref(doc);
	json_arena_end();
	if (rc == EXIT_OK && app->rejected) /* unusable rows of --clients were reported */
		rc = EXIT_REJECTED;
	msg_rejected_summary(app);
out:
	agg_release(&a);
	report_inputs_release(&inputs);
	report_job_release(&job);
	return rc;
}

int cmd_merge(struct app *app, int argc, char **argv)
{
	struct merge_opts o;
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
		msg_usage(app, "no report to merge");
	else
		rc = run(app, &o, argv + first, argc - first);
out:
	opt_list_release(&o.job.stats);
	return rc;
}
