/* report_job.h - the cmd side of what `report`, `health` and `merge` share: the option
 * table parts they include, and the steps of a report/run/job.h run with their messages
 * printed and their results mapped to exit codes.
 * Contract: every function returning int returns an exit code from exit_codes.h, after
 * printing what went wrong; not thread-safe (main's thread only). */
#ifndef SH_CMD_REPORT_JOB_H
#define SH_CMD_REPORT_JOB_H

#include <jansson.h>

#include "cmd/app.h"
#include "cmd/options.h"
#include "report/render/render.h"
#include "report/run/job.h"

/* What the shared rows fill; strings borrowed from argv. A command's options struct holds
 * one, and its table includes the parts with OPT_PART(..., offsetof(its struct, field)). */
struct report_job_opts {
	struct job_opts job;
	struct opt_list stats; /* owned array: release with opt_list_release */
	long jobs;
};

/* --clients and --thresholds: report, health and merge. */
extern const struct cmd_option report_job_doc_options[];
/* The inputs: window, --stats, formats, threads and the API inputs' key and region;
 * report and health. */
extern const struct cmd_option report_job_input_options[];

/* --format: an OPTK_CALL parse function; field is an enum render_format. */
int report_job_parse_format(void *field, const char *arg, struct sh_error *err);

/* job_init with o's values and the global options; o (and its stats list) must outlive
 * the job. API progress is reported with -v. */
void report_job_init(struct job *job, struct app *app, const struct report_job_opts *o);
int report_job_prepare(struct job *job, struct app *app);
/* EXIT_OK, EXIT_REJECTED when records were skipped, or an input's error. */
int report_job_read(struct job *job, struct app *app, char **inputs, int n,
		    int split_by_client, struct pipeline_result *res);
int report_job_resolve_stats(struct job *job, struct app *app, const struct agg *a);
/* render_write with its error printed; says nothing on success. */
int report_job_write(struct app *app, const json_t *doc, enum render_format f,
		     const char *path);

#endif
