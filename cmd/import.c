/* import.c - `sendhealth import`: reads send-failure logs of any supported format and writes
 * the normalized records as JSON Lines (import/logs/record_jsonl.h), to a file (atomically) or
 * standard output, with a summary on standard error. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/optval.h"
#include "import/dedupe.h"
#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "import/logs/record_jsonl.h"
#include "catalogue/store.h"
#include "model/taxonomy.h"
#include "report/match/matcher.h"
#include "net/imap_url.h"
#include "report/run/api_input.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"

struct import_opts {
	enum logread_format format;
	const char *map;
	int strict;
	int classify;
	int date_order;
	const char *output;
	const char *imap_password_file;
};

#define O(f) offsetof(struct import_opts, f)
static const struct cmd_option options[] = {
	OPT_CALL("input-format", 'f', "F", "read the inputs as F (mailgun, sendgrid, sendgrid-csv, csv, "
					   "nodemailer, records, mail, mbox); default: detected per file",
		 O(format), optval_input_format),
	OPT_STR("map", 'm', "FIELD=COL,...", "CSV input: the column that holds a field", O(map)),
	OPT_CALL("date-order", 0, "ORDER",
		 "dmy, mdy or ymd: how CSV dates like 05/06/2026 read (default auto: as the file's other rows say)",
		 O(date_order), optval_date_order),
	OPT_FLAG("strict", 0, "stop at the first bad record (exit 1)", O(strict)),
	OPT_FLAG("classify", 0, "add each failure's category and catalogue entry id", O(classify)),
	OPT_STR("output", 'o', "FILE", "write the records to FILE instead of standard output", O(output)),
	OPT_STR("imap-password-file", 0, "FILE",
		"IMAP password for imaps:// inputs (else $SENDHEALTH_IMAP_PASSWORD)",
		O(imap_password_file)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"import", "[--input-format F] [--map FIELD=COL,...] [--date-order O] [--strict] [--classify] [-o FILE] FILE...",
	"Read send-failure logs - Mailgun events (pages, arrays, JSON Lines, webhooks, Logs API),\n"
	"SendGrid webhook events, suppression lists and activity CSV, any sender's CSV, Nodemailer\n"
	"errors, or records written by this command - and write one normalized JSON record per\n"
	"event. The format is detected per file; '-' reads standard input; .gz files are read\n"
	"as they are. Bad records are reported as file:line, skipped and counted; duplicates\n"
	"(Mailgun id per day, SendGrid sg_event_id) are dropped. Exits 1 when a record was\n"
	"skipped, 3 when a file cannot be read or written.",
	"Record fields: source event severity timestamp timestamp_unix esp sending_domain sender\n"
	"recipient recipient_domain recipient_provider smtp_code enhanced_code message\n"
	"description esp_reason bounce_classification message_id event_id tags subaccount file\n"
	"line. timestamp is ISO 8601 UTC to the second; timestamp_unix keeps the fraction.\n"
	"--classify adds category and catalogue_id (null for events that are no failure).\n"
	"--map names CSV columns for these fields, and for date, time and status.\n"
	"An input imaps://USER@HOST/MAILBOX reads every bounce of that IMAP mailbox, read-only\n"
	"(see 'sendhealth fetch imap --help'); the password comes from $SENDHEALTH_IMAP_PASSWORD\n"
	"or --imap-password-file.\n\n"
	"Examples:\n"
	"  sendhealth import -o all.jsonl events-*.json.gz bounces.json\n"
	"  sendhealth import --map recipient=Empfänger,message=Fehler crm-log.csv\n",
	options,
	"no input files given (use - for standard input)",
};

struct import_ctx {
	struct strbuf out; /* records not yet written */
	const struct matcher *m; /* borrowed: --classify, else NULL */
	struct strbuf text;      /* scratch for the matcher */
	FILE *fp;          /* borrowed: the atomic file's stream */
	int write_failed;  /* errno of the failed write, or 0 */
	struct api_inputs api; /* imaps:// inputs: every bounce of the box up to now */
};

static int flush_out(struct import_ctx *c)
{
	if (c->out.len && fwrite(c->out.buf, 1, c->out.len, c->fp) != c->out.len)
		c->write_failed = errno ? errno : EIO;
	strbuf_reset(&c->out);
	return c->write_failed ? -1 : 0;
}

/* The record's category and catalogue entry, as the report's classifier sees it. */
static void classify(struct import_ctx *c, const struct sh_record *r, struct match_result *res)
{
	struct match_input in;
	char prov[16], reason[64], klass[64];

	strbuf_reset(&c->text);
	strbuf_add(&c->text, r->message.ptr, r->message.len);
	if (r->description.len) {
		strbuf_adds(&c->text, " | ");
		strbuf_add(&c->text, r->description.ptr, r->description.len);
	}
	snprintf(prov, sizeof(prov), "%.*s", (int)r->esp.len, r->esp.ptr);
	snprintf(reason, sizeof(reason), "%.*s", (int)r->esp_reason.len, r->esp_reason.ptr);
	snprintf(klass, sizeof(klass), "%.*s", (int)r->bounce_class.len, r->bounce_class.ptr);
	memset(&in, 0, sizeof(in));
	in.provider = prov[0] ? prov : NULL;
	in.smtp_code = r->smtp_code;
	in.enhanced = r->enhanced[0] ? r->enhanced : NULL;
	in.text = c->text.len ? c->text.buf : NULL;
	in.esp_reason = reason[0] ? reason : NULL;
	in.bounce_class = klass[0] ? klass : NULL;
	in.severity = r->severity;
	matcher_classify(c->m, &in, res);
}

static void json_string_to(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			strbuf_addch(out, '\\');
		if (ch < 0x20)
			strbuf_addf(out, "\\u%04x", ch);
		else
			strbuf_addch(out, (char)ch);
	}
	strbuf_addch(out, '"');
}

/* Replaces the record's closing "}\n" by the classification fields. */
static void add_class(struct import_ctx *c, const struct sh_record *r)
{
	struct match_result res;

	if (c->out.len < 2 || c->out.buf[c->out.len - 2] != '}')
		return;
	c->out.len -= 2;
	if (!record_is_failure(r)) {
		strbuf_adds(&c->out, ",\"category\":null,\"catalogue_id\":null}\n");
		return;
	}
	classify(c, r, &res);
	strbuf_addf(&c->out, ",\"category\":\"%s\",\"catalogue_id\":", category_name(res.category));
	if (res.entry)
		json_string_to(&c->out, res.entry->f[CAT_ID]);
	else
		strbuf_adds(&c->out, "null");
	strbuf_adds(&c->out, "}\n");
}

static int on_record(void *ctx, const struct sh_record *r)
{
	struct import_ctx *c = ctx;

	record_jsonl_append(&c->out, r);
	if (c->m)
		add_class(c, r);
	return c->out.len >= 65536 ? flush_out(c) : 0;
}

struct totals {
	long files, records, duplicates, repaired;
};

/* An IMAP mailbox's bounces (report/run/api_input.c) through a logread of its own. Same
 * returns as logread_file. */
static int import_imap(struct api_inputs *api, const char *url, const struct logread_opts *opts,
		       struct logread_cb cb, struct logread_stats *st, struct sh_error *err)
{
	struct logread *lr = logread_new(url, opts, cb);
	int rc = api_inputs_open(api, url, lr, err);

	if (rc == 0)
		rc = logread_finish(lr, err) < 0 ? -1 : 0;
	*st = *logread_stats(lr);
	logread_free(lr);
	return rc;
}

/* Reads one input; returns an exit code (EXIT_OK even when records were skipped). */
static int import_one(struct app *app, const char *path, const struct logread_opts *opts,
		      struct import_ctx *c, struct totals *t)
{
	struct sh_error err = { 0 };
	struct logread_stats st;
	struct logread_cb cb = { on_record, c };
	int rc = imap_url_is_imap(path) ? import_imap(&c->api, path, opts, cb, &st, &err)
					 : logread_file(path, opts, cb, &st, &err);

	t->files++;
	t->records += st.records;
	t->duplicates += st.duplicates;
	t->repaired += st.repaired;
	msg_verbose(app, "'%s': %s%s%s%s, %ld records, %ld skipped, %ld duplicates", path,
		    logread_format_name(st.format), st.gzip ? " (gzip)" : "",
		    st.charset ? " in " : "", st.charset ? st.charset : "", st.records,
		    st.skipped, st.duplicates);
	if (c->write_failed) {
		msg_error(app, "cannot write the records: %s", strerror(c->write_failed));
		return EXIT_IO;
	}
	if (rc < 0)
		return msg_sh_error(app, &err);
	return EXIT_OK;
}

static void summary(const struct app *app, const struct totals *t)
{
	msg_info(app, "%ld file%s, %ld record%s, %ld duplicate%s dropped", t->files,
		 t->files == 1 ? "" : "s", t->records, t->records == 1 ? "" : "s", t->duplicates,
		 t->duplicates == 1 ? "" : "s");
	if (t->repaired)
		msg_info(app, "%ld record%s had invalid UTF-8, replaced by U+FFFD", t->repaired,
			 t->repaired == 1 ? "" : "s");
	msg_rejected_summary(app);
}

static int run(struct app *app, struct logread_opts *opts, const char *output,
	       const struct matcher *m, const char *imap_password_file, int argc, char **argv)
{
	struct atomic_file af = { 0 };
	struct sh_error err = { 0 };
	struct import_ctx c = { 0 };
	struct totals t = { 0 };
	int i, rc = EXIT_OK;

	if (atomic_file_open(&af, output, &err) != 0)
		return msg_sh_error(app, &err);
	strbuf_init(&c.out);
	strbuf_init(&c.text);
	c.fp = af.fp;
	c.m = m;
	api_inputs_init(&c.api);
	c.api.imap_password_file = imap_password_file;
	c.api.t1 = (double)time(NULL) + 86400.0; /* import reads all there is: no window */
	opts->sink = &app->sink;
	opts->dedupe = dedupe_new(0);
	for (i = 0; i < argc && rc == EXIT_OK; i++)
		rc = import_one(app, argv[i], opts, &c, &t);
	if (rc == EXIT_OK && flush_out(&c) != 0) {
		msg_error(app, "cannot write the records: %s", strerror(c.write_failed));
		rc = EXIT_IO;
	}
	if (rc == EXIT_OK && atomic_file_commit(&af, &err) != 0)
		rc = msg_sh_error(app, &err);
	if (rc != EXIT_OK)
		atomic_file_abort(&af);
	summary(app, &t);
	strbuf_release(&c.out);
	strbuf_release(&c.text);
	api_inputs_release(&c.api);
	dedupe_free(opts->dedupe);
	if (rc == EXIT_OK && app->rejected)
		rc = EXIT_REJECTED;
	return rc;
}

int cmd_import(struct app *app, int argc, char **argv)
{
	struct import_opts o;
	struct logread_opts lo;
	struct gcsv_map map;
	struct sh_error err = { 0 };
	struct catalogue *cat = NULL;
	struct matcher *m = NULL;
	int first, rc;

	memset(&o, 0, sizeof(o));
	memset(&lo, 0, sizeof(lo));
	memset(&map, 0, sizeof(map));
	o.output = "-";
	if ((rc = opt_parse(app, &spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	if (o.map && gcsv_parse_map(o.map, &map, &err) != 0)
		return msg_usage(app, "%s", err.msg);
	lo.format = o.format;
	lo.map = o.map ? &map : NULL;
	lo.strict = o.strict;
	if (o.classify) {
		if (!(cat = catalogue_load_default(app->catalogue_path, &err)))
			return msg_sh_error(app, &err);
		m = matcher_new(cat);
	}
	lo.date_order = o.date_order;
	rc = run(app, &lo, o.output, m, o.imap_password_file, argc - first, argv + first);
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}
