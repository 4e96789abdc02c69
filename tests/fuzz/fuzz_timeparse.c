/* fuzz_timeparse.c - time and window parsing: timestamps in logs (time_parse on an
 * unterminated buffer), dates as spreadsheets write them (time_parse_local, in the date
 * order the input's length picks), --since/--until, --week, --tz, --date-order names.
 * Invariants: results are finite; an ambiguous date fits both orders;
 * a parsed time printed as ISO 8601 parses back to the same whole second; --week spans
 * seven days; day numbers and civil dates convert both ways. */
#include "tests/fuzz/fuzz.h"

#include <math.h>

#include "util/timeparse.h"

/* The proleptic Gregorian years the formatter is meant for. */
#define T_MIN -62135596800.0 /* 0001-01-01 */
#define T_MAX 253402300799.0 /* 9999-12-31T23:59:59 */

static void check_time(double t)
{
	char iso[32], day[16];
	double back;

	FUZZ_CHECK(isfinite(t));
	if (t < T_MIN || t > T_MAX)
		return;
	time_format_iso(t, iso);
	time_format_day(t, day);
	FUZZ_CHECK(memchr(iso, 0, sizeof(iso)) && memchr(day, 0, sizeof(day)));
	if (time_parse(iso, strlen(iso), &back) != 0 || back != floor(t)) {
		fprintf(stderr, "%.6f printed as '%s' reads back as %.6f\n", t, iso, back);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double t, start, end;
	long tz, y, d;
	unsigned m, dd;
	char *s;

	unsigned fits;
	int rc;

	if (time_parse((const char *)data, size, &t) == 0)
		check_time(t);
	rc = time_parse_local((const char *)data, size, (enum time_date_order)(size % 4), &t, &fits);
	FUZZ_CHECK(rc == 0 || rc == TIME_AMBIGUOUS || rc == -1);
	FUZZ_CHECK((fits & ~(unsigned)(TIME_FITS_DMY | TIME_FITS_MDY)) == 0);
	if (rc == 0)
		check_time(t);
	else if (rc == TIME_AMBIGUOUS)
		FUZZ_CHECK(fits == (TIME_FITS_DMY | TIME_FITS_MDY));
	s = xstrndup((const char *)data, size);
	rc = time_date_order_from_name(s);
	FUZZ_CHECK(rc >= -1 && rc <= TIME_ORDER_YMD);
	if (time_parse_bound(s, (time_t)1767225600, &t) == 0)
		check_time(t);
	if (time_parse_tz_offset(s, &tz) == 0)
		FUZZ_CHECK(tz > -86400 && tz < 86400);
	if (time_parse_iso_week(s, 0, &start, &end) == 0) {
		FUZZ_CHECK(end - start == 7 * 86400.0);
		check_time(start);
	}
	if (size >= 8) {
		memcpy(&d, data, sizeof(d) < size ? sizeof(d) : size);
		d %= 100000000L; /* +- 273,000 years */
		time_civil_from_days(d, &y, &m, &dd);
		FUZZ_CHECK(m >= 1 && m <= 12 && dd >= 1 && dd <= 31);
		FUZZ_CHECK(time_days_from_civil(y, m, dd) == d);
	}
	free(s);
	return 0;
}
