/* test_addrset.c - the distinct-address count behind "Remove N invalid addresses": exact
 * while small, a bounded estimate when large, the same whatever the thread split. */
#include <stdio.h>
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
		CU_ASSERT(s.exact.n == 0); /* the set itself is gone */
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
	TEST_LONG_EQ(s.exact.n, ADDRSET_EXACT_MAX + 1000);
	TEST_LONG_EQ(addrset_count(&s), ADDRSET_EXACT_MAX + 1000);
	addrset_release(&s);
}

int main(void)
{
	static const struct test_case cases[] = {
	    {"exact while small", test_exact_while_small},
	    {"estimate when large", test_estimate_when_large},
	    {"merge equals one pass", test_merge_equals_one_pass},
	    {"keep all for --export-addresses", test_keep_all},
	};
	return test_run("addrset", cases, sizeof(cases) / sizeof(cases[0]));
}
