/* timeparse.c - epoch, ISO 8601, RFC 2822, relative and ISO-week times; our own calendar
 * arithmetic so that no TZ or locale setting changes a result. */
#include "util/timeparse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

long time_days_from_civil(long y, unsigned m, unsigned d)
{
	/* Howard Hinnant's days_from_civil */
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void time_civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(long y, unsigned m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : dm[m - 1];
}

/* Reads exactly n digits. */
static int digits(const char **p, const char *end, int n, long *out)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (*p >= end || !isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return 0;
}

static int parse_offset(const char **p, const char *end, long *off)
{
	long h, mi = 0;
	int sign;

	if (*p < end && (**p == 'Z' || **p == 'z')) {
		(*p)++;
		*off = 0;
		return 0;
	}
	if (*p >= end || (**p != '+' && **p != '-'))
		return -1;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, end, 2, &h) != 0)
		return -1;
	if (*p < end && **p == ':')
		(*p)++;
	if (*p < end && digits(p, end, 2, &mi) != 0)
		return -1;
	if (h > 23 || mi > 59)
		return -1;
	*off = sign * (h * 3600 + mi * 60);
	return 0;
}

static int parse_iso(const char *s, const char *end, double *out)
{
	const char *p = s;
	long y, mo, d, h = 0, mi = 0, sec = 0, off = 0;
	double frac = 0;

	if (digits(&p, end, 4, &y) || p >= end || *p++ != '-' || digits(&p, end, 2, &mo) ||
	    p >= end || *p++ != '-' || digits(&p, end, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (unsigned)mo))
		return -1;
	if (p < end && (*p == 'T' || *p == 't' || *p == ' ')) {
		p++;
		if (digits(&p, end, 2, &h) || p >= end || *p++ != ':' || digits(&p, end, 2, &mi))
			return -1;
		if (p < end && *p == ':') {
			p++;
			if (digits(&p, end, 2, &sec))
				return -1;
			if (p < end && (*p == '.' || *p == ',')) {
				double scale = 0.1;
				p++;
				if (p >= end || !isdigit((unsigned char)*p))
					return -1;
				while (p < end && isdigit((unsigned char)*p)) {
					frac += (*p - '0') * scale;
					scale /= 10;
					p++;
				}
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (p < end) {
			while (p < end && *p == ' ')
				p++;
			if (p < end && (parse_offset(&p, end, &off) != 0 && !(end - p == 3 && text_istarts(p, "UTC") && (p += 3))))
				return -1;
		}
	}
	if (p != end)
		return -1;
	*out = (double)time_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 + h * 3600 +
	       mi * 60 + sec + frac - off;
	return 0;
}

static int parse_rfc2822(const char *s, const char *end, double *out)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
					      "jul", "aug", "sep", "oct", "nov", "dec" };
	const char *p = s;
	long d, y, h, mi, sec = 0, off = 0;
	int mo = -1, i;

	/* optional weekday */
	if (end - p >= 4 && isalpha((unsigned char)p[0]) && p[3] == ',') {
		p += 4;
	}
	while (p < end && *p == ' ')
		p++;
	if (p < end && isdigit((unsigned char)*p) && p + 1 < end && isdigit((unsigned char)p[1])) {
		if (digits(&p, end, 2, &d))
			return -1;
	} else if (digits(&p, end, 1, &d)) {
		return -1;
	}
	if (p >= end || *p++ != ' ' || end - p < 3)
		return -1;
	for (i = 0; i < 12; i++)
		if (text_istarts(p, months[i]))
			mo = i + 1;
	if (mo < 0)
		return -1;
	p += 3;
	if (p >= end || *p++ != ' ' || digits(&p, end, 4, &y) || p >= end || *p++ != ' ' ||
	    digits(&p, end, 2, &h) || p >= end || *p++ != ':' || digits(&p, end, 2, &mi))
		return -1;
	if (p < end && *p == ':') {
		p++;
		if (digits(&p, end, 2, &sec))
			return -1;
	}
	while (p < end && *p == ' ')
		p++;
	if (p < end) {
		if (end - p == 3 && (text_istarts(p, "GMT") || text_istarts(p, "UTC")))
			p += 3;
		else if (parse_offset(&p, end, &off) != 0)
			return -1;
	}
	if (p != end || d < 1 || d > days_in_month(y, (unsigned)mo) || h > 23 || mi > 59 || sec > 60)
		return -1;
	*out = (double)time_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 + h * 3600 +
	       mi * 60 + sec - off;
	return 0;
}

static int parse_epoch(const char *s, const char *end, double *out)
{
	const char *p = s;
	size_t intdigits = 0;
	char buf[40];
	double v;

	while (p < end && isdigit((unsigned char)*p)) {
		p++;
		intdigits++;
	}
	if (!intdigits || intdigits > 16)
		return -1;
	if (p < end && *p == '.') {
		p++;
		while (p < end && isdigit((unsigned char)*p))
			p++;
	}
	if (p != end || (size_t)(end - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(end - s));
	buf[end - s] = '\0';
	v = strtod(buf, NULL);
	if (intdigits >= 13)
		v /= 1000.0; /* milliseconds */
	if (!isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int time_parse(const char *s, size_t len, double *out)
{
	const char *end;

	text_trim(&s, &len);
	if (!len)
		return -1;
	end = s + len;
	if (len >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-')
		return parse_iso(s, end, out);
	if (isdigit((unsigned char)s[0]) && parse_epoch(s, end, out) == 0)
		return 0;
	return parse_rfc2822(s, end, out);
}

int time_date_order_from_name(const char *s)
{
	static const char *const names[] = { "auto", "dmy", "mdy", "ymd" };
	int i;

	for (i = 0; i < 4; i++)
		if (text_ieq(s, names[i]))
			return i;
	return -1;
}

/* 1 to max digits; their count in *n. */
static int digit_run(const char **p, const char *end, int max, long *v, int *n)
{
	*v = 0;
	*n = 0;
	while (*p < end && *n < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		(*n)++;
	}
	return *n && !(*p < end && isdigit((unsigned char)**p)) ? 0 : -1;
}

static void skip_spaces(const char **p, const char *end)
{
	while (*p < end && **p == ' ')
		(*p)++;
}

/* "AM"/"PM" (also "a.m."): 1 for PM, 0 for AM, -1 when none; *p moves past it. */
static int meridiem(const char **p, const char *end)
{
	const char *q = *p;
	int pm;

	if (q >= end || (*q != 'a' && *q != 'A' && *q != 'p' && *q != 'P'))
		return -1;
	pm = *q == 'p' || *q == 'P';
	q++;
	if (q < end && *q == '.')
		q++;
	if (q >= end || (*q != 'm' && *q != 'M'))
		return -1;
	q++;
	if (q < end && *q == '.')
		q++;
	*p = q;
	return pm;
}

/* After a date: nothing, or " 09:15[:00][ AM][ +0100]"; seconds of the day minus the offset. */
static int parse_clock(const char *p, const char *end, long *secs)
{
	long h, mi, sec = 0, off = 0;
	int n, pm;

	*secs = 0;
	if (p == end)
		return 0;
	if (*p == 'T' || *p == ',')
		p++;
	skip_spaces(&p, end);
	if (digit_run(&p, end, 2, &h, &n) || p >= end || *p++ != ':' || digits(&p, end, 2, &mi))
		return -1;
	if (p < end && *p == ':' && (p++, digits(&p, end, 2, &sec)))
		return -1;
	skip_spaces(&p, end);
	if ((pm = meridiem(&p, end)) >= 0) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (pm ? 12 : 0);
	}
	skip_spaces(&p, end);
	if (p < end && end - p == 3 && (text_istarts(p, "UTC") || text_istarts(p, "GMT")))
		p += 3;
	else if (p < end && parse_offset(&p, end, &off) != 0)
		return -1;
	if (p != end || h > 23 || mi > 59 || sec > 60)
		return -1;
	*secs = h * 3600 + mi * 60 + sec - off;
	return 0;
}

static int valid_date(long y, long m, long d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, (unsigned)m);
}

static int parse_numeric(const char *s, const char *end, enum time_date_order order,
			 double *out, unsigned *fits)
{
	const char *p = s;
	long a, b, c, y, m, d, secs;
	int na, nb, nc;
	char sep;

	if (digit_run(&p, end, 4, &a, &na) || p >= end || !strchr("./-", *p))
		return -1;
	sep = *p++;
	if (digit_run(&p, end, 2, &b, &nb) || p >= end || *p++ != sep ||
	    digit_run(&p, end, 4, &c, &nc) || na == 3 || nc == 3 || (na == 4 ? nc > 2 : nc == 1) ||
	    parse_clock(p, end, &secs))
		return -1;
	if (na == 4 || order == TIME_ORDER_YMD) {
		y = a, m = b, d = c;
	} else {
		y = nc == 2 ? c + (c < 70 ? 2000 : 1900) : c;
		*fits = (valid_date(y, b, a) ? TIME_FITS_DMY : 0) |
			(valid_date(y, a, b) ? TIME_FITS_MDY : 0);
		if (order == TIME_ORDER_AUTO && sep == '.')
			order = TIME_ORDER_DMY;
		if (order == TIME_ORDER_AUTO && *fits == (TIME_FITS_DMY | TIME_FITS_MDY))
			return TIME_AMBIGUOUS;
		if (order == TIME_ORDER_AUTO)
			order = *fits == TIME_FITS_MDY ? TIME_ORDER_MDY : TIME_ORDER_DMY;
		d = order == TIME_ORDER_DMY ? a : b;
		m = order == TIME_ORDER_DMY ? b : a;
	}
	if (y < 1 || y > 9999 || !valid_date(y, m, d))
		return -1;
	*out = (double)time_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400.0 + (double)secs;
	return 0;
}

int time_parse_local(const char *s, size_t len, enum time_date_order order, double *out,
		     unsigned *fits)
{
	unsigned f = 0;
	int rc;

	if (fits)
		*fits = 0; /* a blank text too */
	text_trim(&s, &len);
	if (!len)
		return -1;
	rc = time_parse(s, len, out) == 0 ? 0 : parse_numeric(s, s + len, order, out, &f);
	if (fits)
		*fits = f;
	return rc;
}

int time_parse_bound(const char *s, time_t now, double *out)
{
	size_t n = strlen(s);
	long v;

	if (n >= 2 && n < 12 && strchr("mhdw", s[n - 1]) &&
	    text_parse_longn(s, n - 1, 0, 100000000L, &v) == 0 && isdigit((unsigned char)s[0])) {
		long unit = s[n - 1] == 'm' ? 60 : s[n - 1] == 'h' ? 3600 : s[n - 1] == 'd' ? 86400 : 604800;
		*out = (double)now - (double)v * (double)unit;
		return 0;
	}
	return time_parse(s, n, out);
}

int time_parse_iso_week(const char *s, long tz_offset, double *start, double *end)
{
	const char *p = s, *e = s + strlen(s);
	long y, w, jan4, monday1;
	int weeks;

	if (digits(&p, e, 4, &y) || p >= e || *p++ != '-' || p >= e || (*p != 'W' && *p != 'w'))
		return -1;
	p++;
	if (digits(&p, e, 2, &w) || p != e)
		return -1;
	/* week 1 holds January 4th; ISO weeks start on Monday */
	jan4 = time_days_from_civil(y, 1, 4);
	monday1 = jan4 - ((jan4 + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
	{
		long next_jan4 = time_days_from_civil(y + 1, 1, 4);
		long next_monday1 = next_jan4 - ((next_jan4 + 3) % 7 + 7) % 7;
		weeks = (int)((next_monday1 - monday1) / 7);
	}
	if (w < 1 || w > weeks)
		return -1;
	*start = (double)(monday1 + (w - 1) * 7) * 86400.0 - (double)tz_offset;
	*end = *start + 7 * 86400.0;
	return 0;
}

int time_parse_tz_offset(const char *s, long *out)
{
	const char *p = s, *e = s + strlen(s);

	if (text_ieq(s, "UTC") || text_ieq(s, "GMT")) {
		*out = 0;
		return 0;
	}
	if (parse_offset(&p, e, out) != 0 || p != e)
		return -1;
	return 0;
}

void time_format_iso(double t, char out[32])
{
	long secs = (long)floor(t);
	long days = (secs >= 0 ? secs : secs - 86399) / 86400;
	long rem = secs - days * 86400;
	long y;
	unsigned m, d;

	time_civil_from_days(days, &y, &m, &d);
	snprintf(out, 32, "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)(y % 10000), m % 13, d % 32,
		 (int)(rem / 3600 % 24), (int)(rem / 60 % 60), (int)(rem % 60));
}

void time_format_day(double t, char out[16])
{
	long secs = (long)floor(t);
	long days = (secs >= 0 ? secs : secs - 86399) / 86400;
	long y;
	unsigned m, d;

	time_civil_from_days(days, &y, &m, &d);
	snprintf(out, 16, "%04d-%02u-%02u", (int)(y % 10000), m % 13, d % 32);
}
