/* api_input.c - ESP APIs as report inputs: each complete page of events goes into the
 * logread as JSON Lines while the next one downloads. */
#include "report/run/api_input.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/fetch_mailgun.h"
#include "net/fetch_sendgrid.h"
#include "net/imap.h"
#include "net/imap_url.h"
#include "net/secrets.h"

/* Mailgun events a report needs: the failures and the volume behind the rates. */
#define REPORT_MAILGUN_EVENTS "accepted,delivered,failed,rejected,complained"

void api_inputs_init(struct api_inputs *a)
{
	memset(a, 0, sizeof(*a));
	a->region = "us";
}

void api_inputs_release(struct api_inputs *a)
{
	if (!a)
		return;
	http_client_free(a->http);
	secrets_free(a->mailgun_key);
	secrets_free(a->sendgrid_key);
	secrets_free(a->imap_password);
	memset(a, 0, sizeof(*a));
}

struct feed {
	struct logread *lr;
	struct api_inputs *a;
	long events;
};

static int on_page(void *ctx, const char *label, const char *lines, size_t len, long n,
		   struct sh_error *err)
{
	struct feed *f = ctx;
	int rc = logread_feed(f->lr, lines, len, err);

	(void)label;
	f->events += n;
	if (f->a->progress)
		f->a->progress(f->a->progress_ctx, f->events);
	return rc < 0 ? -1 : 0;
}

static void default_window(struct api_inputs *a)
{
	if (!a->t1) {
		a->t1 = (double)time(NULL);
		a->t0 = a->t1 - 7 * 86400.0;
	}
}

static int ready(struct api_inputs *a, const char *env, char **key, struct sh_error *err)
{
	struct http_options ho;

	default_window(a);
	if (!*key && !(*key = secrets_load(env, a->key_file, err)))
		return -1;
	if (!a->http) {
		http_options_init(&ho);
		if (http_options_from_env(&ho, err) != 0)
			return -1;
		if (!(a->http = http_client_new(&ho)))
			return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "cannot start libcurl");
	}
	return 0;
}

static const char *base_of(const char *env, const char *fallback)
{
	const char *b = getenv(env);
	return b && *b ? b : fallback;
}

struct mail_feed {
	struct logread *lr;
	struct api_inputs *a;
	struct sh_error *err;
	long messages;
};

/* One fetched message into the log reader as a mail message of its own, named by its
 * source (imaps://user@host/INBOX;UID=42) in records and messages. */
static int on_message(const char *buf, size_t len, const char *source, void *ud)
{
	struct mail_feed *f = ud;
	int rc = logread_message(f->lr, buf, len, source, f->err);

	if (f->a->progress && ++f->messages % 100 == 0) /* about as often as an API page */
		f->a->progress(f->a->progress_ctx, logread_stats(f->lr)->records);
	return rc < 0 ? -1 : 0;
}

/* A message the server had but that could not be read (over the size cap, gone):
 * counted and warned through the log reader, as fetch warns; the run goes on. */
static void on_skipped(void *ud, const char *source, const char *reason)
{
	struct mail_feed *f = ud;

	logread_message_skipped(f->lr, source, reason, f->err);
}

static int imap_open(struct api_inputs *a, const char *spec, struct logread *lr,
		     struct sh_error *err)
{
	struct mail_feed f = { lr, a, err, 0 };
	struct imap_options opts;
	struct imap_fetch_req req;
	struct imap_fetch_result res;

	default_window(a);
	if (!a->imap_password && !(a->imap_password = imap_password_load(a->imap_password_file, err)))
		return -1;
	imap_options_init(&opts);
	if (imap_options_from_env(&opts, err) != 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.url = spec;
	req.password = a->imap_password;
	req.opts = &opts;
	req.since = a->t0;
	req.until = a->t1;
	req.message = on_message;
	req.skipped = on_skipped;
	req.ud = &f;
	return imap_fetch(&req, &res, err);
}

int api_inputs_open(void *ctx, const char *spec, struct logread *lr, struct sh_error *err)
{
	struct api_inputs *a = ctx;
	struct feed f = { lr, a, 0 };
	struct esp_sink sink;
	long pages = 0;

	memset(&sink, 0, sizeof(sink));
	sink.page = on_page;
	sink.ctx = &f;
	if (!strncmp(spec, "mailgun:", 8)) {
		struct mailgun_query q;
		memset(&q, 0, sizeof(q));
		q.domain = spec + 8;
		if (mailgun_check_domain(q.domain, err) != 0 ||
		    ready(a, "MAILGUN_API_KEY", &a->mailgun_key, err) != 0)
			return -1;
		q.base = base_of("SENDHEALTH_MAILGUN_BASE",
				 strcmp(a->region, "eu") ? MAILGUN_BASE_US : MAILGUN_BASE_EU);
		q.key = a->mailgun_key;
		q.begin = a->t0;
		q.end = a->t1;
		q.events = REPORT_MAILGUN_EVENTS;
		q.limit = MAILGUN_MAX_LIMIT;
		return mailgun_fetch(a->http, &q, &sink, &pages, err);
	}
	if (!strncmp(spec, "sendgrid:", 9)) {
		struct sendgrid_query q;
		memset(&q, 0, sizeof(q));
		q.on_behalf_of = spec[9] ? spec + 9 : NULL;
		if ((q.on_behalf_of && sendgrid_check_subuser(q.on_behalf_of, err) != 0) ||
		    ready(a, "SENDGRID_API_KEY", &a->sendgrid_key, err) != 0)
			return -1;
		q.base = base_of("SENDHEALTH_SENDGRID_BASE", SENDGRID_BASE);
		q.key = a->sendgrid_key;
		q.start = a->t0;
		q.end = a->t1;
		q.lists = SENDGRID_ALL_LISTS;
		q.limit = SENDGRID_MAX_LIMIT;
		return sendgrid_fetch(a->http, &q, &sink, &pages, err);
	}
	if (imap_url_is_imap(spec))
		return imap_open(a, spec, lr, err);
	return sh_error_set(err, SH_ERR_USAGE, spec, 0,
			    "cannot open '%s': not a file, and not mailgun:DOMAIN, sendgrid:[SUBUSER] "
			    "or imaps://user@host/MAILBOX",
			    spec);
}
