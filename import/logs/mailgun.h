/* mailgun.h - Mailgun events (Events API items, webhook "event-data", Logs API items) to
 * records. Contract: a jsonstream handler; one record per event object. Required: "event"
 * (else unknown_event), "timestamp" or "@timestamp" (else missing_timestamp /
 * bad_timestamp), "recipient" except for rejected and non-delivery events (else
 * missing_recipient); for rejected events without one the first header To address is used.
 * Threads: the format is static data; each reader it makes belongs to one logread
 * (import/reader.h). */
#ifndef SH_IMPORT_LOGS_MAILGUN_H
#define SH_IMPORT_LOGS_MAILGUN_H

#include "import/logs/jsonstream.h"

extern const struct js_format mailgun_format;

#endif
