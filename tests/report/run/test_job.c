/* test_job.c - the report window a user asks for with --week, --since, --until and --tz:
 * which events count, and the usage errors for windows that make no sense. */
#include <stdio.h>
#include <string.h>

#include "report/run/job.h"
#include "tests/testlib.h"

static void test_window(void)
{
	static const struct {
		const char *name;
		const char *since, *until, *week, *tz;
		int ok;
		double want_since, want_until; /* ok: the window; else unused */
		const char *want_msg;          /* !ok: the start of the message */
	} cases[] = {
		{ "ISO week, UTC", NULL, NULL, "2026-W47", NULL, 1, 1794787200, 1795392000 /* 2026-11-16, -23 */, NULL },
		{ "ISO week, +01:00", NULL, NULL, "2026-W47", "+01:00", 1, 1794783600, 1795388400, NULL },
		{ "bare dates: until takes in its day", "2026-11-16", "2026-11-16", NULL, NULL, 1,
		  1794787200, 1794873600, NULL },
		{ "bare dates in the --tz zone", "2026-11-16", "2026-11-16", NULL, "+02:00", 1,
		  1794780000, 1794866400, NULL },
		{ "date-times are exact", "2026-11-16T03:00:00Z", "2026-11-16T05:00:00Z", NULL, NULL, 1,
		  1794798000, 1794805200, NULL },
		{ "week and since", "2026-11-16", NULL, "2026-W47", NULL, 0, 0, 0,
		  "--week cannot be combined" },
		{ "bad week", NULL, NULL, "2026-47", NULL, 0, 0, 0, "--week takes an ISO week" },
		{ "bad zone", NULL, NULL, "2026-W47", "Mars", 0, 0, 0, "--tz takes an offset" },
		{ "bad since", "yesterday-ish", NULL, NULL, NULL, 0, 0, 0, "--since takes a date" },
		{ "empty window", "2026-11-17", "2026-11-16T00:00:00Z", NULL, NULL, 0, 0, 0,
		  "the window is empty" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct job_opts o;
		struct job job;
		struct sh_error err = { 0 };
		int rc;

		memset(&o, 0, sizeof(o));
		o.since = cases[i].since;
		o.until = cases[i].until;
		o.week = cases[i].week;
		o.tz = cases[i].tz;
		o.catalogue = "data/catalogue.csv";
		job_init(&job, &o);
		rc = job_prepare(&job, NULL, &err);
		if ((rc == 0) != cases[i].ok)
			fprintf(stderr, "  %s: rc %d, error '%s'\n", cases[i].name, rc, err.msg);
		CU_ASSERT((rc == 0) == cases[i].ok);
		if (cases[i].ok) {
			CU_ASSERT(job.cfg.have_window);
			TEST_LONG_EQ(job.cfg.since, cases[i].want_since);
			TEST_LONG_EQ(job.cfg.until, cases[i].want_until);
		} else {
			TEST_LONG_EQ(err.kind, SH_ERR_USAGE);
			CU_ASSERT(!strncmp(err.msg, cases[i].want_msg, strlen(cases[i].want_msg)));
		}
		job_release(&job);
	}
}

static void test_no_window(void)
{
	struct job_opts o;
	struct job job;
	struct sh_error err = { 0 };

	memset(&o, 0, sizeof(o));
	o.catalogue = "data/catalogue.csv";
	job_init(&job, &o);
	CU_ASSERT(job_prepare(&job, NULL, &err) == 0);
	CU_ASSERT(!job.cfg.have_window);
	CU_ASSERT(job.cfg.matcher != NULL);
	job_release(&job);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "window from --week/--since/--until/--tz", test_window },
		{ "no window: every event", test_no_window },
	};
	return test_run("job", cases, sizeof(cases) / sizeof(cases[0]));
}
