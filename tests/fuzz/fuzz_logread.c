/* fuzz_logread.c - format detection and every log reader (Mailgun, SendGrid, SendGrid CSV,
 * generic CSV, Nodemailer, our own records), with gzip, fed in chunks of any size. The
 * first byte picks the format (or detection), the second the chunk size, JSON Lines
 * framing and strict mode; the rest is the log.
 * Invariants (logread.h, record.h, record_jsonl.h): every record's strings are valid UTF-8
 * without NUL bytes; the records written as JSON Lines parse as JSON, and read back by the
 * "records" reader they give the same lines again; stats add up. */
#include "tests/fuzz/fuzz.h"

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

static int read_all(const char *name, const uint8_t *data, size_t size, size_t chunk,
		    const struct logread_opts *opts, struct seen *s, struct logread_stats *st)
{
	struct logread_cb cb = { on_record, s };
	struct logread_opts o = *opts;
	struct logread *lr;
	struct sh_error err = { 0 };
	size_t off = 0;
	int rc = 0;

	if (!o.no_dedupe)
		o.dedupe = dedupe_new(FUZZ_DEDUPE_CAPACITY);
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
	if (o.dedupe)
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
	memset(&opts, 0, sizeof(opts));
	opts.format = LR_RECORDS;
	opts.no_dedupe = 1;
	memset(&again, 0, sizeof(again));
	strbuf_init(&again.out);
	FUZZ_CHECK(read_all("again", (const uint8_t *)s->out.buf, s->out.len, 65536, &opts,
			    &again, &st) == 0);
	if (again.out.len != s->out.len || memcmp(again.out.buf, s->out.buf, s->out.len)) {
		fprintf(stderr, "records do not read back the same:\n%s---\n%s", s->out.buf,
			again.out.buf);
		abort();
	}
	FUZZ_CHECK(st.skipped == 0);
	strbuf_release(&again.out);
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
	int i;

	if (size < 2)
		return 0;
	memset(&opts, 0, sizeof(opts));
	opts.format = (enum logread_format)(data[0] % LR_FORMAT_COUNT);
	opts.lines = opts.format != LR_AUTO && (data[0] & 0x80);
	opts.strict = (data[1] & 0x08) != 0;
	sink.record = fuzz_sink_record;
	sink.ctx = &reports;
	opts.sink = &sink;
	i = data[1] & 7;
	data += 2;
	size -= 2;

	detect_format((const char *)data, size, 1, &dr);
	FUZZ_CHECK(dr.format < LR_FORMAT_COUNT);
	FUZZ_CHECK(dr.format != LR_AUTO || (dr.reason && memchr(dr.why, 0, sizeof(dr.why))));
	if (size > 100)
		detect_format((const char *)data, size / 2, 0, &dr);

	memset(&s, 0, sizeof(s));
	strbuf_init(&s.out);
	read_all("fuzz.log", data, size, chunks[i], &opts, &s, &st);
	FUZZ_CHECK(st.records + st.duplicates <= s.records + st.duplicates);
	FUZZ_CHECK(st.records == s.records);
	FUZZ_CHECK(st.skipped >= 0 && st.duplicates >= 0);
	FUZZ_CHECK(opts.strict || st.skipped >= reports);
	if (s.out.len > 0 && s.out.len < MAX_OUT)
		check_output(&s);
	strbuf_release(&s.out);
	return 0;
}
