/* report_json.h - the report document (data/report.schema.json, version 1) built from an
 * agg, and an agg rebuilt from such a document (for `sendhealth merge`).
 * Contract: report_to_json returns a new reference; everything derived (shares, actions,
 * health, clients) is computed from the counts, so a rebuilt agg gives the same document.
 * Threads: report_to_json and report_from_json are one thread's (they build or fill what they
 * are given); mailbox_provider is pure and returns a static string. */
#ifndef SH_REPORT_DOC_REPORT_JSON_H
#define SH_REPORT_DOC_REPORT_JSON_H

#include <jansson.h>

#include "report/aggregate/actions.h"
#include "report/aggregate/agg.h"
#include "report/aggregate/health.h"

#define REPORT_SCHEMA_VERSION 1

struct report_source {
	char *name;   /* owned */
	char *kind;   /* owned: file, api, stats */
	char *format; /* owned */
	long records, skipped, duplicates;
};

/* What a run read: its sources and why records were skipped. */
struct report_inputs {
	struct report_source *sources; /* owned */
	size_t n, cap;
	struct counter skipped_by_reason;
	long skipped, duplicates;
};

void report_inputs_init(struct report_inputs *in);
void report_inputs_release(struct report_inputs *in);
void report_inputs_add(struct report_inputs *in, const char *name, const char *kind,
		       const char *format, long records, long skipped, long duplicates);

/* Sent/delivered volume from a stats file, per sending domain ("*" = every domain). */
struct report_volume {
	char *domain; /* owned */
	long sent, delivered;
};

struct report_meta {
	enum sh_lang lang;
	int have_window;
	double since, until;
	const struct report_inputs *inputs;   /* borrowed */
	const struct thresholds *thresholds;  /* borrowed */
	const struct clients *clients;        /* borrowed, may be NULL */
	const struct report_volume *volumes;  /* borrowed, may be NULL */
	size_t nvolumes;
	double generated_at;                  /* 0: now ($SOURCE_DATE_EPOCH when set) */
	/* AUDIENCE_CLIENT: nothing of the agency's inside (no input names or agency-wide input
	 * counts, no catalogue ids, no unmatched rows for the shared sheet, sentences without
	 * option names); the document says "audience": "client" so that writers follow */
	enum report_audience audience;
};

/* A new reference the caller releases (json_decref); a and meta are borrowed. */
json_t *report_to_json(const struct agg *a, const struct report_meta *meta);

/* Adds the counts of a saved report to a (and its inputs to inputs). The catalogue in a's
 * config resolves entry ids; ids it does not know are kept as unmatched-looking rows.
 * Fails on another schema_version, a malformed document, a number that is not a count
 * (report_check_counts) or a client's report ("audience": "client", errors keyed by rank). */
int report_from_json(struct agg *a, struct report_inputs *inputs, const json_t *doc,
		     const char *name, struct sh_error *err);

/* Every whole number in a saved report (outside "compare") must be a count from 0 to
 * REPORT_MAX_COUNT, so that adding up any number of reports cannot overflow. */
#define REPORT_MAX_COUNT ((long)1 << 40)
int report_check_counts(const json_t *doc, const char *name, struct sh_error *err);

/* A saved report file as `merge` and `report --compare` read it: at most
 * REPORT_MAX_FILE bytes, "-" is standard input. A directory, a missing or over-large file
 * and text that is not JSON fail with an SH_ERR_IO message naming the file (and the
 * line). Returns a new reference, or NULL. */
#define REPORT_MAX_FILE ((size_t)256 << 20)
json_t *report_load_file(const char *path, struct sh_error *err);

/* Mailbox provider of a recipient domain ("Gmail", "Microsoft", "Yahoo", "Apple", …,
 * else "other"). */
const char *mailbox_provider(const char *domain);

#endif
