/* http_options.c - the HTTP client's limits: the defaults, and the overrides a user may set
 * in the environment (whole numbers in a range, else a usage error naming the variable). */
#include "net/http_options.h"

#include <stdlib.h>

#include "util/text.h"

void http_options_init(struct http_options *o)
{
	o->connect_timeout_s = 15;
	o->idle_timeout_s = 30;
	o->max_body = (size_t)64 << 20;
	o->max_tries = 5;
	o->retry_base_ms = 1000;
	o->retry_max_wait_s = 60;
	o->ca_file = NULL;
}

static int env_long(const char *name, long min, long max, long *out, struct sh_error *err)
{
	const char *v = getenv(name);

	if (!v || !*v)
		return 0;
	if (text_parse_long(v, min, max, out) != 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "$%s must be a whole number from %ld to %ld, not '%.40s'", name,
				    min, max, v);
	return 0;
}

int http_options_from_env(struct http_options *o, struct sh_error *err)
{
	long tries = o->max_tries;

	if (env_long("SENDHEALTH_HTTP_TIMEOUT", 1, 3600, &o->idle_timeout_s, err) != 0 ||
	    env_long("SENDHEALTH_CONNECT_TIMEOUT", 1, 600, &o->connect_timeout_s, err) != 0 ||
	    env_long("SENDHEALTH_HTTP_TRIES", 1, 20, &tries, err) != 0 ||
	    env_long("SENDHEALTH_RETRY_BASE_MS", 0, 600000, &o->retry_base_ms, err) != 0 ||
	    env_long("SENDHEALTH_RETRY_MAX_WAIT", 0, 3600, &o->retry_max_wait_s, err) != 0)
		return -1;
	o->max_tries = (int)tries;
	return 0;
}
