/* test_dedupe.c - what counts as the same event, and the bound: the most recent `capacity`
 * keys are always remembered in a table whose size never changes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "import/dedupe.h"
#include "tests/testlib.h"

static struct sh_record rec(const char *esp, const char *id, enum sh_event ev, double t)
{
	struct sh_record r;

	memset(&r, 0, sizeof(r));
	r.esp.ptr = esp;
	r.esp.len = strlen(esp);
	r.event_id.ptr = id;
	r.event_id.len = strlen(id);
	r.event = ev;
	r.timestamp = t;
	return r;
}

static const struct slice none = { "", 0 };

static void test_keys(void)
{
	struct sh_record a, b;
	struct slice unsub = { "unsubscribe", 11 }, group = { "group_unsubscribe", 17 };

	a = rec("mailgun", "id1", EV_FAILED, 1700000000.1);
	b = rec("mailgun", "id1", EV_DELIVERED, 1700006399.9); /* 2023-11-14, as is a */
	CU_ASSERT_EQUAL(dedupe_key(&a, none), dedupe_key(&b, none));
	b.timestamp = 1700100000; /* next day */
	CU_ASSERT_NOT_EQUAL(dedupe_key(&a, none), dedupe_key(&b, none));
	b = rec("mailgun", "id2", EV_FAILED, 1700000000.1);
	CU_ASSERT_NOT_EQUAL(dedupe_key(&a, none), dedupe_key(&b, none));

	a = rec("sendgrid", "sg_event_id", EV_UNSUBSCRIBED, 1513299569);
	b = a;
	CU_ASSERT_EQUAL(dedupe_key(&a, unsub), dedupe_key(&b, unsub));
	CU_ASSERT_NOT_EQUAL(dedupe_key(&a, unsub), dedupe_key(&b, group));
	b.event = EV_OPENED;
	CU_ASSERT_NOT_EQUAL(dedupe_key(&a, none), dedupe_key(&b, none));
	b = a;
	b.timestamp += 1;
	CU_ASSERT_NOT_EQUAL(dedupe_key(&a, unsub), dedupe_key(&b, unsub));

	a = rec("smtp", "", EV_FAILED, 1);
	TEST_LONG_EQ(dedupe_key(&a, none), 0);
}

static void test_bound(void)
{
	struct dedupe *d = dedupe_new(1000);
	size_t mem = dedupe_memory(d);
	uint64_t k;
	long forgotten = 0;

	for (k = 1; k <= 100000; k++)
		CU_ASSERT_EQUAL(dedupe_check(d, k * 0x9E3779B97F4A7C15ULL, 0), 0);
	/* the last 1000 are remembered; the first ones are gone */
	for (k = 99001; k <= 100000; k++)
		CU_ASSERT_EQUAL(dedupe_check(d, k * 0x9E3779B97F4A7C15ULL, 0), 1);
	for (k = 1; k <= 100; k++)
		forgotten += dedupe_check(d, k * 0x9E3779B97F4A7C15ULL, 0) == 0;
	TEST_LONG_EQ(forgotten, 100);
	TEST_LONG_EQ(dedupe_memory(d), mem);
	TEST_LONG_EQ(mem, 2 * 2048 * 8);
	TEST_LONG_EQ(dedupe_check(d, 0, 0), 0);
	dedupe_free(d);
	d = dedupe_new(0);
	TEST_LONG_EQ(dedupe_memory(d), 4L << 20);
	dedupe_free(d);
}

/* Inputs read side by side: the records each input counts are those of reading them in
 * order (input 0 first), whichever thread got to a key first. */
static void test_shared_order(void)
{
	struct dedupe *d = dedupe_new_shared(1000, 3);

	/* input 2 sees key 7 first, then input 1, then input 0: in order, input 0 counts it */
	TEST_LONG_EQ(dedupe_check(d, 7, 2), 0);
	TEST_LONG_EQ(dedupe_check(d, 7, 1), 1);
	TEST_LONG_EQ(dedupe_check(d, 7, 0), 1);
	TEST_LONG_EQ(dedupe_moved(d, 0), 1);
	TEST_LONG_EQ(dedupe_moved(d, 1), 0);
	TEST_LONG_EQ(dedupe_moved(d, 2), -1);
	/* in order already: nothing moves; a repeat within one input moves nothing either */
	TEST_LONG_EQ(dedupe_check(d, 9, 0), 0);
	TEST_LONG_EQ(dedupe_check(d, 9, 1), 1);
	TEST_LONG_EQ(dedupe_check(d, 9, 0), 1);
	TEST_LONG_EQ(dedupe_moved(d, 0), 1);
	TEST_LONG_EQ(dedupe_moved(d, 1), 0);
	TEST_LONG_EQ(dedupe_moved(d, 7), 0); /* no such input */
	dedupe_free(d);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "what counts as the same event", test_keys },
		{ "bounded memory, recent keys kept", test_bound },
		{ "shared between threads: counted as in input order", test_shared_order },
	};
	return test_run("dedupe", tests, sizeof(tests) / sizeof(tests[0]));
}
