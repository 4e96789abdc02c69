/* testlib.h - the CUnit frame every unit test file uses: a table of named cases run as
 * one suite, a summary line the runner adds up, and helpers for fixtures and got/want. */
#ifndef SH_TESTS_TESTLIB_H
#define SH_TESTS_TESTLIB_H

#include <CUnit/CUnit.h>
#include <stddef.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

/* Runs the cases as one CUnit suite; prints "cunit: tests=N failed=M"; returns the
 * process exit code. */
int test_run(const char *suite, const struct test_case *cases, size_t n);

/* A fixture path under the repository: tests/fixtures/<rel>. Static buffer. */
const char *test_fixture(const char *rel);
/* ../shared/<rel> relative to the repository, or NULL when ../shared is absent. */
const char *test_shared(const char *rel);

/* Reports got/want strings on failure. */
#define TEST_STR_EQ(got, want)                                                          \
	do {                                                                            \
		const char *g_ = (got), *w_ = (want);                                   \
		int ok_ = g_ && w_ && !strcmp(g_, w_);                                  \
		if (!ok_)                                                               \
			fprintf(stderr, "  %s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");                \
		CU_ASSERT(ok_);                                                         \
	} while (0)

#define TEST_LONG_EQ(got, want)                                                        \
	do {                                                                           \
		long g_ = (long)(got), w_ = (long)(want);                              \
		if (g_ != w_)                                                          \
			fprintf(stderr, "  %s:%d: %s: got %ld, want %ld\n", __FILE__,  \
				__LINE__, #got, g_, w_);                               \
		CU_ASSERT(g_ == w_);                                                   \
	} while (0)

#endif
