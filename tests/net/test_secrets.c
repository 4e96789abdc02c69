/* test_secrets.c - where API keys may come from, and that they never show. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/secrets.h"
#include "tests/testlib.h"

#define KEY "MARKERKEY123"

static char dir[64];

/* Writes text to dir/name with mode; returns the path (static buffer). */
static const char *key_file(const char *name, const char *text, mode_t mode)
{
	static char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	CU_ASSERT_FATAL(fp != NULL);
	fputs(text, fp);
	fclose(fp);
	chmod(path, mode);
	return path;
}

static void test_key_file(void)
{
	static const struct {
		const char *name, *text;
		mode_t mode;
		const char *want_key; /* NULL: refused */
		const char *want_msg;
	} t[] = {
		{ "ok", KEY "\n", 0600, KEY, NULL },
		{ "trimmed", "  " KEY "  \r\nsecond line\n", 0400, KEY, NULL },
		{ "no newline", KEY, 0600, KEY, NULL },
		{ "group readable", KEY "\n", 0640, NULL, "chmod 600" },
		{ "world readable", KEY "\n", 0644, NULL, "mode 0644" },
		{ "group writable", KEY "\n", 0620, NULL, "open to group or others" },
		{ "empty", "\n", 0600, NULL, "too short" },
		{ "short", "abc\n", 0600, NULL, "too short" },
		{ "space inside", "MARKER KEY123\n", 0600, NULL, "space or control character" },
		{ "control char", "MARKER\x01KEY123\n", 0600, NULL, "space or control character" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sh_error err = { 0 };
		const char *path = key_file(t[i].name, t[i].text, t[i].mode);
		char *key = secrets_load("SH_TEST_NO_SUCH_VAR", path, &err);
		int ok = t[i].want_key ? key && !strcmp(key, t[i].want_key)
				       : !key && err.kind == SH_ERR_USAGE && strstr(err.msg, t[i].want_msg) &&
						 !strstr(err.msg, KEY) && !strstr(err.msg, "MARKER");
		if (!ok)
			fprintf(stderr, "  %s: key '%s', msg '%s'\n", t[i].name, key ? key : "(null)",
				err.msg);
		CU_ASSERT(ok);
		secrets_free(key);
	}
}

static void test_env(void)
{
	struct sh_error err = { 0 };
	char *key;

	unsetenv("SH_TEST_KEY");
	CU_ASSERT(secrets_load("SH_TEST_KEY", NULL, &err) == NULL);
	CU_ASSERT(err.kind == SH_ERR_USAGE && strstr(err.msg, "$SH_TEST_KEY") &&
		  strstr(err.msg, "--api-key-file"));
	setenv("SH_TEST_KEY", KEY, 1);
	key = secrets_load("SH_TEST_KEY", NULL, NULL);
	TEST_STR_EQ(key, KEY);
	secrets_free(key);
	/* a key file given on the command line wins over the environment */
	key = secrets_load("SH_TEST_KEY", key_file("other", "FILEKEY4567\n", 0600), NULL);
	TEST_STR_EQ(key, "FILEKEY4567");
	secrets_free(key);
	sh_error_clear(&err);
	setenv("SH_TEST_KEY", KEY "\n", 1);
	CU_ASSERT(secrets_load("SH_TEST_KEY", NULL, &err) == NULL && !strstr(err.msg, KEY));
	unsetenv("SH_TEST_KEY");
	sh_error_clear(&err);
	CU_ASSERT(secrets_load("X", "/nonexistent/key", &err) == NULL && err.kind == SH_ERR_IO);
}

static void test_redact(void)
{
	struct strbuf sb;
	char buf[64];

	strbuf_init(&sb);
	secrets_redact(&sb, "Bearer " KEY ", again " KEY KEY ".", KEY);
	TEST_STR_EQ(sb.buf, "Bearer ***, again ******.");
	strbuf_reset(&sb);
	secrets_redact(&sb, "nothing here", KEY);
	TEST_STR_EQ(sb.buf, "nothing here");
	strbuf_reset(&sb);
	secrets_redact(&sb, "no key given", NULL);
	TEST_STR_EQ(sb.buf, "no key given");
	strbuf_release(&sb);
	snprintf(buf, sizeof(buf), "url http://h/" KEY "/x");
	secrets_redact_buf(buf, sizeof(buf), KEY);
	TEST_STR_EQ(buf, "url http://h/***/x");
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "key files: first line, owner-only, well-formed", test_key_file },
		{ "keys from the environment", test_env },
		{ "redaction replaces every occurrence", test_redact },
	};
	int rc;

	snprintf(dir, sizeof(dir), "/tmp/sh-secrets-XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	rc = test_run("secrets", tests, sizeof(tests) / sizeof(tests[0]));
	{
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
