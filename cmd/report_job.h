/* report_job.h - what `report`, `health` and `merge` share: the options about inputs,
 * windows, clients, thresholds and stats, and the run from inputs to report documents.
 * A command's option table includes the shared parts below (OPT_PART), pointed at the
 * struct report_job_opts in its own options struct. */
#ifndef SH_CMD_REPORT_JOB_H
#define SH_CMD_REPORT_JOB_H

#include <jansson.h>

#include "report/run/api_input.h"
#include "cmd/app.h"
#include "cmd/options.h"
#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "report/aggregate/agg.h"
#include "report/aggregate/health.h"
#include "report/run/pipeline.h"

enum out_format { OUT_AUTO, OUT_XLSX, OUT_JSON, OUT_TEXT, OUT_CSV };

/* What the shared options fill; strings are borrowed from argv. */
struct report_job_opts {
	const char *since, *until, *week, *tz;
	const char *clients, *thresholds, *map;
	struct opt_list stats; /* "[DOMAIN=]FILE" */
	enum logread_format input_format;
	int strict;
	long jobs;              /* 0: the online CPUs */
	const char *api_key_file;
	const char *region;     /* "us", "eu", or NULL */
};

/* --clients and --thresholds: report, health and merge. */
extern const struct cmd_option report_job_doc_options[];
/* The inputs: window, --stats, formats, threads and the API inputs' key and region;
 * report and health. */
extern const struct cmd_option report_job_input_options[];

struct report_job {
	struct report_job_opts o; /* filled by opt_parse before report_job_prepare */
	/* state, after report_job_prepare */
	struct catalogue *cat;
	struct matcher *m;
	struct clients *clients;
	struct gcsv_map map;
	int have_map;
	struct thresholds th;
	struct agg_config cfg;
	struct report_volume *volumes;
	size_t nvolumes;
	struct api_inputs api;
};

/* Takes the options o (and ownership of o->stats, even on failure); o is left empty. */
void report_job_init(struct report_job *job, struct app *app, struct report_job_opts *o);
void report_job_release(struct report_job *job);
/* Loads the catalogue, client map, thresholds and window. Returns an exit code. */
int report_job_prepare(struct report_job *job, struct app *app);
/* Reads the inputs; the exit code is EXIT_OK, EXIT_REJECTED (records skipped), or an
 * input's error. */
int report_job_read(struct report_job *job, struct app *app, char **inputs, int n,
		    int split_by_client, struct pipeline_result *res);
/* The document for agg (new reference). */
json_t *report_job_document(struct report_job *job, struct app *app, const struct agg *a,
			    const struct report_inputs *inputs);
/* Stats volumes need the domains seen: resolves "--stats FILE" without DOMAIN=. */
int report_job_resolve_stats(struct report_job *job, struct app *app, const struct agg *a);

/* Writes doc in format to path ("-" or NULL: stdout). Returns an exit code. */
int report_write(struct app *app, const json_t *doc, enum out_format format, const char *path);
/* Format from a name or an output file's extension. */
enum out_format out_format_from(const char *name, const char *path);

#endif
