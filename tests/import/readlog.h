/* readlog.h - what the import tests share: run a log (a string or a file) through logread,
 * in one piece and in small chunks, and look at the records as the JSON import writes.
 * Every record is parsed back with Jansson, so each test also checks that the output is
 * valid JSON. Header-only: each test program is built from one .c file. */
#ifndef SH_TESTS_IMPORT_READLOG_H
#define SH_TESTS_IMPORT_READLOG_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "import/logs/record_jsonl.h"
#include "tests/testlib.h"
#include "util/readfile.h"
#include "util/strbuf.h"

#define RL_MAX 64

struct readlog {
	struct strbuf out;     /* the records as JSON Lines */
	json_t *rec[RL_MAX];   /* the same, parsed */
	long n;                /* records */
	char skips[1024];      /* "line:reason_key " for each skipped record */
	char texts[2048];      /* their messages, one per line */
	struct logread_stats st;
	struct sh_error err;
	int rc;
	long stop_after;       /* the callback stops after this many (0: never) */
};

static inline int rl_record(void *ctx, const struct sh_record *r)
{
	struct readlog *rl = ctx;

	record_jsonl_append(&rl->out, r);
	rl->n++;
	return rl->stop_after && rl->n >= rl->stop_after ? -1 : 0;
}

static inline void rl_skip(void *ctx, const char *file, long line, const char *key, const char *text)
{
	struct readlog *rl = ctx;
	size_t have = strlen(rl->skips);

	(void)file;
	snprintf(rl->skips + have, sizeof(rl->skips) - have, "%ld:%s ", line, key);
	have = strlen(rl->texts);
	snprintf(rl->texts + have, sizeof(rl->texts) - have, "%s\n", text);
}

static inline void rl_parse(struct readlog *rl)
{
	const char *p = rl->out.buf;
	int i = 0;

	while (*p && i < RL_MAX) {
		const char *nl = strchr(p, '\n');
		json_error_t e;
		rl->rec[i] = json_loadb(p, (size_t)(nl - p), 0, &e);
		if (!rl->rec[i])
			fprintf(stderr, "  not valid JSON (%s): %.*s\n", e.text, (int)(nl - p), p);
		CU_ASSERT_PTR_NOT_NULL(rl->rec[i]);
		i++;
		p = nl + 1;
	}
}

static inline void rl_init(struct readlog *rl)
{
	memset(rl, 0, sizeof(*rl));
	strbuf_init(&rl->out);
}

static inline void rl_release(struct readlog *rl)
{
	int i;

	for (i = 0; i < RL_MAX; i++)
		json_decref(rl->rec[i]);
	strbuf_release(&rl->out);
}

/* Feeds buf in chunks of chunk bytes (0: all at once). */
static inline void rl_buffer(struct readlog *rl, const char *name, const char *buf, size_t len,
		      const struct logread_opts *given, size_t chunk)
{
	struct logread_opts opts;
	struct sh_sink sink = { rl_skip, rl };
	struct logread_cb cb = { rl_record, rl };
	struct logread *lr;
	size_t off = 0;

	memset(&opts, 0, sizeof(opts));
	if (given)
		opts = *given;
	opts.sink = &sink;
	lr = logread_new(name, &opts, cb);
	rl->rc = 0;
	if (!chunk)
		chunk = len ? len : 1;
	while (off < len && rl->rc == 0) {
		size_t n = len - off < chunk ? len - off : chunk;
		rl->rc = logread_feed(lr, buf + off, n, &rl->err);
		off += n;
	}
	if (rl->rc == 0)
		rl->rc = logread_finish(lr, &rl->err);
	rl->st = *logread_stats(lr);
	logread_free(lr);
	rl_parse(rl);
}

static inline void rl_file(struct readlog *rl, const char *path, const struct logread_opts *given)
{
	struct logread_opts opts;
	struct sh_sink sink = { rl_skip, rl };
	struct logread_cb cb = { rl_record, rl };

	memset(&opts, 0, sizeof(opts));
	if (given)
		opts = *given;
	opts.sink = &sink;
	rl->rc = logread_file(path, &opts, cb, &rl->st, &rl->err);
	rl_parse(rl);
}

/* Field key of record i as text ("" for null; numbers as integers or %g). */
static inline const char *rl_get(const struct readlog *rl, long i, const char *key)
{
	static char buf[4][512];
	static int k;
	json_t *v = i >= 0 && i < RL_MAX && rl->rec[i] ? json_object_get(rl->rec[i], key) : NULL;
	char *out = buf[k++ % 4];

	if (!v)
		return "(absent)";
	if (json_is_string(v))
		snprintf(out, 512, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, 512, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, 512, "%.6f", json_real_value(v));
	else
		snprintf(out, 512, "%s", "");
	return out;
}

/* One expected field: record index, key, value. */
struct rl_field {
	int rec;
	const char *key;
	const char *want;
};

/* Checks the fields, naming the case on failure. */
static inline void rl_check_fields(const struct readlog *rl, const char *name,
			    const struct rl_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n && f[i].key; i++) {
		const char *got = rl_get(rl, f[i].rec, f[i].key);
		if (strcmp(got, f[i].want))
			fprintf(stderr, "  %s: record %d %s: got '%s', want '%s'\n", name, f[i].rec,
				f[i].key, got, f[i].want);
		CU_ASSERT_STRING_EQUAL(got, f[i].want);
	}
}

/* A table-driven case: an input, the format forced or detected, and what a user sees. */
struct rl_case {
	const char *name;
	const char *fixture;        /* tests/fixtures/import/<fixture> */
	const char *sample;         /* ../shared/samples/<sample>: skipped when absent */
	enum logread_format format; /* forced, or LR_AUTO */
	const char *map;            /* --map, or NULL */
	enum logread_format want_format;
	long want_records;
	const char *want_skips;     /* "line:reason " per skipped record, in order */
	long want_dupes;
	struct rl_field fields[14];
};

static inline void rl_run(const struct rl_case *c)
{
	static const size_t chunks[] = { 1, 7, 4096 };
	struct logread_opts opts;
	struct readlog rl, part;
	struct gcsv_map map;
	struct sh_error err = { 0 };
	char rel[256];
	const char *path;
	char *data;
	size_t len, i;

	snprintf(rel, sizeof(rel), "samples/%s", c->sample ? c->sample : "");
	path = c->fixture ? test_fixture(c->fixture) : test_shared(rel);
	if (!path) {
		printf("  skip %s: ../shared is absent\n", c->name);
		return;
	}
	memset(&opts, 0, sizeof(opts));
	opts.format = c->format;
	if (c->map) {
		memset(&map, 0, sizeof(map));
		CU_ASSERT_EQUAL_FATAL(gcsv_parse_map(c->map, &map, &err), 0);
		opts.map = &map;
	}
	rl_init(&rl);
	rl_file(&rl, path, &opts);
	if (rl.st.format != c->want_format || rl.n != c->want_records ||
	    strcmp(rl.skips, c->want_skips) || rl.st.duplicates != c->want_dupes)
		fprintf(stderr, "  %s: got format %s, %ld records, skips '%s', %ld dupes (%s); "
			"want %s, %ld, '%s', %ld\n", c->name, logread_format_name(rl.st.format),
			rl.n, rl.skips, rl.st.duplicates, rl.err.msg,
			logread_format_name(c->want_format), c->want_records, c->want_skips,
			c->want_dupes);
	CU_ASSERT_EQUAL(rl.st.format, c->want_format);
	CU_ASSERT_EQUAL(rl.n, c->want_records);
	CU_ASSERT_STRING_EQUAL(rl.skips, c->want_skips);
	CU_ASSERT_EQUAL(rl.st.duplicates, c->want_dupes);
	rl_check_fields(&rl, c->name, c->fields, sizeof(c->fields) / sizeof(c->fields[0]));
	/* the same records whatever the chunk boundaries */
	data = read_whole_file(path, 1 << 24, &len, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		rl_init(&part);
		rl_buffer(&part, path, data, len, &opts, chunks[i]);
		if (strcmp(part.out.buf, rl.out.buf) || strcmp(part.skips, rl.skips))
			fprintf(stderr, "  %s: in chunks of %zu the records differ:\n%s---\n%s",
				c->name, chunks[i], part.out.buf, rl.out.buf);
		CU_ASSERT_STRING_EQUAL(part.out.buf, rl.out.buf);
		CU_ASSERT_STRING_EQUAL(part.skips, rl.skips);
		rl_release(&part);
	}
	free(data);
	rl_release(&rl);
}

#endif
