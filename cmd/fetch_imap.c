/* fetch_imap.c - `sendhealth fetch imap URL -o FILE.mbox`: the bounces of an IMAP mailbox
 * (read-only, see net/imap.h) into an mbox file that report, health and import read like
 * any mbox export. The file is written atomically: after a failure there is none, and the
 * message says how many bounces had been fetched (a run again fetches them again). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "net/imap.h"
#include "net/imap_mbox.h"
#include "net/secrets.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"
#include "util/timeparse.h"

#define DEFAULT_SINCE "7d"

struct imap_opts {
	const char *since, *until, *output, *password_file;
};

#define O(f) offsetof(struct imap_opts, f)
static const struct cmd_option options[] = {
	OPT_STR("since", 's', "T",
		"from: ISO 8601, RFC 2822, epoch, or '7d', '24h' ago (default " DEFAULT_SINCE " before -u)",
		O(since)),
	OPT_STR("until", 'u', "T", "up to this time (default: now)", O(until)),
	OPT_STR("output", 'o', "FILE", "write the bounces as an mbox here ('-' for standard output); required",
		O(output)),
	OPT_STR("imap-password-file", 0, "FILE",
		"read the password from FILE's first line (mode 600) instead of $" IMAP_PASSWORD_ENV,
		O(password_file)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"fetch imap",
	"imaps://USER@HOST[:PORT]/MAILBOX [--since T] [--until T] -o FILE",
	"Download the bounces of an IMAP mailbox (non-delivery reports, complaints: what\n"
	"MAILER-DAEMON or postmaster sent, multipart/report messages, the usual bounce subjects)\n"
	"as an mbox file. Read-only: nothing is deleted, moved or flagged. The password comes\n"
	"from $" IMAP_PASSWORD_ENV " or --imap-password-file, never from the command line.",
	"An address as user is written with %40: imaps://me%40example.com@imap.example.com/INBOX.\n"
	"IMAP dates are days: the window is widened to whole days (UTC). A connection that\n"
	"drops is retried; TLS is always verified ($" IMAP_CA_FILE_ENV " names a CA to trust\n"
	"instead of the system's, for a server with its own certificate).\n"
	"Exit codes: 0 ok, 2 usage, 3 local I/O, 4 remote (login refused, no such mailbox,\n"
	"connection or TLS failure that outlasted the retries).\n",
	options,
	"which mailbox? give imaps://user@host/INBOX",
};

struct out {
	struct app *app;
	struct atomic_file af;
	struct strbuf entry;
	double now;
	int progress, line_open, write_failed;
};

static void end_line(struct out *o)
{
	if (o->line_open)
		fputc('\n', stderr);
	o->line_open = 0;
}

static int on_message(const char *buf, size_t len, const char *source, void *ud)
{
	struct out *o = ud;

	(void)source;
	strbuf_reset(&o->entry);
	imap_mbox_entry(&o->entry, buf, len, o->now);
	if (fwrite(o->entry.buf, 1, o->entry.len, o->af.fp) != o->entry.len) {
		o->write_failed = 1;
		return -1;
	}
	return 0;
}

static void on_skipped(void *ud, const char *source, const char *reason)
{
	struct out *o = ud;

	end_line(o);
	msg_warn(o->app, "'%s' skipped: %s", source, reason);
}

static void on_progress(void *ud, long done, long total)
{
	struct out *o = ud;

	if (!o->progress)
		return;
	fprintf(stderr, "\rsendhealth: fetch: imap: message %ld of %ld   ", done, total);
	o->line_open = 1;
}

static void on_trace(void *ud, const char *command)
{
	struct out *o = ud;

	if (o->app->verbose && !o->app->quiet)
		end_line(o);
	msg_verbose(o->app, "IMAP %s", command);
}

/* The window from the options; an exit code (usage errors printed). */
static int window(struct app *app, const struct imap_opts *io, double *t0, double *t1)
{
	time_t now = time(NULL);

	*t1 = (double)now;
	if (io->until && time_parse_bound(io->until, now, t1) != 0)
		return msg_usage(app, "cannot read the time '%s'", io->until);
	if (io->since ? time_parse_bound(io->since, now, t0) != 0
		      : time_parse_bound(DEFAULT_SINCE, (time_t)*t1, t0) != 0)
		return msg_usage(app, "cannot read the time '%s'", io->since);
	if (*t0 >= *t1)
		return msg_usage(app, "--since must be before --until");
	return EXIT_OK;
}

/* Fetches into o's open file and settles it; an exit code. */
static int run(struct out *o, struct imap_fetch_req *req, const char *path)
{
	struct sh_error err = { 0 };
	struct imap_fetch_result res;
	struct imap_options opts;
	int rc;

	imap_options_init(&opts);
	if (imap_options_from_env(&opts, &err) != 0) {
		atomic_file_abort(&o->af);
		return msg_sh_error(o->app, &err);
	}
	req->opts = &opts;
	rc = imap_fetch(req, &res, &err);
	end_line(o);
	if (rc != 0) {
		atomic_file_abort(&o->af);
		if (o->write_failed)
			sh_error_set(&err, SH_ERR_IO, NULL, 0, "cannot write '%s'", path);
		rc = msg_sh_error(o->app, &err);
		if (res.fetched)
			msg_error(o->app, "'%s' was not written (%ld of %ld bounces had been fetched)",
				  path, res.fetched, res.found);
		return rc;
	}
	if (atomic_file_commit(&o->af, &err) != 0)
		return msg_sh_error(o->app, &err);
	msg_info(o->app, "wrote %ld bounce%s to '%s'%s", res.fetched, res.fetched == 1 ? "" : "s",
		 path, res.skipped ? " (some skipped, see above)" : "");
	return EXIT_OK;
}

int cmd_fetch_imap(struct app *app, int argc, char **argv)
{
	struct imap_opts io;
	struct imap_fetch_req req;
	struct sh_error err = { 0 };
	struct out o;
	char *password = NULL;
	int first, rc;

	memset(&io, 0, sizeof(io));
	memset(&req, 0, sizeof(req));
	memset(&o, 0, sizeof(o));
	switch (opt_parse(app, &spec, &io, argc, argv, &first)) {
	case OPT_HELP:
		return EXIT_OK;
	case OPT_ERROR:
		return EXIT_USAGE;
	}
	if (first + 1 != argc)
		return msg_usage(app, "give one mailbox URL, not %d", argc - first);
	if (!io.output)
		return msg_usage(app, "no output file: give -o FILE");
	if ((rc = window(app, &io, &req.since, &req.until)) != EXIT_OK)
		return rc;
	if (!(password = imap_password_load(io.password_file, &err)))
		return msg_sh_error(app, &err);
	o.app = app;
	o.now = (double)time(NULL);
	o.progress = !app->quiet && isatty(STDERR_FILENO);
	strbuf_init(&o.entry);
	req.url = argv[first];
	req.password = password;
	req.message = on_message;
	req.skipped = on_skipped;
	req.progress = on_progress;
	req.trace = on_trace;
	req.ud = &o;
	if (atomic_file_open(&o.af, io.output, &err) != 0)
		rc = msg_sh_error(app, &err);
	else
		rc = run(&o, &req, io.output);
	strbuf_release(&o.entry);
	secrets_free(password);
	return rc;
}
