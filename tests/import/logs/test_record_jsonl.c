/* test_record_jsonl.c - the records import writes: valid JSON for any text, stable field
 * values, and reading them back gives the same records (source, file and line included). */
#include "tests/import/readlog.h"

#include "model/recbuild.h"

static struct slice S(const char *s)
{
	struct slice x = { s, strlen(s) };
	return x;
}

static void test_escaping(void)
{
	static const struct {
		const char *in, *want; /* want: the string jansson reads back */
	} t[] = {
		{ "plain", "plain" },
		{ "quote \" backslash \\ slash /", "quote \" backslash \\ slash /" },
		{ "tab\tnewline\ncr\r bell\x07 esc\x1b del\x7f", "tab\tnewline\ncr\r bell\x07 esc\x1b del\x7f" },
		{ "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x93\xa7", "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x93\xa7" },
		{ "bad \xff\xfe utf", "bad \xef\xbf\xbd\xef\xbf\xbd utf" },
		{ "cut \xe2\x80", "cut \xef\xbf\xbd\xef\xbf\xbd" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sh_record r;
		struct strbuf out;
		json_t *j;
		json_error_t e;
		memset(&r, 0, sizeof(r));
		r.event = EV_FAILED;
		r.message = S(t[i].in);
		r.esp = S("");
		r.file = "x\"y.json";
		strbuf_init(&out);
		record_jsonl_append(&out, &r);
		CU_ASSERT_EQUAL(out.buf[out.len - 1], '\n');
		j = json_loadb(out.buf, out.len, 0, &e);
		if (!j)
			fprintf(stderr, "  case %zu: invalid JSON (%s): %s", i, e.text, out.buf);
		CU_ASSERT_PTR_NOT_NULL_FATAL(j);
		TEST_STR_EQ(json_string_value(json_object_get(j, "message")), t[i].want);
		TEST_STR_EQ(json_string_value(json_object_get(j, "file")), "x\"y.json");
		CU_ASSERT(json_is_null(json_object_get(j, "timestamp")));
		CU_ASSERT(json_is_null(json_object_get(j, "timestamp_unix")));
		CU_ASSERT(json_is_null(json_object_get(j, "smtp_code")));
		json_decref(j);
		strbuf_release(&out);
	}
}

static void test_key_order(void)
{
	struct sh_record r;
	struct strbuf out;

	memset(&r, 0, sizeof(r));
	r.source = SRC_SENDGRID_WEBHOOK;
	r.event = EV_BOUNCE;
	r.severity = SEV_PERMANENT;
	r.timestamp = 1700000000.25;
	r.smtp_code = 550;
	memcpy(r.enhanced, "5.1.1", 6);
	r.file = "f";
	r.line = 7;
	strbuf_init(&out);
	record_jsonl_append(&out, &r);
	TEST_STR_EQ(out.buf,
		    "{\"source\":\"sendgrid_webhook\",\"event\":\"bounce\",\"severity\":\"permanent\","
		    "\"timestamp\":\"2023-11-14T22:13:20Z\",\"timestamp_unix\":1700000000.25,"
		    "\"esp\":\"\",\"sending_domain\":\"\",\"sender\":\"\",\"recipient\":\"\","
		    "\"recipient_domain\":\"\",\"recipient_provider\":\"\",\"smtp_code\":550,"
		    "\"enhanced_code\":\"5.1.1\",\"message\":\"\",\"description\":\"\","
		    "\"esp_reason\":\"\",\"bounce_classification\":\"\",\"message_id\":\"\","
		    "\"event_id\":\"\",\"tags\":\"\",\"subaccount\":\"\",\"file\":\"f\",\"line\":7}\n");
	strbuf_release(&out);
}

/* Every fixture written, read back and written again gives the same bytes. */
static void test_round_trip(void)
{
	static const char *const fixtures[] = {
		"import/mailgun-page/page.json",     "import/mailgun-logs/logs.json",
		"import/mailgun-quirks/quirks.jsonl", "import/sendgrid-events/events.json",
		"import/sendgrid-activity-csv/activity.csv", "import/csv-crm/gmail-log.csv",
		"import/nodemailer/errors.jsonl",
	};
	size_t i;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		struct readlog first, again;
		rl_init(&first);
		rl_file(&first, test_fixture(fixtures[i]), NULL);
		CU_ASSERT(first.n > 0);
		rl_init(&again);
		rl_buffer(&again, "records.jsonl", first.out.buf, first.out.len, NULL, 0);
		TEST_STR_EQ(logread_format_name(again.st.format), "records");
		TEST_LONG_EQ(again.n, first.n);
		TEST_STR_EQ(again.skips, "");
		if (strcmp(again.out.buf, first.out.buf))
			fprintf(stderr, "  %s: read back differs:\n%s---\n%s", fixtures[i],
				again.out.buf, first.out.buf);
		CU_ASSERT_STRING_EQUAL(again.out.buf, first.out.buf);
		rl_release(&again);
		rl_release(&first);
	}
}

static void test_bad_records(void)
{
	const char *in = "{\"source\":\"csv\",\"event\":\"failed\",\"timestamp_unix\":1,\"line\":3}\n"
			 "{\"source\":\"csv\",\"event\":\"exploded\",\"timestamp_unix\":1}\n"
			 "{\"source\":\"csv\",\"event\":\"failed\",\"timestamp_unix\":\"soon\"}\n";
	struct readlog rl;

	rl_init(&rl);
	rl_buffer(&rl, "r.jsonl", in, strlen(in), NULL, 0);
	TEST_LONG_EQ(rl.n, 1);
	TEST_STR_EQ(rl.skips, "2:unknown_event 3:bad_timestamp ");
	TEST_STR_EQ(rl_get(&rl, 0, "line"), "3");
	TEST_STR_EQ(rl_get(&rl, 0, "file"), "r.jsonl");
	rl_release(&rl);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "any text is valid JSON", test_escaping },
		{ "stable keys and values", test_key_order },
		{ "written, read back, written again", test_round_trip },
		{ "bad records", test_bad_records },
	};
	return test_run("record_jsonl", tests, sizeof(tests) / sizeof(tests[0]));
}
