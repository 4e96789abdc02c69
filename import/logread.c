/* logread.c - the push pipeline: raw bytes -> gzip (when the magic says so) -> held back
 * until the format is known -> the format's reader -> dedupe -> the record callback. */
#include "import/logread.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "import/dedupe.h"
#include "import/detect.h"
#include "util/csv_dialect.h"
#include "import/logs/generic_csv.h"
#include "import/mail/mail.h"
#include "import/mail/mailreader.h"
#include "import/logs/jsonstream.h"
#include "import/logs/mailgun.h"
#include "import/logs/nodemailer.h"
#include "model/recbuild.h"
#include "import/logs/record_jsonl.h"
#include "import/logs/sendgrid.h"
#include "import/logs/sendgrid_csv.h"
#include "import/reader.h"
#include "util/readfile.h"
#include "util/charset.h"
#include "util/strbuf.h"

#define DETECT_MAX LOGREAD_DETECT_MAX
#define ZBUF 65536

static const char *const format_names[] = {
	"auto", "mailgun", "sendgrid", "sendgrid-csv", "csv", "nodemailer", "records", "mail",
	"mbox",
};
_Static_assert(sizeof(format_names) / sizeof(format_names[0]) == LR_FORMAT_COUNT, "formats");

static const struct js_format *const json_formats[] = {
	NULL, &mailgun_format, &sendgrid_format, NULL, NULL, &nodemailer_format,
	&record_jsonl_format, NULL, NULL,
};
_Static_assert(sizeof(json_formats) / sizeof(json_formats[0]) == LR_FORMAT_COUNT, "readers");

enum { GZ_UNDECIDED, GZ_PLAIN, GZ_GZIP };

struct logread {
	char *name; /* owned */
	struct logread_opts opts;
	struct logread_cb cb;
	struct logread_stats stats;
	struct sh_error *err;     /* borrowed during feed and finish */
	struct sh_error sniff_err; /* what failed while logread_new read a slice's header */
	struct dedupe *own_dedupe;
	struct dedupe *dedupe;    /* own_dedupe or the caller's */
	uint64_t pkey;            /* the next record's duplicate key, when pkey_set */
	int pkey_set;             /* (logread_prefetch; the next logread_emit uses it) */
	int stopped;              /* the callback asked to stop */
	int failed;               /* an error was set */
	int dead;                 /* the rest of the input is unreadable (reported) */

	int gz;
	unsigned char magic[2];
	size_t nmagic;
	z_stream zs;
	int zs_open, zs_end;
	char *zbuf;               /* owned */

	struct strbuf head;       /* data held back until the format is known */
	int started;
	const struct js_format *jf;
	void *jreader;
	struct jsonstream *js;
	struct gcsv *csv;
	struct mailreader *mail;
	struct charset_conv *conv; /* the input is not UTF-8: to UTF-8 before the reader */
	struct strbuf convbuf;
	int ascii_so_far;          /* a CSV whose bytes were all ASCII so far: its charset is
				      still open (umlauts may first appear past the head) */
};

const char *logread_format_name(enum logread_format f)
{
	return (unsigned)f < LR_FORMAT_COUNT ? format_names[f] : "?";
}

int logread_format_from_name(const char *s)
{
	int i;

	for (i = 0; i < LR_FORMAT_COUNT; i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

const char *logread_name(const struct logread *lr)
{
	return lr->name;
}

const struct logread_stats *logread_stats(const struct logread *lr)
{
	return &lr->stats;
}

static int done(const struct logread *lr)
{
	return lr->stopped || lr->failed || lr->dead;
}

static int status(const struct logread *lr)
{
	if (lr->failed) {
		if (lr->err && !lr->err->msg[0] && lr->sniff_err.msg[0])
			*lr->err = lr->sniff_err; /* (strict) the first call after logread_new */
		return -1;
	}
	return lr->stopped ? LOGREAD_STOPPED : 0;
}

/* Past LOGREAD_MAX_REASONS distinct keys, a new key is counted only in skipped. */
static void count_reason(struct logread_stats *st, const char *key, long n)
{
	int i;

	for (i = 0; i < st->nreasons; i++)
		if (st->reasons[i].key == key || !strcmp(st->reasons[i].key, key))
			break;
	if (i == st->nreasons && i < LOGREAD_MAX_REASONS)
		st->reasons[st->nreasons++].key = key;
	if (i < st->nreasons)
		st->reasons[i].count += n;
}

void logread_stats_add(struct logread_stats *into, const struct logread_stats *from)
{
	int i;

	into->records += from->records;
	into->skipped += from->skipped;
	into->duplicates += from->duplicates;
	into->repaired += from->repaired;
	into->bytes_read += from->bytes_read;
	into->bytes_data += from->bytes_data;
	for (i = 0; i < from->nreasons; i++)
		count_reason(into, from->reasons[i].key, from->reasons[i].count);
}

int logread_skip(struct logread *lr, long line, const char *reason_key, const char *fmt, ...)
{
	struct logread_stats *st = &lr->stats;
	char text[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	lr->pkey_set = 0; /* a key taken for a record that is not emitted after all */
	st->skipped++;
	count_reason(st, reason_key, 1);
	if (lr->opts.strict) {
		sh_error_set(lr->err, SH_ERR_DATA, lr->name, line, "%s", text);
		lr->failed = 1;
		return -1;
	}
	sh_sink_report(lr->opts.sink, lr->name, line, reason_key, "%s", text);
	return 0;
}

void logread_prefetch(struct logread *lr, const struct recbuild *rb)
{
	struct sh_record r;

	if (!lr->dedupe)
		return;
	r.source = rb->rec.source;
	r.event = rb->rec.event;
	r.timestamp = rb->rec.timestamp;
	r.esp = recbuild_get(rb, RBF_ESP);
	r.event_id = recbuild_get(rb, RBF_EVENT_ID);
	lr->pkey = dedupe_key(&r, recbuild_get(rb, RBF_ESP_EVENT));
	lr->pkey_set = 1;
	dedupe_prefetch(lr->dedupe, lr->pkey);
}

int logread_emit(struct logread *lr, struct recbuild *rb)
{
	struct sh_record *r = &rb->rec;
	uint64_t key = 0;

	if (!r->file)
		r->file = lr->name;
	if (lr->dedupe)
		key = lr->pkey_set ? lr->pkey : dedupe_key(r, recbuild_get(rb, RBF_ESP_EVENT));
	lr->pkey_set = 0;
	if (lr->dedupe && dedupe_check(lr->dedupe, key, lr->opts.input)) {
		lr->stats.duplicates++;
		return 0;
	}
	lr->stats.records++;
	lr->stats.repaired += rb->repaired != 0;
	if (lr->cb.record && lr->cb.record(lr->cb.ctx, r) != 0) {
		lr->stopped = 1;
		return -1;
	}
	return 0;
}

/* ---- the reader for the detected format ------------------------------------------- */

static void start_reader(struct logread *lr, enum logread_format f, int lines, char delim)
{
	lr->stats.format = f;
	lr->started = 1;
	if (f == LR_MAIL || f == LR_MBOX) {
		lr->mail = mailreader_new(lr, f == LR_MBOX);
		if (f == LR_MBOX && lr->opts.first_message > 0)
			mailreader_count_from(lr->mail, lr->opts.first_message);
		return;
	}
	if (f == LR_CSV || f == LR_SENDGRID_CSV) {
		/* --map means the user's own column names, whatever the header looks like */
		lr->csv = gcsv_new(lr, lr->opts.map,
				   f == LR_SENDGRID_CSV && !lr->opts.map ? &sendgrid_csv_dialect : NULL,
				   delim);
		gcsv_set_date_order(lr->csv, (enum time_date_order)lr->opts.date_order);
		return;
	}
	lr->jf = json_formats[f];
	lr->jreader = lr->jf->new_reader(lr);
	lr->js = jsonstream_new(lr->jf->handler, lr->jreader, lr, (enum js_framing)lines,
				lr->opts.first_line);
}

static int all_ascii(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return 0;
	return 1;
}

/* A CSV that was ASCII up to here and now has other bytes: Windows-1252 or ISO-8859-1
 * from here on when they are not UTF-8 (nothing read so far changes: ASCII is the same
 * in all three). */
static void late_charset(struct logread *lr, const char *buf, size_t len)
{
	struct charset_guess cg;

	if (all_ascii(buf, len))
		return;
	lr->ascii_so_far = 0;
	charset_sniff(buf, len, 0, &cg);
	if ((cg.cs == CS_WINDOWS_1252 || cg.cs == CS_ISO_8859_1) &&
	    (lr->conv = charset_conv_new(cg.cs)))
		lr->stats.charset = charset_name(cg.cs);
}

static void reader_feed(struct logread *lr, const char *buf, size_t len)
{
	if (done(lr) || !len)
		return;
	if (lr->ascii_so_far)
		late_charset(lr, buf, len);
	if (lr->conv) {
		strbuf_reset(&lr->convbuf);
		charset_conv_feed(lr->conv, buf, len, &lr->convbuf);
		buf = lr->convbuf.buf;
		len = lr->convbuf.len;
	}
	if (lr->js) {
		jsonstream_feed(lr->js, buf, len);
		lr->stats.gave_up = jsonstream_gave_up(lr->js);
	} else if (lr->csv)
		gcsv_feed(lr->csv, buf, len);
	else if (lr->mail)
		mailreader_feed(lr->mail, buf, len);
}

static int only_blanks(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		n--;
	}
	return n == 0;
}

/* UTF-16 (with its BOM) is converted before the format is known; a CSV in Windows-1252 or
 * ISO-8859-1 once it is known to be a CSV (JSON must be UTF-8: its bad bytes are repaired
 * by the reader). 0, or -1 when the input is a CSV in no character set we read. */
static int choose_charset(struct logread *lr, const struct charset_guess *cg,
			  enum logread_format f)
{
	int csv = f == LR_CSV || f == LR_SENDGRID_CSV;

	if (cg->cs == CS_UTF16LE || cg->cs == CS_UTF16BE || (csv && (cg->cs == CS_WINDOWS_1252 ||
								      cg->cs == CS_ISO_8859_1))) {
		lr->conv = charset_conv_new(cg->cs);
		if (lr->conv) {
			lr->stats.charset = charset_name(cg->cs);
			return 0;
		}
	}
	if (!csv || (cg->cs != CS_UNKNOWN && !lr->conv))
		return 0;
	lr->dead = 1;
	logread_skip(lr, cg->bad_line, "bad_charset",
		     "not text in UTF-8, Windows-1252 or ISO-8859-1 (byte 0x%02X on line %ld); "
		     "save the file as CSV UTF-8", cg->bad_byte, cg->bad_line);
	return -1;
}

static int bom_only(enum logread_format f)
{
	return f != LR_AUTO && f != LR_CSV && f != LR_SENDGRID_CSV;
}

static void detect(struct logread *lr, const char *p, size_t n, int eof, struct detect_result *d)
{
	if (lr->opts.format == LR_AUTO || (eof && only_blanks(p, n))) {
		detect_format(p, n, eof, d); /* also names an empty input as such */
	} else { /* the format given: sniff only what its reader uses */
		enum logread_format f = lr->opts.format;
		int csv = f == LR_CSV || f == LR_SENDGRID_CSV, mail = f == LR_MAIL || f == LR_MBOX;
		memset(d, 0, sizeof(*d));
		d->format = f;
		if (!csv && !mail)
			d->lines = lr->opts.lines ? JS_LINES : detect_json_lines(p, n, eof);
		if (csv)
			d->delim = csv_dialect_delim(p, n, eof);
	}
}

/* Decides the format from what is held back (all of the input when eof) and replays it
 * (only its first `keep` bytes, past a BOM, when keep is not (size_t)-1). */
static void start_keep(struct logread *lr, int eof, size_t keep)
{
	const char *p = lr->head.buf;
	size_t n = lr->head.len;
	struct charset_guess cg;
	struct detect_result d;
	struct strbuf wide;

	strbuf_init(&wide);
	/* a format given that is not CSV needs only the byte-order mark (UTF-16 is told by it
	 * alone; Windows-1252 and ISO-8859-1 matter to the CSV readers only, choose_charset) */
	charset_sniff(p, bom_only(lr->opts.format) && n > 3 ? 3 : n, eof, &cg);
	p += cg.bom; /* a UTF-8 BOM too */
	n -= cg.bom;
	if (cg.cs == CS_UTF16LE || cg.cs == CS_UTF16BE) {
		struct charset_conv *c = charset_conv_new(cg.cs);
		if (c) {
			charset_conv_feed(c, p, n, &wide);
			charset_conv_free(c);
			p = wide.buf;
			n = wide.len;
		}
	}
	detect(lr, p, n, eof, &d);
	if (d.format == LR_AUTO) {
		lr->started = 1;
		lr->dead = 1;
		logread_skip(lr, 0, d.reason, "%s", d.why);
	} else if (choose_charset(lr, &cg, d.format) == 0) {
		start_reader(lr, d.format, d.lines, d.delim);
		lr->ascii_so_far = lr->csv && !lr->conv && all_ascii(p, n);
		if (lr->conv) { /* the raw bytes again, through the converter */
			p = lr->head.buf + cg.bom;
			n = lr->head.len - cg.bom;
		}
		if (keep < n && lr->csv) /* a slice: what the whole file's reader knows from its head */
			gcsv_slice_of(lr->csv, p, n);
		reader_feed(lr, p, keep < n ? keep : n);
	} else {
		lr->started = 1;
		lr->stats.format = d.format;
	}
	strbuf_release(&wide);
	strbuf_release(&lr->head);
}

static void start(struct logread *lr, int eof)
{
	start_keep(lr, eof, (size_t)-1);
}

static void data_feed(struct logread *lr, const char *buf, size_t len)
{
	lr->stats.bytes_data += len;
	if (!lr->started) {
		size_t take = DETECT_MAX - lr->head.len;
		if (take > len)
			take = len;
		strbuf_add(&lr->head, buf, take);
		buf += take;
		len -= take;
		if (lr->head.len < DETECT_MAX)
			return;
		start(lr, 0);
	}
	reader_feed(lr, buf, len);
}

/* ---- gzip ---------------------------------------------------------------------------- */

static void gzip_error(struct logread *lr, const char *what)
{
	lr->dead = 1;
	logread_skip(lr, 0, "bad_gzip", "not a valid gzip stream (%s)", what ? what : "corrupt data");
}

static void inflate_feed(struct logread *lr, const char *buf, size_t len)
{
	z_stream *zs = &lr->zs;

	zs->next_in = (unsigned char *)(uintptr_t)buf;
	zs->avail_in = (unsigned)len;
	while (zs->avail_in > 0 && !done(lr)) {
		int rc;
		size_t out;
		if (lr->zs_end) {
			/* another member follows (cat a.gz b.gz) */
			inflateReset(zs);
			lr->zs_end = 0;
		}
		zs->next_out = (unsigned char *)lr->zbuf;
		zs->avail_out = ZBUF;
		rc = inflate(zs, Z_NO_FLUSH);
		out = ZBUF - zs->avail_out;
		if (out)
			data_feed(lr, lr->zbuf, out);
		if (rc == Z_STREAM_END)
			lr->zs_end = 1;
		else if (rc != Z_OK && !(rc == Z_BUF_ERROR && out))
			gzip_error(lr, zs->msg);
	}
}

static void raw_feed(struct logread *lr, const char *buf, size_t len)
{
	while (lr->gz == GZ_UNDECIDED && len && lr->nmagic < 2) {
		lr->magic[lr->nmagic++] = (unsigned char)*buf++;
		len--;
	}
	if (lr->gz == GZ_UNDECIDED) {
		if (lr->nmagic < 2)
			return;
		lr->gz = lr->magic[0] == 0x1f && lr->magic[1] == 0x8b ? GZ_GZIP : GZ_PLAIN;
		if (lr->gz == GZ_GZIP) {
			lr->stats.gzip = 1;
			lr->zbuf = xmalloc(ZBUF);
			/* 15 + 32: a gzip or zlib header, detected */
			if (inflateInit2(&lr->zs, 15 + 32) != Z_OK) {
				gzip_error(lr, "cannot start zlib");
				return;
			}
			lr->zs_open = 1;
			inflate_feed(lr, (const char *)lr->magic, 2);
		} else {
			data_feed(lr, (const char *)lr->magic, 2);
		}
	}
	if (lr->gz == GZ_GZIP)
		inflate_feed(lr, buf, len);
	else
		data_feed(lr, buf, len);
}

/* ---- public ------------------------------------------------------------------------ */

struct logread *logread_new(const char *name, const struct logread_opts *opts,
			    struct logread_cb cb)
{
	struct logread *lr = xcalloc(1, sizeof(*lr));

	lr->name = xstrdup(name);
	if (opts)
		lr->opts = *opts;
	lr->cb = cb;
	strbuf_init(&lr->head);
	strbuf_init(&lr->convbuf);
	if (!lr->opts.no_dedupe) {
		if (!lr->opts.dedupe)
			lr->own_dedupe = dedupe_new(0);
		lr->dedupe = lr->opts.dedupe ? lr->opts.dedupe : lr->own_dedupe;
	}
	/* a slice of a JSON Lines file: nothing to sniff */
	if (lr->opts.format != LR_AUTO && lr->opts.lines && json_formats[lr->opts.format]) {
		start_reader(lr, lr->opts.format, JS_LINES, 0);
	} else if (lr->opts.sniff) {
		/* a slice of a CSV file: detected as the whole file was, its header read first */
		size_t bom = lr->opts.sniff_len >= 3 && !memcmp(lr->opts.sniff, "\xEF\xBB\xBF", 3) ? 3 : 0;
		lr->err = &lr->sniff_err;
		lr->gz = GZ_PLAIN;
		strbuf_add(&lr->head, lr->opts.sniff, lr->opts.sniff_len);
		start_keep(lr, lr->opts.sniff_len < DETECT_MAX,
			   lr->opts.sniff_keep > bom ? lr->opts.sniff_keep - bom : 0);
		if (lr->ascii_so_far && lr->opts.late_sniff)
			late_charset(lr, lr->opts.late_sniff, lr->opts.late_sniff_len);
		lr->err = NULL;
	}
	lr->opts.sniff = lr->opts.late_sniff = NULL;
	return lr;
}

int logread_feed(struct logread *lr, const char *buf, size_t len, struct sh_error *err)
{
	lr->err = err;
	lr->stats.bytes_read += len;
	if (!done(lr))
		raw_feed(lr, buf, len);
	return status(lr);
}

int logread_finish(struct logread *lr, struct sh_error *err)
{
	lr->err = err;
	if (lr->gz == GZ_UNDECIDED && !done(lr)) {
		lr->gz = GZ_PLAIN;
		data_feed(lr, (const char *)lr->magic, lr->nmagic);
	}
	if (lr->gz == GZ_GZIP && !lr->zs_end && !done(lr))
		logread_skip(lr, 0, "bad_gzip", "truncated gzip stream (the data ends early)");
	if (!lr->started && !done(lr))
		start(lr, 1);
	if (lr->conv && !done(lr)) {
		strbuf_reset(&lr->convbuf);
		charset_conv_finish(lr->conv, &lr->convbuf);
		if (lr->convbuf.len && lr->js)
			jsonstream_feed(lr->js, lr->convbuf.buf, lr->convbuf.len);
		else if (lr->convbuf.len && lr->csv)
			gcsv_feed(lr->csv, lr->convbuf.buf, lr->convbuf.len);
	}
	if (!done(lr)) {
		if (lr->js) {
			jsonstream_finish(lr->js);
			lr->stats.gave_up = jsonstream_gave_up(lr->js);
		} else if (lr->csv)
			gcsv_finish(lr->csv);
		else if (lr->mail)
			mailreader_finish(lr->mail);
	}
	return status(lr);
}

void logread_free(struct logread *lr)
{
	if (!lr)
		return;
	jsonstream_free(lr->js);
	if (lr->jf)
		lr->jf->free_reader(lr->jreader);
	gcsv_free(lr->csv);
	mailreader_free(lr->mail);
	charset_conv_free(lr->conv);
	strbuf_release(&lr->convbuf);
	if (lr->zs_open)
		inflateEnd(&lr->zs);
	free(lr->zbuf);
	strbuf_release(&lr->head);
	dedupe_free(lr->own_dedupe);
	free(lr->name);
	free(lr);
}

int logread_message(struct logread *lr, const char *buf, size_t len, const char *label,
		    struct sh_error *err)
{
	lr->err = err;
	lr->stats.bytes_read += len;
	lr->stats.bytes_data += len;
	if (!lr->started)
		start_reader(lr, LR_MAIL, 0, 0);
	if (lr->mail && !done(lr))
		mailreader_message(lr->mail, buf, len, label);
	return status(lr);
}

int logread_message_skipped(struct logread *lr, const char *label, const char *reason,
			    struct sh_error *err)
{
	lr->err = err;
	if (!done(lr))
		logread_skip(lr, 0, "mail_not_fetched", "'%s' skipped: %s", label, reason);
	return status(lr);
}

int logread_message_file(struct logread *lr, const char *path, struct sh_error *err)
{
	struct sh_error ferr = { 0 };
	size_t len = 0;
	char *buf = read_whole_file(path, MAIL_MAX_BYTES, &len, &ferr);
	int rc;

	if (buf) {
		rc = logread_message(lr, buf, len, path, err);
		free(buf);
		return rc;
	}
	lr->err = err;
	return logread_skip(lr, 0, "unreadable", "%s", ferr.msg) < 0 ? -1 : 0;
}

/* A directory of messages, or a Maildir (cur/ then new/; tmp/ holds unfinished ones). */
static int read_dir(const char *path, const struct logread_opts *opts, struct logread_cb cb,
		    struct logread_stats *stats, struct sh_error *err)
{
	struct logread *lr;
	size_t n, i;
	int rc = 0, maildir;
	char **files = logread_dir_files(path, &n, &maildir, err);

	if (!files)
		return -1;
	lr = logread_new(path, opts, cb);
	for (i = 0; i < n && rc == 0; i++)
		rc = logread_message_file(lr, files[i], err);
	if (rc == 0 && !n && !maildir)
		rc = sh_error_set(err, SH_ERR_IO, NULL, 0, "'%s' is a directory without files "
				  "(a directory of mail messages or a Maildir is read)", path);
	else if (rc == 0)
		rc = logread_finish(lr, err);
	if (stats)
		*stats = lr->stats;
	logread_dir_files_free(files, n);
	logread_free(lr);
	return rc;
}

int logread_file(const char *path, const struct logread_opts *opts, struct logread_cb cb,
		 struct logread_stats *stats, struct sh_error *err)
{
	int is_stdin = !strcmp(path, "-");
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	struct logread *lr = NULL;
	char *buf = NULL;
	struct stat st;
	size_t n;
	int rc = -1;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (!fp)
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			fclose(fp);
		return read_dir(path, opts, cb, stats, err);
	}
	lr = logread_new(is_stdin ? "<stdin>" : path, opts, cb);
	buf = xmalloc(LOGREAD_CHUNK);
	while ((n = fread(buf, 1, LOGREAD_CHUNK, fp)) > 0)
		if ((rc = logread_feed(lr, buf, n, err)) != 0)
			goto out;
	if (ferror(fp)) {
		rc = sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot read '%s': %s", path,
				  strerror(errno));
		goto out;
	}
	rc = logread_finish(lr, err);
out:
	if (stats && lr)
		*stats = lr->stats;
	if (err && lr && err->file == lr->name)
		err->file = is_stdin ? "<stdin>" : path; /* lr->name dies below */
	free(buf);
	logread_free(lr);
	if (!is_stdin)
		fclose(fp);
	return rc;
}
