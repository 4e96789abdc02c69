/* fuzz_mail.c - the bounce-mail reader: one message through mail_read (first byte even; with
 * bit 1 set, handed to a logread as a file of a Maildir, logread_message),
 * or the input as an mbox through logread in chunks of 1..256 bytes (first byte odd; the
 * second byte gives the chunk size). Invariants: every record is a failure, delay or
 * complaint with valid strings (no NUL, its length as said); mail_read counts exactly the
 * records it hands over; a problem is a key with a one-line text; logread never fails
 * outside strict mode. */
#include "tests/fuzz/fuzz.h"

#include "import/logread.h"
#include "import/mail/mail.h"
#include "model/recbuild.h"

static void check_record(const struct sh_record *r)
{
	FUZZ_CHECK(r->event == EV_BOUNCE || r->event == EV_DEFERRED || r->event == EV_COMPLAINED);
	FUZZ_CHECK(r->source == SRC_MAIL);
	FUZZ_CHECK(strlen(r->recipient.ptr) == r->recipient.len);
	FUZZ_CHECK(strlen(r->message.ptr) == r->message.len);
	FUZZ_CHECK(strlen(r->message_id.ptr) == r->message_id.len);
	FUZZ_CHECK(strlen(r->sending_domain.ptr) == r->sending_domain.len);
}

static int on_mail(void *ctx, struct recbuild *rb)
{
	check_record(&rb->rec);
	(*(int *)ctx)++;
	return 0;
}

static int on_record(void *ctx, const struct sh_record *r)
{
	check_record(r);
	(*(long *)ctx)++;
	return 0;
}

static void one_message(const uint8_t *data, size_t size)
{
	struct recbuild rb;
	struct mail_info info;
	int n = 0;
	struct mail_emit out = { on_mail, &n };

	recbuild_init(&rb);
	FUZZ_CHECK(mail_read((const char *)data, size, &rb, out, &info) == 0);
	FUZZ_CHECK(info.records == n);
	FUZZ_CHECK(info.kind < MAIL_KIND_COUNT);
	FUZZ_CHECK(!info.problem_key || (info.problem[0] && !strchr(info.problem, '\n')));
	recbuild_release(&rb);
}

static void as_mbox(const uint8_t *data, size_t size, size_t chunk)
{
	long recs = 0, reports = 0;
	struct sh_sink sink = { fuzz_sink_record, &reports };
	struct logread_opts o;
	struct logread_cb cb = { on_record, &recs };
	struct sh_error err = { 0 };
	struct logread *lr;
	size_t off;

	memset(&o, 0, sizeof(o));
	o.format = LR_MBOX;
	o.sink = &sink;
	o.dedupe = dedupe_new(fuzz_dedupe_capacity(data, size)); /* the default: 2/5 of a run */
	lr = logread_new("fuzz.mbox", &o, cb);
	for (off = 0; off < size; off += chunk)
		FUZZ_CHECK(logread_feed(lr, (const char *)data + off,
					size - off < chunk ? size - off : chunk, &err) == 0);
	FUZZ_CHECK(logread_finish(lr, &err) == 0);
	FUZZ_CHECK(logread_stats(lr)->records == recs);
	logread_free(lr);
	dedupe_free(o.dedupe);
}

/* The message handed to a logread whole, as a file of a Maildir is (logread_message): its
 * records counted as the callback saw them; problems named by the file below the directory. */
static void as_file_of_dir(const uint8_t *data, size_t size)
{
	long recs = 0, reports = 0;
	struct sh_sink sink = { fuzz_sink_record, &reports };
	struct logread_opts o;
	struct logread_cb cb = { on_record, &recs };
	struct sh_error err = { 0 };
	struct logread *lr;

	memset(&o, 0, sizeof(o));
	o.sink = &sink;
	o.no_dedupe = 1;
	lr = logread_new("Maildir", &o, cb);
	FUZZ_CHECK(logread_message(lr, (const char *)data, size, "Maildir/cur/1.eml", &err) == 0);
	FUZZ_CHECK(logread_message(lr, "", 0, "Maildir/new/2.eml", &err) == 0);
	FUZZ_CHECK(logread_finish(lr, &err) == 0);
	FUZZ_CHECK(logread_stats(lr)->records == recs);
	logread_free(lr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (data[0] & 1)
		as_mbox(data + 2, size - 2, (size_t)data[1] + 1);
	else if (data[0] & 2)
		as_file_of_dir(data + 1, size - 1);
	else
		one_message(data + 1, size - 1);
	return 0;
}
