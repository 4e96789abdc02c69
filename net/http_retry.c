/* http_retry.c - retry decisions in the manner of curl's retrycheck: a status or a
 * transport error is either done, worth another try, or final; waits come from the
 * server's own headers when it sent any, else from a capped, jittered exponential backoff. */
#include "net/http_retry.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeparse.h"

static int retry_status(long status)
{
	if (status == 408 || status == 429)
		return 1;
	/* 501 Not Implemented and 505 Version Not Supported will say the same next time */
	return status >= 500 && status <= 599 && status != 501 && status != 505;
}

enum http_verdict http_verdict(int curl_code, long status)
{
	switch ((CURLcode)curl_code) {
	case CURLE_OK:
		if (status >= 200 && status <= 299)
			return HTTP_V_DONE;
		return retry_status(status) ? HTTP_V_RETRY : HTTP_V_FATAL;
	case CURLE_OPERATION_TIMEDOUT: /* connect and idle timeouts alike */
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return HTTP_V_RETRY;
	default:
		/* refused connections and unknown hosts are configuration mistakes far more
		 * often than blips (curl needs --retry-connrefused for them); TLS, URL and
		 * redirect errors never heal by themselves */
		return HTTP_V_FATAL;
	}
}

/* A whole-string non-negative decimal number: digits, optionally a fraction; no sign,
 * exponent, hex or "inf" that strtod would also take. */
static int parse_number(const char *s, double *out)
{
	char *end;
	double v;
	size_t n, dots = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	for (n = 0; isdigit((unsigned char)s[n]) || s[n] == '.'; n++)
		dots += s[n] == '.';
	if (dots > 1)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end != s + n || !isfinite(v))
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

int http_parse_retry_after(const char *value, time_t now, double *secs)
{
	double v, t;
	const char *p;
	int alpha = 0;
	time_t ct;

	if (!value)
		return -1;
	if (parse_number(value, &v) == 0) {
		*secs = v;
		return 0;
	}
	/* only a string with a weekday or month name can be a date: "120" must never be
	 * read as the epoch second 120 */
	for (p = value; *p; p++)
		alpha |= isalpha((unsigned char)*p) != 0;
	if (!alpha)
		return -1;
	if (time_parse(value, strlen(value), &t) != 0) {
		/* the obsolete RFC 850 and asctime forms HTTP still allows */
		ct = curl_getdate(value, NULL);
		if (ct == (time_t)-1)
			return -1;
		t = (double)ct;
	}
	*secs = t > (double)now ? t - (double)now : 0;
	return 0;
}

int http_parse_ratelimit_reset(const char *value, time_t now, double *secs)
{
	double v;

	if (!value || parse_number(value, &v) != 0)
		return -1;
	if (v < 1e9)
		*secs = v;
	else
		*secs = v > (double)now ? v - (double)now : 0;
	return 0;
}

long http_backoff_ms(int next_try, long base_ms, long cap_ms, unsigned rnd)
{
	long d = base_ms > 0 ? base_ms : 0, half;
	int i;

	if (cap_ms < 0)
		cap_ms = 0;
	for (i = 2; i < next_try && d < cap_ms; i++)
		d = d > cap_ms / 2 ? cap_ms : d * 2;
	if (d > cap_ms)
		d = cap_ms;
	half = d / 2;
	return half + (long)(rnd % (unsigned long)(d - half + 1));
}

long http_wait_ms(long status, const char *retry_after, const char *ratelimit_reset, time_t now,
		  int next_try, long base_ms, long cap_ms, unsigned rnd)
{
	double s;
	long ms;

	if ((status == 429 || status == 503) && retry_after && *retry_after &&
	    http_parse_retry_after(retry_after, now, &s) == 0)
		ms = s * 1000.0 >= (double)cap_ms ? cap_ms : (long)ceil(s * 1000.0);
	else if (status == 429 && ratelimit_reset && *ratelimit_reset &&
		 http_parse_ratelimit_reset(ratelimit_reset, now, &s) == 0)
		ms = s * 1000.0 >= (double)cap_ms ? cap_ms : (long)ceil(s * 1000.0);
	else
		ms = http_backoff_ms(next_try, base_ms, cap_ms, rnd);
	return ms < 0 ? 0 : ms > cap_ms ? cap_ms : ms;
}
