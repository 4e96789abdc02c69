/* test_imap_search.c - what the server is asked for (bounce kinds, the date window) and
 * how its answer becomes the UIDs that are fetched. */
#include <stdio.h>
#include <string.h>

#include "net/imap_search.h"
#include "tests/testlib.h"

/* 2026-11-09T12:00:00Z and 2026-11-22T23:59:59Z */
#define T_NOV9 1794225600.0
#define T_NOV22_END 1795391999.0

static void test_command(void)
{
	static const struct {
		double since, until;
		const char *want_start;
	} t[] = {
		{ 0, 0, "UID SEARCH OR FROM \"MAILER-DAEMON\" OR FROM \"postmaster\" " },
		{ T_NOV9, 0, "UID SEARCH SINCE 9-Nov-2026 OR FROM " },
		{ 0, T_NOV22_END, "UID SEARCH BEFORE 23-Nov-2026 OR FROM " },
		{ T_NOV9, T_NOV22_END, "UID SEARCH SINCE 9-Nov-2026 BEFORE 23-Nov-2026 OR " },
		{ 1767225599.0, 0, "UID SEARCH SINCE 31-Dec-2025 OR " },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		imap_search_command(t[i].since, t[i].until, &sb);
		if (strncmp(sb.buf, t[i].want_start, strlen(t[i].want_start)))
			fprintf(stderr, "  got '%.120s', want it to start '%s'\n", sb.buf,
				t[i].want_start);
		CU_ASSERT(!strncmp(sb.buf, t[i].want_start, strlen(t[i].want_start)));
		strbuf_release(&sb);
	}
}

/* Every kind of bounce is asked for, in one balanced OR: n criteria need n-1 ORs. */
static void test_criteria(void)
{
	static const char *const kinds[] = {
		"FROM \"MAILER-DAEMON\"", "FROM \"postmaster\"",
		"HEADER Content-Type \"multipart/report\"", "SUBJECT \"Undelivered\"",
		"SUBJECT \"Delivery Status Notification\"", "SUBJECT \"Mail delivery failed\"",
		"SUBJECT \"Undeliverable\"", "SUBJECT \"Returned mail\"",
	};
	struct strbuf sb;
	const char *p;
	size_t i, ors = 0, crit = 0;

	strbuf_init(&sb);
	imap_search_command(0, 0, &sb);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strstr(sb.buf, kinds[i]))
			fprintf(stderr, "  '%s' not asked for\n", kinds[i]);
		CU_ASSERT(strstr(sb.buf, kinds[i]) != NULL);
	}
	for (p = sb.buf; (p = strstr(p, "OR ")); p += 3)
		ors++;
	for (p = sb.buf; (p = strstr(p, "FROM ")); p += 5)
		crit++;
	for (p = sb.buf; (p = strstr(p, "SUBJECT ")); p += 8)
		crit++;
	for (p = sb.buf; (p = strstr(p, "HEADER ")); p += 7)
		crit++;
	TEST_LONG_EQ(ors, crit - 1);
	CU_ASSERT(!strstr(sb.buf, "\r") && !strstr(sb.buf, "\n"));
	strbuf_release(&sb);
}

static void test_parse(void)
{
	static const struct {
		const char *answer;
		int rc;
		const char *want; /* the UIDs, space-separated */
	} t[] = {
		{ "* SEARCH 3 1 2\r\n", 0, "1 2 3" },
		{ "* SEARCH\r\n", 0, "" },
		{ "* 4 EXISTS\r\n* SEARCH 7 5\r\n* SEARCH 5 9\r\n", 0, "5 7 9" },
		{ "* search 4294967295\n", 0, "4294967295" },
		{ "* SEARCHING 1\r\n", 0, "" },
		{ "* SEARCH 0\r\n", -1, "" },
		{ "* SEARCH 4294967296\r\n", -1, "" },
		{ "* SEARCH 12x\r\n", -1, "" },
		{ "* SEARCH -1\r\n", -1, "" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct imap_uids u;
		struct sh_error err = { 0 };
		struct strbuf got;
		int rc;

		imap_uids_init(&u);
		strbuf_init(&got);
		rc = imap_uids_parse(&u, t[i].answer, strlen(t[i].answer), &err);
		TEST_LONG_EQ(rc, t[i].rc);
		if (rc == 0) {
			imap_uids_finish(&u);
			for (k = 0; k < u.n; k++)
				strbuf_addf(&got, "%s%lu", k ? " " : "", u.v[k]);
			TEST_STR_EQ(got.buf ? got.buf : "", t[i].want);
		} else {
			CU_ASSERT(err.kind == SH_ERR_REMOTE && strstr(err.msg, "not a UID"));
		}
		strbuf_release(&got);
		imap_uids_release(&u);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "command and window", test_command },
		{ "every bounce kind asked for", test_criteria },
		{ "answer to UIDs", test_parse },
	};
	return test_run("imap_search", cases, sizeof(cases) / sizeof(cases[0]));
}
