/* test_http_retry.c - which outcomes are retried and how long the client waits. */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "net/http_retry.h"
#include "tests/testlib.h"

static void test_verdict(void)
{
	static const struct {
		int code;
		long status;
		enum http_verdict want;
	} t[] = {
		{ CURLE_OK, 200, HTTP_V_DONE },     { CURLE_OK, 204, HTTP_V_DONE },
		{ CURLE_OK, 301, HTTP_V_FATAL },    { CURLE_OK, 304, HTTP_V_FATAL },
		{ CURLE_OK, 400, HTTP_V_FATAL },    { CURLE_OK, 401, HTTP_V_FATAL },
		{ CURLE_OK, 403, HTTP_V_FATAL },    { CURLE_OK, 404, HTTP_V_FATAL },
		{ CURLE_OK, 408, HTTP_V_RETRY },    { CURLE_OK, 429, HTTP_V_RETRY },
		{ CURLE_OK, 500, HTTP_V_RETRY },    { CURLE_OK, 502, HTTP_V_RETRY },
		{ CURLE_OK, 503, HTTP_V_RETRY },    { CURLE_OK, 504, HTTP_V_RETRY },
		{ CURLE_OK, 522, HTTP_V_RETRY },    { CURLE_OK, 501, HTTP_V_FATAL },
		{ CURLE_OK, 505, HTTP_V_FATAL },    { CURLE_OK, 0, HTTP_V_FATAL },
		{ CURLE_OPERATION_TIMEDOUT, 0, HTTP_V_RETRY },
		{ CURLE_OPERATION_TIMEDOUT, 200, HTTP_V_RETRY },
		{ CURLE_RECV_ERROR, 200, HTTP_V_RETRY },
		{ CURLE_SEND_ERROR, 0, HTTP_V_RETRY },
		{ CURLE_PARTIAL_FILE, 200, HTTP_V_RETRY },
		{ CURLE_GOT_NOTHING, 0, HTTP_V_RETRY },
		{ CURLE_HTTP2_STREAM, 0, HTTP_V_RETRY },
		{ CURLE_COULDNT_CONNECT, 0, HTTP_V_FATAL },
		{ CURLE_COULDNT_RESOLVE_HOST, 0, HTTP_V_FATAL },
		{ CURLE_PEER_FAILED_VERIFICATION, 0, HTTP_V_FATAL },
		{ CURLE_SSL_CONNECT_ERROR, 0, HTTP_V_FATAL },
		{ CURLE_TOO_MANY_REDIRECTS, 302, HTTP_V_FATAL },
		{ CURLE_UNSUPPORTED_PROTOCOL, 0, HTTP_V_FATAL },
		{ CURLE_URL_MALFORMAT, 0, HTTP_V_FATAL },
		{ CURLE_WRITE_ERROR, 200, HTTP_V_FATAL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		enum http_verdict got = http_verdict(t[i].code, t[i].status);
		if (got != t[i].want)
			fprintf(stderr, "  curl %d status %ld: got %d, want %d\n", t[i].code,
				t[i].status, (int)got, (int)t[i].want);
		CU_ASSERT(got == t[i].want);
	}
}

/* 2015-10-21T07:28:00Z */
#define DATE_T 1445412480L

static void test_retry_after(void)
{
	static const struct {
		const char *value;
		long now;
		int rc;
		double want;
	} t[] = {
		{ "120", 0, 0, 120 },
		{ " 5 ", 0, 0, 5 },
		{ "0", 0, 0, 0 },
		{ "1.5", 0, 0, 1.5 },
		{ "Wed, 21 Oct 2015 07:28:00 GMT", DATE_T - 30, 0, 30 },
		{ "Wed, 21 Oct 2015 07:28:00 GMT", DATE_T + 99, 0, 0 },
		{ "Wednesday, 21-Oct-15 07:28:00 GMT", DATE_T - 30, 0, 30 },
		{ "Wed Oct 21 07:28:00 2015", DATE_T - 30, 0, 30 },
		{ "-5", 0, -1, 0 },
		{ "soon", 0, -1, 0 },
		{ "", 0, -1, 0 },
		{ "120abc", 0, -1, 0 },
		{ "1e3", 0, -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		double got = -1;
		int rc = http_parse_retry_after(t[i].value, (time_t)t[i].now, &got);
		int ok = rc == t[i].rc && (rc != 0 || (got > t[i].want - 0.001 && got < t[i].want + 0.001));
		if (!ok)
			fprintf(stderr, "  '%s': got rc %d %.3f, want rc %d %.3f\n", t[i].value, rc, got,
				t[i].rc, t[i].want);
		CU_ASSERT(ok);
	}
	CU_ASSERT(http_parse_retry_after(NULL, 0, NULL) == -1);
}

static void test_ratelimit_reset(void)
{
	static const struct {
		const char *value;
		long now;
		int rc;
		double want;
	} t[] = {
		{ "1392815263", 1392815200, 0, 63 },
		{ "1392815263.5", 1392815200, 0, 63.5 },
		{ "1392815263", 1392815300, 0, 0 },
		{ "30", 1392815200, 0, 30 },
		{ "x", 0, -1, 0 },
		{ "-1", 0, -1, 0 },
		{ "", 0, -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		double got = -1;
		int rc = http_parse_ratelimit_reset(t[i].value, (time_t)t[i].now, &got);
		int ok = rc == t[i].rc && (rc != 0 || (got > t[i].want - 0.001 && got < t[i].want + 0.001));
		if (!ok)
			fprintf(stderr, "  '%s': got rc %d %.3f, want rc %d %.3f\n", t[i].value, rc, got,
				t[i].rc, t[i].want);
		CU_ASSERT(ok);
	}
}

static void test_backoff(void)
{
	static const struct {
		int next_try;
		long base, cap;
		unsigned rnd;
		long want;
	} t[] = {
		{ 2, 1000, 60000, 0, 500 },          /* first retry: [500, 1000] */
		{ 2, 1000, 60000, 500, 1000 },
		{ 2, 1000, 60000, 501, 500 },        /* rnd wraps inside the range */
		{ 3, 1000, 60000, 0, 1000 },         /* doubled: [1000, 2000] */
		{ 3, 1000, 60000, 1000, 2000 },
		{ 5, 1000, 60000, 0, 4000 },         /* [4000, 8000] */
		{ 12, 1000, 60000, 0, 30000 },       /* capped: [30000, 60000] */
		{ 12, 1000, 60000, 30000, 60000 },
		{ 100, 1000, 60000, 30000, 60000 },  /* no overflow */
		{ 2, 1000, 300, 0, 150 },            /* cap below base */
		{ 4, 0, 60000, 12345, 0 },           /* base 0: no waiting (tests) */
		{ 3, 50, 2000, 0, 50 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long got = http_backoff_ms(t[i].next_try, t[i].base, t[i].cap, t[i].rnd);
		if (got != t[i].want)
			fprintf(stderr, "  try %d base %ld cap %ld rnd %u: got %ld, want %ld\n",
				t[i].next_try, t[i].base, t[i].cap, t[i].rnd, got, t[i].want);
		CU_ASSERT(got == t[i].want);
	}
}

static void test_wait(void)
{
	static const struct {
		const char *name;
		long status;
		const char *ra, *reset;
		long want;
	} t[] = {
		{ "429 Retry-After seconds", 429, "1", NULL, 1000 },
		{ "429 Retry-After capped", 429, "3600", NULL, 60000 },
		{ "429 Retry-After date", 429, "Wed, 21 Oct 2015 07:28:05 GMT", NULL, 5000 },
		{ "503 Retry-After", 503, "2", NULL, 2000 },
		{ "500 ignores Retry-After", 500, "2", NULL, 500 },
		{ "429 X-RateLimit-Reset epoch", 429, NULL, "1445412483", 3000 },
		{ "429 X-RateLimit-Reset fraction", 429, NULL, "1445412480.25", 250 },
		{ "429 bad Retry-After, good reset", 429, "soon", "1445412482", 2000 },
		{ "429 Retry-After wins over reset", 429, "1", "1445412490", 1000 },
		{ "429 without headers: backoff", 429, NULL, NULL, 500 },
		{ "503 reset alone is not used", 503, NULL, "1445412490", 500 },
		{ "timeout: backoff", 0, NULL, NULL, 500 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long got = http_wait_ms(t[i].status, t[i].ra, t[i].reset, (time_t)DATE_T, 2, 1000,
					60000, 0);
		if (got != t[i].want)
			fprintf(stderr, "  %s: got %ld, want %ld\n", t[i].name, got, t[i].want);
		CU_ASSERT(got == t[i].want);
	}
	/* the cap holds for everything, also a tiny one */
	TEST_LONG_EQ(http_wait_ms(429, "30", NULL, 0, 2, 1000, 100, 0), 100);
	TEST_LONG_EQ(http_wait_ms(429, NULL, "99999999999", 0, 2, 1000, 2000, 0), 2000);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "transient failures retry, setup mistakes do not", test_verdict },
		{ "Retry-After: seconds and HTTP dates", test_retry_after },
		{ "X-RateLimit-Reset: epoch seconds or a delay", test_ratelimit_reset },
		{ "backoff doubles, caps and jitters", test_backoff },
		{ "the wait follows the server's headers, capped", test_wait },
	};
	return test_run("http_retry", tests, sizeof(tests) / sizeof(tests[0]));
}
