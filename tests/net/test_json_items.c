/* test_json_items.c - API pages split into JSON lines, numbers kept as the server wrote
 * them, whatever the chunking of the download. */
#include <stdio.h>
#include <string.h>

#include "net/json_items.h"
#include "tests/testlib.h"

static const char mailgun_page[] =
	"{\n  \"items\": [\n"
	"    {\"event\": \"failed\", \"timestamp\": 1666214138.4046676, \"id\": \"a\",\n"
	"     \"delivery-status\": {\"code\": 550, \"session-seconds\": 0.4367, \"big\": 12345678901234567890,\n"
	"       \"exp\": 1E+300, \"neg\": -0, \"message\": \"\\u00dcber \\\"quoted\\\" \\/ tab\\t\"},\n"
	"     \"items\": [1, 2], \"paging\": {\"next\": \"not this\"}, \"tags\": [], \"n\": null, \"t\": true},\n"
	"    {\"event\": \"delivered\", \"timestamp\": 1529701969.818328}\n"
	"  ],\n"
	"  \"paging\": {\"previous\": \"https://api.mailgun.net/v3/d/events/P\",\n"
	"             \"next\": \"https://api.mailgun.net/v3/d/events/N\"}\n}\n";

static const char mailgun_lines[] =
	"{\"event\":\"failed\",\"timestamp\":1666214138.4046676,\"id\":\"a\",\"delivery-status\":"
	"{\"code\":550,\"session-seconds\":0.4367,\"big\":12345678901234567890,\"exp\":1E+300,"
	"\"neg\":-0,\"message\":\"\xC3\x9C" "ber \\\"quoted\\\" / tab\\t\"},\"items\":[1,2],"
	"\"paging\":{\"next\":\"not this\"},\"tags\":[],\"n\":null,\"t\":true}\n"
	"{\"event\":\"delivered\",\"timestamp\":1529701969.818328}\n";

/* Feeds doc in chunks of size step (0: all at once). */
static int run(struct json_items *ji, const char *array_key, const char *extra_key,
	       const char *extra_value, const char *doc, size_t step, struct sh_error *err)
{
	size_t len = strlen(doc), i;

	json_items_init(ji, array_key, extra_key, extra_value, "http://fake/x");
	if (!step)
		step = len;
	for (i = 0; i < len; i += step)
		if (json_items_feed(ji, doc + i, i + step > len ? len - i : step, err) != 0)
			return -1;
	return json_items_finish(ji, err);
}

static void test_mailgun_page(void)
{
	static const size_t steps[] = { 0, 1, 2, 7, 64 };
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct json_items ji;
		struct sh_error err = { 0 };
		int rc = run(&ji, "items", NULL, NULL, mailgun_page, steps[i], &err);
		if (rc != 0)
			fprintf(stderr, "  step %zu: %s\n", steps[i], err.msg);
		CU_ASSERT(rc == 0);
		TEST_LONG_EQ(ji.n, 2);
		TEST_STR_EQ(ji.lines.buf, mailgun_lines);
		TEST_STR_EQ(ji.next.buf, "https://api.mailgun.net/v3/d/events/N");
		json_items_release(&ji);
	}
}

static void test_empty_page(void)
{
	struct json_items ji;
	struct sh_error err = { 0 };

	CU_ASSERT(run(&ji, "items", NULL, NULL, "{\"items\": [], \"paging\": {\"next\": \"x\"}}", 0,
		      &err) == 0);
	TEST_LONG_EQ(ji.n, 0);
	TEST_STR_EQ(ji.lines.buf, "");
	TEST_STR_EQ(ji.next.buf, "x");
	json_items_release(&ji);
}

static void test_sendgrid_list(void)
{
	struct json_items ji;
	struct sh_error err = { 0 };

	CU_ASSERT(run(&ji, NULL, "sendhealth_list", "bounces",
		      "[{\"created\": 1250337600, \"email\": \"a@x\", \"reason\": \"550 5.1.1 x \"},"
		      " {\"created\": 1.5e9, \"nested\": {\"k\": [{}]}}, 7, \"s\"]", 3, &err) == 0);
	TEST_LONG_EQ(ji.n, 4);
	TEST_STR_EQ(ji.lines.buf,
		    "{\"created\":1250337600,\"email\":\"a@x\",\"reason\":\"550 5.1.1 x \","
		    "\"sendhealth_list\":\"bounces\"}\n"
		    "{\"created\":1.5e9,\"nested\":{\"k\":[{}]},\"sendhealth_list\":\"bounces\"}\n"
		    "7\n\"s\"\n");
	json_items_release(&ji);
}

/* fetch sendgrid --on-behalf-of: each item also names the subuser (--clients subuser:NAME). */
static void test_subuser(void)
{
	const char *doc = "[{\"email\": \"a@x\", \"nested\": {\"k\": 1}}, 7]";
	struct json_items ji;
	struct sh_error err = { 0 };
	size_t len = strlen(doc), i;

	json_items_init(&ji, NULL, "sendhealth_list", "blocks", "http://fake/x");
	json_items_also_add(&ji, "subuser", "acme-sub");
	for (i = 0; i < len; i += 2)
		CU_ASSERT(json_items_feed(&ji, doc + i, i + 2 > len ? len - i : 2, &err) == 0);
	CU_ASSERT(json_items_finish(&ji, &err) == 0);
	TEST_STR_EQ(ji.lines.buf, "{\"email\":\"a@x\",\"nested\":{\"k\":1},\"subuser\":\"acme-sub\","
				  "\"sendhealth_list\":\"blocks\"}\n7\n");
	json_items_release(&ji);
}

static void test_bad_documents(void)
{
	static const struct {
		const char *name, *array_key, *doc, *want;
	} t[] = {
		{ "object expected", "items", "[1, 2]", "expected a JSON object" },
		{ "array expected", NULL, "{\"errors\": []}", "expected a JSON array" },
		{ "no items", "items", "{\"message\": \"x\"}", "has no 'items' array" },
		{ "items not an array", "items", "{\"items\": {}}", "has no 'items' array" },
		{ "scalar document", NULL, "42", "has no top-level array" },
		{ "truncated", "items", "{\"items\": [{\"a\": 1}", "not valid JSON" },
		{ "garbage", NULL, "[1, 2] trailing", "not valid JSON" },
		{ "bad UTF-8", NULL, "[\"\xff\"]", "not valid JSON" },
		{ "html", "items", "<html></html>", "not valid JSON" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct json_items ji;
		struct sh_error err = { 0 };
		int rc = run(&ji, t[i].array_key, NULL, NULL, t[i].doc, 0, &err);
		int ok = rc == -1 && err.kind == SH_ERR_REMOTE && strstr(err.msg, t[i].want) &&
			 strstr(err.msg, "http://fake/x") && !strchr(err.msg, '\n');
		if (!ok)
			fprintf(stderr, "  %s: rc %d, msg '%s', want '%s'\n", t[i].name, rc, err.msg,
				t[i].want);
		CU_ASSERT(ok);
		json_items_release(&ji);
	}
}

static void test_depth_cap(void)
{
	char doc[300];
	struct json_items ji;
	struct sh_error err = { 0 };
	int i;

	for (i = 0; i < 100; i++)
		doc[i] = '[';
	for (i = 100; i < 200; i++)
		doc[i] = ']';
	doc[200] = '\0';
	CU_ASSERT(run(&ji, NULL, NULL, NULL, doc, 0, &err) == -1);
	CU_ASSERT(strstr(err.msg, "nesting deeper than 64") != NULL);
	json_items_release(&ji);
}

/* A restarted download: release and init start over with nothing from the first try. */
static void test_restart(void)
{
	struct json_items ji;
	struct sh_error err = { 0 };

	json_items_init(&ji, "items", NULL, NULL, "x");
	CU_ASSERT(json_items_feed(&ji, mailgun_page, 120, &err) == 0);
	json_items_release(&ji);
	CU_ASSERT(run(&ji, "items", NULL, NULL, mailgun_page, 0, &err) == 0);
	TEST_STR_EQ(ji.lines.buf, mailgun_lines);
	json_items_release(&ji);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "a Mailgun page splits into verbatim lines in any chunking", test_mailgun_page },
		{ "an empty page has no lines", test_empty_page },
		{ "SendGrid items get the list name", test_sendgrid_list },
		{ "and the subuser they were read for", test_subuser },
		{ "wrong shapes and broken JSON are errors naming the URL", test_bad_documents },
		{ "nesting is capped", test_depth_cap },
		{ "a restart forgets the partial body", test_restart },
	};
	return test_run("json_items", tests, sizeof(tests) / sizeof(tests[0]));
}
