/* job.h - one run of `report`, `health` or `merge`, from options to report documents:
 * the window, catalogue, clients, thresholds and CSV map prepared; the inputs read through
 * the pipeline (or saved reports merged); --stats volumes resolved; documents built and,
 * for a split run, written one per client.
 * Contract: 0 / -1 with err set (SH_ERR_USAGE for a bad option value); never prints.
 * Not thread-safe: one struct job per run, driven by one thread (the pipeline starts and
 * joins its own workers inside job_read). */
#ifndef SH_REPORT_RUN_JOB_H
#define SH_REPORT_RUN_JOB_H

#include <jansson.h>

#include "import/logread.h"
#include "import/logs/generic_csv.h"
#include "model/taxonomy.h"
#include "report/aggregate/agg.h"
#include "report/aggregate/health.h"
#include "report/doc/report_json.h"
#include "report/render/render.h"
#include "report/run/api_input.h"
#include "report/run/pipeline.h"

/* What the user asked for; every string is borrowed (from argv) for the job's life. */
struct job_opts {
	const char *since, *until, *week, *tz; /* the window */
	const char *clients, *thresholds, *map; /* file names; the --map spec */
	const char *const *stats;               /* "[DOMAIN=]FILE" each */
	size_t nstats;
	enum logread_format input_format;
	int strict;
	int date_order;           /* --date-order: enum time_date_order (0: auto) */
	int jobs;                 /* worker threads; 0: the online CPUs */
	const char *api_key_file; /* for mailgun:/sendgrid: inputs */
	const char *imap_password_file; /* for imaps:// inputs (else $SENDHEALTH_IMAP_PASSWORD) */
	const char *region;       /* "us", "eu", or NULL (us) */
	const char *catalogue;    /* --catalogue, or NULL: the catalogue in use */
	enum sh_lang lang;
	enum report_audience audience; /* of job_document's reports (split: clients' always) */
};

struct job {
	struct job_opts o;
	/* after job_prepare: all owned */
	struct catalogue *cat;
	struct matcher *m;
	struct clients *clients;  /* NULL without --clients */
	struct gcsv_map map;
	int have_map;
	struct thresholds th;
	struct agg_config cfg;    /* the window, matcher, catalogue and clients of the run */
	struct report_volume *volumes; /* after job_resolve_stats */
	size_t nvolumes;
	struct api_inputs api;    /* set api.progress before job_read to hear of API pages */
};

/* Copies o (its strings stay borrowed). Release with job_release whatever happens. */
void job_init(struct job *job, const struct job_opts *o);
void job_release(struct job *job);
/* Parses the window, loads thresholds, clients (their bad rows go to sink), the map and
 * the catalogue. Must run before any thread starts (it fills the taxonomy's texts). */
int job_prepare(struct job *job, const struct sh_sink *sink, struct sh_error *err);
/* Reads inputs into res (initialised here; release with pipeline_result_release whatever
 * the return), one agg per client too when split_by_client. -1 when an input could not be
 * read at all; records skipped are counted in res->inputs.skipped, not an error. */
int job_read(struct job *job, char *const *inputs, size_t n, int split_by_client,
	     const struct sh_sink *sink, struct pipeline_result *res, struct sh_error *err);
/* Folds the saved reports at paths into a and inputs, and sets the job's window to the
 * span of theirs (when every one had a window). a must be agg_init'ed on job->cfg. */
int job_merge(struct job *job, char *const *paths, size_t n, struct agg *a,
	      struct report_inputs *inputs, struct sh_error *err);
/* Reads the --stats files; one without "DOMAIN=" needs a to hold one sending domain. */
int job_resolve_stats(struct job *job, const struct agg *a, struct sh_error *err);
/* The report document of a (borrowed) and inputs: a new reference, the caller's to
 * json_decref. */
json_t *job_document(const struct job *job, const struct agg *a,
		     const struct report_inputs *inputs);
/* Writes res's client reports and agency (borrowed) in format f as DIR/<client>.<ext> and
 * DIR/agency.<ext> (render_split_path), creating DIR. Each client's report is for the
 * client (AUDIENCE_CLIENT), compared with prev (borrowed, may be NULL) narrowed to that
 * client. Every file is tried; the first failure is returned. */
int job_write_split(const struct job *job, const struct pipeline_result *res,
		    const json_t *agency, const json_t *prev, const char *dir,
		    enum render_format f, struct sh_error *err);
/* A saved report to compare against (--compare): *prev a new reference, or NULL on
 * failure. A file that is not a sendhealth JSON report is an SH_ERR_IO error. */
int job_load_previous(const char *path, json_t **prev, struct sh_error *err);

#endif
