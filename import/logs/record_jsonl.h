/* record_jsonl.h - normalized records as JSON Lines: written by `sendhealth import`, read
 * back by every command (format "records").
 * Contract: one object per line, keys in this fixed order, named as the record's fields:
 *   source event severity timestamp timestamp_unix esp sending_domain sender recipient
 *   recipient_domain recipient_provider smtp_code enhanced_code message description
 *   esp_reason bounce_classification message_id event_id tags subaccount file line
 * "timestamp" is ISO 8601 UTC to the whole second ("2018-06-22T18:29:58Z"); the exact
 * value, fraction included, is "timestamp_unix" (seconds, up to 6 decimals). Both are null
 * when the time is unknown, as is smtp_code when there is none; every other field is a
 * string ("" when empty) except line. Output is valid JSON for any input: control
 * characters are escaped and invalid UTF-8 is replaced by U+FFFD. Reading back gives the
 * same records, including the original source, file and line.
 * Threads: record_jsonl_append is thread-safe (it writes only to out); the format is static
 * data, each reader belongs to one logread (import/reader.h). */
#ifndef SH_IMPORT_LOGS_RECORD_JSONL_H
#define SH_IMPORT_LOGS_RECORD_JSONL_H

#include "import/logs/jsonstream.h"
#include "model/record.h"
#include "util/strbuf.h"

/* Appends r as one line (ending in '\n') to out. */
void record_jsonl_append(struct strbuf *out, const struct sh_record *r);

extern const struct js_format record_jsonl_format;

#endif
