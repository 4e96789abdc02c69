/* pipeline.h - from input names to counts: each input (a file, "-", or an API source) is
 * read as a stream of records into an agg (and, with a split map, one agg per client).
 * JSON Lines files are split at line boundaries across `jobs` threads, each with its own
 * aggs, merged afterwards in input order so the result equals a single-threaded run.
 * Contract: record problems are reported to opts->sink in input order, with the file's
 * real line numbers, after each input is read.
 * Threads: pipeline_run starts and joins its own threads; the caller's opts, cfg and sink are
 * used from them (cfg, the matcher and the client map read-only; record problems reach
 * opts->sink only from the calling thread). Ownership: res owns its aggs and names until
 * pipeline_result_release. */
#ifndef SH_REPORT_RUN_PIPELINE_H
#define SH_REPORT_RUN_PIPELINE_H

#include "import/logread.h"
#include "report/aggregate/agg.h"
#include "report/doc/report_json.h"

struct pipeline_opts {
	enum logread_format format;     /* LR_AUTO: detect per input */
	const struct gcsv_map *map;     /* borrowed: --map, or NULL */
	int strict;
	int date_order;                 /* --date-order for CSV dates (enum time_date_order) */
	int jobs;                       /* worker threads; <= 0: online CPUs */
	const struct sh_sink *sink;     /* borrowed: record problems */
	const struct clients *split;    /* borrowed: --split-by client, else NULL */
	/* API inputs (mailgun:DOMAIN, sendgrid:): opened by the caller's hook, which feeds
	 * the logread it is given; NULL when API inputs are not allowed. */
	int (*open_api)(void *ctx, const char *spec, struct logread *lr, struct sh_error *err);
	void *api_ctx;
	/* borrowed: the duplicate table every input and thread shares, so that an event in
	 * two overlapping exports (or on both sides of a slice boundary) counts once; NULL:
	 * pipeline_run makes one for the run */
	struct dedupe *dedupe;
};

struct pipeline_result {
	struct agg all;                 /* every record */
	struct agg *clients;            /* owned: one per client of opts->split */
	char **client_names;            /* owned */
	size_t nclients;
	struct report_inputs inputs;
	const struct agg_config *cfg;   /* borrowed */
};

/* Reads every input into res (initialised here; release with pipeline_result_release
 * whatever the return). Returns 0, or -1 with err set when an input could not be read at
 * all (the others are still read and counted). */
int pipeline_run(char *const *inputs, size_t n, const struct agg_config *cfg,
		 const struct pipeline_opts *opts, struct pipeline_result *res,
		 struct sh_error *err);
void pipeline_result_release(struct pipeline_result *res);

#endif
