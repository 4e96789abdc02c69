/* timeparse.h - timestamps as logs and people write them, to Unix seconds (UTC).
 * Contract: pure, thread-safe, no locale or TZ dependence; every parser takes the whole
 * (ptr, len) string and returns 0, or -1 when it is not a valid time.
 * Results go into the caller's buffers; nothing is allocated.
 * Thread-safe. */
#ifndef SH_UTIL_TIMEPARSE_H
#define SH_UTIL_TIMEPARSE_H

#include <stddef.h>
#include <time.h>

/* Epoch seconds (integer or fractional), 13-digit epoch milliseconds, ISO 8601
 * ("2024-07-08", "2024-07-08T16:30:18.530Z", "2024-07-08 16:30:18+02:00") and RFC 2822
 * ("Thu, 13 Oct 2011 18:02:00 +0000", "... GMT"/"UTC"). */
int time_parse(const char *s, size_t len, double *out);

/* The order of day, month and year in a date written with numbers only. */
enum time_date_order { TIME_ORDER_AUTO, TIME_ORDER_DMY, TIME_ORDER_MDY, TIME_ORDER_YMD };
#define TIME_FITS_DMY (1u << TIME_ORDER_DMY)
#define TIME_FITS_MDY (1u << TIME_ORDER_MDY)
#define TIME_AMBIGUOUS 1

/* "dmy", "mdy", "ymd", "auto" to an order; -1 when none of them. */
int time_date_order_from_name(const char *s);

/* Times as spreadsheets and people write them, besides everything time_parse takes: a
 * date of numbers "16.11.2026", "16.11.26", "11/16/2026", "16-11-2026" (a two-digit year
 * is 19xx from 70, else 20xx), optionally followed by a time "09:15", "9:15:30", "9:15 AM"
 * and an offset ("+0100", "+01:00", "Z", "UTC", "GMT"; none: UTC). A year of four digits
 * first is always year-month-day. With order TIME_ORDER_AUTO a date with dots is
 * day-month-year (as written in German), and one with '/' or '-' is whichever of
 * day-month and month-day makes a valid date; when both do, the result is TIME_AMBIGUOUS
 * (1) and *out is not set. fits (may be NULL) gets TIME_FITS_DMY | TIME_FITS_MDY for the
 * orders a numeric date with a one- or two-digit first part is valid in (0 for any other
 * form). Returns 0, TIME_AMBIGUOUS, or -1 when s is no time. Thread-safe. */
int time_parse_local(const char *s, size_t len, enum time_date_order order, double *out,
		     unsigned *fits);

/* A window bound from the command line: anything time_parse takes, or relative to now:
 * "7d", "24h", "30m", "2w" (that long before now). */
int time_parse_bound(const char *s, time_t now, double *out);

/* An ISO week "2026-W47": Monday 00:00 UTC to the next Monday, shifted by tz_offset
 * seconds (local time = UTC + offset; Monday 00:00 local is UTC - offset). */
int time_parse_iso_week(const char *s, long tz_offset, double *start, double *end);

/* "+02:00", "-0530", "Z", "UTC" to seconds east of UTC. */
int time_parse_tz_offset(const char *s, long *out);

/* Days since 1970-01-01 for a proleptic Gregorian date (any year), and back. */
long time_days_from_civil(long y, unsigned m, unsigned d);
void time_civil_from_days(long z, long *y, unsigned *m, unsigned *d);

/* "2026-11-27T12:00:00Z" (whole seconds, UTC). out must hold 32 bytes. */
void time_format_iso(double t, char out[32]);
/* "2026-11-27" (UTC day). out must hold 16 bytes. */
void time_format_day(double t, char out[16]);

#endif
