/* test_http_options.c - the HTTP limits a user sets in the environment: a whole number in
 * range replaces the default, anything else is a usage error naming the variable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/http_options.h"
#include "tests/testlib.h"

static const struct {
	const char *name;
	const char *var, *value;
	int rc;
	long tries, idle, connect; /* the options after a successful read */
} cases[] = {
	{ "nothing set: the defaults", NULL, NULL, 0, 5, 30, 15 },
	{ "tries", "SENDHEALTH_HTTP_TRIES", "2", 0, 2, 30, 15 },
	{ "idle timeout", "SENDHEALTH_HTTP_TIMEOUT", "7", 0, 5, 7, 15 },
	{ "connect timeout", "SENDHEALTH_CONNECT_TIMEOUT", "600", 0, 5, 30, 600 },
	{ "an empty value is no value", "SENDHEALTH_HTTP_TRIES", "", 0, 5, 30, 15 },
	{ "tries below the range", "SENDHEALTH_HTTP_TRIES", "0", -1, 0, 0, 0 },
	{ "tries above the range", "SENDHEALTH_HTTP_TRIES", "21", -1, 0, 0, 0 },
	{ "not a whole number", "SENDHEALTH_HTTP_TIMEOUT", "7s", -1, 0, 0, 0 },
	{ "a negative wait", "SENDHEALTH_RETRY_MAX_WAIT", "-1", -1, 0, 0, 0 },
};

static void test_env(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct http_options o;
		struct sh_error err = { 0 };
		int rc;

		http_options_init(&o);
		if (cases[i].var)
			setenv(cases[i].var, cases[i].value, 1);
		rc = http_options_from_env(&o, &err);
		if (cases[i].var)
			unsetenv(cases[i].var);
		if (rc != cases[i].rc)
			fprintf(stderr, "  %s: got %d, want %d\n", cases[i].name, rc, cases[i].rc);
		CU_ASSERT(rc == cases[i].rc);
		if (rc == 0) {
			TEST_LONG_EQ(o.max_tries, cases[i].tries);
			TEST_LONG_EQ(o.idle_timeout_s, cases[i].idle);
			TEST_LONG_EQ(o.connect_timeout_s, cases[i].connect);
		} else {
			CU_ASSERT(err.kind == SH_ERR_USAGE && strstr(err.msg, cases[i].var));
		}
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "limits from the environment", test_env },
	};

	unsetenv("SENDHEALTH_HTTP_TRIES");
	unsetenv("SENDHEALTH_HTTP_TIMEOUT");
	unsetenv("SENDHEALTH_CONNECT_TIMEOUT");
	unsetenv("SENDHEALTH_RETRY_MAX_WAIT");
	return test_run("http_options", tests, sizeof(tests) / sizeof(tests[0]));
}
