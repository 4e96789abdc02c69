/* logread_bench.c - throughput of the ingest layer on one file, against a raw YAJL pass that
 * does nothing, so that the cost of our work per event is visible.
 * Usage: logread_bench yajl|yajlcb|csv|logread|records FILE [RUNS]
 *   yajl     fread 256 KiB chunks into YAJL with no callbacks (the floor for JSON)
 *   csv      fread 256 KiB chunks into libcsv, rows counted (the floor for CSV)
 *   yajlcb   the same with callbacks that do nothing
 *   logread  logread_file with a record callback that does nothing
 *   records  logread_file, each record formatted as import writes it (not written out)
 * Prints the best of RUNS (default 3): bytes, seconds, MB/s, records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csv.h>
#include <yajl/yajl_parse.h>

#include "import/logread.h"
#include "import/logs/record_jsonl.h"
#include "util/strbuf.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int nop(void *ctx)
{
	(void)ctx;
	return 1;
}

static int nop_b(void *ctx, int b)
{
	(void)ctx;
	(void)b;
	return 1;
}

static int nop_s(void *ctx, const unsigned char *s, size_t n)
{
	(void)ctx;
	(void)s;
	(void)n;
	return 1;
}

static int nop_n(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	(void)s;
	(void)n;
	return 1;
}

/* callbacks that do nothing: what any callback-driven reader pays on top of the lexer */
static const yajl_callbacks nops = {
	nop, nop_b, NULL, NULL, nop_n, nop_s, nop, nop_s, nop, nop, nop,
};

static long raw_yajl(const char *path, int cbs, unsigned long long *bytes)
{
	static char buf[256 * 1024];
	FILE *fp = fopen(path, "rb");
	yajl_handle h = yajl_alloc(cbs ? &nops : NULL, NULL, NULL);
	size_t n;

	if (!fp || !h)
		exit(2);
	yajl_config(h, yajl_allow_multiple_values, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		*bytes += n;
		if (yajl_parse(h, (unsigned char *)buf, n) != yajl_status_ok)
			exit(3);
	}
	yajl_complete_parse(h);
	yajl_free(h);
	fclose(fp);
	return 0;
}

static void csv_field(void *s, size_t n, void *ctx)
{
	(void)s;
	(void)n;
	(void)ctx;
}

static void csv_row(int c, void *ctx)
{
	(void)c;
	(*(long *)ctx)++;
}

/* libcsv over the file with callbacks that only count rows (the header is one of them) */
static long raw_csv(const char *path, unsigned long long *bytes)
{
	static char buf[256 * 1024];
	FILE *fp = fopen(path, "rb");
	struct csv_parser p;
	long rows = 0;
	size_t n;

	if (!fp || csv_init(&p, CSV_APPEND_NULL) != 0)
		exit(2);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		*bytes += n;
		if (csv_parse(&p, buf, n, csv_field, csv_row, &rows) != n)
			exit(3);
	}
	csv_fini(&p, csv_field, csv_row, &rows);
	csv_free(&p);
	fclose(fp);
	return rows;
}

struct sink {
	long n;
	struct strbuf out;
	int format;
};

static int on_record(void *ctx, const struct sh_record *r)
{
	struct sink *s = ctx;

	s->n++;
	if (s->format) {
		record_jsonl_append(&s->out, r);
		if (s->out.len > 65536)
			strbuf_reset(&s->out);
	}
	return 0;
}

static long via_logread(const char *path, int format, unsigned long long *bytes)
{
	struct sink s = { 0, { 0 }, format };
	struct logread_cb cb = { on_record, &s };
	struct logread_stats st;
	struct sh_error err = { 0 };

	strbuf_init(&s.out);
	if (logread_file(path, NULL, cb, &st, &err) != 0) {
		fprintf(stderr, "logread: %s\n", err.msg);
		exit(3);
	}
	*bytes = st.bytes_read;
	strbuf_release(&s.out);
	if (st.skipped)
		fprintf(stderr, "(%ld skipped)\n", st.skipped);
	return s.n;
}

int main(int argc, char **argv)
{
	int runs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 3, i;
	double best = 1e30;
	unsigned long long bytes = 0;
	long records = 0;

	if (argc < 3 || runs < 1 || runs > 100)
		return fprintf(stderr, "usage: logread_bench yajl|yajlcb|csv|logread|records FILE [RUNS]\n"), 2;
	for (i = 0; i < runs; i++) {
		double t0 = now(), dt;
		bytes = 0;
		if (!strncmp(argv[1], "yajl", 4))
			records = raw_yajl(argv[2], !strcmp(argv[1], "yajlcb"), &bytes);
		else if (!strcmp(argv[1], "csv"))
			records = raw_csv(argv[2], &bytes);
		else
			records = via_logread(argv[2], !strcmp(argv[1], "records"), &bytes);
		dt = now() - t0;
		if (dt < best)
			best = dt;
	}
	printf("%-8s %llu bytes %.3f s %.1f MB/s %ld records\n", argv[1], bytes, best,
	       bytes / best / 1e6, records);
	return 0;
}
