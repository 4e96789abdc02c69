/* test_logread.c - the pipeline around the format readers: detection (and what inputs that
 * are not event logs are called), gzip, hostile input (truncated, garbage, NUL bytes,
 * invalid UTF-8, a 100 MB line, 100k-deep nesting, empty, a directory), strict mode, the
 * callback stopping, a reader started mid-file, dedupe across inputs, and flat memory. */
#include "tests/import/readlog.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <zlib.h>

#include "import/dedupe.h"

static const char event_a[] =
	"{\"event\":\"failed\",\"id\":\"A\",\"timestamp\":1700000000.5,\"severity\":\"permanent\","
	"\"recipient\":\"a@example.com\",\"delivery-status\":{\"code\":550,"
	"\"message\":\"550 5.1.1 no such user\"}}";
static const char event_b[] =
	"{\"event\":\"failed\",\"id\":\"B\",\"timestamp\":1700000001,\"severity\":\"temporary\","
	"\"recipient\":\"b@example.com\",\"delivery-status\":{\"code\":421,\"message\":\"later\"}}";

/* What a user is told about inputs that are not event logs. */
static void test_not_event_logs(void)
{
	static const struct {
		const char *sample, *text;
	} t[] = {
		{ "mailgun-logs-api-request.json", "Logs API request body" },
		{ "mailgun-stats-total.json", "not an event log (looks like Mailgun stats)" },
		{ "mailgun-stats-total-doc.jsonc", "not an event log (looks like Mailgun stats)" },
		{ "mailgun-send-429.json", "looks like a Mailgun API response" },
		{ "sendgrid-stats.json", "not an event log (looks like SendGrid stats)" },
		{ "sendgrid-bounce-classifications.json", "SendGrid bounce classification stats" },
		{ "sendgrid-429-email-activity.json", "a SendGrid API error response" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char rel[128];
		const char *path;
		struct readlog rl;
		snprintf(rel, sizeof(rel), "samples/%s", t[i].sample);
		if (!(path = test_shared(rel))) {
			printf("  skip %s: ../shared is absent\n", t[i].sample);
			continue;
		}
		rl_init(&rl);
		rl_file(&rl, path, NULL);
		TEST_LONG_EQ(rl.n, 0);
		TEST_STR_EQ(rl.skips, "0:not_event_log ");
		if (!strstr(rl.texts, t[i].text))
			fprintf(stderr, "  %s: got '%s', want '%s'\n", t[i].sample, rl.texts, t[i].text);
		CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, t[i].text));
		rl_release(&rl);
	}
}

static const struct {
	const char *name, *input;
	long records;
	const char *skips, *text;
} hostile[] = {
	{ "empty", "", 0, "0:empty_file ", "empty input" },
	{ "only blanks", " \n\t\n", 0, "0:empty_file ", "empty input" },
	{ "only a BOM", "\xEF\xBB\xBF\n", 0, "0:empty_file ", "empty input" },
	{ "truncated document", "[\n{\"event\":\"failed\",\"id\":\"x\",\"timestamp\":1,\n", 0,
	  "2:bad_json ", "truncated JSON" },
	{ "syntax error in a document", "[\n{\"event\":\"failed\" \"id\":1}\n]\n", 0, "0:bad_json ",
	  "not valid JSON (line 2: parse error" },
	{ "syntax error after the first event",
	  "[\n{\"event\":\"failed\",\"id\":\"a\",\"timestamp\":1,\"recipient\":\"a@b\"},\n"
	  "{\"event\":\"failed\" \"id\":1}\n]\n", 1, "3:bad_json ", "invalid JSON (parse error" },
	{ "text", "hello world\n", 0, "0:unknown_format ", "it starts 'hello world'" },
	{ "HTML sign-in page", "<!DOCTYPE html><html>", 0, "0:unknown_format ", "HTML" },
	{ "binary", "\x01\x02\x00\x03garbage", 0, "0:unknown_format ", "binary data" },
	{ "a zip archive", "PK\x03\x04\x14\x00", 0, "0:unknown_format ", "zip archive" },
	{ "JavaScript literal", "{ code: 'EAUTH', responseCode: 535 }\n", 0, "0:bad_json ",
	  "JavaScript object literal" },
	{ "unknown JSON", "[{\"a\":1,\"b\":2}]", 0, "0:not_event_log ", "keys: a, b" },
	{ "an empty SendGrid list", "[]", 0, "", "" },
	{ "an empty Mailgun page", "{\"items\":[],\"paging\":{}}", 0, "", "" },
	/* libcsv closes a quote left open at the end: the row would swallow the lines after it */
	{ "CSV with an unterminated quote",
	  "date,to,code,response\n2026-01-01,a@b.com,550,x\n2026-01-01,c@d.com,550,\"open\n"
	  "2026-01-02,e@f.com,550,y\n", 1, "3:unterminated_quote ", "quoted field is not closed" },
};

static void test_hostile_inline(void)
{
	size_t i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct readlog rl;
		rl_init(&rl);
		rl_buffer(&rl, hostile[i].name, hostile[i].input, strlen(hostile[i].input) +
			  (hostile[i].input[0] == '\x01' ? 10 : 0), NULL, 0);
		if (rl.n != hostile[i].records || strcmp(rl.skips, hostile[i].skips) ||
		    !strstr(rl.texts, hostile[i].text))
			fprintf(stderr, "  %s: got %ld records, '%s', '%s'\n", hostile[i].name, rl.n,
				rl.skips, rl.texts);
		TEST_LONG_EQ(rl.n, hostile[i].records);
		TEST_STR_EQ(rl.skips, hostile[i].skips);
		CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, hostile[i].text));
		TEST_LONG_EQ(rl.rc, 0);
		rl_release(&rl);
	}
}

/* A broken line loses nothing after it; NUL bytes and bad UTF-8 are handled per line. */
static void test_jsonl_resync(void)
{
	struct readlog rl;
	struct strbuf in;

	strbuf_init(&in);
	strbuf_addf(&in, "%s\n{\"event\":\"failed\",\"id\":\n%s\n", event_a, event_b);
	strbuf_addf(&in, "{\"event\":\"failed\",\"id\":\"U\",\"timestamp\":2,\"recipient\":\"u@x\","
			 "\"delivery-status\":{\"message\":\"caf\xe9 \\u0000!\"}}\n");
	strbuf_addf(&in, "%s", event_a);
	rl_init(&rl);
	rl_buffer(&rl, "mixed.jsonl", in.buf, in.len, NULL, 0);
	TEST_LONG_EQ(rl.n, 3); /* A, B, U; the second A is a duplicate */
	TEST_STR_EQ(rl.skips, "2:bad_json ");
	TEST_STR_EQ(rl_get(&rl, 1, "line"), "3");
	TEST_STR_EQ(rl_get(&rl, 2, "message"), "caf\xef\xbf\xbd !");
	TEST_LONG_EQ(rl.st.repaired, 1);
	TEST_LONG_EQ(rl.st.duplicates, 1);
	rl_release(&rl);

	/* a raw NUL byte ends that line only */
	strbuf_reset(&in);
	strbuf_addf(&in, "%s\n", event_a);
	strbuf_add(&in, "{\"event\":\"fa\0led\"}\n", 19);
	strbuf_addf(&in, "%s\n", event_b);
	rl_init(&rl);
	rl_buffer(&rl, "nul.jsonl", in.buf, in.len, NULL, 3);
	TEST_LONG_EQ(rl.n, 2);
	TEST_STR_EQ(rl.skips, "2:bad_json ");
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, "NUL byte"));
	rl_release(&rl);
	strbuf_release(&in);
}

/* name's bytes in, fed in pieces of each size, read as whole did */
static void same_in_pieces(const struct readlog *whole, const char *name, const struct strbuf *in)
{
	static const size_t sizes[] = { 1, 7, 100, 999, 4096, 65536 };
	struct readlog cut;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		rl_init(&cut);
		rl_buffer(&cut, name, in->buf, in->len, NULL, sizes[i]);
		TEST_LONG_EQ(cut.n, whole->n);
		TEST_STR_EQ(cut.skips, whole->skips);
		CU_ASSERT(cut.out.len == whole->out.len &&
			  !memcmp(cut.out.buf, whole->out.buf, cut.out.len));
		rl_release(&cut);
	}
}

/* JSON Lines fed in pieces of any size read as fed whole: the same records, skips and line
 * numbers, whatever line a piece ends in (one whose start is held back for its newline,
 * one longer than that is held, an escaped one YAJL reads, a broken one, a last line
 * without a newline). */
static void test_jsonl_pieces(void)
{
	struct readlog whole;
	struct strbuf in;
	int k;

	strbuf_init(&in);
	for (k = 0; k < 40; k++)
		strbuf_addf(&in, "{\"event\":\"failed\",\"id\":\"E%d\",\"timestamp\":%d,"
				 "\"recipient\":\"r%d@example.com\",\"delivery-status\":{\"code\":550,"
				 "\"message\":\"550 5.1.1 user %d unknown\"}}\n", k, 1700000000 + k, k, k);
	strbuf_adds(&in, "{\"event\":\"failed\",\"id\":\n");
	strbuf_adds(&in, "{\"event\":\"failed\",\"id\":\"Q\",\"timestamp\":5,\"recipient\":"
			 "\"q@example.com\",\"delivery-status\":{\"message\":\"say \\\"no\\\"\"}}\n");
	strbuf_adds(&in, "{\"event\":\"failed\",\"id\":\"L\",\"timestamp\":6,\"recipient\":"
			 "\"l@example.com\",\"delivery-status\":{\"message\":\"");
	for (k = 0; k < 70000; k++)
		strbuf_addch(&in, (char)('a' + k % 26));
	strbuf_adds(&in, "\"}}\n");
	strbuf_addf(&in, "%s", event_b);
	rl_init(&whole);
	rl_buffer(&whole, "pieces.jsonl", in.buf, in.len, NULL, 0);
	TEST_LONG_EQ(whole.n, 43);
	TEST_STR_EQ(whole.skips, "41:bad_json ");
	TEST_STR_EQ(rl_get(&whole, 41, "line"), "43");
	TEST_STR_EQ(rl_get(&whole, 42, "line"), "44");
	same_in_pieces(&whole, "pieces.jsonl", &in);
	rl_release(&whole);

	/* SendGrid batches, an array a line, longer than a read (one broken half-way) */
	strbuf_reset(&in);
	for (k = 0; k < 3; k++) {
		int e;
		strbuf_addch(&in, '[');
		for (e = 0; e < 500; e++)
			strbuf_addf(&in, "%s{\"email\":\"u%d.%d@example.com\",\"event\":\"bounce\","
					 "\"timestamp\":%d,\"sg_event_id\":\"S%d.%d\",\"reason\":"
					 "\"550 5.1.1 unknown user %d\",\"type\":\"bounce\"}",
				    e ? "," : "", k, e, 1700000000 + e, k, e, e);
		if (k == 1)
			in.len -= 40; /* cut inside the last event */
		strbuf_adds(&in, "]\n");
	}
	rl_init(&whole);
	rl_buffer(&whole, "batches.jsonl", in.buf, in.len, NULL, 0);
	TEST_LONG_EQ(whole.n, 1499); /* the broken line's events before the break count */
	TEST_STR_EQ(whole.skips, "2:bad_json ");
	same_in_pieces(&whole, "batches.jsonl", &in);
	rl_release(&whole);
	strbuf_release(&in);
}

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Feeds prefix, then n bytes of c in 64 KiB pieces, then suffix. */
static int feed_big(struct logread *lr, const char *prefix, char c, size_t n, const char *suffix,
		    struct sh_error *err)
{
	static char block[65536];
	int rc = logread_feed(lr, prefix, strlen(prefix), err);

	memset(block, c, sizeof(block));
	while (n && rc == 0) {
		size_t k = n < sizeof(block) ? n : sizeof(block);
		rc = logread_feed(lr, block, k, err);
		n -= k;
	}
	if (rc == 0)
		rc = logread_feed(lr, suffix, strlen(suffix), err);
	return rc ? rc : logread_finish(lr, err);
}

/* A 100 MB line, a 2 MB string and a 5 MB event: each skipped, the rest read, memory flat. */
static void test_caps(void)
{
	static const struct {
		const char *name, *prefix, *suffix;
		char fill;
		size_t n;
		const char *skips;
		long records;
	} t[] = {
		{ "100 MB line", "{\"event\":\"failed\",\"message\":\"", "\"}\n", 'x', 100u << 20,
		  "1:too_long ", 2 },
		{ "2 MB string in a document", "[{\"event\":\"failed\",\"id\":\"s\",\"x\":1,\"message\":\"",
		  "\"},\n", 'y', 2u << 20, "1:too_long ", 2 },
		{ "5 MB event of small values", "[{\"event\":\"failed\",\"user-variables\":[",
		  "1]},\n", '1', 5u << 20, "1:too_long ", 2 },
		{ "100 MB of spaces in a line", "{\"event\":", "\"failed\"}\n", ' ', 100u << 20,
		  "1:too_long ", 2 },
	};
	long before = peak_rss_kb();
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct readlog rl;
		struct logread_opts opts;
		struct sh_sink sink = { rl_skip, &rl };
		struct logread_cb cb = { rl_record, &rl };
		struct logread *lr;
		char suffix[1024];
		int doc = t[i].prefix[0] == '[';

		memset(&opts, 0, sizeof(opts));
		opts.sink = &sink;
		opts.format = LR_MAILGUN;
		rl_init(&rl);
		lr = logread_new(t[i].name, &opts, cb);
		/* for numbers, commas make 5 MB of small values */
		snprintf(suffix, sizeof(suffix), "%s%s%s%s%s", t[i].suffix, event_a, doc ? ",\n" : "\n",
			 event_b, doc ? "]\n" : "\n");
		if (t[i].fill == '1') {
			static char block[65536];
			size_t left = t[i].n, k;
			logread_feed(lr, t[i].prefix, strlen(t[i].prefix), &rl.err);
			for (k = 0; k < sizeof(block); k += 2) {
				block[k] = '1';
				block[k + 1] = ',';
			}
			while (left) {
				k = left < sizeof(block) ? left : sizeof(block);
				logread_feed(lr, block, k, &rl.err);
				left -= k;
			}
			rl.rc = feed_big(lr, "", ' ', 0, suffix, &rl.err);
		} else {
			rl.rc = feed_big(lr, t[i].prefix, t[i].fill, t[i].n, suffix, &rl.err);
		}
		rl.st = *logread_stats(lr);
		logread_free(lr);
		rl_parse(&rl);
		if (strcmp(rl.skips, t[i].skips) || rl.n != t[i].records)
			fprintf(stderr, "  %s: got '%s' %ld records (%s)\n", t[i].name, rl.skips, rl.n,
				rl.texts);
		TEST_STR_EQ(rl.skips, t[i].skips);
		TEST_LONG_EQ(rl.n, t[i].records);
		TEST_STR_EQ(rl_get(&rl, 1, "event_id"), "B");
		rl_release(&rl);
	}
	/* 200 MB went through; the peak grew by a few caps at most */
	if (peak_rss_kb() - before > 48 * 1024)
		fprintf(stderr, "  peak RSS grew by %ld KiB\n", peak_rss_kb() - before);
	CU_ASSERT(peak_rss_kb() - before <= 48 * 1024);
}

static void test_deep_nesting(void)
{
	static const enum logread_format formats[] = { LR_AUTO, LR_MAILGUN };
	struct strbuf in;
	size_t i, f;

	strbuf_init(&in);
	for (f = 0; f < 2; f++) {
		for (i = 0; i < 3; i++) {
			/* closed, unclosed, and inside an event */
			struct logread_opts opts;
			struct readlog rl;
			size_t d;
			strbuf_reset(&in);
			if (i == 2)
				strbuf_adds(&in, "{\"event\":\"failed\",\"tags\":");
			for (d = 0; d < 100000; d++)
				strbuf_addch(&in, '[');
			for (d = 0; i != 1 && d < 100000; d++)
				strbuf_addch(&in, ']');
			if (i == 2)
				strbuf_adds(&in, "}");
			strbuf_addch(&in, '\n');
			memset(&opts, 0, sizeof(opts));
			opts.format = formats[f];
			rl_init(&rl);
			rl_buffer(&rl, "deep.json", in.buf, in.len, &opts, 0);
			if (strcmp(rl.skips, f ? (i == 2 ? "1:too_deep " : "1:too_deep ") : "0:too_deep "))
				fprintf(stderr, "  deep %zu/%zu: got '%s' (%s)\n", f, i, rl.skips, rl.texts);
			TEST_STR_EQ(rl.skips, f ? "1:too_deep " : "0:too_deep ");
			TEST_LONG_EQ(rl.n, 0);
			rl_release(&rl);
		}
	}
	strbuf_release(&in);
}

/* gzip of a JSON Lines file reads as the file; garbage and truncation are reported. */
static size_t gzip_buf(const char *in, size_t len, unsigned char *out, size_t size)
{
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)(uintptr_t)in;
	zs.avail_in = (unsigned)len;
	zs.next_out = out;
	zs.avail_out = (unsigned)size;
	deflate(&zs, Z_FINISH);
	deflateEnd(&zs);
	return size - zs.avail_out;
}

static void test_gzip(void)
{
	unsigned char gz[8192], two[16384];
	char plain[2048];
	size_t n, glen;
	struct readlog rl;

	n = (size_t)snprintf(plain, sizeof(plain), "%s\n%s\n", event_a, event_b);
	glen = gzip_buf(plain, n, gz, sizeof(gz));
	rl_init(&rl);
	rl_buffer(&rl, "a.jsonl.gz", (char *)gz, glen, NULL, 1);
	TEST_LONG_EQ(rl.n, 2);
	TEST_LONG_EQ(rl.st.gzip, 1);
	TEST_STR_EQ(rl.skips, "");
	TEST_STR_EQ(rl_get(&rl, 1, "line"), "2");
	rl_release(&rl);

	/* two members, as `cat a.gz b.gz` makes */
	memcpy(two, gz, glen);
	n = (size_t)snprintf(plain, sizeof(plain), "%s\n", event_b);
	n = gzip_buf(plain, n, two + glen, sizeof(two) - glen);
	rl_init(&rl);
	rl_buffer(&rl, "two.gz", (char *)two, glen + n, NULL, 0);
	TEST_LONG_EQ(rl.n, 2); /* the second B is a duplicate */
	TEST_LONG_EQ(rl.st.duplicates, 1);
	rl_release(&rl);

	rl_init(&rl);
	rl_buffer(&rl, "cut.gz", (char *)gz, glen / 2, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.skips, "0:bad_gzip"));
	rl_release(&rl);

	rl_init(&rl);
	rl_buffer(&rl, "garbage.gz", "\x1f\x8bgarbage, not deflate at all", 30, NULL, 0);
	TEST_STR_EQ(rl.skips, "0:bad_gzip ");
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.texts, "not a valid gzip stream"));
	rl_release(&rl);
}

static void test_files(void)
{
	struct readlog rl;

	rl_init(&rl);
	rl_file(&rl, "tests/fixtures", NULL);
	TEST_LONG_EQ(rl.rc, -1);
	TEST_LONG_EQ(rl.err.kind, SH_ERR_IO);
	TEST_STR_EQ(rl.err.msg, "'tests/fixtures' is a directory without files (a directory of "
			     "mail messages or a Maildir is read)");
	rl_release(&rl);

	rl_init(&rl);
	rl_file(&rl, "tests/fixtures/import/no-such-file.json", NULL);
	TEST_LONG_EQ(rl.err.kind, SH_ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(rl.err.msg, "No such file"));
	rl_release(&rl);
}

static void test_strict_and_stop(void)
{
	struct logread_opts opts;
	struct readlog rl;
	const char *in = "{\"event\":\"failed\",\"id\":\"A\",\"timestamp\":1,\"recipient\":\"a@b\"}\n"
			 "{\"event\":\"failed\",\"id\":\"B\",\"recipient\":\"a@b\"}\n"
			 "{\"event\":\"failed\",\"id\":\"C\",\"timestamp\":3,\"recipient\":\"a@b\"}\n";

	memset(&opts, 0, sizeof(opts));
	opts.strict = 1;
	rl_init(&rl);
	rl_buffer(&rl, "s.jsonl", in, strlen(in), &opts, 0);
	TEST_LONG_EQ(rl.rc, -1);
	TEST_LONG_EQ(rl.n, 1);
	TEST_LONG_EQ(rl.err.kind, SH_ERR_DATA);
	TEST_LONG_EQ(rl.err.line, 2);
	TEST_STR_EQ(rl.err.msg, "a Mailgun 'failed' event without 'timestamp'");
	TEST_STR_EQ(rl.skips, ""); /* an error, not a report */
	rl_release(&rl);

	rl_init(&rl);
	rl.stop_after = 1;
	rl_buffer(&rl, "s.jsonl", in, strlen(in), NULL, 5);
	TEST_LONG_EQ(rl.rc, LOGREAD_STOPPED);
	TEST_LONG_EQ(rl.n, 1);
	rl_release(&rl);
}

/* A JSON Lines slice read with a forced format from line 100, as a thread would. */
static void test_forced_empty(void)
{
	struct logread_opts opts;
	struct readlog rl;

	memset(&opts, 0, sizeof(opts));
	opts.format = LR_SENDGRID;
	rl_init(&rl);
	rl_buffer(&rl, "empty", "\n", 1, &opts, 0);
	TEST_STR_EQ(rl.skips, "0:empty_file ");
	rl_release(&rl);
}

/* A byte-order mark before a JSON log whose format is given (or detected) is skipped, or
 * for UTF-16 decoded, whole or fed a byte at a time: the record is read. */
static void test_given_format_marks(void)
{
	static const struct {
		const char *name;
		enum logread_format format;
		int utf16; /* 0: the UTF-8 mark; 1: UTF-16LE; 2: UTF-16BE */
	} t[] = {
		{ "UTF-8 mark, Mailgun given", LR_MAILGUN, 0 },
		{ "UTF-16LE, Mailgun given", LR_MAILGUN, 1 },
		{ "UTF-16BE, Mailgun given", LR_MAILGUN, 2 },
		{ "UTF-8 mark, detected", LR_AUTO, 0 },
		{ "UTF-16LE, detected", LR_AUTO, 1 },
	};
	size_t i, k, n = strlen(event_a);
	char buf[1024];

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = 0;
		if (t[i].utf16 == 0) {
			memcpy(buf, "\xEF\xBB\xBF", 3);
			memcpy(buf + 3, event_a, n);
			len = n + 3;
		} else {
			int be = t[i].utf16 == 2;
			buf[len++] = be ? '\xFE' : '\xFF';
			buf[len++] = be ? '\xFF' : '\xFE';
			for (k = 0; k < n; k++) {
				buf[len++] = be ? 0 : event_a[k];
				buf[len++] = be ? event_a[k] : 0;
			}
		}
		for (k = 0; k < 2; k++) {
			struct logread_opts opts;
			struct readlog rl;
			memset(&opts, 0, sizeof(opts));
			opts.format = t[i].format;
			rl_init(&rl);
			rl_buffer(&rl, "marked.json", buf, len, &opts, k);
			if (rl.n != 1)
				fprintf(stderr, "  %s, pieces of %zu: %ld records, %s\n", t[i].name,
					k, rl.n, rl.skips);
			TEST_LONG_EQ(rl.n, 1);
			if (rl.n == 1)
				TEST_STR_EQ(json_string_value(json_object_get(rl.rec[0], "recipient")),
					    "a@example.com");
			rl_release(&rl);
		}
	}
}

static void test_mid_file(void)
{
	struct logread_opts opts;
	struct readlog rl;
	char in[1024];

	snprintf(in, sizeof(in), "%s\n%s\n", event_a, event_b);
	memset(&opts, 0, sizeof(opts));
	opts.format = LR_MAILGUN;
	opts.lines = 1;
	opts.first_line = 100;
	rl_init(&rl);
	rl_buffer(&rl, "slice", in, strlen(in), &opts, 0);
	TEST_LONG_EQ(rl.n, 2);
	TEST_STR_EQ(rl_get(&rl, 0, "line"), "100");
	TEST_STR_EQ(rl_get(&rl, 1, "line"), "101");
	rl_release(&rl);
}

/* Two overlapping inputs sharing one table: the second keeps only what is new. */
static void test_shared_dedupe(void)
{
	struct logread_opts opts;
	struct readlog rl;
	char in[1024];

	memset(&opts, 0, sizeof(opts));
	opts.dedupe = dedupe_new(0);
	snprintf(in, sizeof(in), "%s\n", event_a);
	rl_init(&rl);
	rl_buffer(&rl, "one", in, strlen(in), &opts, 0);
	TEST_LONG_EQ(rl.n, 1);
	rl_release(&rl);
	snprintf(in, sizeof(in), "[%s,%s]", event_b, event_a);
	rl_init(&rl);
	rl_buffer(&rl, "two", in, strlen(in), &opts, 0);
	TEST_LONG_EQ(rl.n, 1);
	TEST_LONG_EQ(rl.st.duplicates, 1);
	rl_release(&rl);
	dedupe_free(opts.dedupe);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "inputs that are not event logs", test_not_event_logs },
		{ "hostile input", test_hostile_inline },
		{ "JSON Lines resync", test_jsonl_resync },
		{ "JSON Lines in pieces of any size", test_jsonl_pieces },
		{ "size caps and flat memory", test_caps },
		{ "100k-deep nesting", test_deep_nesting },
		{ "gzip", test_gzip },
		{ "directories and missing files", test_files },
		{ "strict mode and stopping", test_strict_and_stop },
		{ "a reader started mid-file", test_mid_file },
		{ "an empty input with a given format", test_forced_empty },
		{ "a byte-order mark before a given or detected format", test_given_format_marks },
		{ "dedupe across inputs", test_shared_dedupe },
	};
	return test_run("logread", tests, sizeof(tests) / sizeof(tests[0]));
}
