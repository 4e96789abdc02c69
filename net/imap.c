/* imap.c - the read-only bounce fetch over libcurl's IMAP (see imap.h for the contract).
 * One easy handle keeps one connection: EXAMINE on it, UID SEARCH as a custom request,
 * then libcurl's own UID FETCH per message (its custom requests cannot return a message
 * literal). The socket callback refuses any connection libcurl would open by itself
 * between two sessions: only open_session connects. */
#include "net/imap.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/http_options.h"
#include "net/http_retry.h"
#include "net/imap_search.h"
#include "net/imap_url.h"
#include "net/secrets.h"
#include "util/strbuf.h"
#include "util/text.h"

struct session {
	CURL *h;
	const struct imap_fetch_req *req;
	struct imap_options opts;
	struct imap_url url;
	struct strbuf server_url, box_url, cmd, body;
	char errbuf[CURL_ERROR_SIZE];
	char server_line[256];   /* the last line the server sent (for messages) */
	char uidvalidity[32];    /* of the first session: a later one must match */
	int allow_connect;       /* only open_session may connect */
	int refused_connect;     /* libcurl tried to connect outside open_session */
	int too_large;
	int need_open;
	unsigned seed;
};

void imap_options_init(struct imap_options *o)
{
	struct http_options h;

	http_options_init(&h);
	memset(o, 0, sizeof(*o));
	o->connect_timeout_s = h.connect_timeout_s;
	o->idle_timeout_s = h.idle_timeout_s;
	o->max_message = h.max_body;
	o->max_tries = h.max_tries;
	o->retry_base_ms = h.retry_base_ms;
	o->retry_max_wait_s = h.retry_max_wait_s;
}

int imap_options_from_env(struct imap_options *o, struct sh_error *err)
{
	struct http_options h;
	const char *ca = getenv(IMAP_CA_FILE_ENV), *max = getenv(IMAP_MAX_MESSAGE_ENV);
	long cap;

	http_options_init(&h);
	h.connect_timeout_s = o->connect_timeout_s;
	h.idle_timeout_s = o->idle_timeout_s;
	h.max_tries = o->max_tries;
	h.retry_base_ms = o->retry_base_ms;
	h.retry_max_wait_s = o->retry_max_wait_s;
	if (http_options_from_env(&h, err) != 0)
		return -1;
	o->connect_timeout_s = h.connect_timeout_s;
	o->idle_timeout_s = h.idle_timeout_s;
	o->max_tries = h.max_tries;
	o->retry_base_ms = h.retry_base_ms;
	o->retry_max_wait_s = h.retry_max_wait_s;
	if (ca && *ca)
		o->ca_file = ca;
	if (max && *max) {
		if (text_parse_long(max, 1, 1L << 30, &cap) != 0)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "$%s must be a number of "
					    "bytes from 1 to %ld, not '%.40s'", IMAP_MAX_MESSAGE_ENV,
					    1L << 30, max);
		o->max_message = (size_t)cap;
	}
	return 0;
}

char *imap_password_load(const char *key_file, struct sh_error *err)
{
	const char *v = getenv(IMAP_PASSWORD_ENV);

	if (!key_file && (!v || !*v)) {
		sh_error_set(err, SH_ERR_USAGE, NULL, 0,
			     "no IMAP password: set $%s or give --imap-password-file FILE",
			     IMAP_PASSWORD_ENV);
		return NULL;
	}
	return secrets_load(IMAP_PASSWORD_ENV, key_file, err);
}

static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
	struct session *s = ctx;
	size_t len = size * n;

	if (s->body.len + len > s->opts.max_message) {
		s->too_large = 1;
		return 0;
	}
	strbuf_add(&s->body, data, len);
	return len;
}

/* Keeps the last refusal the server sent ("A003 NO ...", a first "* BYE ..."); what we send (the
 * login among it) is never looked at. */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *ctx)
{
	struct session *s = ctx;
	const char *p = data, *w;
	size_t n = size;

	(void)h;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	text_trim(&p, &n);
	w = memchr(p, ' ', n);
	if (!w || (size_t)(p + n - w) < 4 ||
	    (memcmp(w, " NO ", 4) && memcmp(w, " BAD", 4) && memcmp(w, " BYE", 4)))
		return 0;
	if (!memcmp(w, " BYE", 4) && s->server_line[0]) /* the answer to our LOGOUT */
		return 0;
	if (n >= sizeof(s->server_line))
		n = sizeof(s->server_line) - 1;
	memcpy(s->server_line, p, n);
	s->server_line[n] = '\0';
	return 0;
}

static curl_socket_t on_open_socket(void *ctx, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct session *s = ctx;

	(void)purpose;
	if (!s->allow_connect) {
		s->refused_connect = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static void set_options(struct session *s)
{
	CURL *h = s->h;

	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imaps,imap");
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->opts.ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, s->opts.ca_file);
	curl_easy_setopt(h, CURLOPT_USERNAME, s->url.user);
	curl_easy_setopt(h, CURLOPT_PASSWORD, s->req->password ? s->req->password : "");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, s->opts.connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, s->opts.idle_timeout_s);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, s);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
}

/* One request on the handle: url with the custom command (NULL: libcurl's FETCH). */
static CURLcode perform(struct session *s, const char *url, const char *custom)
{
	CURLcode rc;

	strbuf_reset(&s->body);
	s->errbuf[0] = s->server_line[0] = '\0';
	s->too_large = s->refused_connect = 0;
	if (s->req->trace && custom)
		s->req->trace(s->req->ud, custom);
	curl_easy_setopt(s->h, CURLOPT_URL, url);
	curl_easy_setopt(s->h, CURLOPT_CUSTOMREQUEST, custom);
	rc = curl_easy_perform(s->h);
	s->errbuf[strcspn(s->errbuf, "\r\n")] = '\0';
	while (*s->errbuf && s->errbuf[strlen(s->errbuf) - 1] == ' ')
		s->errbuf[strlen(s->errbuf) - 1] = '\0';
	secrets_redact_buf(s->errbuf, sizeof(s->errbuf), s->req->password);
	secrets_redact_buf(s->server_line, sizeof(s->server_line), s->req->password);
	return rc;
}

/* The server's words after the tag and status ("A003 NO Mailbox doesn't exist: X"). */
static const char *server_words(const struct session *s)
{
	const char *p = s->server_line;

	p += strcspn(p, " ");
	p += strspn(p, " ");
	if (!strncmp(p, "NO ", 3) || !strncmp(p, "BAD ", 4) || !strncmp(p, "BYE ", 4))
		p += strcspn(p, " ") + 1;
	return *p ? p : s->errbuf;
}

static void save_uidvalidity(struct session *s, char *out, size_t size)
{
	const char *p = text_istr(s->body.buf ? s->body.buf : "", "[UIDVALIDITY ");
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	p += 13;
	while (p[n] >= '0' && p[n] <= '9' && n + 1 < size)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* EXAMINE on the server alone first: a refused login (CURLE_LOGIN_DENIED) and a missing
 * mailbox (the custom command's NO, CURLE_QUOTE_ERROR) then tell themselves apart. Then
 * on the mailbox URL, so that libcurl counts it as selected (its SELECT, then our EXAMINE:
 * read-only from there on). *phase says which request failed (0, 1). */
static CURLcode open_session(struct session *s, int *phase)
{
	CURLcode rc;
	char uv[sizeof(s->uidvalidity)];

	strbuf_reset(&s->cmd);
	strbuf_adds(&s->cmd, "EXAMINE ");
	imap_url_quoted_mailbox(&s->url, &s->cmd);
	s->allow_connect = 1;
	*phase = 0;
	rc = perform(s, s->server_url.buf, s->cmd.buf);
	if (rc == CURLE_OK) {
		*phase = 1;
		rc = perform(s, s->box_url.buf, s->cmd.buf);
	}
	s->allow_connect = 0;
	if (rc != CURLE_OK)
		return rc;
	save_uidvalidity(s, uv, sizeof(uv));
	if (!s->uidvalidity[0])
		memcpy(s->uidvalidity, uv, sizeof(uv));
	else if (strcmp(uv, s->uidvalidity))
		return CURLE_RANGE_ERROR; /* the mailbox changed: see explain */
	s->need_open = 0;
	return CURLE_OK;
}

enum op { OP_SEARCH, OP_FETCH };

/* One try of a step: a session first when none is open. *phase: 0/1 open_session's
 * requests, 2 the step itself. */
static CURLcode try_step(struct session *s, enum op op, unsigned long uid, int *phase)
{
	CURLcode rc = CURLE_OK;
	struct strbuf url;

	if (s->need_open && (rc = open_session(s, phase)) != CURLE_OK)
		return rc;
	*phase = 2;
	if (op == OP_SEARCH) {
		strbuf_reset(&s->cmd);
		imap_search_command(s->req->since, s->req->until, &s->cmd);
		return perform(s, s->box_url.buf, s->cmd.buf);
	}
	strbuf_init(&url);
	strbuf_addf(&url, "%s/;UID=%lu", s->box_url.buf, uid);
	if (s->req->trace) {
		char line[48];
		snprintf(line, sizeof(line), "UID FETCH %lu BODY[]", uid);
		s->req->trace(s->req->ud, line);
	}
	rc = perform(s, url.buf, NULL);
	strbuf_release(&url);
	return rc;
}

static int retryable(const struct session *s, CURLcode rc)
{
	return s->refused_connect || http_verdict((int)rc, 0) == HTTP_V_RETRY;
}

/* The message for a step that failed for good. */
static int explain(struct session *s, CURLcode rc, int phase, const char *doing,
		   struct sh_error *err)
{
	const char *where = s->url.shown;

	if (phase < 2 && !s->uidvalidity[0]) /* no session was ever open */
		doing = "opening the mailbox";

	if (rc == CURLE_LOGIN_DENIED && phase == 0)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the IMAP server refused the login of '%s' at %s: %s (check "
				    "$%s or the password file)",
				    s->url.user, s->url.host, server_words(s), IMAP_PASSWORD_ENV);
	if ((rc == CURLE_QUOTE_ERROR && phase == 0) || (rc == CURLE_LOGIN_DENIED && phase == 1))
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "cannot open the mailbox '%s' at %s: %s", s->url.mailbox,
				    s->url.host, server_words(s));
	if (rc == CURLE_RANGE_ERROR && phase == 1)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the mailbox '%s' was re-created while it was read (its "
				    "UIDVALIDITY changed); run again",
				    s->url.mailbox);
	if (rc == CURLE_QUOTE_ERROR)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "%s: %s refused %s: %s", where,
				    s->url.host, doing, server_words(s));
	if (s->refused_connect)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "%s: the connection was lost while %s", where, doing);
	return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "%s: %s while %s", where,
			    s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc), doing);
}

static void wait_before(struct session *s, int next_try)
{
	long ms = http_backoff_ms(next_try, s->opts.retry_base_ms,
				  s->opts.retry_max_wait_s * 1000L, s->seed = s->seed * 1103515245u + 12345u);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Runs a step with retries. 0 done, 1 the message is to be skipped, -1 failed. */
static int run_step(struct session *s, enum op op, unsigned long uid, const char *doing,
		    struct imap_fetch_result *res, struct sh_error *err)
{
	int try, phase;
	CURLcode rc;

	for (try = 1;; try++) {
		phase = 2;
		rc = try_step(s, op, uid, &phase);
		if (rc == CURLE_OK)
			return 0;
		s->need_open = 1;
		if (phase == 2 && op == OP_FETCH &&
		    (s->too_large || rc == CURLE_REMOTE_FILE_NOT_FOUND))
			return 1;
		if (!retryable(s, rc) || try >= s->opts.max_tries)
			return explain(s, rc, phase, doing, err);
		wait_before(s, try + 1);
		res->reconnects++;
	}
}

/* Hands the message in s->body to the callback, or reports it skipped. */
static int deliver(struct session *s, int step_rc, unsigned long uid,
		   struct imap_fetch_result *res, struct sh_error *err)
{
	const struct imap_fetch_req *r = s->req;
	char name[sizeof(s->url.shown) + 32];
	char why[96];

	imap_url_source(&s->url, uid, name, sizeof(name));
	if (step_rc == 1) {
		if (s->too_large && s->opts.max_message >= (1u << 20))
			snprintf(why, sizeof(why), "the message is larger than %zu MiB",
				 s->opts.max_message >> 20);
		else if (s->too_large)
			snprintf(why, sizeof(why), "the message is larger than %zu bytes",
				 s->opts.max_message);
		else
			snprintf(why, sizeof(why), "the message is no longer in the mailbox");
		res->skipped++;
		if (r->skipped)
			r->skipped(r->ud, name, why);
		return 0;
	}
	if (r->message(s->body.buf ? s->body.buf : "", s->body.len, name, r->ud) != 0)
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "reading '%s' stopped", name);
	res->fetched++;
	return 0;
}

static int fetch_all(struct session *s, struct imap_fetch_result *res, struct sh_error *err)
{
	struct imap_uids uids;
	char doing[160];
	size_t i;
	int rc = -1, step;

	imap_uids_init(&uids);
	if (run_step(s, OP_SEARCH, 0, "searching for bounces", res, err) != 0 ||
	    imap_uids_parse(&uids, s->body.buf ? s->body.buf : "", s->body.len, err) != 0)
		goto out;
	imap_uids_finish(&uids);
	res->found = (long)uids.n;
	for (i = 0; i < uids.n; i++) {
		snprintf(doing, sizeof(doing),
			 "fetching message %zu of %zu (UID %lu); the %zu before it were read", i + 1,
			 uids.n, uids.v[i], i);
		if ((step = run_step(s, OP_FETCH, uids.v[i], doing, res, err)) < 0 ||
		    deliver(s, step, uids.v[i], res, err) != 0)
			goto out;
		if (s->req->progress)
			s->req->progress(s->req->ud, (long)i + 1, (long)uids.n);
	}
	rc = 0;
out:
	imap_uids_release(&uids);
	return rc;
}

static int session_init(struct session *s, const struct imap_fetch_req *req,
			struct sh_error *err)
{
	memset(s, 0, sizeof(*s));
	s->req = req;
	strbuf_init(&s->server_url);
	strbuf_init(&s->box_url);
	strbuf_init(&s->cmd);
	strbuf_init(&s->body);
	if (req->opts)
		s->opts = *req->opts;
	else
		imap_options_init(&s->opts);
	if (imap_url_parse(req->url, &s->url, err) != 0)
		return -1;
	imap_url_for_curl(&s->url, 0, &s->server_url);
	imap_url_for_curl(&s->url, 1, &s->box_url);
	s->need_open = 1;
	s->seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	/* reference-counted by libcurl; balanced in session_release */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!(s->h = curl_easy_init()))
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "cannot start libcurl");
	set_options(s);
	return 0;
}

static void session_release(struct session *s)
{
	if (s->h) {
		curl_easy_cleanup(s->h);
		curl_global_cleanup();
	}
	strbuf_release(&s->server_url);
	strbuf_release(&s->box_url);
	strbuf_release(&s->cmd);
	strbuf_release(&s->body);
}

int imap_fetch(const struct imap_fetch_req *req, struct imap_fetch_result *res,
	       struct sh_error *err)
{
	struct session s;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (session_init(&s, req, err) == 0)
		rc = fetch_all(&s, res, err);
	session_release(&s);
	return rc;
}
