/* pipeline.c - inputs to aggs; large JSON Lines files split across threads.
 * A slice of a file is read by its own logread (format forced, one value per line) into
 * its own aggs; record problems are buffered per slice with slice-local line numbers and
 * printed after the join, renumbered, in file order. */
#include "report/run/pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/dedupe.h"
#include "report/run/problem_buf.h"
#include "report/run/slice.h"
#include "util/strbuf.h"

struct worker {
	struct agg all;
	struct agg *clients;        /* owned: one per split client */
	size_t nclients;
	const struct clients *split;
	/* the slice */
	const char *path;
	long start, end;            /* byte range; end -1: to EOF */
	long newlines;              /* counted while reading: renumbers the next slice */
	long header_lines;          /* a CSV slice's: the header row read first */
	char **files;               /* a directory's slice: its files (borrowed), or NULL */
	size_t nfiles;
	int close_array;            /* a slice of one big array: "]" after its bytes */
	int idle;                   /* an empty slice of one big array: nothing to read */
	struct logread_opts lr;
	struct logread_stats stats;
	struct problem_buf problems;
	struct sh_sink sink;
	struct sh_error err;
	int rc;
};

static int on_record(void *ctx, const struct sh_record *r)
{
	struct worker *w = ctx;

	agg_add(&w->all, r);
	if (w->split) {
		const char *c = clients_lookup(w->split, r->sending_domain.ptr, r->sending_domain.len,
					       r->subaccount.ptr, r->subaccount.len);
		if (c) {
			long i = strmap_find(&w->split->names, c, strlen(c));
			if (i >= 0)
				agg_add(&w->clients[i], r);
		}
	}
	return 0;
}

static void worker_init(struct worker *w, const struct agg_config *cfg, const struct clients *split)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	agg_init(&w->all, cfg);
	w->split = split;
	if (split) {
		w->nclients = split->names.n;
		w->clients = xcalloc(w->nclients ? w->nclients : 1, sizeof(*w->clients));
		for (i = 0; i < w->nclients; i++)
			agg_init(&w->clients[i], cfg);
	}
	problem_buf_init(&w->problems, NULL);
	w->sink.record = problem_buf_record;
	w->sink.ctx = &w->problems;
}

static void worker_release(struct worker *w)
{
	size_t i;

	agg_release(&w->all);
	for (i = 0; i < w->nclients; i++)
		agg_release(&w->clients[i]);
	free(w->clients);
	problem_buf_release(&w->problems);
}

/* How the worker's logread reads input number `input`: the run's options, format f. */
static void worker_opts(struct worker *w, const struct pipeline_opts *opts,
			enum logread_format f, size_t input)
{
	w->lr.format = f;
	w->lr.strict = opts->strict;
	w->lr.map = opts->map;
	w->lr.date_order = opts->date_order;
	w->lr.dedupe = opts->dedupe;
	w->lr.input = input;
	w->lr.sink = &w->sink;
}

/* Reads [start, end) of the file through a logread with w->lr. */
static void *read_slice(void *arg)
{
	struct worker *w = arg;
	struct logread_cb cb = { on_record, w };
	struct logread *lr = logread_new(w->path, &w->lr, cb);
	FILE *fp = fopen(w->path, "rb");
	char *buf = xmalloc(LOGREAD_CHUNK);
	long left = w->end - w->start;

	w->rc = -1;
	if (w->idle) {
		w->rc = 0;
		goto out;
	}
	if (w->files) { /* a directory's: each file one message */
		size_t i;
		int rc = 0;
		for (i = 0; i < w->nfiles && rc == 0; i++)
			rc = logread_message_file(lr, w->files[i], &w->err);
		if (rc == 0 && logread_finish(lr, &w->err) == 0)
			w->rc = 0;
		goto out;
	}
	if (!fp) {
		sh_error_set(&w->err, SH_ERR_IO, w->path, 0, "cannot open '%s': %s", w->path, strerror(errno));
		goto out;
	}
	if (fseek(fp, w->start, SEEK_SET) != 0) {
		sh_error_set(&w->err, SH_ERR_IO, w->path, 0, "cannot seek in '%s': %s", w->path, strerror(errno));
		goto out;
	}
	while (left > 0) {
		size_t want = left < LOGREAD_CHUNK ? (size_t)left : LOGREAD_CHUNK, got = fread(buf, 1, want, fp);
		const char *p = buf, *e = buf + got;
		if (!got) {
			if (ferror(fp))
				sh_error_set(&w->err, SH_ERR_IO, w->path, 0, "cannot read '%s': %s", w->path,
					     strerror(errno));
			break;
		}
		while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			w->newlines++;
			p++;
		}
		left -= (long)got;
		if (logread_feed(lr, buf, got, &w->err) != 0)
			goto out;
	}
	if (w->close_array && !sh_error_isset(&w->err) && logread_feed(lr, "]", 1, &w->err) != 0)
		goto out;
	if (!sh_error_isset(&w->err) && logread_finish(lr, &w->err) == 0)
		w->rc = 0;
out:
	if (lr)
		w->stats = *logread_stats(lr);
	logread_free(lr);
	if (fp)
		fclose(fp);
	free(buf);
	return NULL;
}

/* Input number `input`'s stats into the result; in a shared dedupe table, the records it
 * counts are those one thread reading the inputs in order would. */
static void add_stats(struct pipeline_result *res, const char *name, const char *kind,
		      const struct logread_stats *st, const struct pipeline_opts *opts, size_t input)
{
	struct logread_stats adj = *st;
	const struct logread_stats *s = &adj;
	long moved = opts->dedupe ? dedupe_moved(opts->dedupe, input) : 0;
	int i;

	adj.records += moved;
	adj.duplicates -= moved;
	if (!strcmp(name, "-")) { /* '-' read standard input: say so, not "a file named -" */
		name = "standard input";
		kind = "stdin";
	}

	report_inputs_add(&res->inputs, name, kind, logread_format_name(s->format), s->records,
			  s->skipped, s->duplicates);
	res->inputs.skipped += s->skipped;
	res->inputs.duplicates += s->duplicates;
	for (i = 0; i < s->nreasons; i++)
		counter_add(&res->inputs.skipped_by_reason, s->reasons[i].key,
			    strlen(s->reasons[i].key), s->reasons[i].count);
}

static void fold(struct pipeline_result *res, struct worker *w)
{
	size_t i;

	agg_merge(&res->all, &w->all);
	for (i = 0; i < res->nclients && i < w->nclients; i++)
		agg_merge(&res->clients[i], &w->clients[i]);
}

static int is_csv(enum logread_format f)
{
	return f == LR_CSV || f == LR_SENDGRID_CSV;
}

/* A CSV file's cuts into starts; every slice past the first detects the format and dialect
 * from the file's head (in head, filled here) and reads its header row first. */
static void plan_csv(FILE *fp, long size, int jobs, struct worker *w, struct strbuf *head)
{
	long *starts = xcalloc((size_t)jobs, sizeof(*starts)), hdr, high;
	struct strbuf *late = head + 1;
	int k;

	if (slice_csv_cuts(fp, size, jobs, starts, &hdr, &high) == 0 && hdr <= LOGREAD_DETECT_MAX &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		strbuf_grow(head, LOGREAD_DETECT_MAX);
		head->len = fread(head->buf, 1, LOGREAD_DETECT_MAX, fp);
	}
	/* the whole file meets its first non-ASCII byte in this chunk (logread_file reads
	 * LOGREAD_CHUNK at a time from the start): past the head, it decides the charset */
	if (head->len && high >= LOGREAD_DETECT_MAX &&
	    fseek(fp, high / LOGREAD_CHUNK * LOGREAD_CHUNK, SEEK_SET) == 0) {
		strbuf_grow(late, LOGREAD_CHUNK);
		late->len = fread(late->buf, 1, LOGREAD_CHUNK, fp);
	}
	for (k = 0; k < jobs; k++) {
		/* no head (unreadable): the first slice reads it all, and says what is wrong */
		w[k].start = head->len ? starts[k] : k ? size : 0;
		if (k && head->len) {
			const char *p = head->buf;
			w[k].lr.sniff = head->buf;
			w[k].lr.sniff_len = head->len;
			w[k].lr.sniff_keep = (size_t)hdr;
			if (late->len && high < starts[k]) {
				w[k].lr.late_sniff = late->buf;
				w[k].lr.late_sniff_len = late->len;
			}
			while ((p = memchr(p, '\n', (size_t)(head->buf + hdr - p))) != NULL)
				w[k].header_lines++, p++;
		}
	}
	free(starts);
}

/* One big JSON array's slices (see slice_array_cuts): each past the first detects the
 * format as the whole file is detected, from its head (in head, filled here), whose bytes up
 * to the array's '[' it reads first; each but the last ends with a "]". */
static void plan_array(FILE *fp, long size, int jobs, struct worker *w, struct strbuf *head)
{
	long *starts = xcalloc((size_t)jobs, sizeof(*starts)), open_end;
	long *ends = xcalloc((size_t)jobs, sizeof(*ends));
	int k;

	if (slice_array_cuts(fp, size, jobs, starts, ends, &open_end) == 0 &&
	    open_end <= LOGREAD_DETECT_MAX && fseek(fp, 0, SEEK_SET) == 0) {
		strbuf_grow(head, LOGREAD_DETECT_MAX);
		head->len = fread(head->buf, 1, LOGREAD_DETECT_MAX, fp);
	}
	for (k = 0; k < jobs; k++) {
		const char *p = head->buf;
		/* no head (unreadable): the first slice reads it all, and says what is wrong */
		w[k].start = head->len ? starts[k] : k ? size : 0;
		w[k].end = head->len ? ends[k] : size;
		w[k].idle = k && w[k].start >= w[k].end;
		w[k].close_array = w[k].end < size;
		if (!k || w[k].idle)
			continue;
		w[k].lr.sniff = head->buf;
		w[k].lr.sniff_len = head->len;
		w[k].lr.sniff_keep = (size_t)open_end;
		while ((p = memchr(p, '\n', (size_t)(head->buf + open_end - p))) != NULL)
			w[k].header_lines++, p++;
	}
	free(starts);
	free(ends);
}

/* An mbox's slices (see slice_mbox_cuts): each starts at a separator line and goes on
 * numbering messages from those before it. */
static void plan_mbox(FILE *fp, long size, int jobs, struct worker *w)
{
	long *starts = xcalloc((size_t)jobs, sizeof(*starts));
	long *counts = xcalloc((size_t)jobs, sizeof(*counts));
	int k;

	if (slice_mbox_cuts(fp, size, jobs, starts, counts) != 0)
		starts[0] = 0, counts[0] = 0; /* the first slice reads it all */
	for (k = 0; k < jobs; k++) {
		w[k].start = starts[k];
		w[k].end = k + 1 < jobs ? starts[k + 1] : size;
		w[k].idle = k && w[k].start >= w[k].end;
		w[k].lr.first_message = counts[k];
	}
	free(starts);
	free(counts);
}

/* The slices of the file, cut at line (CSV: record; array: element; mbox: message)
 * boundaries, each ready for its thread. A slice of an array is read in the format the
 * whole file would be. */
static struct worker *plan_slices(const char *path, size_t input, long size,
				  enum logread_format f, int array, int jobs,
				  const struct agg_config *cfg, const struct pipeline_opts *opts,
				  struct strbuf head[2])
{
	struct worker *w = xcalloc((size_t)jobs, sizeof(*w));
	FILE *fp = fopen(path, "rb");
	int k;

	for (k = 0; k < jobs; k++) {
		worker_init(&w[k], cfg, opts->split);
		worker_opts(&w[k], opts, array ? opts->format : f, input);
		w[k].path = path;
		w[k].start = k == 0 || is_csv(f) || array ? 0 :
			     slice_next_line(fp, size / jobs * k, size);
		w[k].lr.lines = !is_csv(f) && !array && f != LR_MBOX;
	}
	if (is_csv(f))
		plan_csv(fp, size, jobs, w, head);
	for (k = 0; k < jobs && !array; k++)
		w[k].end = k + 1 < jobs ? w[k + 1].start : size;
	if (array)
		plan_array(fp, size, jobs, w, head);
	else if (f == LR_MBOX)
		plan_mbox(fp, size, jobs, w);
	if (fp)
		fclose(fp);
	return w;
}

/* One folded input's (or slice's) outcome into the run's: the first error wins. */
static void keep_error(int *rc, struct sh_error *err, const struct worker *w)
{
	if (w->rc != 0 && !*rc) {
		*rc = -1;
		*err = w->err;
	}
}

static int run_split(const char *path, size_t input, long size, enum logread_format f, int array,
		     int jobs, const struct agg_config *cfg, const struct pipeline_opts *opts,
		     struct pipeline_result *res, struct sh_error *err)
{
	struct strbuf head[2]; /* the file's head, and the chunk that decides a late charset */
	struct worker *w;
	pthread_t *th = xcalloc((size_t)jobs, sizeof(*th));
	struct logread_stats total;
	long line_offset = 0;
	int k, rc = 0, dropped = 0;

	strbuf_init(&head[0]);
	strbuf_init(&head[1]);
	w = plan_slices(path, input, size, f, array, jobs, cfg, opts, head);

	memset(&total, 0, sizeof(total));
	total.format = f;
	for (k = 0; k < jobs; k++)
		if (pthread_create(&th[k], NULL, read_slice, &w[k]) != 0)
			read_slice(&w[k]), th[k] = 0;
	for (k = 0; k < jobs; k++) {
		if (th[k])
			pthread_join(th[k], NULL);
		if (!dropped) {
			problem_buf_flush(&w[k].problems, path, line_offset - w[k].header_lines,
					  opts->sink);
			line_offset += w[k].newlines;
			fold(res, &w[k]);
			logread_stats_add(&total, &w[k].stats);
			keep_error(&rc, err, &w[k]);
		}
		/* an array's reader gave up at a syntax error: one reader never got further */
		dropped |= array && w[k].stats.gave_up;
		worker_release(&w[k]);
	}
	add_stats(res, path, "file", &total, opts, input);
	strbuf_release(&head[0]);
	strbuf_release(&head[1]);
	free(w);
	free(th);
	return rc;
}

static int run_one(const char *spec, size_t input, const struct agg_config *cfg,
		   const struct pipeline_opts *opts, struct pipeline_result *res,
		   struct sh_error *err);

/* Below this many files a directory is read by one thread. */
#define DIR_SPLIT_MIN 64

/* A directory of mail messages (or a Maildir) read by jobs threads, each a run of its files
 * in the order one reader takes them, folded in that order. */
static int run_dir(const char *path, size_t input, int jobs, const struct agg_config *cfg,
		   const struct pipeline_opts *opts, struct pipeline_result *res,
		   struct sh_error *err)
{
	struct sh_error lerr = { 0 };
	size_t n = 0;
	int maildir, k, rc = 0;
	char **files = logread_dir_files(path, &n, &maildir, &lerr);
	struct worker *w;
	pthread_t *th;
	struct logread_stats total;

	if (!files || n < DIR_SPLIT_MIN) { /* one reader, which says what is wrong */
		logread_dir_files_free(files, n);
		return run_one(path, input, cfg, opts, res, err);
	}
	w = xcalloc((size_t)jobs, sizeof(*w));
	th = xcalloc((size_t)jobs, sizeof(*th));
	memset(&total, 0, sizeof(total));
	for (k = 0; k < jobs; k++) {
		size_t a = n * (size_t)k / (size_t)jobs, b = n * (size_t)(k + 1) / (size_t)jobs;
		worker_init(&w[k], cfg, opts->split);
		worker_opts(&w[k], opts, opts->format, input);
		w[k].path = path;
		w[k].files = files + a;
		w[k].nfiles = b - a;
		w[k].idle = a == b;
		if (pthread_create(&th[k], NULL, read_slice, &w[k]) != 0)
			read_slice(&w[k]), th[k] = 0;
	}
	for (k = 0; k < jobs; k++) {
		if (th[k])
			pthread_join(th[k], NULL);
		problem_buf_flush(&w[k].problems, path, 0, opts->sink);
		fold(res, &w[k]);
		logread_stats_add(&total, &w[k].stats);
		total.format = k ? total.format : w[k].stats.format;
		keep_error(&rc, err, &w[k]);
		worker_release(&w[k]);
	}
	add_stats(res, path, "file", &total, opts, input);
	logread_dir_files_free(files, n);
	free(w);
	free(th);
	return rc;
}

static int is_api(const char *spec, const struct pipeline_opts *opts)
{
	return opts->open_api && strchr(spec, ':') && strncmp(spec, "./", 2) &&
	       access(spec, F_OK) != 0;
}

static int run_one(const char *spec, size_t input, const struct agg_config *cfg,
		   const struct pipeline_opts *opts, struct pipeline_result *res,
		   struct sh_error *err)
{
	struct worker w;
	struct logread_cb cb = { on_record, &w };
	int rc;

	worker_init(&w, cfg, opts->split);
	worker_opts(&w, opts, opts->format, input);
	w.lr.sink = opts->sink; /* one input on this thread: its problems need no buffer */
	if (is_api(spec, opts)) {
		struct logread *lr = logread_new(spec, &w.lr, cb);
		rc = opts->open_api(opts->api_ctx, spec, lr, err);
		if (rc == 0)
			rc = logread_finish(lr, err) < 0 ? -1 : 0;
		w.stats = *logread_stats(lr);
		logread_free(lr);
		add_stats(res, spec, "api", &w.stats, opts, input);
	} else {
		rc = logread_file(spec, &w.lr, cb, &w.stats, err) < 0 ? -1 : 0;
		add_stats(res, spec, "file", &w.stats, opts, input);
	}
	fold(res, &w);
	worker_release(&w);
	return rc;
}

/* ---- several whole inputs at once ----------------------------------------------- */

/* Inputs that are not split are read concurrently, one per thread, and folded in input
 * order by the calling thread, so the result (and the order of problems) is that of a
 * single thread. A thread starts input i only when i < folded + window: the aggs waiting
 * to be folded stay few whatever the number of inputs. */
struct batch {
	char *const *inputs;
	size_t n;
	size_t first;       /* inputs[0]'s number among the run's inputs */
	const struct agg_config *cfg;
	const struct pipeline_opts *opts;
	struct worker **w;  /* owned: per input, from its start until it is folded */
	char *done;         /* owned: per input */
	size_t next, folded, window;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void read_whole(struct worker *w, const char *spec, size_t input,
		       const struct pipeline_opts *opts)
{
	struct logread_cb cb = { on_record, w };

	w->path = spec;
	w->problems.name = spec;
	worker_opts(w, opts, opts->format, input);
	w->rc = logread_file(spec, &w->lr, cb, &w->stats, &w->err) < 0 ? -1 : 0;
}

static void *batch_thread(void *arg)
{
	struct batch *b = arg;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&b->mu);
		while (b->next < b->n && b->next >= b->folded + b->window)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->next >= b->n) {
			pthread_mutex_unlock(&b->mu);
			return NULL;
		}
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		b->w[i] = xcalloc(1, sizeof(struct worker));
		worker_init(b->w[i], b->cfg, b->opts->split);
		read_whole(b->w[i], b->inputs[i], b->first + i, b->opts);
		pthread_mutex_lock(&b->mu);
		b->done[i] = 1;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
	}
}

/* Waits for input i, folds it into res and lets a thread start the next one. */
static void batch_fold(struct batch *b, size_t i, struct pipeline_result *res, int *rc,
		       struct sh_error *err)
{
	struct worker *w;

	pthread_mutex_lock(&b->mu);
	while (!b->done[i])
		pthread_cond_wait(&b->cv, &b->mu);
	pthread_mutex_unlock(&b->mu);
	w = b->w[i];
	problem_buf_flush(&w->problems, w->path, 0, b->opts->sink);
	add_stats(res, b->inputs[i], "file", &w->stats, b->opts, b->first + i);
	fold(res, w);
	keep_error(rc, err, w);
	worker_release(w);
	free(w);
	b->w[i] = NULL;
	pthread_mutex_lock(&b->mu);
	b->folded++;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

static int run_batch(char *const *inputs, size_t first, size_t n, int jobs,
		     const struct agg_config *cfg,
		     const struct pipeline_opts *opts, struct pipeline_result *res,
		     struct sh_error *err)
{
	struct batch b;
	int nth = jobs < (int)n ? jobs : (int)n, k, started = 0, rc = 0;
	pthread_t *th = xcalloc((size_t)nth, sizeof(*th));
	size_t i;

	memset(&b, 0, sizeof(b));
	b.inputs = inputs;
	b.first = first;
	b.n = n;
	b.cfg = cfg;
	b.opts = opts;
	b.w = xcalloc(n, sizeof(*b.w));
	b.done = xcalloc(n, 1);
	b.window = 2 * (size_t)nth;
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	for (k = 0; k < nth; k++)
		if (pthread_create(&th[k], NULL, batch_thread, &b) == 0)
			started++;
		else
			th[k] = 0;
	if (!started) /* no thread at all: read them here */
		batch_thread(&b);
	for (i = 0; i < n; i++)
		batch_fold(&b, i, res, &rc, err);
	for (k = 0; k < nth; k++)
		if (th[k])
			pthread_join(th[k], NULL);
	pthread_mutex_destroy(&b.mu);
	pthread_cond_destroy(&b.cv);
	free(b.w);
	free(b.done);
	free(th);
	return rc;
}

static void result_init(struct pipeline_result *res, const struct agg_config *cfg,
			const struct clients *split)
{
	size_t i;

	memset(res, 0, sizeof(*res));
	res->cfg = cfg;
	agg_init(&res->all, cfg);
	report_inputs_init(&res->inputs);
	if (!split)
		return;
	res->nclients = split->names.n;
	res->clients = xcalloc(res->nclients ? res->nclients : 1, sizeof(*res->clients));
	res->client_names = xcalloc(res->nclients ? res->nclients : 1, sizeof(char *));
	for (i = 0; i < res->nclients; i++) {
		agg_init(&res->clients[i], cfg);
		res->client_names[i] = xstrdup(split->names.keys[i]);
	}
}

/* The inputs from i on that are read whole, one per thread (neither split nor API
 * sources): their end. A split file's format and size go to *f and *size. */
static size_t batch_end(char *const *inputs, size_t i, size_t n,
			const struct pipeline_opts *opts, enum logread_format *f, long *size,
			int *array)
{
	while (i < n && !is_api(inputs[i], opts) &&
	       (*f = slice_splittable(inputs[i], opts->format, size, array)) == LR_AUTO)
		i++;
	return i;
}

static int run_all(char *const *inputs, size_t n, const struct agg_config *cfg,
		   const struct pipeline_opts *opts, struct pipeline_result *res,
		   struct sh_error *err)
{
	size_t i, j;
	int rc = 0, r, jobs = opts->jobs;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	result_init(res, cfg, opts->split);
	if (jobs <= 0)
		jobs = cpus > 0 ? (int)(cpus > 64 ? 64 : cpus) : 1;
	for (i = 0; i < n; i = j) {
		struct sh_error one = { 0 };
		long size = 0;
		int array = 0;
		enum logread_format f = LR_AUTO;

		j = i + 1;
		if (jobs > 1 && !opts->strict) {
			size_t end = batch_end(inputs, i, n, opts, &f, &size, &array);
			if (end - i >= 2)
				j = end;
			else if (end > i)
				f = LR_AUTO; /* inputs[i] alone: read whole (f was the next one's) */
		} else if (jobs > 1) {
			f = slice_splittable(inputs[i], opts->format, &size, &array);
		}
		if (j - i >= 2)
			r = run_batch(inputs + i, i, j - i, jobs, cfg, opts, res, &one);
		else if (f == LR_MAIL)
			r = run_dir(inputs[i], i, jobs, cfg, opts, res, &one);
		else if (f != LR_AUTO)
			r = run_split(inputs[i], i, size, f, array, jobs, cfg, opts, res, &one);
		else
			r = run_one(inputs[i], i, cfg, opts, res, &one);
		if (r != 0 && !rc) {
			*err = one;
			rc = -1;
		}
		if (r != 0 && opts->strict)
			break;
	}
	return rc;
}

int pipeline_run(char *const *inputs, size_t n, const struct agg_config *cfg,
		 const struct pipeline_opts *opts, struct pipeline_result *res,
		 struct sh_error *err)
{
	struct pipeline_opts o = *opts;
	int rc;

	if (opts->dedupe)
		return run_all(inputs, n, cfg, opts, res, err);
	o.dedupe = opts->jobs == 1 ? dedupe_new(0) : dedupe_new_shared(0, n);
	rc = run_all(inputs, n, cfg, &o, res, err);
	dedupe_free(o.dedupe);
	return rc;
}

void pipeline_result_release(struct pipeline_result *res)
{
	size_t i;

	if (!res)
		return;
	agg_release(&res->all);
	for (i = 0; i < res->nclients; i++) {
		agg_release(&res->clients[i]);
		free(res->client_names[i]);
	}
	free(res->clients);
	free(res->client_names);
	report_inputs_release(&res->inputs);
	memset(res, 0, sizeof(*res));
}
