/* evidence_cases.h - the frame of the evidence classifier's reply tables
 * (test_evidence_lang.c, test_evidence_docs.c): each reply, written for the test (none
 * from the corpora), goes through matcher_classify with the built-in catalogue as a
 * report would classify it, and must reach the category a deliverability expert would
 * give it. Header-only, one test program each. Contract: test-only; not thread-safe. */
#ifndef SH_TESTS_REPORT_MATCH_EVIDENCE_CASES_H
#define SH_TESTS_REPORT_MATCH_EVIDENCE_CASES_H

#include <stdio.h>
#include <string.h>

#include "catalogue/store.h"
#include "report/match/matcher.h"
#include "tests/testlib.h"
#include "util/smtp_codes.h"

struct reply_case {
	const char *name;
	const char *text;
	const char *want; /* category */
};

/* Classifies each case with the reply and enhanced codes found in its text; asserts the
 * category; names each miss on stderr. */
static void check_replies(const struct reply_case *cases, size_t n)
{
	struct sh_error err = { 0 };
	struct catalogue *cat = catalogue_load_embedded(&err);
	struct matcher *m;
	size_t i;

	CU_ASSERT_FATAL(cat != NULL);
	m = matcher_new(cat);
	for (i = 0; i < n; i++) {
		struct match_input in;
		struct match_result r;
		char enh[16];
		memset(&in, 0, sizeof(in));
		in.text = cases[i].text;
		in.smtp_code = smtp_find_code(in.text, strlen(in.text));
		smtp_find_enhanced(in.text, strlen(in.text), enh);
		in.enhanced = enh[0] ? enh : NULL;
		matcher_classify(m, &in, &r);
		if (strcmp(category_name(r.category), cases[i].want))
			fprintf(stderr, "  %s: got %s [%s, %s], want %s\n", cases[i].name,
				category_name(r.category), r.entry ? r.entry->f[CAT_ID] : "-", r.how,
				cases[i].want);
		TEST_STR_EQ(category_name(r.category), cases[i].want);
	}
	matcher_free(m);
	catalogue_free(cat);
}

#endif
