/* http.c - libcurl GETs with retries. One easy handle per client keeps connections alive
 * across pages; each attempt starts from curl_easy_reset so no option leaks between
 * requests. What is retried is decided by http_verdict alone; what is waited by
 * http_wait_ms alone (see http.h). The decisions live in http_retry.c. */
#include "net/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/http_retry.h"
#include "net/http_url.h"
#include "net/secrets.h"
#include "util/text.h"

#ifndef SENDHEALTH_VERSION
#define SENDHEALTH_VERSION "0.0.0"
#endif

#define MAX_REDIRECTS 5L

struct http_client {
	CURL *curl;
	struct http_options opts;
	unsigned seed; /* jitter; per client so that nothing global changes */
};

/* What the curl callbacks learn during one attempt. */
struct xfer {
	const struct http_options *opts;
	const struct http_body *body;
	long status; /* of the response whose headers came last */
	char content_type[128];
	char retry_after[64];
	char ratelimit_reset[64];
	char error_body[512];
	size_t error_len;
	unsigned long long bytes;
	int too_large, stopped, idle;
	curl_off_t last_bytes; /* body bytes at the last sign of life */
	double last_active;    /* monotonic seconds of the last sign of life */
};

struct http_client *http_client_new(const struct http_options *opts)
{
	struct http_client *c = xcalloc(1, sizeof(*c));

	if (opts)
		c->opts = *opts;
	else
		http_options_init(&c->opts);
	/* reference-counted by libcurl; balanced in http_client_free */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c->curl = curl_easy_init();
	if (!c->curl) {
		curl_global_cleanup();
		free(c);
		return NULL;
	}
	c->seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	return c;
}

void http_client_free(struct http_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	curl_global_cleanup();
	free(c);
}

static void copy_value(char *dst, size_t size, const char *s, size_t len)
{
	text_trim(&s, &len);
	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* A new status line starts a new response (a redirect, a 100 Continue): forget the
 * headers of the previous one so that only the final response's are used. */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n, l = len;
	const char *colon, *p;

	while (l && (data[l - 1] == '\r' || data[l - 1] == '\n'))
		l--;
	if (l >= 5 && !memcmp(data, "HTTP/", 5)) {
		x->status = 0;
		x->content_type[0] = x->retry_after[0] = x->ratelimit_reset[0] = '\0';
		x->error_len = 0;
		x->error_body[0] = '\0';
		p = memchr(data, ' ', l);
		if (p && data + l - p >= 4 && p[1] >= '1' && p[1] <= '5' && p[2] >= '0' &&
		    p[2] <= '9' && p[3] >= '0' && p[3] <= '9')
			x->status = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		return len;
	}
	colon = memchr(data, ':', l);
	if (!colon)
		return len;
	p = colon + 1;
	if (text_ieqn(data, (size_t)(colon - data), "content-type"))
		copy_value(x->content_type, sizeof(x->content_type), p, (size_t)(data + l - p));
	else if (text_ieqn(data, (size_t)(colon - data), "retry-after"))
		copy_value(x->retry_after, sizeof(x->retry_after), p, (size_t)(data + l - p));
	else if (text_ieqn(data, (size_t)(colon - data), "x-ratelimit-reset"))
		copy_value(x->ratelimit_reset, sizeof(x->ratelimit_reset), p,
			   (size_t)(data + l - p));
	return len;
}

/* Only a 2xx body reaches the caller; the start of any other body is kept for the
 * message. Returning less than len makes curl stop with CURLE_WRITE_ERROR. */
static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n;

	if (x->status < 200 || x->status > 299) {
		size_t room = sizeof(x->error_body) - 1 - x->error_len;
		size_t k = len < room ? len : room;
		memcpy(x->error_body + x->error_len, data, k);
		x->error_len += k;
		x->error_body[x->error_len] = '\0';
		return len;
	}
	if (x->bytes + len > x->opts->max_body) {
		x->too_large = 1;
		return 0;
	}
	if (x->body->write(x->body->ctx, data, len) != 0) {
		x->stopped = 1;
		return 0;
	}
	x->bytes += len;
	return len;
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The idle timeout. CURLOPT_LOW_SPEED_TIME averages over a window of several seconds, so
 * after a burst it notices a stalled server only seconds late; counting the time since
 * the last byte is exact. curl calls this about once a second even while nothing moves. */
static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct xfer *x = ctx;
	double now = mono_now();

	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	if (dlnow != x->last_bytes) {
		x->last_bytes = dlnow;
		x->last_active = now;
		return 0;
	}
	if (now - x->last_active >= (double)x->opts->idle_timeout_s) {
		x->idle = 1;
		return 1; /* CURLE_ABORTED_BY_CALLBACK */
	}
	return 0;
}

/* Every option of one request; the handle keeps pointers to errbuf and hdrs until
 * perform clears them. */
static void set_options(struct http_client *c, const struct http_request *req, struct xfer *x,
			char *errbuf, struct curl_slist *hdrs)
{
	CURL *h = c->curl;

	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_URL, req->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, http_redirect_protocols(req->url));
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->opts.ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->opts.ca_file);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->opts.connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "sendhealth/" SENDHEALTH_VERSION);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	if (req->user) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERNAME, req->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, req->password ? req->password : "");
	}
	if (hdrs)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
}

static CURLcode perform(struct http_client *c, const struct http_request *req, struct xfer *x,
			char *errbuf)
{
	CURL *h = c->curl;
	struct curl_slist *hdrs = NULL;
	const char *const *hp;
	CURLcode rc;

	curl_easy_reset(h);
	errbuf[0] = '\0';
	for (hp = req->headers; hp && *hp; hp++)
		hdrs = curl_slist_append(hdrs, *hp);
	set_options(c, req, x, errbuf, hdrs);
	x->last_active = mono_now();
	rc = curl_easy_perform(h);
	if (rc == CURLE_ABORTED_BY_CALLBACK && x->idle)
		rc = CURLE_OPERATION_TIMEDOUT;
	if (x->status == 0) {
		long code = 0;
		if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK)
			x->status = code;
	}
	/* the handle keeps pointers to the list and errbuf: clear them before they go */
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(hdrs);
	return rc;
}

static enum http_kind kind_for(CURL *h, CURLcode rc, const struct xfer *x)
{
	long redirects = 0;

	if (x->too_large)
		return HTTP_ERR_TOO_LARGE;
	if (x->stopped)
		return HTTP_ERR_CALLBACK;
	switch (rc) {
	case CURLE_OK:
		return x->status >= 200 && x->status <= 299 ? HTTP_OK : HTTP_ERR_STATUS;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return HTTP_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_ERR_TIMEOUT;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return HTTP_ERR_NETWORK;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
		return HTTP_ERR_TLS;
	case CURLE_TOO_MANY_REDIRECTS:
		return HTTP_ERR_REDIRECT;
	case CURLE_UNSUPPORTED_PROTOCOL:
		curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
		return redirects > 0 ? HTTP_ERR_REDIRECT : HTTP_ERR_URL;
	case CURLE_URL_MALFORMAT:
		return HTTP_ERR_URL;
	default:
		return HTTP_ERR_OTHER;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* What went wrong, in words, for the URL as shown (url: without the secret). */
static void describe(struct http_client *c, const struct http_result *res, const char *url,
		     const char *errbuf, struct strbuf *m)
{
	curl_off_t connected = 0;

	switch (res->kind) {
	case HTTP_ERR_STATUS:
		strbuf_addf(m, "'%s' answered HTTP %ld", url, res->status);
		break;
	case HTTP_ERR_TIMEOUT:
		curl_easy_getinfo(c->curl, CURLINFO_CONNECT_TIME_T, &connected);
		if (connected == 0)
			strbuf_addf(m, "cannot connect to '%s' within %ld s", url,
				    c->opts.connect_timeout_s);
		else
			strbuf_addf(m, "'%s' sent no data for %ld s (timed out)", url,
				    c->opts.idle_timeout_s);
		break;
	case HTTP_ERR_CONNECT:
		strbuf_addf(m, "cannot connect to '%s': %s", url, errbuf);
		break;
	case HTTP_ERR_NETWORK:
		strbuf_addf(m, "the connection to '%s' broke off: %s", url, errbuf);
		break;
	case HTTP_ERR_TLS:
		strbuf_addf(m, "TLS with '%s' failed: %s", url, errbuf);
		break;
	case HTTP_ERR_TOO_LARGE:
		strbuf_addf(m, "'%s' sent more than %zu bytes", url, c->opts.max_body);
		break;
	case HTTP_ERR_REDIRECT:
		strbuf_addf(m,
			    "'%s': redirect refused (more than %ld, or from https to another "
			    "protocol): %s",
			    url, MAX_REDIRECTS, errbuf);
		break;
	case HTTP_ERR_CALLBACK:
		strbuf_addf(m, "the download of '%s' was stopped", url);
		break;
	case HTTP_ERR_URL:
		strbuf_addf(m, "'%s' is not an http:// or https:// URL", url);
		break;
	default:
		strbuf_addf(m, "cannot download '%s': %s", url, errbuf);
		break;
	}
}

/* The message for a failed request; every piece goes through redaction at the end. */
static void set_error(struct http_client *c, const struct http_request *req,
		      const struct http_result *res, const char *errbuf, struct sh_error *err)
{
	char url[160], server[160];
	struct strbuf m, red;

	strbuf_init(&m);
	strbuf_init(&red);
	http_url_for_message(req->url, req->secret, url, sizeof(url));
	describe(c, res, url, errbuf, &m);
	if (res->tries > 1)
		strbuf_addf(&m, " (%d tries)", res->tries);
	if (res->kind == HTTP_ERR_STATUS) {
		http_server_message(res, server, sizeof(server));
		if (*server)
			strbuf_addf(&m, ": \"%s\"", server);
	}
	secrets_redact(&red, m.buf, req->secret);
	sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "%s", red.buf);
	strbuf_release(&m);
	strbuf_release(&red);
}

static void fill_result(struct http_result *res, const struct xfer *x, enum http_kind kind,
			const char *secret)
{
	res->kind = kind;
	res->status = x->status;
	res->bytes = x->bytes;
	snprintf(res->content_type, sizeof(res->content_type), "%s", x->content_type);
	snprintf(res->error_body, sizeof(res->error_body), "%s", x->error_body);
	secrets_redact_buf(res->error_body, sizeof(res->error_body), secret);
}

int http_get_stream(struct http_client *c, const struct http_request *req,
		    const struct http_body *body, struct http_result *res, struct sh_error *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct xfer x;
	CURLcode rc;
	enum http_verdict v;
	enum http_kind kind = HTTP_ERR_OTHER;
	int attempt;

	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	errbuf[0] = '\0';
	if (!text_istarts(req->url, "http://") && !text_istarts(req->url, "https://")) {
		res->kind = HTTP_ERR_URL;
		set_error(c, req, res, errbuf, err);
		return -1;
	}
	for (attempt = 1;; attempt++) {
		if (x.bytes > 0) {
			/* the last attempt handed out part of a body that will now come again */
			if (body->restart(body->ctx) != 0) {
				x.stopped = 1;
				kind = HTTP_ERR_CALLBACK;
				break;
			}
			res->restarts++;
		}
		memset(&x, 0, sizeof(x));
		x.opts = &c->opts;
		x.body = body;
		rc = perform(c, req, &x, errbuf);
		res->tries = attempt;
		kind = kind_for(c->curl, rc, &x);
		v = x.too_large || x.stopped ? HTTP_V_FATAL : http_verdict((int)rc, x.status);
		if (v != HTTP_V_RETRY || attempt >= c->opts.max_tries ||
		    (x.bytes > 0 && !body->restart))
			break;
		sleep_ms(http_wait_ms(x.status, x.retry_after, x.ratelimit_reset, time(NULL),
				      attempt + 1, c->opts.retry_base_ms,
				      c->opts.retry_max_wait_s * 1000L,
				      (unsigned)rand_r(&c->seed)));
	}
	fill_result(res, &x, kind, req->secret);
	if (kind == HTTP_OK)
		return 0;
	set_error(c, req, res, errbuf, err);
	return -1;
}

static int buf_write(void *ctx, const char *data, size_t len)
{
	strbuf_add(ctx, data, len);
	return 0;
}

static int buf_restart(void *ctx)
{
	strbuf_reset(ctx);
	return 0;
}

int http_get(struct http_client *c, const struct http_request *req, struct strbuf *out,
	     struct http_result *res, struct sh_error *err)
{
	struct http_body body;

	body.write = buf_write;
	body.restart = buf_restart;
	body.ctx = out;
	strbuf_reset(out);
	return http_get_stream(c, req, &body, res, err);
}

/* Copies s[0..len) into out without control characters. */
static void clean_copy(char *out, size_t size, const char *s, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < len && k + 1 < size; i++)
		out[k++] = (unsigned char)s[i] < ' ' ? ' ' : s[i];
	out[k] = '\0';
}

void http_server_message(const struct http_result *res, char *out, size_t size)
{
	json_t *root, *m = NULL, *errors;
	const char *s = res->error_body;
	size_t len = strlen(s);

	out[0] = '\0';
	text_trim(&s, &len);
	if (!len)
		return;
	root = json_loadb(s, len, 0, NULL);
	if (root) {
		if (json_is_object(root)) {
			m = json_object_get(root, "message");
			if (!json_is_string(m))
				m = json_object_get(root, "error");
			errors = json_object_get(root, "errors");
			if (!json_is_string(m) && json_is_array(errors))
				m = json_object_get(json_array_get(errors, 0), "message");
		}
		if (json_is_string(m))
			clean_copy(out, size, json_string_value(m), json_string_length(m));
		json_decref(root);
		return;
	}
	if (text_istarts(res->content_type, "text/plain") || !res->content_type[0])
		clean_copy(out, size, s, strcspn(s, "\r\n"));
}
