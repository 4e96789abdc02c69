/* test_http.c - the HTTP client against tests/fake_server.py on 127.0.0.1: redirects,
 * statuses, retries, the streaming body and its restart, caps, timeouts, redaction; and
 * the URL and message helpers. Never contacts any other host. */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net/http.h"
#include "net/http_url.h"
#include "tests/testlib.h"

#define KEY "MARKERKEY123"
/* base64url of {"p": 1}: the fake server's token for Mailgun page 2 */
#define PAGE1 "eyJwIjogMX0="

extern char **environ;

static pid_t server = -1, tls_server = -1;
static char base[64], tls_base[64];
static char dir[64];

/* Starts tests/fake_server.py with extra arguments (NULL-terminated, at most 6); its
 * base URL ("http://127.0.0.1:PORT", or https://) goes to out. */
static int spawn_server(const char *name, const char *const *extra, const char *scheme,
			pid_t *pid, char *out, size_t outsize)
{
	const char *py = getenv("PY");
	char port_file[128], log_file[128], buf[32] = "";
	char *argv[16];
	posix_spawn_file_actions_t fa;
	FILE *fp;
	int i, k = 0;

	if (!py || !*py)
		py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	if (access("tests/fake_server.py", R_OK) != 0)
		return -1;
	snprintf(port_file, sizeof(port_file), "%s/%s.port", dir, name);
	snprintf(log_file, sizeof(log_file), "%s/%s.log", dir, name);
	argv[k++] = (char *)py;
	argv[k++] = "tests/fake_server.py";
	argv[k++] = "--port-file";
	argv[k++] = port_file;
	argv[k++] = "--log";
	argv[k++] = log_file;
	for (i = 0; extra && extra[i] && i < 6; i++)
		argv[k++] = (char *)extra[i];
	argv[k] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(pid, py, &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		*pid = -1;
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	for (i = 0; i < 100; i++) {
		if ((fp = fopen(port_file, "r")) != NULL) {
			if (!fgets(buf, sizeof(buf), fp))
				buf[0] = '\0';
			fclose(fp);
			if (buf[0])
				break;
		}
		usleep(50000);
	}
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(out, outsize, "%s://127.0.0.1:%s", scheme, buf);
	return buf[0] ? 0 : -1;
}

static int start_server(void)
{
	return spawn_server("plain", NULL, "http", &server, base, sizeof(base));
}

static void stop_server(void)
{
	char cmd[128];
	pid_t *p[] = { &server, &tls_server };
	size_t i;

	for (i = 0; i < 2; i++) {
		if (*p[i] > 0) {
			kill(*p[i], SIGTERM);
			waitpid(*p[i], NULL, 0);
			*p[i] = -1;
		}
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

static struct http_client *client(int tries, size_t max_body)
{
	struct http_options o;

	http_options_init(&o);
	o.idle_timeout_s = 1;
	o.connect_timeout_s = 2;
	o.max_tries = tries;
	o.retry_base_ms = 20;
	o.retry_max_wait_s = 2;
	if (max_body)
		o.max_body = max_body;
	return http_client_new(&o);
}

static const char *url(const char *path)
{
	static char u[256];
	snprintf(u, sizeof(u), "%s%s", base, path);
	return u;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A streaming consumer that records what it saw. */
struct seen {
	struct strbuf body;
	int chunks, restarts, stop_after;
	struct sh_error *err;
};

static int seen_write(void *ctx, const char *data, size_t len)
{
	struct seen *s = ctx;

	s->chunks++;
	if (s->stop_after && s->chunks >= s->stop_after)
		return sh_error_set(s->err, SH_ERR_DATA, NULL, 0, "the consumer had enough");
	strbuf_add(&s->body, data, len);
	return 0;
}

static int seen_restart(void *ctx)
{
	struct seen *s = ctx;

	s->restarts++;
	strbuf_reset(&s->body);
	return 0;
}

static const char *const mg_headers[] = { "Accept: application/json", NULL };

static void test_redirect_buffered(void)
{
	struct http_client *c = client(3, 0);
	struct http_request req = { url("/spreadsheets/d/plainsheet/export?format=csv&gid=0"), NULL, NULL, NULL, NULL };
	struct http_result res;
	struct sh_error err = { 0 };
	struct strbuf out;

	strbuf_init(&out);
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == 0);
	TEST_LONG_EQ(res.status, 200);
	CU_ASSERT(strstr(res.content_type, "text/csv") != NULL);
	CU_ASSERT(!strncmp(out.buf, "Fehlerbibliotheken", 18)); /* not the 307's body */
	TEST_LONG_EQ(res.bytes, out.len);
	TEST_LONG_EQ(res.tries, 1);
	strbuf_release(&out);
	http_client_free(c);
}

static void test_restart_after_cut(void)
{
	struct http_client *c = client(3, 0);
	struct http_request req = { url("/v3/cutonce-h1.example/events/" PAGE1), mg_headers, "api", KEY, KEY };
	struct http_result res;
	struct sh_error err = { 0 };
	struct seen s = { { 0 }, 0, 0, 0, &err };
	struct http_body body = { seen_write, seen_restart, &s };

	strbuf_init(&s.body);
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == 0);
	TEST_LONG_EQ(s.restarts, 1);
	TEST_LONG_EQ(res.restarts, 1);
	TEST_LONG_EQ(res.tries, 2);
	TEST_LONG_EQ(res.bytes, s.body.len);
	CU_ASSERT(s.body.len > 100000 && s.body.buf[s.body.len - 2] == '}');
	strbuf_release(&s.body);

	/* without a restart callback a cut-off body is not retried */
	req.url = url("/v3/cutonce-h2.example/events/" PAGE1);
	memset(&s, 0, sizeof(s));
	strbuf_init(&s.body);
	body.restart = NULL;
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_NETWORK);
	TEST_LONG_EQ(res.tries, 1);
	CU_ASSERT(err.kind == SH_ERR_REMOTE && strstr(err.msg, "broke off"));
	strbuf_release(&s.body);
	http_client_free(c);
}

static void test_statuses(void)
{
	static const struct {
		const char *path;
		long status;
		int tries;
		const char *want_msg;
	} t[] = {
		{ "/v3/unknown.example/events", 404, 1, "Domain not found: unknown.example" },
		{ "/v3/forbidden.example/events", 403, 1, "HTTP 403" },
		{ "/v3/always500.example/events", 503, 3, "(3 tries)" },
		{ "/spreadsheets/d/notfound1/export", 404, 1, "\"Not Found\"" },
	};
	size_t i;
	struct http_client *c = client(3, 0);

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct http_request req = { url(t[i].path), mg_headers, "api", KEY, KEY };
		struct http_result res;
		struct sh_error err = { 0 };
		struct seen s = { { 0 }, 0, 0, 0, &err };
		struct http_body body = { seen_write, seen_restart, &s };
		int rc;

		strbuf_init(&s.body);
		rc = http_get_stream(c, &req, &body, &res, &err);
		CU_ASSERT(rc == -1 && res.kind == HTTP_ERR_STATUS && err.kind == SH_ERR_REMOTE);
		if (res.status != t[i].status || res.tries != t[i].tries || !strstr(err.msg, t[i].want_msg))
			fprintf(stderr, "  %s: status %ld tries %d msg '%s'\n", t[i].path, res.status,
				res.tries, err.msg);
		TEST_LONG_EQ(res.status, t[i].status);
		TEST_LONG_EQ(res.tries, t[i].tries);
		CU_ASSERT(strstr(err.msg, t[i].want_msg) != NULL);
		TEST_LONG_EQ(s.chunks, 0); /* an error body never reaches the consumer */
		strbuf_release(&s.body);
	}
	http_client_free(c);
}

static void test_rate_limit_wait(void)
{
	struct http_client *c = client(3, 0);
	struct http_request req = { url("/v3/ratelimit-h.example/events"), mg_headers, "api", KEY, KEY };
	struct http_result res;
	struct sh_error err = { 0 };
	struct strbuf out;
	double t0 = now_s(), dt;

	strbuf_init(&out);
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == 0);
	dt = now_s() - t0;
	TEST_LONG_EQ(res.tries, 2);
	if (dt < 0.9)
		fprintf(stderr, "  Retry-After: 1 not honoured: %.3f s\n", dt);
	CU_ASSERT(dt >= 0.9);
	strbuf_release(&out);
	http_client_free(c);
}

static void test_limits(void)
{
	struct http_client *c = client(3, 1000);
	struct http_request req = { url("/v3/big.example/events"), mg_headers, "api", KEY, KEY };
	struct http_result res;
	struct sh_error err = { 0 };
	struct seen s = { { 0 }, 0, 0, 0, &err };
	struct http_body body = { seen_write, seen_restart, &s };
	double t0;

	strbuf_init(&s.body);
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_TOO_LARGE);
	TEST_LONG_EQ(res.tries, 1);
	CU_ASSERT(strstr(err.msg, "more than 1000 bytes") != NULL);
	http_client_free(c);

	/* the consumer stops the transfer: its own error wins */
	c = client(3, 0);
	sh_error_clear(&err);
	strbuf_reset(&s.body);
	s.chunks = 0;
	s.stop_after = 1;
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_CALLBACK);
	TEST_STR_EQ(err.msg, "the consumer had enough");
	s.stop_after = 0;

	/* a stalled server: idle timeout 1 s, 2 tries */
	http_client_free(c);
	c = client(2, 0);
	sh_error_clear(&err);
	req.url = url("/v3/stall-h.example/events");
	t0 = now_s();
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_TIMEOUT);
	TEST_LONG_EQ(res.tries, 2);
	CU_ASSERT(now_s() - t0 < 3.5);
	CU_ASSERT(strstr(err.msg, "sent no data for 1 s") != NULL);

	/* nothing listens on port 9: refused at once, not retried */
	sh_error_clear(&err);
	req.url = "http://127.0.0.1:9/x";
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_CONNECT);
	TEST_LONG_EQ(res.tries, 1);

	/* TLS against a plain HTTP server fails, and verification cannot be skipped */
	sh_error_clear(&err);
	{
		char tls[128];
		snprintf(tls, sizeof(tls), "https://%s/x", base + 7);
		req.url = tls;
		CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
		TEST_LONG_EQ(res.kind, HTTP_ERR_TLS);
		TEST_LONG_EQ(res.tries, 1);
	}
	sh_error_clear(&err);
	req.url = "ftp://127.0.0.1/x";
	CU_ASSERT(http_get_stream(c, &req, &body, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_URL);
	strbuf_release(&s.body);
	http_client_free(c);
}

static void test_secret_never_in_messages(void)
{
	struct http_client *c = client(2, 0);
	struct http_request req = { url("/v3/" KEY ".example/events?key=" KEY), mg_headers, "api",
				    "WRONGKEY99", KEY };
	struct http_result res;
	struct sh_error err = { 0 };
	struct strbuf out;

	strbuf_init(&out);
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == -1);
	TEST_LONG_EQ(res.status, 401);
	CU_ASSERT(strstr(err.msg, KEY) == NULL);
	CU_ASSERT(strstr(err.msg, "***") != NULL);
	strbuf_release(&out);
	http_client_free(c);
}

/* Network faults against the fake server: a redirect loop, a reset in mid-body, a 429
 * storm, a body over the cap sent without a length. Each ends in bounded time with its
 * own kind, and only what is worth retrying is retried. */
static void test_network_faults(void)
{
	static const struct {
		const char *path;
		int tries;
		size_t cap;
		enum http_kind kind;
		int want_tries;
		const char *want_msg;
	} t[] = {
		{ "/spreadsheets/d/redirectloop1/export", 3, 0, HTTP_ERR_REDIRECT, 1, "more than 5" },
		{ "/v3/redirectloop2.example/events", 3, 0, HTTP_ERR_REDIRECT, 1, "redirect refused" },
		{ "/spreadsheets/d/reset1/export", 2, 0, HTTP_ERR_NETWORK, 2, "broke off" },
		{ "/spreadsheets/d/ratealways1/export", 4, 0, HTTP_ERR_STATUS, 4, "HTTP 429 (4 tries)" },
		{ "/spreadsheets/d/huge1/export", 3, (size_t)1 << 20, HTTP_ERR_TOO_LARGE, 1,
		  "sent more than 1048576 bytes" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct http_client *c = client(t[i].tries, t[i].cap);
		struct http_request req = { url(t[i].path), mg_headers, "api", KEY, KEY };
		struct http_result res;
		struct sh_error err = { 0 };
		struct strbuf out;
		double t0 = now_s();

		strbuf_init(&out);
		CU_ASSERT(http_get(c, &req, &out, &res, &err) == -1);
		if (res.kind != t[i].kind || res.tries != t[i].want_tries || !strstr(err.msg, t[i].want_msg))
			fprintf(stderr, "  %s: kind %d tries %d msg '%s'\n", t[i].path, (int)res.kind,
				res.tries, err.msg);
		TEST_LONG_EQ(res.kind, t[i].kind);
		TEST_LONG_EQ(res.tries, t[i].want_tries);
		CU_ASSERT(strstr(err.msg, t[i].want_msg) != NULL);
		CU_ASSERT(out.len <= (t[i].cap ? t[i].cap : (size_t)64 << 20));
		CU_ASSERT(now_s() - t0 < 10);
		strbuf_release(&out);
		http_client_free(c);
	}
}

/* TLS against a fake server with a certificate made here: verified (refused without the
 * test CA, whatever the environment says), and a redirect from https to http refused. */
static void test_tls(void)
{
	char cert[128], key[128], cmd[512], u[160];
	const char *extra[6];
	struct http_options o;
	struct http_client *c;
	struct http_result res;
	struct sh_error err = { 0 };
	struct strbuf out;
	struct http_request req = { NULL, mg_headers, NULL, NULL, NULL };

	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
		 "-addext subjectAltName=IP:127.0.0.1 -keyout '%s' -out '%s' >/dev/null 2>&1",
		 key, cert);
	if (system(cmd) != 0) {
		fprintf(stderr, "  TLS tests skipped: openssl cannot make a test certificate\n");
		return;
	}
	extra[0] = "--tls";
	extra[1] = cert;
	extra[2] = key;
	extra[3] = "--redirect-base";
	extra[4] = base;
	extra[5] = NULL;
	CU_ASSERT_FATAL(spawn_server("tls", extra, "https", &tls_server, tls_base, sizeof(tls_base)) == 0);
	strbuf_init(&out);
	http_options_init(&o);
	o.max_tries = 3;
	o.retry_base_ms = 20;

	/* the system's CAs do not know the test certificate; curl's own switches are ignored */
	setenv("CURL_CA_BUNDLE", cert, 1);
	setenv("SSL_CERT_FILE", cert, 1);
	c = http_client_new(&o);
	snprintf(u, sizeof(u), "%s/spreadsheets/d/direct1/export?format=csv", tls_base);
	req.url = u;
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_TLS);
	TEST_LONG_EQ(res.tries, 1);
	CU_ASSERT(strstr(err.msg, "certificate") != NULL);
	http_client_free(c);
	unsetenv("CURL_CA_BUNDLE");
	unsetenv("SSL_CERT_FILE");

	/* trusted: the download works, so the refusals below are the redirect's */
	o.ca_file = cert;
	c = http_client_new(&o);
	sh_error_clear(&err);
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == 0);
	CU_ASSERT(strstr(out.buf, "Fehlercode") != NULL);

	/* https -> http: refused, not retried, nothing reaches the plain server */
	sh_error_clear(&err);
	snprintf(u, sizeof(u), "%s/spreadsheets/d/tohttp1/export?format=csv", tls_base);
	CU_ASSERT(http_get(c, &req, &out, &res, &err) == -1);
	TEST_LONG_EQ(res.kind, HTTP_ERR_REDIRECT);
	TEST_LONG_EQ(res.tries, 1);
	CU_ASSERT(strstr(err.msg, "from https to another protocol") != NULL);
	http_client_free(c);
	strbuf_release(&out);
}

static void test_helpers(void)
{
	struct strbuf sb;
	char msg[40], shown[200];
	struct http_result res;

	strbuf_init(&sb);
	http_url_encode(&sb, "a b/\xC3\xA4~-._&=");
	TEST_STR_EQ(sb.buf, "a%20b%2F%C3%A4~-._%26%3D");
	strbuf_release(&sb);

	http_url_for_message("https://user:pw@api.example:8443/v3/d/events?key=1#x", NULL, shown,
			     sizeof(shown));
	TEST_STR_EQ(shown, "https://api.example:8443/v3/d/events");
	http_url_for_message("http://h/" KEY "/p", KEY, shown, sizeof(shown));
	TEST_STR_EQ(shown, "http://h/***/p");
	http_url_for_message("http://h/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, msg,
			     sizeof(msg));
	TEST_LONG_EQ(strlen(msg), sizeof(msg) - 1);
	CU_ASSERT(!strcmp(msg + strlen(msg) - 3, "..."));

	memset(&res, 0, sizeof(res));
	snprintf(res.error_body, sizeof(res.error_body), "{\"message\": \"Domain not found: x\"}");
	http_server_message(&res, shown, sizeof(shown));
	TEST_STR_EQ(shown, "Domain not found: x");
	snprintf(res.error_body, sizeof(res.error_body),
		 "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}");
	http_server_message(&res, shown, sizeof(shown));
	TEST_STR_EQ(shown, "authorization required");
	snprintf(res.content_type, sizeof(res.content_type), "text/plain");
	snprintf(res.error_body, sizeof(res.error_body), "Forbidden\r\nmore");
	http_server_message(&res, shown, sizeof(shown));
	TEST_STR_EQ(shown, "Forbidden");
	snprintf(res.content_type, sizeof(res.content_type), "text/html");
	snprintf(res.error_body, sizeof(res.error_body), "<html>sign in</html>");
	http_server_message(&res, shown, sizeof(shown));
	TEST_STR_EQ(shown, "");

	TEST_STR_EQ(http_redirect_protocols("https://docs.google.com/x"), "https");
	TEST_STR_EQ(http_redirect_protocols("HTTPS://api.mailgun.net/v3"), "https");
	TEST_STR_EQ(http_redirect_protocols("http://127.0.0.1:8080/x"), "http,https");
}

int main(void)
{
	static const struct test_case live[] = {
		{ "a 307 is followed and only the final body is kept", test_redirect_buffered },
		{ "a body cut off mid-way restarts the consumer", test_restart_after_cut },
		{ "error statuses: message, tries, no body to the consumer", test_statuses },
		{ "429 waits as Retry-After says", test_rate_limit_wait },
		{ "caps, stops, timeouts, refused, TLS and URL errors", test_limits },
		{ "the key never shows in a message", test_secret_never_in_messages },
		{ "redirect loops, resets, 429 storms, oversized bodies", test_network_faults },
		{ "TLS is verified; https to http is refused", test_tls },
		{ "URL and message helpers", test_helpers },
	};
	int rc;

	/* a proxy from the environment must not see these requests */
	setenv("no_proxy", "127.0.0.1", 1);
	setenv("NO_PROXY", "127.0.0.1", 1);
	snprintf(dir, sizeof(dir), "/tmp/sh-http-XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	if (start_server() != 0) {
		fprintf(stderr, "test_http: cannot start tests/fake_server.py: live tests skipped\n");
		stop_server();
		return test_run("http", live + 8, 1);
	}
	rc = test_run("http", live, sizeof(live) / sizeof(live[0]));
	stop_server();
	return rc;
}
