/* fetch.c - `sendhealth fetch mailgun|sendgrid`: download failure events from an ESP's API
 * into a JSON Lines file for `report`. The file is written as FILE.part and renamed when
 * the last page is in; a failed run keeps the .part file and says how much it holds, an
 * interrupted one (SIGINT, SIGTERM) removes it. /dev/null, a FIFO or a terminal as FILE is
 * written in place: a rename would replace it. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/optval.h"
#include "net/fetch_mailgun.h"
#include "net/fetch_sendgrid.h"
#include "net/secrets.h"
#include "util/atomic_file.h"
#include "util/timeparse.h"

#define DEFAULT_SINCE "7d"
#define DEFAULT_MAILGUN_EVENTS "failed,rejected,complained"

/* Where the lines go: FILE.part (or stdout for "-"), with counts and progress. */
struct jsonl_out {
	struct app *app;
	const char *path; /* borrowed: the target */
	char *part;       /* owned: path + ".part"; NULL for stdout and in place */
	int slot;         /* the .part's slot in the signal-cleanup registry, or -1 */
	FILE *fp;
	const char *what; /* "events", "items" */
	long items, pages;
	struct timespec started;
	int progress;     /* stderr is a terminal and -q was not given */
	int line_open;    /* a progress line waits for its newline */
};

/* The .part is settled (renamed, kept or removed): a signal no longer removes it. */
static void out_untrack(struct jsonl_out *o)
{
	atomic_file_untrack(o->slot);
	o->slot = -1;
}

/* Creates o->path + ".part". A .part left by an earlier run is replaced; a symlink
 * planted in its place is removed, not followed (O_EXCL). Tracked before it exists, so
 * that a signal at any moment after it is created removes it. Returns an exit code. */
static int open_part(struct jsonl_out *o)
{
	size_t n = strlen(o->path);
	int fd = -1;

	o->part = xmalloc(n + 6);
	memcpy(o->part, o->path, n);
	memcpy(o->part + n, ".part", 6);
	if (unlink(o->part) != 0 && errno != ENOENT) {
		msg_error(o->app, "cannot replace '%s': %s", o->part, strerror(errno));
		free(o->part);
		o->part = NULL;
		return EXIT_IO;
	}
	o->slot = atomic_file_track(o->part);
	if ((fd = open(o->part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0 ||
	    !(o->fp = fdopen(fd, "w"))) {
		msg_error(o->app, "cannot create '%s': %s", o->part, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->part);
		}
		out_untrack(o);
		free(o->part);
		o->part = NULL;
		return EXIT_IO;
	}
	return EXIT_OK;
}

static int out_open(struct jsonl_out *o, struct app *app, const char *path, const char *what)
{
	struct sh_error err = { 0 };

	memset(o, 0, sizeof(*o));
	o->app = app;
	o->path = path;
	o->what = what;
	o->progress = !app->quiet && isatty(STDERR_FILENO);
	o->slot = -1;
	clock_gettime(CLOCK_MONOTONIC, &o->started);
	if (!strcmp(path, "-")) {
		o->fp = stdout;
		return EXIT_OK;
	}
	if (atomic_file_is_special(path)) {
		if (!(o->fp = fopen(path, "w"))) {
			msg_error(app, "cannot write '%s': %s", path, strerror(errno));
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	if (atomic_file_mkdir_parents(path, &err) != 0)
		return msg_sh_error(app, &err);
	return open_part(o);
}

static double elapsed(const struct jsonl_out *o)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - o->started.tv_sec) +
	       (double)(now.tv_nsec - o->started.tv_nsec) / 1e9;
}

static int on_page(void *ctx, const char *label, const char *lines, size_t len, long n,
		   struct sh_error *err)
{
	struct jsonl_out *o = ctx;
	double t;

	if (fwrite(lines, 1, len, o->fp) != len)
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot write '%s': %s",
				    o->part ? o->part : "standard output", strerror(errno));
	o->items += n;
	o->pages++;
	if (o->progress) {
		t = elapsed(o);
		fprintf(stderr, "\rsendhealth: fetch: %s: page %ld, %ld %s, %.0f %s/s   ", label,
			o->pages, o->items, o->what, t > 0 ? (double)o->items / t : 0.0, o->what);
		o->line_open = 1;
	}
	return 0;
}

/* Ends a progress line so that a message can follow. */
static void end_line(struct jsonl_out *o)
{
	if (o->line_open)
		fputc('\n', stderr);
	o->line_open = 0;
}

static void on_request(void *ctx, const char *url)
{
	struct jsonl_out *o = ctx;

	if (o->app->verbose && !o->app->quiet)
		end_line(o);
	msg_verbose(o->app, "GET %s", url);
}

/* A .part that could not become the file: removed when empty, else kept and named. */
static void keep_or_remove(struct jsonl_out *o)
{
	if (o->items == 0)
		unlink(o->part);
	else
		msg_error(o->app,
			  "'%s' keeps the %ld %s fetched before the failure; '%s' was not changed",
			  o->part, o->items, o->what, o->path);
}

/* Renames FILE.part to FILE after an fsync. Returns an exit code. */
static int out_commit(struct jsonl_out *o)
{
	int rc = EXIT_OK;

	end_line(o);
	if (o->fp == stdout)
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	if (!o->part) { /* written in place */
		if (fflush(o->fp) != 0 || ferror(o->fp) || fclose(o->fp) != 0) {
			o->fp = NULL;
			msg_error(o->app, "cannot write '%s': %s", o->path, strerror(errno ? errno : EIO));
			return EXIT_IO;
		}
		o->fp = NULL;
		msg_info(o->app, "wrote %ld %s (%ld page%s) to '%s'", o->items, o->what, o->pages,
			 o->pages == 1 ? "" : "s", o->path);
		return EXIT_OK;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0) {
		msg_error(o->app, "cannot write '%s': %s", o->part, strerror(errno ? errno : EIO));
		rc = EXIT_IO;
	}
	if (fclose(o->fp) != 0 && rc == EXIT_OK) {
		msg_error(o->app, "cannot write '%s': %s", o->part, strerror(errno));
		rc = EXIT_IO;
	}
	o->fp = NULL;
	if (rc == EXIT_OK && rename(o->part, o->path) != 0) {
		msg_error(o->app, "cannot rename '%s' to '%s': %s", o->part, o->path,
			  strerror(errno));
		rc = EXIT_IO;
	}
	if (rc == EXIT_OK)
		msg_info(o->app, "wrote %ld %s (%ld page%s) to '%s'", o->items, o->what, o->pages,
			 o->pages == 1 ? "" : "s", o->path);
	else
		unlink(o->part); /* cut short by the disk: of no use, and it takes space */
	out_untrack(o);
	free(o->part);
	o->part = NULL;
	return rc;
}

/* After a failure: an empty .part goes, one with data stays for the user to inspect -
 * unless writing it failed (a full disk). */
static void out_fail(struct jsonl_out *o, int write_failed)
{
	end_line(o);
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->part && write_failed)
		unlink(o->part);
	else if (o->part)
		keep_or_remove(o);
	out_untrack(o);
	free(o->part);
	o->part = NULL;
}

/* What the options both services take fill. */
struct common {
	const char *since, *until, *output, *key_file, *base;
	double t0, t1; /* since and until, after common_check */
};

#define O(f) offsetof(struct common, f)
static const struct cmd_option common_options[] = {
	OPT_STR("since", 's', "T",
		"from: ISO 8601, RFC 2822, epoch, or '7d', '24h' ago (default " DEFAULT_SINCE " before -u)",
		O(since)),
	OPT_STR("until", 'u', "T", "up to this time (default: now)", O(until)),
	OPT_STR("output", 'o', "FILE", "write JSON Lines here ('-' for standard output); required", O(output)),
	OPT_STR("api-key-file", 0, "FILE", "read the API key from FILE's first line (mode 600)", O(key_file)),
	OPT_CALL("api-key", 0, "KEY", "refused: a key on the command line shows in ps and shell history", 0,
		 optval_refuse_api_key),
	OPT_STR("api-base", 0, "URL", "send requests to this base URL instead (a proxy, a test server)",
		O(base)),
	OPT_END,
};
#undef O

/* Parses a service's options into opts (whose struct common sits at offsetof common);
 * operands are refused. Returns EXIT_OK, or OPT_HELP, or an exit code after a message. */
static int parse_service(struct app *app, const struct cmd_spec *spec, void *opts, int argc,
			 char **argv)
{
	int first;

	switch (opt_parse(app, spec, opts, argc, argv, &first)) {
	case OPT_HELP:
		return OPT_HELP;
	case OPT_ERROR:
		return EXIT_USAGE;
	}
	if (first < argc)
		return msg_usage(app, "unexpected argument '%s'", argv[first]);
	return EXIT_OK;
}

/* env_base: the service's $SENDHEALTH_*_BASE, used when --api-base is not given. */
static int common_check(struct app *app, struct common *c, const char *env_base)
{
	time_t now = time(NULL);
	struct sh_error err = { 0 };

	if (!c->base && env_base && *env_base)
		c->base = env_base;
	if (!c->output)
		return msg_usage(app, "no output file: give -o FILE");
	c->t1 = (double)now;
	if (c->until && time_parse_bound(c->until, now, &c->t1) != 0)
		return msg_usage(app, "cannot read the time '%s'", c->until);
	/* without --since: the week before --until (or before now) */
	if (c->since ? time_parse_bound(c->since, now, &c->t0) != 0
		     : time_parse_bound(DEFAULT_SINCE, (time_t)c->t1, &c->t0) != 0)
		return msg_usage(app, "cannot read the time '%s'", c->since);
	if (c->t0 >= c->t1)
		return msg_usage(app, "--since must be before --until");
	if (c->base && esp_check_base(c->base, &err) != 0)
		return msg_usage(app, "%s", err.msg);
	return EXIT_OK;
}

/* The HTTP client with the environment's overrides; NULL after printing why. */
static struct http_client *client(struct app *app, int *rc)
{
	struct http_options ho;
	struct sh_error err = { 0 };
	struct http_client *c;

	http_options_init(&ho);
	if (http_options_from_env(&ho, &err) != 0) {
		*rc = msg_sh_error(app, &err);
		return NULL;
	}
	if (!(c = http_client_new(&ho))) {
		msg_error(app, "cannot start libcurl");
		*rc = EXIT_REMOTE;
	}
	return c;
}

/* The key: from the environment or --api-key-file; NULL after printing why. */
static char *load_key(struct app *app, const struct common *c, const char *env_name, int *rc)
{
	struct sh_error err = { 0 };
	char *key = secrets_load(env_name, c->key_file, &err);

	if (!key)
		*rc = msg_sh_error(app, &err);
	return key;
}

/* Opens the output, runs fetch, and settles the output. */
static int run_fetch(struct app *app, const struct common *c, const char *what, void *query,
		     int (*fetch)(struct http_client *, void *, const struct esp_sink *, long *,
				  struct sh_error *))
{
	struct sh_error err = { 0 };
	struct http_client *hc = NULL;
	struct jsonl_out out;
	struct esp_sink sink;
	long pages = 0;
	int rc;

	if (!(hc = client(app, &rc)))
		return rc;
	if ((rc = out_open(&out, app, c->output, what)) != EXIT_OK) {
		http_client_free(hc);
		return rc;
	}
	sink.page = on_page;
	sink.request = on_request;
	sink.ctx = &out;
	if (fetch(hc, query, &sink, &pages, &err) != 0) {
		rc = msg_sh_error(app, &err);
		out_fail(&out, err.kind == SH_ERR_IO);
	} else {
		rc = out_commit(&out);
	}
	http_client_free(hc);
	return rc;
}

struct mg_opts {
	struct common c;
	const char *domain, *region, *events;
};

static const char *const regions[] = { "us", "eu", NULL };

#define O(f) offsetof(struct mg_opts, f)
static const struct cmd_option mg_options[] = {
	OPT_PART(common_options, O(c)),
	OPT_STR("domain", 'd', "D", "the sending domain (required)", O(domain)),
	OPT_WORD("region", 'r', "us|eu", "the account's region (default us)", O(region), regions),
	OPT_STR("event", 'e', "LIST", "event types, comma-separated, or 'all' (default " DEFAULT_MAILGUN_EVENTS ")",
		O(events)),
	OPT_END,
};
#undef O

static const struct cmd_spec mg_spec = {
	"fetch mailgun",
	"--domain D [--region us|eu] [--since T] [--until T] [--event LIST] -o FILE",
	"Download a domain's events from Mailgun's Events API as JSON Lines, one event per line\n"
	"as Mailgun sent it. The key comes from $MAILGUN_API_KEY or --api-key-file.",
	"The base URL is --api-base, else $SENDHEALTH_MAILGUN_BASE, else the region's\n"
	"(us: " MAILGUN_BASE_US ", eu: " MAILGUN_BASE_EU ").\n"
	"Exit codes: 0 ok, 2 usage, 3 local I/O, 4 remote (refused key, unknown domain,\n"
	"timeouts, or rate limits and server errors that outlasted the retries).\n",
	mg_options,
	NULL,
};

static int mg_fetch(struct http_client *c, void *q, const struct esp_sink *out, long *pages,
		    struct sh_error *err)
{
	return mailgun_fetch(c, q, out, pages, err);
}

/* The query the options ask for; returns an exit code (usage errors printed). */
static int mg_query(struct app *app, struct mg_opts *o, struct mailgun_query *q)
{
	struct sh_error err = { 0 };
	int rc;

	q->domain = o->domain;
	q->events = o->events ? o->events : DEFAULT_MAILGUN_EVENTS;
	q->limit = MAILGUN_MAX_LIMIT;
	if (!q->domain)
		return msg_usage(app, "which domain? give --domain D");
	if (mailgun_check_domain(q->domain, &err) != 0 || mailgun_check_events(q->events, &err) != 0)
		return msg_usage(app, "%s", err.msg);
	if ((rc = common_check(app, &o->c, getenv("SENDHEALTH_MAILGUN_BASE"))) != EXIT_OK)
		return rc;
	q->base = o->c.base                                   ? o->c.base
		  : o->region && !strcmp(o->region, "eu") ? MAILGUN_BASE_EU
							  : MAILGUN_BASE_US;
	q->begin = o->c.t0;
	q->end = o->c.t1;
	return EXIT_OK;
}

static int cmd_fetch_mailgun(struct app *app, int argc, char **argv)
{
	struct mg_opts o;
	struct mailgun_query q = { 0 };
	char *key = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_service(app, &mg_spec, &o, argc, argv)) != EXIT_OK)
		return rc == OPT_HELP ? EXIT_OK : rc;
	if ((rc = mg_query(app, &o, &q)) != EXIT_OK)
		return rc;
	if (!(key = load_key(app, &o.c, "MAILGUN_API_KEY", &rc)))
		return rc;
	q.key = key;
	rc = run_fetch(app, &o.c, "events", &q, mg_fetch);
	secrets_free(key);
	return rc;
}

struct sg_opts {
	struct common c;
	const char *lists, *on_behalf_of;
};

#define O(f) offsetof(struct sg_opts, f)
static const struct cmd_option sg_options[] = {
	OPT_PART(common_options, O(c)),
	OPT_STR("lists", 'l', "LIST", "suppression lists, comma-separated (default " SENDGRID_ALL_LISTS ")",
		O(lists)),
	OPT_STR("on-behalf-of", 0, "SUBUSER", "read a subuser's lists (header on-behalf-of)", O(on_behalf_of)),
	OPT_END,
};
#undef O

static const struct cmd_spec sg_spec = {
	"fetch sendgrid",
	"[--lists LIST] [--since T] [--until T] [--on-behalf-of SUBUSER] -o FILE",
	"Download SendGrid's suppression lists (bounces, blocks, invalid emails, spam reports) as\n"
	"JSON Lines; each item gets \"sendhealth_list\" naming its list. The key comes from\n"
	"$SENDGRID_API_KEY or --api-key-file.",
	"The base URL is --api-base, else $SENDHEALTH_SENDGRID_BASE, else " SENDGRID_BASE ".\n"
	"Exit codes: 0 ok, 2 usage, 3 local I/O, 4 remote.\n",
	sg_options,
	NULL,
};

static int sg_fetch(struct http_client *c, void *q, const struct esp_sink *out, long *pages,
		    struct sh_error *err)
{
	return sendgrid_fetch(c, q, out, pages, err);
}

static int cmd_fetch_sendgrid(struct app *app, int argc, char **argv)
{
	struct sg_opts o;
	struct sendgrid_query q = { 0 };
	struct sh_error err = { 0 };
	char *key = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_service(app, &sg_spec, &o, argc, argv)) != EXIT_OK)
		return rc == OPT_HELP ? EXIT_OK : rc;
	q.lists = o.lists ? o.lists : SENDGRID_ALL_LISTS;
	q.on_behalf_of = o.on_behalf_of;
	q.limit = SENDGRID_MAX_LIMIT;
	if (sendgrid_check_lists(q.lists, &err) != 0 ||
	    (q.on_behalf_of && sendgrid_check_subuser(q.on_behalf_of, &err) != 0))
		return msg_usage(app, "%s", err.msg);
	if ((rc = common_check(app, &o.c, getenv("SENDHEALTH_SENDGRID_BASE"))) != EXIT_OK)
		return rc;
	q.base = o.c.base ? o.c.base : SENDGRID_BASE;
	q.start = o.c.t0;
	q.end = o.c.t1;
	if (!(key = load_key(app, &o.c, "SENDGRID_API_KEY", &rc)))
		return rc;
	q.key = key;
	rc = run_fetch(app, &o.c, "items", &q, sg_fetch);
	secrets_free(key);
	return rc;
}

static const struct cmd_option no_options[] = { OPT_END };


static const struct cmd_spec spec = {
	"fetch",
	"<mailgun|sendgrid|imap> [options] -o FILE",
	"Download send failures from an ESP's API into a JSON Lines file for 'report', or the\n"
	"bounces of an IMAP mailbox into an mbox file.",
	"Subcommands:\n"
	"  mailgun --domain D [--region us|eu] [--since T] [--until T] [--event LIST] -o FILE\n"
	"  sendgrid [--lists LIST] [--since T] [--until T] [--on-behalf-of SUBUSER] -o FILE\n"
	"  imap imaps://USER@HOST[:PORT]/MAILBOX [--since T] [--until T] -o FILE.mbox\n"
	"API keys come from $MAILGUN_API_KEY / $SENDGRID_API_KEY or --api-key-file FILE (mode\n"
	"600), never from the command line. The file is written as FILE.part and renamed when\n"
	"complete; after a failure FILE.part keeps what was fetched.\n"
	"Run 'sendhealth fetch <subcommand> --help' for details.\n",
	no_options,
	NULL,
};

int cmd_fetch(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		opt_print_help(&spec, stdout);
		return EXIT_OK;
	}
	if (argc < 2)
		return msg_usage(app, "which service? (mailgun, sendgrid, imap)");
	if (!strcmp(argv[1], "mailgun"))
		return cmd_fetch_mailgun(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "sendgrid"))
		return cmd_fetch_sendgrid(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "imap"))
		return cmd_fetch_imap(app, argc - 1, argv + 1);
	return msg_usage(app, "unknown service '%s' (mailgun, sendgrid, imap)", argv[1]);
}
