/* import.c - `sendhealth import`: reads send-failure logs of any supported format and writes
 * the normalized records as JSON Lines (import/logs/record_jsonl.h), to a file (atomically) or
 * standard output, with a summary on standard error. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/optval.h"
#include "import/dedupe.h"
#include "import/logs/generic_csv.h"
#include "import/logread.h"
#include "import/logs/record_jsonl.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"

struct import_opts {
	enum logread_format format;
	const char *map;
	int strict;
	int date_order;
	const char *output;
};

#define O(f) offsetof(struct import_opts, f)
static const struct cmd_option options[] = {
	OPT_CALL("input-format", 'f', "F", "read the inputs as F (mailgun, sendgrid, sendgrid-csv, csv, "
					   "nodemailer, records); default: detected per file",
		 O(format), optval_input_format),
	OPT_STR("map", 'm', "FIELD=COL,...", "CSV input: the column that holds a field", O(map)),
	OPT_CALL("date-order", 0, "ORDER",
		 "dmy, mdy or ymd: how CSV dates like 05/06/2026 read (default auto: as the file's other rows say)",
		 O(date_order), optval_date_order),
	OPT_FLAG("strict", 0, "stop at the first bad record (exit 1)", O(strict)),
	OPT_STR("output", 'o', "FILE", "write the records to FILE instead of standard output", O(output)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"import", "[--input-format F] [--map FIELD=COL,...] [--date-order O] [--strict] [-o FILE] FILE...",
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
	"--map names CSV columns for these fields, and for date, time and status.\n\n"
	"Examples:\n"
	"  sendhealth import -o all.jsonl events-*.json.gz bounces.json\n"
	"  sendhealth import --map recipient=Empfänger,message=Fehler crm-log.csv\n",
	options,
	"no input files given (use - for standard input)",
};

struct import_ctx {
	struct strbuf out; /* records not yet written */
	FILE *fp;          /* borrowed: the atomic file's stream */
	int write_failed;  /* errno of the failed write, or 0 */
};

static int flush_out(struct import_ctx *c)
{
	if (c->out.len && fwrite(c->out.buf, 1, c->out.len, c->fp) != c->out.len)
		c->write_failed = errno ? errno : EIO;
	strbuf_reset(&c->out);
	return c->write_failed ? -1 : 0;
}

static int on_record(void *ctx, const struct sh_record *r)
{
	struct import_ctx *c = ctx;

	record_jsonl_append(&c->out, r);
	return c->out.len >= 65536 ? flush_out(c) : 0;
}

struct totals {
	long files, records, duplicates, repaired;
};

/* Reads one input; returns an exit code (EXIT_OK even when records were skipped). */
static int import_one(struct app *app, const char *path, const struct logread_opts *opts,
		      struct import_ctx *c, struct totals *t)
{
	struct sh_error err = { 0 };
	struct logread_stats st;
	struct logread_cb cb = { on_record, c };
	int rc = logread_file(path, opts, cb, &st, &err);

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

static int run(struct app *app, struct logread_opts *opts, const char *output, int argc,
	       char **argv)
{
	struct atomic_file af = { 0 };
	struct sh_error err = { 0 };
	struct import_ctx c = { 0 };
	struct totals t = { 0 };
	int i, rc = EXIT_OK;

	if (atomic_file_open(&af, output, &err) != 0)
		return msg_sh_error(app, &err);
	strbuf_init(&c.out);
	c.fp = af.fp;
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
	lo.date_order = o.date_order;
	return run(app, &lo, o.output, argc - first, argv + first);
}
