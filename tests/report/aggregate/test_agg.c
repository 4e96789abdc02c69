/* test_agg.c - the join and the report counts on known records: each tier of the join,
 * per-category and per-domain counts, verdicts, action wording, and that merging two
 * aggs (threads) or reloading a saved report (merge) gives the same document. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "report/aggregate/agg.h"
#include "catalogue/store.h"
#include "report/doc/report_json.h"
#include "tests/testlib.h"

static struct catalogue *cat;
static struct matcher *m;

struct rec {
	const char *esp, *domain, *rcpt;
	enum sh_event ev;
	enum sh_severity sev;
	int code;
	const char *enh, *msg, *desc, *reason;
	int times;
};

static struct slice S(const char *s)
{
	struct slice sl = { s ? s : "", s ? strlen(s) : 0 };
	return sl;
}

static void feed(struct agg *a, const struct rec *rs, size_t n, double t0)
{
	size_t i;
	int k;
	char rcpt[128];

	for (i = 0; i < n; i++) {
		for (k = 0; k < rs[i].times; k++) {
			struct sh_record r;
			memset(&r, 0, sizeof(r));
			r.esp = S(rs[i].esp);
			r.sending_domain = S(rs[i].domain);
			snprintf(rcpt, sizeof(rcpt), "user%d@%s", k, rs[i].rcpt ? rs[i].rcpt : "gmail.com");
			r.recipient = S(rcpt);
			r.recipient_domain = S(rs[i].rcpt ? rs[i].rcpt : "gmail.com");
			r.event = rs[i].ev;
			r.severity = rs[i].sev;
			r.smtp_code = rs[i].code;
			snprintf(r.enhanced, sizeof(r.enhanced), "%s", rs[i].enh ? rs[i].enh : "");
			r.message = S(rs[i].msg);
			r.description = S(rs[i].desc);
			r.esp_reason = S(rs[i].reason);
			r.timestamp = t0 + (double)(i * 3600 + (size_t)k);
			agg_add(a, &r);
		}
	}
}

static const struct rec week[] = {
	{ "mailgun", "mg.client3.com", NULL, EV_FAILED, SEV_PERMANENT, 0, NULL,
	  "Domain mg.client3.com is not allowed to send: The domain is unverified and requires DNS configuration. Log in to your control panel to view required DNS records.",
	  NULL, "generic", 3 },
	{ "mailgun", "mg.client1.com", "outlook.com", EV_FAILED, SEV_PERMANENT, 602, NULL, "Too old", NULL, "old", 4 },
	{ "mailgun", "mg.client1.com", "gmail.com", EV_FAILED, SEV_PERMANENT, 550, "5.1.1",
	  "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. g3si9.7 - gsmtp",
	  NULL, "bounce", 5 },
	{ "mailgun", "mg.client1.com", "gmail.com", EV_FAILED, SEV_PERMANENT, 605, NULL, "",
	  "Not delivering to previously bounced address", "suppress-bounce", 2 },
	{ "mailgun", "mg.client1.com", "web.de", EV_FAILED, SEV_PERMANENT, 554, "5.7.1",
	  "554 5.7.1 Service unavailable; the frobnicator declined", NULL, "generic", 1 },
	{ "mailgun", "mg.client1.com", "web.de", EV_FAILED, SEV_TEMPORARY, 451, NULL,
	  "451 zork happened", NULL, "generic", 2 },
	{ "mailgun", "mg.client1.com", "gmx.de", EV_FAILED, SEV_UNKNOWN, 0, NULL, "zork happened again", NULL, NULL, 1 },
	{ "mailgun", "mg.client1.com", "gmail.com", EV_DELIVERED, SEV_UNKNOWN, 250, NULL, "OK", NULL, NULL, 600 },
	{ "mailgun", "mg.client1.com", "gmail.com", EV_COMPLAINED, SEV_UNKNOWN, 0, NULL, NULL, NULL, NULL, 1 },
};

static json_t *doc_of(struct agg *a, const struct clients *cl)
{
	struct thresholds th;
	struct report_meta meta;

	thresholds_default(&th);
	memset(&meta, 0, sizeof(meta));
	meta.thresholds = &th;
	meta.clients = cl;
	meta.generated_at = 1800000000;
	return report_to_json(a, &meta);
}

static json_t *find(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(json_object_get(v, key));
		if (s && !strcmp(s, value))
			return v;
	}
	return NULL;
}

static long count_of(json_t *arr, const char *key, const char *value, const char *field)
{
	json_t *o = find(arr, key, value);
	return o ? (long)json_integer_value(json_object_get(o, field)) : -1;
}

static void test_tiers_and_counts(void)
{
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	struct agg a;
	json_t *doc, *errors, *e;

	agg_init(&a, &cfg);
	feed(&a, week, sizeof(week) / sizeof(week[0]), 1763337600);
	doc = doc_of(&a, NULL);
	errors = json_object_get(doc, "errors");

	/* per category */
	TEST_LONG_EQ(count_of(json_object_get(doc, "categories"), "id", "dns_auth", "count"), 3);
	TEST_LONG_EQ(count_of(json_object_get(doc, "categories"), "id", "expired", "count"), 4);
	TEST_LONG_EQ(count_of(json_object_get(doc, "categories"), "id", "recipient_invalid", "count"), 5);
	TEST_LONG_EQ(count_of(json_object_get(doc, "categories"), "id", "suppressed", "count"), 2);
	TEST_LONG_EQ(json_integer_value(json_object_get(json_object_get(doc, "totals"), "failures")), 18);
	TEST_LONG_EQ(json_integer_value(json_object_get(json_object_get(doc, "totals"), "delivered")), 600);

	/* tier 1: Mailgun's own message */
	e = find(errors, "entry_id", "mailgun-400-domain-unverified");
	CU_ASSERT_PTR_NOT_NULL(e);
	TEST_LONG_EQ(json_integer_value(json_object_get(e, "tier")), TIER_SENDER_PATTERN);
	/* tier 2: Gmail's reply inside a Mailgun log */
	e = find(errors, "entry_id", "gmail-550-5.1.1-no-such-user");
	CU_ASSERT_PTR_NOT_NULL(e);
	TEST_LONG_EQ(e ? json_integer_value(json_object_get(e, "tier")) : -1, TIER_RECEIVER_PATTERN);
	TEST_LONG_EQ(e ? json_integer_value(json_object_get(e, "count")) : -1, 5);
	/* tier 4: only the enhanced code is known */
	e = find(errors, "entry_id", "rfc3463-x.7.1");
	CU_ASSERT_PTR_NOT_NULL(e);
	TEST_LONG_EQ(e ? json_integer_value(json_object_get(e, "tier")) : -1, TIER_ENHANCED_CODE);
	/* tier 5: a 4xx reply nobody knows is temporary and transient, and unmatched */
	e = find(errors, "key", "msg:451 zork happened#transient");
	CU_ASSERT_PTR_NOT_NULL(e);
	TEST_STR_EQ(e ? json_string_value(json_object_get(e, "category")) : "", "transient");
	TEST_LONG_EQ(e ? json_integer_value(json_object_get(e, "tier")) : -1, TIER_CODE_CLASS);
	TEST_LONG_EQ(count_of(json_object_get(doc, "unmatched"), "message", "451 zork happened", "count"), 2);
	TEST_LONG_EQ(count_of(json_object_get(doc, "unmatched"), "message", "zork happened again", "count"), 1);

	/* per domain and verdicts */
	TEST_LONG_EQ(count_of(json_object_get(doc, "domains"), "domain", "mg.client3.com", "failures"), 3);
	TEST_STR_EQ(json_string_value(json_object_get(find(json_object_get(doc, "health"), "domain", "mg.client3.com"), "verdict")), "CRITICAL");
	/* client1: 600 delivered + 12 permanent failures sent; 1 complaint of 600 = 0.17 % */
	TEST_STR_EQ(json_string_value(json_object_get(find(json_object_get(doc, "health"), "domain", "mg.client1.com"), "verdict")), "WARNING");
	json_decref(doc);
	agg_release(&a);
}

static void test_action_wording(void)
{
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	struct agg a;
	json_t *doc, *acts, *act;

	agg_init(&a, &cfg);
	feed(&a, week, sizeof(week) / sizeof(week[0]), 1763337600);
	doc = doc_of(&a, NULL);
	acts = json_object_get(doc, "actions");
	act = find(acts, "kind", "verify_dns");
	CU_ASSERT_PTR_NOT_NULL(act);
	if (act) {
		const char *t = json_string_value(json_object_get(act, "text"));
		CU_ASSERT(strstr(t, "Verify DNS for mg.client3.com") == t);
		CU_ASSERT(strstr(t, "— 3 failures") != NULL);
	}
	act = find(acts, "kind", "clear_error");
	CU_ASSERT_PTR_NOT_NULL(act);
	if (act)
		CU_ASSERT(strstr(json_string_value(json_object_get(act, "text")),
				 "Clear 'Too old' errors in Agency settings → Email Services") != NULL);
	act = find(acts, "category", "recipient_invalid");
	CU_ASSERT_PTR_NOT_NULL(act);
	if (act)
		CU_ASSERT(strstr(json_string_value(json_object_get(act, "text")), "Remove 5 invalid addresses") != NULL);
	/* ranked by failures: the first action addresses the most */
	CU_ASSERT(json_integer_value(json_object_get(json_array_get(acts, 0), "failures")) >=
		  json_integer_value(json_object_get(json_array_get(acts, 1), "failures")));
	json_decref(doc);
	agg_release(&a);
}

/* Two halves counted apart and merged equal the whole: the thread and merge paths. */
static void test_merge_equals_single_run(void)
{
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	struct agg whole, first, second, reloaded;
	struct report_inputs in;
	struct sh_error err = { 0 };
	json_t *dw, *dm, *d1, *d2, *dr;
	size_t half = sizeof(week) / sizeof(week[0]) / 2;
	char *sw, *sm, *sr;

	agg_init(&whole, &cfg);
	agg_init(&first, &cfg);
	agg_init(&second, &cfg);
	agg_init(&reloaded, &cfg);
	feed(&whole, week, sizeof(week) / sizeof(week[0]), 1763337600);
	feed(&first, week, half, 1763337600);
	feed(&second, week + half, sizeof(week) / sizeof(week[0]) - half, 1763337600 + (double)half * 3600);
	d1 = doc_of(&first, NULL);
	d2 = doc_of(&second, NULL);
	agg_merge(&first, &second);
	dw = doc_of(&whole, NULL);
	dm = doc_of(&first, NULL);
	sw = json_dumps(dw, JSON_SORT_KEYS);
	sm = json_dumps(dm, JSON_SORT_KEYS);
	TEST_STR_EQ(sm, sw);

	report_inputs_init(&in);
	CU_ASSERT(report_from_json(&reloaded, &in, d1, "a.json", &err) == 0);
	CU_ASSERT(report_from_json(&reloaded, &in, d2, "b.json", &err) == 0);
	dr = doc_of(&reloaded, NULL);
	sr = json_dumps(dr, JSON_SORT_KEYS);
	TEST_STR_EQ(sr, sw);
	free(sw);
	free(sm);
	free(sr);
	json_decref(dw);
	json_decref(dm);
	json_decref(dr);
	json_decref(d1);
	json_decref(d2);
	report_inputs_release(&in);
	agg_release(&whole);
	agg_release(&first);
	agg_release(&second);
	agg_release(&reloaded);
}

/* The same unmatched text with a 4xx code and with none: two error rows, one per category
 * (the row's category used to be the first failure's, for all of them: the totals
 * depended on which came first, and merged shards differed from one run; fuzz_pipeline,
 * tests/fixtures/regress/fuzz_pipeline/). */
static void test_category_per_failure(void)
{
	static const struct rec two[] = {
		{ "smtp", "mg.x.com", NULL, EV_FAILED, SEV_UNKNOWN, 421, NULL, "", NULL, NULL, 1 },
		{ "smtp", "mg.x.com", NULL, EV_FAILED, SEV_UNKNOWN, 0, NULL, "", NULL, NULL, 2 },
	};
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	struct agg a, b;
	json_t *da, *db;

	agg_init(&a, &cfg);
	agg_init(&b, &cfg);
	feed(&a, two, 2, 1763337600);
	feed(&b, two + 1, 1, 1763337600);
	feed(&b, two, 1, 1763337600);
	da = doc_of(&a, NULL);
	db = doc_of(&b, NULL);
	TEST_LONG_EQ(count_of(json_object_get(da, "categories"), "id", "transient", "count"), 1);
	TEST_LONG_EQ(count_of(json_object_get(da, "categories"), "id", "unknown", "count"), 2);
	TEST_LONG_EQ(count_of(json_object_get(db, "categories"), "id", "transient", "count"), 1);
	TEST_LONG_EQ(count_of(json_object_get(db, "categories"), "id", "unknown", "count"), 2);
	json_decref(da);
	json_decref(db);
	agg_release(&a);
	agg_release(&b);
}

/* One text, two severities: a connection refused in a deferral is a network problem; the
 * same words in a final failure (the sender gave up on it) are "expired". The cache key
 * holds the severity, so the first failure does not decide for the other. */
static void test_final_failure_expired(void)
{
	static const struct rec two[] = {
		{ "smtp", "mg.x.com", NULL, EV_DEFERRED, SEV_TEMPORARY, 0, NULL,
		  "mx1.example.net: Connection refused", NULL, NULL, 3 },
		{ "smtp", "mg.x.com", NULL, EV_BOUNCE, SEV_PERMANENT, 0, NULL,
		  "mx1.example.net: Connection refused", NULL, NULL, 2 },
	};
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	struct agg a;
	json_t *d;

	agg_init(&a, &cfg);
	feed(&a, two, 2, 1763337600);
	d = doc_of(&a, NULL);
	TEST_LONG_EQ(count_of(json_object_get(d, "categories"), "id", "network_client", "count"), 3);
	TEST_LONG_EQ(count_of(json_object_get(d, "categories"), "id", "expired", "count"), 2);
	json_decref(d);
	agg_release(&a);
}

/* A saved report is hostile input: a count near LONG_MAX (or below 0) is refused before
 * anything is added, so sums over any number of reports cannot overflow. */
static void test_reload_refuses_non_counts(void)
{
	static const char *const docs[] = {
		"{\"schema_version\":1,\"inputs\":{},\"totals\":{\"failures\":9223372036854775807},"
		"\"categories\":[],\"errors\":[],\"domains\":[],\"recipient_domains\":[],"
		"\"daily\":[],\"actions\":[],\"unmatched\":[]}",
		"{\"schema_version\":1,\"inputs\":{},\"totals\":{},\"categories\":[],"
		"\"errors\":[{\"key\":\"k\",\"count\":-5}],\"domains\":[],\"recipient_domains\":[],"
		"\"daily\":[],\"actions\":[],\"unmatched\":[]}",
	};
	struct agg_config cfg = { m, cat, NULL, 0, 0, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct agg a;
		struct report_inputs in;
		struct sh_error err = { 0 };
		json_t *doc = json_loads(docs[i], 0, NULL);
		agg_init(&a, &cfg);
		report_inputs_init(&in);
		CU_ASSERT_PTR_NOT_NULL(doc);
		CU_ASSERT(report_from_json(&a, &in, doc, "big.json", &err) == -1);
		CU_ASSERT(strstr(err.msg, "is not a count") != NULL);
		TEST_LONG_EQ(a.failures, 0);
		json_decref(doc);
		report_inputs_release(&in);
		agg_release(&a);
	}
}

static void test_window(void)
{
	struct agg_config cfg = { m, cat, NULL, 1763337600 + 3600, 1763337600 + 7200, 1, 0 };
	struct agg a;

	agg_init(&a, &cfg);
	feed(&a, week, 3, 1763337600); /* hours 0, 1, 2: only hour 1 is inside */
	TEST_LONG_EQ(a.records, 4);
	TEST_LONG_EQ(a.outside_window, 3 + 5);
	agg_release(&a);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "each tier of the join, counts and verdicts", test_tiers_and_counts },
		{ "actions are ranked and worded", test_action_wording },
		{ "merged halves and reloaded reports equal one run", test_merge_equals_single_run },
		{ "records outside the window are left out", test_window },
		{ "each failure counts in its own category", test_category_per_failure },
		{ "a final failure after a refused connection is expired", test_final_failure_expired },
		{ "a saved report with a number that is not a count is refused", test_reload_refuses_non_counts },
	};
	struct sh_error err = { 0 };
	int rc;

	cat = catalogue_load_embedded(&err);
	m = matcher_new(cat);
	rc = test_run("agg", tests, sizeof(tests) / sizeof(tests[0]));
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}
