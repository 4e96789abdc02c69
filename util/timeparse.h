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
