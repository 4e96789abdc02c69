/* test_addrset.c - the distinct-address count behind "Remove N invalid addresses": exact
 * while small, a bounded estimate when large, the same whatever the thread split. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/aggregate/addrset.h"
#include "tests/testlib.h"

static void add_range(struct addrset *s, long from, long to)
{
	char a[64];
	long i;

	for (i = from; i < to; i++) {
		int n = snprintf(a, sizeof(a), "user%ld@example.com", i);
		addrset_add(s, a, (size_t)n);
	}
}

static void test_exact_while_small(void)
{
	static const struct {
		const char *name;
		long distinct, repeats;
	} cases[] = {
	    {"empty", 0, 1},
	    {"one address many times", 1, 50},
	    {"five", 5, 3},
	    {"at the limit", ADDRSET_EXACT_MAX, 1},
	};
	size_t i;
	long r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct addrset s;
		addrset_init(&s, 0);
		for (r = 0; r < cases[i].repeats; r++)
			add_range(&s, 0, cases[i].distinct);
		if ((long)addrset_count(&s) != cases[i].distinct)
			fprintf(stderr, "  %s: got %zu\n", cases[i].name, addrset_count(&s));
		TEST_LONG_EQ(addrset_count(&s), cases[i].distinct);
		CU_ASSERT(addrset_is_exact(&s));
		addrset_release(&s);
	}
}

static void test_estimate_when_large(void)
{
	static const long sizes[] = {ADDRSET_EXACT_MAX + 1, 200000, 1000000};
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct addrset s;
		double err;
		addrset_init(&s, 0);
		add_range(&s, 0, sizes[i]);
		add_range(&s, 0, sizes[i] / 2); /* repeats do not count */
		err = ((double)addrset_count(&s) - (double)sizes[i]) / (double)sizes[i];
		if (err > 0.03 || err < -0.03)
			fprintf(stderr, "  %ld: got %zu (%.2f %%)\n", sizes[i], addrset_count(&s),
				err * 100);
		CU_ASSERT(err <= 0.03 &&
			  err >= -0.03); /* ~0.8 % standard error; 3 % is > 3 sigma */
		CU_ASSERT(!addrset_is_exact(&s));
		CU_ASSERT(s.set == NULL && s.set_n == 0); /* the set itself is gone */
		addrset_release(&s);
	}
}

/* Two threads' halves merged, in either order, count what one thread counts. */
static void test_merge_equals_one_pass(void)
{
	static const long splits[][3] = {
	    {10, 20, 15}, {40000, 40000, 30000}, {90000, 300000, 100000}};
	size_t i;

	for (i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		long a = splits[i][0], b = splits[i][1], overlap = splits[i][2];
		struct addrset one, x, y, xy, yx;
		addrset_init(&one, 0);
		addrset_init(&x, 0);
		addrset_init(&y, 0);
		addrset_init(&xy, 0);
		addrset_init(&yx, 0);
		add_range(&one, 0, a + b);
		add_range(&x, 0, a);
		add_range(&y, a - overlap < 0 ? 0 : a - overlap, a + b);
		addrset_merge(&xy, &x);
		addrset_merge(&xy, &y);
		addrset_merge(&yx, &y);
		addrset_merge(&yx, &x);
		TEST_LONG_EQ(addrset_count(&xy), addrset_count(&one));
		TEST_LONG_EQ(addrset_count(&yx), addrset_count(&one));
		CU_ASSERT(addrset_is_exact(&xy) == addrset_is_exact(&one));
		addrset_release(&one);
		addrset_release(&x);
		addrset_release(&y);
		addrset_release(&xy);
		addrset_release(&yx);
	}
}

/* --export-addresses: every address is kept, however many. */
static void test_keep_all(void)
{
	struct addrset s;

	addrset_init(&s, 1);
	add_range(&s, 0, ADDRSET_EXACT_MAX + 1000);
	CU_ASSERT(addrset_is_exact(&s));
	TEST_LONG_EQ(s.keys.n, ADDRSET_EXACT_MAX + 1000);
	TEST_LONG_EQ(addrset_count(&s), ADDRSET_EXACT_MAX + 1000);
	addrset_release(&s);
}

/* Shards saved as JSON and merged, in either order, count what one pass counts: exactly
 * while small, the same registers (so the same estimate) when large. */
static void test_saved_shards_merge_exactly(void)
{
	static const long splits[][3] = {
	    {10, 20, 15}, {30000, 30000, 10000}, {40000, 300000, 100000}};
	size_t i;

	for (i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		long a = splits[i][0], b = splits[i][1], overlap = splits[i][2];
		struct addrset one, x, y, merged;
		json_t *jx, *jy, *back;
		char *text;
		addrset_init(&one, 0);
		addrset_init(&x, 0);
		addrset_init(&y, 0);
		addrset_init(&merged, 0);
		add_range(&one, 0, a + b);
		add_range(&x, 0, a);
		add_range(&y, a - overlap < 0 ? 0 : a - overlap, a + b);
		jx = addrset_to_json(&x);
		jy = addrset_to_json(&y);
		/* through text, as a saved report is */
		text = json_dumps(jy, 0);
		CU_ASSERT(strstr(text, "example.com") == NULL); /* hashes, not addresses */
		back = json_loads(text, 0, NULL);
		CU_ASSERT(addrset_merge_json(&merged, back, NULL) == 0);
		CU_ASSERT(addrset_merge_json(&merged, jx, NULL) == 0);
		TEST_LONG_EQ(addrset_count(&merged), addrset_count(&one));
		CU_ASSERT(addrset_is_exact(&merged) == addrset_is_exact(&one));
		TEST_LONG_EQ(json_integer_value(json_object_get(jx, "count")), addrset_count(&x));
		free(text);
		json_decref(back);
		json_decref(jx);
		json_decref(jy);
		addrset_release(&one);
		addrset_release(&x);
		addrset_release(&y);
		addrset_release(&merged);
	}
}

/* A damaged saved set is refused whole and changes nothing. */
static void test_damaged_saved_set(void)
{
	static const char *const bad[] = {
		"{\"hashes\": \"AAAA\"}",                      /* 3 bytes: not whole hashes */
		"{\"hashes\": \"AAAAAAAAAAA*\"}",              /* not base64 */
		"{\"registers\": \"AAAA\"}",                   /* not 16,384 registers */
		"{\"hashes\": \"\", \"registers\": \"\"}", /* both */
		"{\"count\": 3}",                                 /* neither */
		"[]",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct addrset s;
		struct sh_error err = { 0 };
		json_t *v = json_loads(bad[i], JSON_DECODE_ANY, NULL);
		addrset_init(&s, 0);
		add_range(&s, 0, 3);
		CU_ASSERT(addrset_merge_json(&s, v, &err) == -1);
		CU_ASSERT(err.msg[0] != '\0');
		TEST_LONG_EQ(addrset_count(&s), 3);
		json_decref(v);
		addrset_release(&s);
	}
	{ /* a register above the largest rank a 64-bit hash can give */
		struct addrset s;
		unsigned char regs[1u << ADDRSET_HLL_BITS];
		gchar *b;
		json_t *v;
		memset(regs, 0, sizeof(regs));
		regs[7] = 60;
		b = g_base64_encode(regs, sizeof(regs));
		v = json_pack("{s:s}", "registers", b);
		addrset_init(&s, 0);
		CU_ASSERT(addrset_merge_json(&s, v, NULL) == -1);
		CU_ASSERT(addrset_is_exact(&s));
		json_decref(v);
		g_free(b);
		addrset_release(&s);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
	    {"exact while small", test_exact_while_small},
	    {"estimate when large", test_estimate_when_large},
	    {"merge equals one pass", test_merge_equals_one_pass},
	    {"keep all for --export-addresses", test_keep_all},
	    {"saved shards merge exactly", test_saved_shards_merge_exactly},
	    {"a damaged saved set is refused", test_damaged_saved_set},
	};
	return test_run("addrset", cases, sizeof(cases) / sizeof(cases[0]));
}
