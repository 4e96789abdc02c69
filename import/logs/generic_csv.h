/* generic_csv.h - failure logs as CSV with a header: any sender's (a CRM's Gmail, Outlook or
 * SMTP log), and a sender's own export through its dialect (import/logs/sendgrid_csv.h).
 * Contract: columns are found by name (case, spaces, '_', '-' and '.' ignored; common
 * synonyms such as email/to/recipient or response/error/reason), or named with --map
 * (field=column,…; field names are the record's: timestamp date time recipient sender
 * smtp_code enhanced_code message description sending_domain recipient_domain event status
 * esp message_id event_id tags subaccount esp_reason bounce_classification severity).
 * A "status" column is read by its value: 550 is a code, 5.1.1 an enhanced code, "bounced"
 * an event. Without an event column a row is a failure (delivered for 2xx codes). A CSV
 * naming no recipient, code, message or event column is refused as a whole
 * (unmapped_columns). With a timestamp column every row needs a readable time; without
 * one, timestamps are 0. The ESP is the provider column's, else the sender domain's (gmail,
 * outlook), else "smtp".
 * Threads: gcsv_parse_map is pure; a gcsv is one thread's. */
#ifndef SH_IMPORT_LOGS_GENERIC_CSV_H
#define SH_IMPORT_LOGS_GENERIC_CSV_H

#include <stddef.h>

#include "model/record.h"
#include "util/error.h"
#include "util/timeparse.h"

struct logread;
struct recbuild;

enum gcsv_field {
	GF_TIMESTAMP, GF_DATE, GF_TIME, GF_RECIPIENT, GF_SENDER, GF_SMTP_CODE, GF_ENHANCED,
	GF_MESSAGE, GF_DESCRIPTION, GF_SENDING_DOMAIN, GF_RECIPIENT_DOMAIN, GF_EVENT, GF_STATUS,
	GF_ESP, GF_MESSAGE_ID, GF_EVENT_ID, GF_TAGS, GF_SUBACCOUNT, GF_ESP_REASON,
	GF_BOUNCE_CLASS, GF_SEVERITY, GF_COUNT
};

#define GCSV_MAX_MAP 24

struct gcsv_map {
	struct {
		int field;       /* enum gcsv_field */
		char column[64]; /* header name as given */
	} m[GCSV_MAX_MAP];
	int n;
};

/* Parses "field=column,field=column". Returns 0, or -1 with an SH_ERR_USAGE error. */
int gcsv_parse_map(const char *spec, struct gcsv_map *map, struct sh_error *err);

struct gcsv;

/* A header name a dialect gives a field: lowercase letters and digits, as header names are
 * compared. */
struct gcsv_column {
	const char *name;
	enum gcsv_field field;
};

/* An export whose layout one sender fixes: its column names, its event words, its ESP. */
struct gcsv_dialect {
	const char *esp;                   /* every row's ESP */
	enum sh_source source;
	const struct gcsv_column *columns; /* checked before the synonyms */
	size_t ncolumns;
	/* The row's event from its event and esp_reason cells (either may be empty), with
	 * whatever the sender's words add to rb; EV_UNKNOWN when the row names none (skipped
	 * as unknown_event). Replaces reading the generic event and status columns. */
	enum sh_event (*event)(struct recbuild *rb, const char *ev, size_t n, const char *type,
			       size_t tn, enum sh_severity *sev);
};

/* A reader reporting to lr (borrowed until gcsv_free, as are map and dialect; both may be
 * NULL: no --map, any sender's CSV). delim: 0 for ','. Never fails (out of memory aborts).
 * Not thread-safe: one reader, one thread. */
struct gcsv *gcsv_new(struct logread *lr, const struct gcsv_map *map,
		      const struct gcsv_dialect *dialect, char delim);
void gcsv_free(struct gcsv *g);
/* --date-order: how dates of numbers only are read (before the first feed). With
 * TIME_ORDER_AUTO (the default) the first chunk's rows are read ahead: when the dates that
 * fit only one order (13/06/2026) all fit the same one, the file's ambiguous dates
 * (05/06/2026) are read that way; otherwise the first such row later settles it, and a
 * row still ambiguous is skipped as ambiguous_date. Dates with dots are day-month-year. */
void gcsv_set_date_order(struct gcsv *g, enum time_date_order order);
/* g reads a slice of a file (past its first record) whose first bytes are head[0..n): the
 * date order is sniffed from that head as for the whole file, and the file-wide "no row
 * has a recipient" verdict is left to the head's reader (the caller checked the head has
 * recipients). Call before the first gcsv_feed. */
void gcsv_slice_of(struct gcsv *g, const char *head, size_t n);
/* 0 to go on, -1 when reading must stop. */
int gcsv_feed(struct gcsv *g, const char *buf, size_t len);
int gcsv_finish(struct gcsv *g);

#endif
