/* testlib.c - runs a table of test cases under CUnit and prints a countable summary. */
#include "tests/testlib.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int test_run(const char *suite, const struct test_case *cases, size_t n)
{
	CU_pSuite s;
	size_t i;
	unsigned failed, ran;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite(suite, NULL, NULL);
	for (i = 0; s && i < n; i++)
		CU_add_test(s, cases[i].name, cases[i].fn);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	ran = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	printf("cunit: tests=%u failed=%u\n", ran, failed);
	return failed ? 1 : 0;
}

const char *test_fixture(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "tests/fixtures/%s", rel);
	return buf;
}

const char *test_shared(const char *rel)
{
	static char buf[4096];
	const char *root = getenv("SENDHEALTH_SHARED");

	snprintf(buf, sizeof(buf), "%s/%s", root && *root ? root : "../shared", rel);
	return access(buf, R_OK) == 0 ? buf : NULL;
}
