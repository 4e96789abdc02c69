/* job.c - the run shared by report, health and merge: options to a prepared job, inputs
 * (or saved reports) to counts, counts to documents. */
#include "report/run/job.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "catalogue/store.h"
#include "report/doc/compare.h"
#include "report/match/matcher.h"
#include "report/run/stats_file.h"
#include "util/json_arena.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timeparse.h"

void job_init(struct job *job, const struct job_opts *o)
{
	memset(job, 0, sizeof(*job));
	job->o = *o;
	thresholds_default(&job->th);
	api_inputs_init(&job->api);
}

void job_release(struct job *job)
{
	size_t i;

	matcher_free(job->m);
	catalogue_free(job->cat);
	clients_free(job->clients);
	for (i = 0; i < job->nvolumes; i++)
		free(job->volumes[i].domain);
	free(job->volumes);
	api_inputs_release(&job->api);
	memset(job, 0, sizeof(*job));
}

/* --since/--until: bare dates are days in the --tz time zone, and a bare --until date
 * takes in the whole day. */
static int window_bounds(struct job *job, long tz, struct sh_error *err)
{
	const char *since = job->o.since, *until = job->o.until;
	char cut[TEXT_CUT_BUF];
	time_t now = time(NULL);

	job->cfg.since = 0;
	job->cfg.until = 4102444800.0; /* 2100-01-01 */
	if (since && time_parse_bound(since, now, &job->cfg.since) != 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--since takes a date, a date-time or a span like 7d, not '%s'",
				    text_cut(since, cut));
	if (until && time_parse_bound(until, now, &job->cfg.until) != 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--until takes a date, a date-time or a span like 7d, not '%s'",
				    text_cut(until, cut));
	if (until && strlen(until) == 10 && until[4] == '-')
		job->cfg.until += 86400;
	if (since && strlen(since) == 10)
		job->cfg.since -= (double)tz;
	if (until && strlen(until) == 10)
		job->cfg.until -= (double)tz;
	/* --since alone runs to the run's now: the report's period ends there, not in 2100
	 * (an event stamped later than now, a clock ahead, is still counted) */
	if (since && !until && job->cfg.since < (double)now)
		job->cfg.until = (double)now + 1;
	if (job->cfg.until <= job->cfg.since)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the window is empty: --until is not after --since");
	return 0;
}

static int prepare_window(struct job *job, struct sh_error *err)
{
	char cut[TEXT_CUT_BUF];
	long tz = 0;

	if (job->o.tz && time_parse_tz_offset(job->o.tz, &tz) != 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--tz takes an offset such as +02:00 or UTC, not '%s'",
				    text_cut(job->o.tz, cut));
	if (job->o.week) {
		if (job->o.since || job->o.until)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--week cannot be combined with --since or --until");
		if (time_parse_iso_week(job->o.week, tz, &job->cfg.since, &job->cfg.until) != 0)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--week takes an ISO week such as 2026-W47, not '%s'",
					    text_cut(job->o.week, cut));
	} else if (!job->o.since && !job->o.until) {
		return 0;
	} else if (window_bounds(job, tz, err) != 0) {
		return -1;
	}
	job->cfg.have_window = 1;
	return 0;
}

int job_prepare(struct job *job, const struct sh_sink *sink, struct sh_error *err)
{
	job->api.key_file = job->o.api_key_file;
	job->api.imap_password_file = job->o.imap_password_file;
	if (job->o.region)
		job->api.region = job->o.region;
	if (prepare_window(job, err) != 0)
		return -1;
	if (job->o.thresholds && thresholds_load(job->o.thresholds, &job->th, err) != 0) {
		if (err && err->kind == SH_ERR_DATA) /* thresholds are options written down */
			err->kind = SH_ERR_USAGE;
		return -1;
	}
	if (job->o.clients && !(job->clients = clients_load(job->o.clients, sink, err)))
		return -1;
	if (job->o.map) {
		if (gcsv_parse_map(job->o.map, &job->map, err) != 0) {
			if (err)
				err->kind = SH_ERR_USAGE;
			return -1;
		}
		job->have_map = 1;
	}
	if (!(job->cat = catalogue_load_default(job->o.catalogue, err)))
		return -1;
	job->m = matcher_new(job->cat);
	job->cfg.matcher = job->m;
	job->cfg.catalogue = job->cat;
	job->cfg.clients = job->clients;
	return 0;
}

int job_read(struct job *job, char *const *inputs, size_t n, int split_by_client,
	     const struct sh_sink *sink, struct pipeline_result *res, struct sh_error *err)
{
	struct pipeline_opts po;
	double now = (double)time(NULL);

	memset(&po, 0, sizeof(po));
	po.format = job->o.input_format;
	po.map = job->have_map ? &job->map : NULL;
	po.strict = job->o.strict;
	po.date_order = job->o.date_order;
	po.jobs = job->o.jobs;
	po.sink = sink;
	po.split = split_by_client ? job->clients : NULL;
	po.open_api = api_inputs_open;
	po.api_ctx = &job->api;
	if (job->cfg.have_window) {
		job->api.t0 = job->cfg.since;
		job->api.t1 = job->cfg.until < now ? job->cfg.until : now;
	}
	return pipeline_run(inputs, n, &job->cfg, &po, res, err);
}

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

int job_merge(struct job *job, char *const *paths, size_t n, struct agg *a,
	      struct report_inputs *inputs, struct sh_error *err)
{
	struct window win = { 1, 0, 0 };
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		/* the loaded document lives only in merge_one (report_from_json keeps no
		 * reference into it), so its nodes come from an arena freed in one go */
		json_arena_begin();
		r = merge_one(a, inputs, paths[i], &win, err);
		json_arena_end();
		if (r != 0)
			return -1;
	}
	job->cfg.have_window = win.all && win.since > 0;
	job->cfg.since = win.since;
	job->cfg.until = win.until;
	return 0;
}

int job_resolve_stats(struct job *job, const struct agg *a, struct sh_error *err)
{
	size_t i;

	for (i = 0; i < job->o.nstats; i++) {
		const char *spec = job->o.stats[i], *eq = strchr(spec, '=');
		long sent, delivered;
		char *domain;

		if (!eq && a->dom_keys.n != 1)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--stats '%s' needs a domain when the logs hold %zu sending "
					    "domains: --stats DOMAIN=FILE",
					    spec, a->dom_keys.n);
		if (stats_file_load(eq ? eq + 1 : spec, &sent, &delivered, err) != 0)
			return -1;
		domain = eq ? xstrndup(spec, (size_t)(eq - spec)) : xstrdup(a->dom_keys.keys[0]);
		job->volumes = xrealloc(job->volumes, (job->nvolumes + 1) * sizeof(*job->volumes));
		job->volumes[job->nvolumes].domain = domain;
		job->volumes[job->nvolumes].sent = sent;
		job->volumes[job->nvolumes].delivered = delivered;
		job->nvolumes++;
	}
	return 0;
}

json_t *job_document(const struct job *job, const struct agg *a,
		     const struct report_inputs *inputs)
{
	struct report_meta meta;

	memset(&meta, 0, sizeof(meta));
	meta.lang = job->o.lang;
	meta.have_window = job->cfg.have_window;
	meta.since = job->cfg.since;
	meta.until = job->cfg.until;
	meta.inputs = inputs;
	meta.thresholds = &job->th;
	meta.clients = job->clients;
	meta.volumes = job->volumes;
	meta.nvolumes = job->nvolumes;
	meta.audience = job->o.audience;
	return report_to_json(a, &meta);
}

int job_write_split(const struct job *job, const struct pipeline_result *res,
		    const json_t *agency, const json_t *prev, const char *dir,
		    enum render_format f, struct sh_error *err)
{
	struct job client_job = *job; /* a shallow copy: only the audience differs */
	struct strbuf path;
	size_t i;
	int rc = 0;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot create the directory '%s': %s",
				    dir, strerror(errno));
	strbuf_init(&path);
	client_job.o.audience = AUDIENCE_CLIENT;
	for (i = 0; i < res->nclients; i++) {
		json_t *doc = job_document(&client_job, &res->clients[i], &res->inputs);
		if (prev)
			json_object_set_new(doc, "compare",
					    compare_build_for_client(doc, prev, res->client_names[i]));
		render_split_path(&path, dir, res->client_names[i], f);
		if (render_write(doc, f, job->o.lang, path.buf, err) != 0)
			rc = -1;
		json_decref(doc);
	}
	render_split_path(&path, dir, "agency", f);
	if (render_write(agency, f, job->o.lang, path.buf, err) != 0)
		rc = -1;
	strbuf_release(&path);
	return rc;
}

int job_load_previous(const char *path, json_t **prev, struct sh_error *err)
{
	if (!(*prev = report_load_file(path, err)))
		return -1;
	if (!json_is_object(*prev) || !json_is_integer(json_object_get(*prev, "schema_version"))) {
		sh_error_set(err, SH_ERR_IO, NULL, 0, "'%s' is not a sendhealth JSON report", path);
	} else if (report_check_counts(*prev, path, err) != 0) {
		if (err)
			err->kind = SH_ERR_IO;
	} else {
		return 0;
	}
	json_decref(*prev);
	*prev = NULL;
	return -1;
}
