/* report_job.h - what `report`, `health` and `merge` share: the options about inputs,
 * windows, clients, thresholds and stats, and the run from inputs to report documents.
 * A command keeps its own option table; options it shares are handled here by name. */
#ifndef SH_CMD_REPORT_JOB_H
#define SH_CMD_REPORT_JOB_H

#include <jansson.h>

#include "report/run/api_input.h"
#include "cmd/app.h"
#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "report/aggregate/agg.h"
#include "report/aggregate/health.h"
#include "report/run/pipeline.h"

enum out_format { OUT_AUTO, OUT_XLSX, OUT_JSON, OUT_TEXT, OUT_CSV };

struct report_job {
	/* options */
	const char *since_s, *until_s, *week_s, *tz_s;
	const char *clients_path, *thresholds_path, *map_spec;
	char **stats_specs; /* owned array of borrowed strings */
	size_t nstats;
	enum logread_format input_format;
	int strict, jobs;
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

void report_job_init(struct report_job *job, struct app *app);
void report_job_release(struct report_job *job);
/* Takes option `name` with argument arg when it is one of the shared ones: returns 1 when
 * taken, 0 when not a shared option, -1 after printing a usage error. */
int report_job_option(struct report_job *job, struct app *app, const char *name, const char *arg);
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
