/* generic_csv.h - failure logs as CSV with a header: any sender's (a CRM's Gmail, Outlook or
 * SMTP log) and SendGrid's Email Activity export.
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
 * outlook), else "smtp". */
#ifndef SH_IMPORT_LOGS_GENERIC_CSV_H
#define SH_IMPORT_LOGS_GENERIC_CSV_H

#include <stddef.h>

#include "util/error.h"

struct logread;

#define GCSV_MAX_MAP 24

struct gcsv_map {
	struct {
		int field;       /* enum gcsv_field (private) */
		char column[64]; /* header name as given */
	} m[GCSV_MAX_MAP];
	int n;
};

/* Parses "field=column,field=column". Returns 0, or -1 with an SH_ERR_USAGE error. */
int gcsv_parse_map(const char *spec, struct gcsv_map *map, struct sh_error *err);

struct gcsv;

/* sendgrid: the Email Activity export (its column names and event names). */
struct gcsv *gcsv_new(struct logread *lr, const struct gcsv_map *map, int sendgrid, char delim);
void gcsv_free(struct gcsv *g);
/* 0 to go on, -1 when reading must stop. */
int gcsv_feed(struct gcsv *g, const char *buf, size_t len);
int gcsv_finish(struct gcsv *g);

#endif
