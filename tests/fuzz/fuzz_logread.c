/* fuzz_logread.c - format detection and every log reader (Mailgun, SendGrid, SendGrid CSV,
 * generic CSV, Nodemailer, our own records), with gzip, fed in chunks of any size. The
 * first byte picks the format (or detection) and JSON Lines framing, the second the chunk
 * size, strict mode, a shared duplicate table or a second read as a file (logread_file), and
 * reading as a CSV slice (logread_opts.sniff, .late_sniff); the rest is the log.
 * Invariants (logread.h, record.h, record_jsonl.h): every record's strings are valid UTF-8
 * without NUL bytes; the records written as JSON Lines parse as JSON, and read back by the
 * "records" reader they give the same lines again; stats add up. */
#define _GNU_SOURCE /* memfd_create */
#define FUZZ_JSON_ARENA /* check_output's JSON values from util/json_arena (fuzz.h) */
#include "tests/fuzz/fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include <jansson.h>

#include "import/detect.h"
#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "import/logs/record_jsonl.h"
#include "util/smtp_codes.h"
#include "util/text.h"

#define MAX_OUT (1u << 20)

struct seen {
	struct strbuf out;
	long records;
	size_t dedupe_cap; /* the duplicate table's, for a read of the whole input */
};

static void check_slice(struct slice s)
{
	FUZZ_CHECK(s.ptr != NULL);
	FUZZ_CHECK(memchr(s.ptr, 0, s.len) == NULL);
	FUZZ_CHECK(text_utf8_valid(s.ptr, s.len));
}

static int on_record(void *ctx, const struct sh_record *r)
{
	struct seen *s = ctx;

	check_slice(r->esp);
	check_slice(r->sending_domain);
	check_slice(r->sender);
	check_slice(r->recipient);
	check_slice(r->recipient_domain);
	check_slice(r->recipient_provider);
	check_slice(r->message);
	check_slice(r->description);
	check_slice(r->esp_reason);
	check_slice(r->bounce_class);
	check_slice(r->message_id);
	check_slice(r->event_id);
	check_slice(r->tags);
	check_slice(r->subaccount);
	FUZZ_CHECK(memchr(r->enhanced, 0, sizeof(r->enhanced)) != NULL);
	if (r->enhanced[0]) { /* an RFC 3463 code and nothing else */
		char code[16];
		smtp_find_enhanced(r->enhanced, strlen(r->enhanced), code);
		FUZZ_CHECK(!strcmp(code, r->enhanced));
	}
	FUZZ_CHECK(r->source < SRC_COUNT && r->event < EV_COUNT);
	s->records++;
	if (s->out.len < MAX_OUT)
		record_jsonl_append(&s->out, r);
	return 0;
}

/* shared: a table read from several inputs (this is input number `input`), else NULL. */
static int read_all(const char *name, const uint8_t *data, size_t size, size_t chunk,
		    const struct logread_opts *opts, struct seen *s, struct logread_stats *st,
		    struct dedupe *shared, size_t input)
{
	struct logread_cb cb = { on_record, s };
	struct logread_opts o = *opts;
	struct logread *lr;
	struct sh_error err = { 0 };
	size_t off = 0;
	int rc = 0;

	if (shared) {
		o.dedupe = shared;
		o.input = input;
	} else if (!o.no_dedupe) {
		o.dedupe = dedupe_new(s->dedupe_cap);
	}
	lr = logread_new(name, &o, cb);
	while (off < size && rc == 0) {
		size_t n = size - off < chunk ? size - off : chunk;
		rc = logread_feed(lr, (const char *)data + off, n, &err);
		off += n;
	}
	if (rc == 0)
		rc = logread_finish(lr, &err);
	if (rc < 0)
		FUZZ_CHECK(err.msg[0] != '\0');
	*st = *logread_stats(lr);
	logread_free(lr);
	if (o.dedupe && !shared)
		dedupe_free(o.dedupe);
	return rc;
}

/* Every line is a JSON object; the "records" reader gives the same lines back. */
static void check_output(const struct seen *s)
{
	struct logread_opts opts;
	struct logread_stats st;
	struct seen again;
	const char *p = s->out.buf, *nl;

	json_arena_begin(); /* a value per line: no ASan malloc and free per node */
	for (; *p; p = nl + 1) {
		json_error_t e;
		json_t *v;
		nl = strchr(p, '\n');
		FUZZ_CHECK(nl != NULL);
		v = json_loadb(p, (size_t)(nl - p), 0, &e);
		if (!v || !json_is_object(v)) {
			fprintf(stderr, "not a JSON object (%s): %.*s\n", e.text, (int)(nl - p), p);
			abort();
		}
		json_decref(v);
	}
	json_arena_end();
	memset(&opts, 0, sizeof(opts));
	opts.format = LR_RECORDS;
	opts.no_dedupe = 1;
	memset(&again, 0, sizeof(again));
	strbuf_init(&again.out);
	FUZZ_CHECK(read_all("again", (const uint8_t *)s->out.buf, s->out.len, 65536, &opts,
			    &again, &st, NULL, 0) == 0);
	if (again.out.len != s->out.len || memcmp(again.out.buf, s->out.buf, s->out.len)) {
		fprintf(stderr, "records do not read back the same:\n%s---\n%s", s->out.buf,
			again.out.buf);
		abort();
	}
	FUZZ_CHECK(st.skipped == 0);
	strbuf_release(&again.out);
}

/* The log read as input 1 and then as input 0 of one shared duplicate table (what parallel
 * reading does when the later file finishes first): input 0, moved as dedupe_moved says,
 * counts what it would have counted read first (what input 1 counted), and the moves sum
 * to 0. The table holds 64 keys a stripe, 5 times what a 16 KiB input gives one. */
static void check_shared(const uint8_t *data, size_t size, size_t chunk,
			 const struct logread_opts *opts)
{
	struct dedupe *d = dedupe_new_shared(4096, 2);
	struct logread_stats st[2];
	struct seen s[2];
	int i;

	for (i = 1; i >= 0; i--) {
		memset(&s[i], 0, sizeof(s[i]));
		strbuf_init(&s[i].out);
		read_all("fuzz.log", data, size, chunk, opts, &s[i], &st[i], d, (size_t)i);
		strbuf_release(&s[i].out);
	}
	FUZZ_CHECK(dedupe_moved(d, 0) + dedupe_moved(d, 1) == 0);
	FUZZ_CHECK(st[0].records + dedupe_moved(d, 0) == st[1].records);
	dedupe_free(d);
}

/* The log as a file (logread_file on a memory file: no disk): what one feed of it all gives
 * (the first read, when its chunk was the whole input), the same records and counts. */
static void check_file(const char *path, const struct logread_opts *opts,
		       const struct seen *first, const struct logread_stats *st1, int same_chunk)
{
	struct logread_cb cb;
	struct logread_opts o = *opts;
	struct logread_stats st;
	struct sh_error err = { 0 };
	struct seen s;
	int rc;

	memset(&s, 0, sizeof(s));
	strbuf_init(&s.out);
	cb.record = on_record;
	cb.ctx = &s;
	if (!o.no_dedupe)
		o.dedupe = dedupe_new(first->dedupe_cap);
	rc = logread_file(path, &o, cb, &st, &err);
	FUZZ_CHECK(rc >= 0 || err.msg[0] != '\0');
	FUZZ_CHECK(st.records == s.records);
	if (same_chunk) {
		FUZZ_CHECK(st.records == st1->records && st.skipped == st1->skipped);
		if (s.out.len != first->out.len || memcmp(s.out.buf, first->out.buf, s.out.len)) {
			fprintf(stderr, "read from memory:\n%s---\nread as a file:\n%s", first->out.buf,
				s.out.buf);
			abort();
		}
	}
	dedupe_free(o.dedupe);
	strbuf_release(&s.out);
}

/* A memory file holding data (no disk), and its name in *path (the name both reads give
 * their records); -1 when none could be made. */
static int memory_file(const uint8_t *data, size_t size, char path[64])
{
	int fd = memfd_create("fuzz.log", 0);

	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(size == 0 || write(fd, data, size) == (ssize_t)size);
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* The input as one mail message handed over whole (a file of a Maildir, an IMAP fetch). */
static void check_message(const uint8_t *data, size_t size, const struct logread_opts *opts)
{
	struct logread_cb cb;
	struct logread_opts o = *opts;
	struct sh_error err = { 0 };
	struct logread *lr;
	struct seen s;
	int rc;

	memset(&s, 0, sizeof(s));
	strbuf_init(&s.out);
	cb.record = on_record;
	cb.ctx = &s;
	o.no_dedupe = 1;
	lr = logread_new("fuzz.eml", &o, cb);
	rc = logread_message(lr, (const char *)data, size, "fuzz message", &err);
	if (rc == 0)
		rc = logread_finish(lr, &err);
	FUZZ_CHECK(rc >= 0 || err.msg[0] != '\0');
	FUZZ_CHECK(logread_stats(lr)->records == s.records);
	logread_free(lr);
	strbuf_release(&s.out);
}

/* The reader does not detect on these bytes as they are: a byte-order mark (skipped or
 * decoded first) or gzip (inflated first). */
static int raw_head(const uint8_t *data, size_t size)
{
	return size >= 2 && (data[0] >= 0xEF || (data[0] == 0x1f && data[1] == 0x8b));
}

/* The stats of two reads added up; format names both ways. */
static void check_stats_add(const struct logread_stats *st)
{
	struct logread_stats sum;
	int f;

	memset(&sum, 0, sizeof(sum));
	logread_stats_add(&sum, st);
	logread_stats_add(&sum, st);
	FUZZ_CHECK(sum.records == 2 * st->records && sum.skipped == 2 * st->skipped);
	FUZZ_CHECK(sum.duplicates == 2 * st->duplicates && sum.nreasons == st->nreasons);
	for (f = 0; f < LR_FORMAT_COUNT; f++)
		FUZZ_CHECK(logread_format_from_name(logread_format_name((enum logread_format)f)) == f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chunks[] = { 1, 2, 3, 7, 64, 4096, 65536, 1 << 20 };
	struct logread_opts opts;
	struct logread_stats st;
	struct detect_result dr;
	struct seen s;
	struct sh_sink sink;
	long reports = 0;
	int i, shared, via_file, slice, late, fd = -1;
	char name[64] = "fuzz.log";

	if (size < 2)
		return 0;
	memset(&opts, 0, sizeof(opts));
	opts.format = (enum logread_format)(data[0] % LR_FORMAT_COUNT);
	opts.lines = opts.format != LR_AUTO && (data[0] & 0x80);
	opts.strict = (data[1] & 0x08) != 0;
	shared = (data[1] & 0x30) == 0x30;
	via_file = (data[1] & 0x30) == 0x10;
	slice = (data[1] & 0x40) && (opts.format == LR_AUTO || opts.format == LR_CSV ||
				      opts.format == LR_SENDGRID_CSV);
	late = (data[1] & 0x80) != 0;
	sink.record = fuzz_sink_record;
	sink.ctx = &reports;
	opts.sink = &sink;
	i = data[1] & 7;
	data += 2;
	size -= 2;

	/* With no format given the reader makes this very call on a plain input (no mark,
	 * no gzip) and reports an LR_AUTO answer through the sink (fuzz_sink_record checks
	 * its reason and text): only the other inputs are detected here, once. */
	if (opts.format != LR_AUTO || raw_head(data, size)) {
		detect_format((const char *)data, size, 1, &dr);
		FUZZ_CHECK(dr.format < LR_FORMAT_COUNT);
		FUZZ_CHECK(dr.format != LR_AUTO ||
			   (dr.reason && memchr(dr.why, 0, sizeof(dr.why))));
	}
	if (size > 100)
		detect_format((const char *)data, size / 2, 0, &dr);

	memset(&s, 0, sizeof(s));
	strbuf_init(&s.out);
	s.dedupe_cap = fuzz_dedupe_capacity(data, size);
	if (via_file && !slice)
		fd = memory_file(data, size, name);
	if (slice) { /* read mid-file: the head sniffed, its first line kept, the rest fed */
		const uint8_t *nl = memchr(data, '\n', size);
		size_t keep = nl ? (size_t)(nl - data) + 1 : size;
		opts.sniff = (const char *)data;
		opts.sniff_len = size;
		opts.sniff_keep = keep;
		if (late) {
			opts.late_sniff = (const char *)data;
			opts.late_sniff_len = size;
		}
		read_all("fuzz.log", data + keep, size - keep, chunks[i], &opts, &s, &st, NULL, 0);
	} else {
		read_all(name, data, size, chunks[i], &opts, &s, &st, NULL, 0);
	}
	FUZZ_CHECK(st.records + st.duplicates <= s.records + st.duplicates);
	FUZZ_CHECK(st.records == s.records);
	FUZZ_CHECK(st.skipped >= 0 && st.duplicates >= 0);
	FUZZ_CHECK(opts.strict || st.skipped >= reports);
	if (s.out.len > 0 && s.out.len < MAX_OUT)
		check_output(&s);
	check_stats_add(&st);
	if (shared && !slice && !opts.strict)
		check_shared(data, size, chunks[i], &opts);
	if (opts.format == LR_MAIL && !slice)
		check_message(data, size, &opts);
	if (fd >= 0) {
		check_file(name, &opts, &s, &st, chunks[i] >= size);
		close(fd);
	}
	strbuf_release(&s.out);
	return 0;
}
