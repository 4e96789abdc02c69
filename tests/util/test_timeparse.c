/* test_timeparse.c - every timestamp form the logs and the command line use. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests/testlib.h"
#include "util/timeparse.h"

static void test_parse(void)
{
	static const struct {
		const char *in;
		int ok;
		double want;
	} cases[] = {
		{ "1529701969.818328", 1, 1529701969.818328 }, /* Mailgun float seconds */
		{ "1513299569", 1, 1513299569 },               /* SendGrid integer seconds */
		{ "1591726752372", 1, 1591726752.372 },        /* 13-digit milliseconds */
		{ "2024-07-08T16:30:18.530Z", 1, 1720456218.530 }, /* Mailgun Logs API */
		{ "2024-07-08T18:30:18+02:00", 1, 1720456218 },
		{ "2024-07-08 16:30:18", 1, 1720456218 },
		{ "2024-07-08", 1, 1720396800 },
		{ "Thu, 13 Oct 2011 18:02:00 +0000", 1, 1318528920 },
		{ "Tue, 14 Feb 2012 00:00:00 UTC", 1, 1329177600 },
		{ "Fri, 21 Oct 2011 11:02:55 GMT", 1, 1319194975 },
		{ "Mon, 08 Jul 2024 00:00:00 -0000", 1, 1720396800 },
		{ " 1513299569 ", 1, 1513299569 },
		{ "2024-02-30", 0, 0 },
		{ "2024-13-01", 0, 0 },
		{ "yesterday", 0, 0 },
		{ "", 0, 0 },
		{ "12abc", 0, 0 },
		{ "2024-07-08T25:00:00Z", 0, 0 },
		{ "99999999999999999999", 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = 0;
		int ok = time_parse(cases[i].in, strlen(cases[i].in), &got) == 0;
		if (ok != cases[i].ok || (ok && fabs(got - cases[i].want) > 0.001))
			fprintf(stderr, "  '%s': got ok=%d %.3f, want ok=%d %.3f\n", cases[i].in, ok,
				got, cases[i].ok, cases[i].want);
		CU_ASSERT(ok == cases[i].ok);
		CU_ASSERT(!ok || fabs(got - cases[i].want) <= 0.001);
	}
}

static void test_bounds_and_weeks(void)
{
	double t = 0, s = 0, e = 0;
	char buf[32];
	long off = 0;

	CU_ASSERT(time_parse_bound("7d", 1000000, &t) == 0 && t == 1000000 - 7 * 86400);
	CU_ASSERT(time_parse_bound("24h", 1000000, &t) == 0 && t == 1000000 - 86400);
	CU_ASSERT(time_parse_bound("2w", 2000000, &t) == 0 && t == 2000000 - 14 * 86400);
	CU_ASSERT(time_parse_bound("7x", 1000000, &t) != 0);
	/* 2026-W47 is Monday 16 November 2026 */
	CU_ASSERT(time_parse_iso_week("2026-W47", 0, &s, &e) == 0);
	time_format_iso(s, buf);
	TEST_STR_EQ(buf, "2026-11-16T00:00:00Z");
	CU_ASSERT(e - s == 7 * 86400);
	/* 2026-W01 starts on 29 December 2025 (January 1st 2026 is a Thursday) */
	CU_ASSERT(time_parse_iso_week("2026-W01", 0, &s, &e) == 0);
	time_format_iso(s, buf);
	TEST_STR_EQ(buf, "2025-12-29T00:00:00Z");
	CU_ASSERT(time_parse_iso_week("2025-W53", 0, &s, &e) != 0); /* 2025 has 52 weeks */
	CU_ASSERT(time_parse_iso_week("2026-W53", 0, &s, &e) == 0); /* 2026 starts on a Thursday */
	CU_ASSERT(time_parse_iso_week("2020-W53", 0, &s, &e) == 0); /* 2020 has */
	CU_ASSERT(time_parse_tz_offset("+02:00", &off) == 0 && off == 7200);
	CU_ASSERT(time_parse_iso_week("2026-W47", off, &s, &e) == 0);
	time_format_iso(s, buf);
	TEST_STR_EQ(buf, "2026-11-15T22:00:00Z");
	time_format_day(1720456218.5, buf);
	TEST_STR_EQ(buf, "2024-07-08");
}

static void test_local_forms(void)
{
	static const struct {
		const char *in;
		enum time_date_order order;
		int rc;
		double want;
	} cases[] = {
		{ "16.11.2026 09:15", TIME_ORDER_AUTO, 0, 1794820500 },   /* German export */
		{ "16.11.26", TIME_ORDER_AUTO, 0, 1794787200 },           /* two-digit year */
		{ "16.11.99", TIME_ORDER_AUTO, 0, 942710400 },            /* ... of the 1900s */
		{ "2026-11-16 09:15:00 +0100", TIME_ORDER_AUTO, 0, 1794816900 },
		{ "11/16/2026 9:15 AM", TIME_ORDER_AUTO, 0, 1794820500 }, /* US export */
		{ "11/16/2026 9:15 PM", TIME_ORDER_AUTO, 0, 1794863700 },
		{ "11/16/2026 12:15 AM", TIME_ORDER_AUTO, 0, 1794788100 },
		{ "16/11/2026 09:15", TIME_ORDER_AUTO, 0, 1794820500 },
		{ "6.5.2026", TIME_ORDER_AUTO, 0, 1778025600 },           /* dots: day first */
		{ "05/06/2026", TIME_ORDER_AUTO, TIME_AMBIGUOUS, 0 },
		{ "05/06/2026", TIME_ORDER_DMY, 0, 1780617600 },
		{ "05/06/2026", TIME_ORDER_MDY, 0, 1778025600 },
		{ "16.11.2026T09:15Z", TIME_ORDER_AUTO, 0, 1794820500 },
		{ "16.11.2026 09:15 UTC", TIME_ORDER_AUTO, 0, 1794820500 },
		{ "2026/11/16", TIME_ORDER_DMY, 0, 1794787200 },          /* year first wins */
		{ "16/11/2026", TIME_ORDER_MDY, -1, 0 },                  /* no 16th month */
		{ "31.02.2026", TIME_ORDER_AUTO, -1, 0 },
		{ "16.11.2026 25:00", TIME_ORDER_AUTO, -1, 0 },
		{ "16.11.2026 13:00 PM", TIME_ORDER_AUTO, -1, 0 },
		{ "16.11.2026 09:15 later", TIME_ORDER_AUTO, -1, 0 },
		{ "16.11/2026", TIME_ORDER_AUTO, -1, 0 },
		{ "1.2.3", TIME_ORDER_AUTO, -1, 0 },
		{ "123.11.2026", TIME_ORDER_AUTO, -1, 0 },
		{ "1513299569", TIME_ORDER_DMY, 0, 1513299569 },          /* what time_parse takes */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = 0;
		int rc = time_parse_local(cases[i].in, strlen(cases[i].in), cases[i].order, &got, NULL);
		if (rc != cases[i].rc || (rc == 0 && fabs(got - cases[i].want) > 0.001))
			fprintf(stderr, "  '%s' (order %d): got %d %.0f, want %d %.0f\n", cases[i].in,
				(int)cases[i].order, rc, got, cases[i].rc, cases[i].want);
		CU_ASSERT(rc == cases[i].rc);
		CU_ASSERT(rc != 0 || fabs(got - cases[i].want) <= 0.001);
	}
}

static void test_fits_and_order_names(void)
{
	unsigned fits = 0;
	double t;

	CU_ASSERT(time_parse_local("05/06/2026", 10, TIME_ORDER_AUTO, &t, &fits) == TIME_AMBIGUOUS);
	CU_ASSERT(fits == (TIME_FITS_DMY | TIME_FITS_MDY));
	CU_ASSERT(time_parse_local("13/06/2026", 10, TIME_ORDER_AUTO, &t, &fits) == 0);
	CU_ASSERT(fits == TIME_FITS_DMY);
	CU_ASSERT(time_parse_local("06/13/2026", 10, TIME_ORDER_AUTO, &t, &fits) == 0);
	CU_ASSERT(fits == TIME_FITS_MDY);
	CU_ASSERT(time_parse_local("2026-06-13", 10, TIME_ORDER_AUTO, &t, &fits) == 0);
	CU_ASSERT(fits == 0);
	fits = 7; /* a blank cell is no date: no order fits (fuzz_timeparse found it unset) */
	CU_ASSERT(time_parse_local("  ", 2, TIME_ORDER_AUTO, &t, &fits) == -1);
	CU_ASSERT(fits == 0);
	CU_ASSERT(time_date_order_from_name("dmy") == TIME_ORDER_DMY);
	CU_ASSERT(time_date_order_from_name("MDY") == TIME_ORDER_MDY);
	CU_ASSERT(time_date_order_from_name("ymd") == TIME_ORDER_YMD);
	CU_ASSERT(time_date_order_from_name("auto") == TIME_ORDER_AUTO);
	CU_ASSERT(time_date_order_from_name("dym") == -1);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "timestamps of every log format", test_parse },
		{ "relative bounds, ISO weeks, offsets", test_bounds_and_weeks },
		{ "dates as spreadsheets write them, --date-order", test_local_forms },
		{ "which orders a date fits; order names", test_fits_and_order_names },
	};
	return test_run("timeparse", tests, sizeof(tests) / sizeof(tests[0]));
}
