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
#include "util/json_arena.h"

struct merge_opts {
	const char *output;
	enum render_format format; /* RENDER_AUTO: from the -o extension */
	struct report_job_opts job;
};

#define O(f) offsetof(struct merge_opts, f)
static const struct cmd_option options[] = {
	OPT_STR("output", 'o', "FILE", "write the merged report here (default: JSON to stdout)", O(output)),
	OPT_CALL("format", 'f', "FMT", "xlsx, json, text or csv (default: from the -o extension)", O(format),
		 report_job_parse_format),
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
	"no report to merge",
};

/* Merges the reports at paths and writes the result; returns an exit code. */
static int run(struct app *app, struct merge_opts *o, char **paths, int n)
{
	struct job job;
	struct agg a;
	struct report_inputs inputs;
	struct sh_error err = { 0 };
	enum render_format f = o->format;
	json_t *doc;
	int rc;

	report_job_init(&job, app, &o->job);
	report_inputs_init(&inputs);
	agg_init(&a, &job.cfg);
	if (f == RENDER_AUTO)
		f = o->output ? render_format_from_path(o->output) : RENDER_JSON;
	if (f == RENDER_AUTO) {
		rc = msg_usage(app, "cannot tell the format of '%s': use --format", o->output);
		goto out;
	}
	if ((rc = report_job_prepare(&job, app)) != EXIT_OK)
		goto out;
	if (job_merge(&job, paths, (size_t)n, &a, &inputs, &err) != 0) {
		rc = msg_sh_error(app, &err);
		goto out;
	}
	json_arena_begin(); /* the merged document's nodes, freed in one go */
	doc = job_document(&job, &a, &inputs);
	rc = report_job_write(app, doc, f, o->output);
	json_decref(doc);
	json_arena_end();
	if (rc == EXIT_OK && app->rejected) /* unusable rows of --clients were reported */
		rc = EXIT_REJECTED;
	msg_rejected_summary(app);
out:
	agg_release(&a);
	report_inputs_release(&inputs);
	job_release(&job);
	return rc;
}

int cmd_merge(struct app *app, int argc, char **argv)
{
	struct merge_opts o;
	int first, rc;

	memset(&o, 0, sizeof(o));
	if ((rc = opt_parse(app, &spec, &o, argc, argv, &first)) != OPT_DONE)
		rc = opt_exit(rc, EXIT_USAGE);
	else
		rc = run(app, &o, argv + first, argc - first);
	opt_list_release(&o.job.stats);
	return rc;
}
